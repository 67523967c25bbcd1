import type { Catalog } from '../types'

/**
 * German (the demo organization's own language). Plurals: one, other.
 * `app.name` is left out on purpose: the brand is not translated.
 */
export default {
  'app.tagline': 'Integrationsmentoring: Neuankommende und Einheimische, Seite an Seite',
  'app.footer': 'Tandem: Mentoring-Programme zur Integration für Städte und Vereine.',
  'a11y.skipToContent': 'Zum Hauptinhalt springen',
  // Sign-in links, codes and invitations (decision 019).
  'signIn.newCode': 'Neuen Code senden',
  'verify.checking': 'Link wird geprüft…',
  'verify.intro': 'Mit diesem Link melden Sie sich bei Tandem an als',
  'verify.notYou': 'Nicht Ihre E-Mail-Adresse? Schließen Sie diese Seite: Es passiert nichts.',
  'switch.signedInAs': 'Dieser Browser ist als {name} angemeldet.',
  'switch.question': 'Um als {email} weiterzumachen, werden Sie zuerst von diesem Konto abgemeldet.',
  'switch.continue': 'Abmelden und weiter',
  'switch.stay': 'Als {name} angemeldet bleiben',
  'accept.checking': 'Einladung wird geprüft…',
  'accept.join': '{org} lädt Sie ein, als {role} beizutreten.',
  'accept.for': 'Die Einladung ist für',
  'accept.name': 'Ihr Name',
  'accept.nameHint': 'Unter diesem Namen sieht Sie die Organisation.',
  'accept.signInTitle': 'Zum Annehmen anmelden',
  'accept.existing':
    'Zu dieser E-Mail-Adresse gibt es schon ein Tandem-Konto. Um die Einladung anzunehmen, melden Sie sich mit diesem Konto an: Wir senden einen Code an die Adresse.',
  'accept.sendCode': 'Code an diese Adresse senden',
  'accept.codeSent': 'Wir haben einen Code gesendet an',
  'accept.codeHint': 'Der Code steht in der neuesten E-Mail an diese Adresse.',
  'accept.signInAndAccept': 'Anmelden und annehmen',
  'accept.confirmTitle': 'Organisation bestätigen',
  'accept.confirmIntro':
    '{org} wurde auf Tandem mit dieser E-Mail-Adresse angelegt. Bestätigen Sie, um Inhaberin oder Inhaber zu werden.',
  'accept.confirmButton': 'Bestätigen',
  'accept.confirming': 'Wird bestätigt…',
  'problem.sign-in-code-locked':
    'Sie haben fünfmal einen falschen Code eingegeben, deshalb ist dieser Code gesperrt. Fordern Sie einen neuen Code an.',
  'problem.invitation-needs-sign-in':
    'Zu dieser E-Mail-Adresse gibt es schon ein Konto. Melden Sie sich mit diesem Konto an, um die Einladung anzunehmen.',
  'problem.other-account-signed-in':
    'Dieser Browser ist mit einem anderen Konto angemeldet. Melden Sie sich zuerst ab oder bleiben Sie angemeldet.',
} satisfies Catalog
