import type { Catalog } from '../types'

/**
 * German (the demo organization's own language). Plurals: one, other.
 * `app.name` is left out on purpose: the brand is not translated.
 */
export default {
  'app.tagline': 'Integrationsmentoring: Neuankommende und Einheimische, Seite an Seite',
  'app.footer': 'Tandem: Mentoring-Programme zur Integration für Städte und Vereine.',
  'a11y.skipToContent': 'Zum Hauptinhalt springen',
  'problem.csv-encoding-unsupported':
    'Tandem kann die Zeichen in dieser Datei nicht lesen. Speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ (oder wählen Sie die .xlsx-Arbeitsmappe) und versuchen Sie es erneut.',
} satisfies Catalog
