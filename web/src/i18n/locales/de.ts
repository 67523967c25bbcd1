import type { Catalog } from '../types'

/**
 * German (the demo organization's own language). Plurals: one, other.
 * `app.name` is left out on purpose: the brand is not translated.
 */
export default {
  'app.tagline': 'Integrationsmentoring: Neuankommende und Einheimische, Seite an Seite',
  'app.footer': 'Tandem: Mentoring-Programme zur Integration für Städte und Vereine.',
  'a11y.skipToContent': 'Zum Hauptinhalt springen',
  // The start page, first steps, the audit log and manual matches.
  'org.auditLog': 'Protokoll',
  'firstSteps.heading': 'Erste Schritte',
  'firstSteps.progress': '{done} von {count} erledigt',
  'firstSteps.done': 'erledigt',
  'firstSteps.todo': 'noch offen',
  'firstSteps.program': 'Programm anlegen',
  'firstSteps.programHint':
    'Seine Sprachen, die Fragen des Anmeldeformulars und wie Menschen zusammengebracht werden.',
  'firstSteps.form': 'Anmeldeformular teilen',
  'firstSteps.formHint':
    'Schicken Sie den Link an Neuankommende und Mentor:innen oder drucken Sie ihn auf einen Flyer. Abgehakt, sobald die erste Person im Programm ist (über das Formular, einen Import oder von Hand eingetragen).',
  'firstSteps.mentors': 'Erste Mentor:innen prüfen',
  'firstSteps.mentorsHint': 'Referenzen, Führungszeugnis und Schulung; danach für das Matching freigeben.',
  'firstSteps.match': 'Erstes Tandem bilden',
  'firstSteps.matchHint':
    'Starten Sie das Matching auf der Matching-Übersicht oder bringen Sie eine neu angekommene Person von Hand mit einer Mentorin oder einem Mentor zusammen.',
  'audit.title': 'Protokoll',
  'audit.intro':
    'Wer in dieser Organisation was getan hat, das Neueste zuerst: Änderungen, Anmeldungen und jeder Blick in geschützte Angaben.',
  'audit.area': 'Anzeigen',
  'audit.allAreas': 'Alles',
  'audit.area.people': 'Teilnehmende',
  'audit.area.matching': 'Matching',
  'audit.area.team': 'Mitglieder und Einladungen',
  'audit.area.programs': 'Organisation und Programme',
  'audit.area.sign-in': 'Anmeldungen',
  'audit.empty': 'Noch nichts protokolliert.',
  'audit.shown': {
    one: '{count} Eintrag angezeigt',
    other: '{count} Einträge angezeigt',
  },
  'audit.older': 'Ältere Einträge anzeigen',
  'audit.someone': 'Jemand',
  'audit.aProgram': 'ein Programm',
  'audit.quoted': '„{text}“',
  'audit.reason': 'Angegebener Grund: {reason}',
  'audit.purpose': 'Angegebener Zweck: {purpose}',
  'audit.other': '{actor}: {action}',
  'audit.orgCreated': '{actor} hat die Organisation angelegt.',
  'audit.programCreated': '{actor} hat das Programm {program} angelegt.',
  'audit.programUpdated': '{actor} hat die Einstellungen des Programms {program} geändert.',
  'audit.signIn': '{actor} hat sich angemeldet.',
  'audit.signOut': '{actor} hat sich abgemeldet.',
  'audit.verifyFailed': 'Für {user} wurde ein falscher Anmeldecode eingegeben.',
  'audit.mentorApproved': '{actor} hat {participant} als Mentor:in freigegeben.',
  'audit.applied': '{participant} hat sich über das Formular des Programms {program} angemeldet.',
  'audit.protectedRead': '{actor} hat geschützte Angaben von {participant} gelesen: {fields}.',
  'audit.protectedWritten': '{actor} hat geschützte Angaben von {participant} geändert: {fields}.',
  'audit.portalLinked': 'Der Eintrag von {participant} wurde mit dem Portal-Konto von {actor} verknüpft.',
  'audit.portalUnlinked': '{actor} hat {participant} den Zugang zum Portal entzogen.',
  'audit.importPreviewed':
    '{actor} hat eine CSV-Datei für das Programm {program} geprüft: {valid} von {total} Zeilen können importiert werden.',
  'audit.importCancelled': '{actor} hat einen CSV-Import abgebrochen.',
  'audit.importFailed': 'Ein von {actor} gestarteter CSV-Import ist fehlgeschlagen.',
  'audit.imported': {
    one: '{actor} hat {count} Person in das Programm {program} importiert.',
    other: '{actor} hat {count} Personen in das Programm {program} importiert.',
  },
  'audit.exported': {
    one: '{actor} hat {count} Teilnehmende des Programms {program} exportiert.',
    other: '{actor} hat {count} Teilnehmende des Programms {program} exportiert.',
  },
  'audit.runStarted': '{actor} hat das Matching im Programm {program} gestartet.',
  'audit.matchAccepted': '{actor} hat das vorgeschlagene Tandem aus {mentee} und {mentor} angenommen.',
  'audit.proposalRejected': '{actor} hat das vorgeschlagene Tandem aus {mentee} und {mentor} abgelehnt.',
  'audit.matchCreated': '{actor} hat {mentee} und {mentor} von Hand als Tandem zusammengebracht.',
  'audit.matchOverridden':
    '{actor} hat {mentee} und {mentor} von Hand als Tandem zusammengebracht, trotz: {constraints}.',
  'audit.matchPaused': '{actor} hat das Tandem von {mentee} und {mentor} pausiert.',
  'audit.matchResumed': '{actor} hat das Tandem von {mentee} und {mentor} fortgesetzt.',
  'audit.matchEnded': '{actor} hat das Tandem von {mentee} und {mentor} beendet ({reason}).',
  'audit.endRequested': '{actor} hat gebeten, das Tandem von {mentee} und {mentor} zu beenden ({reason}).',
  'audit.endRequestWithdrawn':
    '{actor} hat die Bitte zurückgezogen, das Tandem von {mentee} und {mentor} zu beenden.',
  'audit.endNoteRead':
    '{actor} hat die Notizen zu den Bitten gelesen, das Tandem von {mentee} und {mentor} zu beenden.',
  'audit.roleChanged': '{actor} hat die Rolle von {member} von {from} auf {to} geändert.',
  'audit.memberRemoved': '{actor} hat {member} ({role}) aus der Organisation entfernt.',
  'audit.invited': '{actor} hat {email} als {role} eingeladen.',
  'audit.invitationResent': '{actor} hat die Einladung an {email} erneut gesendet.',
  'audit.invitationRevoked': '{actor} hat die Einladung an {email} zurückgezogen.',
  'audit.invitationAccepted': '{actor} hat eine Einladung angenommen und ist als {role} beigetreten.',
  'audit.invitationVoided':
    'Die Einladung an {email} ist ungültig geworden, weil sich der Eintrag der teilnehmenden Person geändert hat.',
  'pair.failure.excluded': 'Sie waren schon ein Tandem, und es wurde beendet',
  'pair.failure.rejected_before': 'Dieses Paar wurde schon einmal abgelehnt',
  'pair.failure.screening_incomplete': 'Die Prüfung der Mentorin oder des Mentors ist nicht abgeschlossen',
  'pair.failure.safeguarding_gender':
    'Schutz: Es braucht eine Mentorin oder einen Mentor desselben Geschlechts',
  'pair.failure.no_shared_language': 'Keine gemeinsame Sprache auf dem Niveau, das das Programm verlangt',
  'pair.failure.too_far': 'Sie wohnen weiter auseinander, als das Programm erlaubt',
  'pair.failure.availability': 'Zu wenig gemeinsame Zeit für Treffen',
  'start.signUp': 'Organisation einrichten',
  'start.signIn': 'Anmelden',
  'start.howHeading': 'So funktioniert es',
  'start.applyTitle': 'Menschen melden sich in ihrer Sprache an',
  'start.applyBody':
    'Neuankommende und Mentor:innen füllen auf dem Handy ein kurzes Formular aus, in einer von sechs Sprachen, darunter Arabisch und Dari.',
  'start.screenTitle': 'Sie bereiten die Mentor:innen vor',
  'start.screenBody':
    'Referenzen, Führungszeugnis und Schulungen werden für alle Mentor:innen festgehalten, mit einer Erinnerung, bevor ein Nachweis abläuft.',
  'start.matchTitle': 'Tandem schlägt Paare vor',
  'start.matchBody':
    'Das Matching berücksichtigt Sprachen, Bedarfe, freie Zeit und Entfernung und begründet jeden Vorschlag. Sie entscheiden.',
  'start.followTitle': 'Tandems treffen sich, und Sie bleiben in Kontakt',
  'start.followBody':
    'Beide erhalten eine Vorstellungs-E-Mail, sehen ihr Tandem in einem einfachen Portal und können Sie vertraulich bitten, es zu beenden.',
  'start.invitedHeading': 'Wurden Sie eingeladen?',
  'start.invitedBody':
    'Mentor:innen und Neuankommende müssen nichts einrichten: Öffnen Sie den Link in Ihrer Einladungs-E-Mail oder melden Sie sich mit der Adresse an, an die sie ging.',
  'start.privacy':
    'Die Daten jeder Organisation werden getrennt von allen anderen gespeichert, sensible Angaben verschlüsselt.',
  'start.welcomeBack': 'Willkommen zurück, {name}',
  'start.anotherOrg': 'Weitere Organisation einrichten',
  'manual.heading': 'Von Hand zusammenbringen',
  'manual.intro':
    'Bringen Sie selbst eine wartende neu angekommene Person mit einer Mentorin oder einem Mentor zusammen. Das Paar wird wie ein Vorschlag geprüft; verstößt es gegen eine Regel, sehen Sie, gegen welche, und können mit einer schriftlichen Begründung fortfahren.',
  'manual.open': 'Zwei Menschen von Hand zusammenbringen',
  'manual.mentee': 'Neu angekommene Person',
  'manual.mentor': 'Mentor:in',
  'manual.search': 'Nach Name oder E-Mail suchen',
  'manual.chooseMentee': 'Neuankommende, die auf eine Mentorin oder einen Mentor warten',
  'manual.chooseMentor': 'Mentor:innen mit freiem Platz',
  'manual.choose': 'Bitte wählen…',
  'manual.nobody': 'Niemand gefunden',
  'manual.more': 'Die ersten {count} werden angezeigt. Tippen Sie, um die Liste einzugrenzen.',
  'manual.pickMentee': 'Wählen Sie eine neu angekommene Person.',
  'manual.pickMentor': 'Wählen Sie eine Mentorin oder einen Mentor.',
  'manual.submit': 'Zusammenbringen',
  'manual.matching': 'Wird zusammengebracht…',
  'manual.breaks': '{mentee} und {mentor} verstoßen gegen diese Regeln des Programms:',
  'manual.blocking':
    '{mentee} und {mentor} können nicht zusammengebracht werden: Diese Regeln schützen Menschen und lassen sich nicht übergehen.',
  'manual.overrideIntro':
    'Sie können die beiden trotzdem zusammenbringen, wenn Sie wissen, warum es passt. Ihre Begründung wird beim Tandem und im Protokoll gespeichert.',
  'manual.reason': 'Warum trotzdem zusammenbringen?',
  'manual.reasonHint': 'Mindestens {count} Zeichen.',
  'manual.reasonShort': 'Schreiben Sie mindestens {count} Zeichen.',
  'manual.override': 'Trotzdem zusammenbringen',
  'manual.menteeUnavailable':
    'Diese Person wartet nicht auf eine Mentorin oder einen Mentor (oder hat schon ein Tandem).',
  'manual.mentorUnavailable':
    'Diese Mentorin oder dieser Mentor kann gerade niemanden aufnehmen: kein freier Platz, oder die Prüfung ist nicht abgeschlossen.',
  'manual.matched': '{mentee} und {mentor} sind jetzt ein Tandem. Beide erhalten eine Vorstellungs-E-Mail.',
} satisfies Catalog
