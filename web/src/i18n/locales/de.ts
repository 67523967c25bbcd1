import type { Catalog } from '../types'

/**
 * German (the demo organization's own language). Plurals: one, other.
 * `app.name` is left out on purpose: the brand is not translated.
 */
export default {
  'app.tagline': 'Integrationsmentoring: Neuankommende und Einheimische, Seite an Seite',
  'app.footer': 'Tandem: Mentoring-Programme zur Integration für Städte und Vereine.',
  'a11y.skipToContent': 'Zum Hauptinhalt springen',
  // Participants: the table's order, the profile's Edit form, tandems and coordinator notes.
  'form.required': 'Pflichtangabe.',
  'form.missing': 'Bitte füllen Sie dies aus oder wählen Sie etwas.',
  'participants.waitingSince': 'Wartet seit',
  'participant.profileEdit': 'Profil bearbeiten',
  'participant.profileSave': 'Profil speichern',
  'participant.profileSaved': 'Profil gespeichert.',
  'participant.profileUnchanged': 'Es wurde nichts geändert.',
  'participant.interpretationYes': 'Ja, diese Person möchte eine Dolmetscherin oder einen Dolmetscher.',
  'participant.settlementNeeds': 'Braucht Hilfe bei',
  'participant.accessNeeds': 'Braucht Unterstützung, um teilzunehmen',
  'participant.location': 'Standort',
  'participant.locationShared': 'Geteilt (für die Entfernung beim Vermitteln)',
  'participant.ageBand': 'Alter',
  'participant.gender': 'Geschlecht',
  'participant.arrivalYear': 'Jahr der Ankunft',
  'participant.regionOfOrigin': 'Herkunftsregion',
  'tandems.heading': 'Tandems',
  'tandems.none': 'Noch keine Tandems.',
  'tandems.current': 'Aktuell',
  'tandems.noCurrent': 'Kein aktuelles Tandem.',
  'tandems.past': 'Frühere',
  'tandems.partner': 'Mit',
  'tandems.endReason': 'Warum es endete',
  'notes.heading': 'Notizen der Koordination',
  'notes.privacy':
    'Nur Koordination, Administration und Inhaber sehen diese Notizen. Sie werden verschlüsselt gespeichert, und jedes Anzeigen wird im Prüfprotokoll festgehalten.',
  'notes.new': 'Neue Notiz',
  'notes.newHint': 'Notieren Sie, was die Arbeit mit dieser Person unterstützt, und nicht mehr als nötig.',
  'notes.add': 'Notiz hinzufügen',
  'notes.adding': 'Wird hinzugefügt…',
  'notes.added': 'Notiz hinzugefügt.',
  'notes.none': 'Noch keine Notizen.',
  'notes.byline': '{name}, {date}',
  'notes.formerMember': 'Ein ehemaliges Mitglied',
  'notes.unreadable':
    'Diese Notiz lässt sich nicht öffnen: Der Schlüssel fehlt oder die gespeicherte Notiz wurde verändert.',
  'notes.delete': 'Löschen',
  'notes.deleteLabel': 'Löschen: Notiz vom {date}',
  'notes.deleteConfirm': 'Diese Notiz endgültig löschen? Das lässt sich nicht rückgängig machen.',
  'notes.deleteYes': 'Ja, löschen',
  'notes.keep': 'Behalten',
  'notes.deleted': 'Notiz gelöscht.',
} satisfies Catalog
