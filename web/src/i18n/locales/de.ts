import type { Catalog } from '../types'

/**
 * German (the demo organization's own language). Plurals: one, other.
 * `app.name` is left out on purpose: the brand is not translated.
 */
export default {
  'app.tagline': 'Integrationsmentoring: Neuankommende und Einheimische, Seite an Seite',
  'app.footer': 'Tandem: Mentoring-Programme zur Integration für Städte und Vereine.',
  'a11y.skipToContent': 'Zum Hauptinhalt springen',
  // The application form on a phone: steps, contact without email, answers kept on the device, form links, flyers.
  'intake.stepOf': 'Schritt {step} von {count}',
  'intake.step.you': 'Über Sie',
  'intake.step.contact': 'Wie erreichen wir Sie?',
  'intake.step.languages': 'Ihre Sprachen und was Sie mögen',
  'intake.step.needs': 'Was Sie brauchen, und Ihre Daten',
  'intake.next': 'Weiter',
  'intake.back': 'Zurück',
  'intake.kept':
    'Ihre Antworten bleiben auf diesem Handy oder Computer, bis Sie das Formular senden. So geht nichts verloren, wenn die Seite neu lädt. Was Sie brauchen, Ihren Standort und die Fragen zu Ihrer Person (wie Alter oder Herkunft) speichern wir dort nicht.',
  'intake.keptRestored': 'Willkommen zurück. Ihre Antworten von vorhin sind noch da.',
  'intake.forget': 'Meine Antworten löschen',
  'intake.forgotten': 'Ihre Antworten sind gelöscht.',
  'intake.phoneHint': 'Für einen Anruf, eine SMS oder WhatsApp. Sie kann mit + beginnen.',
  'intake.emailHintOrPhone':
    'Wir schicken Ihnen hierhin eine Nachricht. Keine E-Mail? Lassen Sie das Feld leer.',
  'intake.contactHint': 'Schreiben Sie Ihre Telefonnummer, Ihre E-Mail-Adresse oder beides.',
  'intake.contactPreference': 'Wie sollen wir Sie kontaktieren?',
  'contact.channel.phone': 'Anruf',
  'contact.channel.sms': 'SMS',
  'contact.channel.whatsapp': 'WhatsApp',
  'contact.channel.email': 'E-Mail',
  'intake.doneContactBy': 'Wir melden uns bei Ihnen unter dieser Nummer ({channel}):',
  'intake.doneContactAt': 'Wir melden uns bei Ihnen unter dieser Nummer:',
  'intake.doneQuestions': 'Fragen? So erreichen Sie {org}',
  'intake.doneCall': 'Anrufen oder schreiben:',
  'intake.doneWrite': 'E-Mail:',
  'intake.doneQuestionsNone':
    'Wenn Sie Fragen haben, fragen Sie die Person, die Ihnen den Link zu diesem Formular gegeben hat.',
  'intake.error.phoneRequired':
    'Bitte schreiben Sie Ihre Telefonnummer, damit wir Sie anrufen oder Ihnen schreiben können.',
  'intake.error.contactRequired':
    'Bitte schreiben Sie Ihre Telefonnummer oder Ihre E-Mail-Adresse, damit wir Sie erreichen.',
  'participants.contact': 'Kontakt',
  'participants.prefers': 'Bevorzugt: {channel}',
  'participants.formLinks': 'Formular-Links und QR-Codes',
  'participant.contactPreference': 'Bevorzugter Kontaktweg',
  'settings.intakeLinks': 'Links und QR-Codes für jede Sprache',
  'formLinks.title': 'Bewerbungsformular: Links und QR-Codes',
  'formLinks.intro':
    'Teilen Sie den Link für jede Sprache, oder drucken Sie einen Aushang mit QR-Code für Unterkünfte, Sprachschulen und Schwarze Bretter. Das Formular öffnet sich in dieser Sprache; dort lässt sich die Sprache wechseln.',
  'formLinks.closed':
    'Das Formular nimmt nur Bewerbungen an, solange das Programm geöffnet ist. Öffnen Sie es in den Einstellungen:',
  'formLinks.missing':
    'Das Formular gibt es nicht auf {languages}. Wer diese Sprache spricht, kann im Formular eine andere wählen.',
  'formLinks.qrLabel': 'QR-Code für das Formular auf {language}',
  'formLinks.link': 'Link',
  'formLinks.copy': 'Link kopieren',
  'formLinks.copied': 'Link kopiert.',
  'formLinks.copyFailed':
    'Der Browser hat das Kopieren nicht erlaubt. Der Link ist markiert: Kopieren Sie ihn selbst.',
  'formLinks.print': 'Aushang drucken',
  'flyer.title': 'Aushang',
  'flyer.heading': 'Aushang auf {language}',
  'flyer.hint': 'Drucken Sie diese Seite: Nur der Aushang unten wird gedruckt.',
  'flyer.print': 'Drucken',
  'flyer.back': 'Zurück zu den Links',
  'flyer.text':
    'Sie sind neu hier und möchten, dass Ihnen jemand hilft? Oder Sie leben hier und möchten helfen? Bewerben Sie sich mit dem Formular. Es dauert etwa 5 Minuten und ist kostenlos.',
  'flyer.qrLabel': 'QR-Code für das Bewerbungsformular',
  'flyer.scan': 'Scannen Sie den Code mit der Kamera Ihres Handys.',
  'flyer.orType': 'Oder geben Sie diese Adresse ein:',
  'flyer.questions': 'Fragen?',
  'org.contact': 'Kontakt für Bewerberinnen und Bewerber',
  'org.contactHint':
    'Das sehen Menschen, nachdem sie das Bewerbungsformular gesendet haben, und auf den gedruckten Aushängen – damit sie wissen, wie sie Sie erreichen.',
  'org.contactEmail': 'E-Mail',
  'org.contactPhone': 'Telefonnummer',
  'org.contactOptional': 'Leer lassen, um nichts anzuzeigen.',
  'org.contactSave': 'Kontakt speichern',
  'org.contactSaving': 'Wird gespeichert…',
  'org.contactSaved': 'Kontakt gespeichert.',
  'org.contactNone': 'Noch nicht angegeben. Inhaber oder Admins können ihn ergänzen.',
  'formLinks.for': 'Für Menschen, die {languages} sprechen',
} satisfies Catalog
