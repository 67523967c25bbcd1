import type { Catalog } from '../types'

/**
 * German (the demo organization's own language). Plurals: one, other.
 * `app.name` is left out on purpose: the brand is not translated.
 */
export default {
  'app.tagline': 'Integrationsmentoring: Neuankommende und Einheimische, Seite an Seite',
  'app.footer': 'Tandem: Mentoring-Programme zur Integration für Städte und Vereine.',
  'a11y.skipToContent': 'Zum Hauptinhalt springen',
  'import.chooseFileHeading': 'CSV- oder Excel-Datei auswählen',
  'import.chooseFileIntro':
    'Wählen Sie eine Excel-Arbeitsmappe (.xlsx) oder eine CSV-Datei, die Sie aus Ihrer Tabelle exportiert haben. Eine Zeile pro Person, die Spaltennamen in der ersten Zeile.',
  'import.hintFormats':
    'Eine Excel-Arbeitsmappe (.xlsx) funktioniert direkt (das erste Tabellenblatt wird gelesen). Bei CSV ist „CSV UTF-8“ am besten; die einfache CSV-Datei aus Excel unter Windows und „Unicode-Text“ funktionieren auch.',
  'import.fileLabel': 'CSV- oder Excel-Datei (.csv, .xlsx)',
  'import.fileTypesHint': '.csv bis {csv} KB, .xlsx bis {xlsx} MB. Teilen Sie größere Dateien auf.',
  'import.sheetEmpty':
    'Das erste Tabellenblatt „{sheet}“ ist leer. Setzen Sie die Liste auf das erste Blatt.',
  'import.sheetTooBig':
    'Dieses Tabellenblatt enthält zu viele Daten für einen Import. Teilen Sie es in Dateien mit weniger Zeilen auf.',
  'import.xlsOld':
    'Das ist eine alte Excel-Datei (.xls). Speichern Sie sie in Excel als „Excel-Arbeitsmappe (.xlsx)“ oder „CSV UTF-8“ und wählen Sie sie erneut aus.',
  'import.xlsxUnreadable':
    'Diese Excel-Datei kann nicht gelesen werden (vielleicht ist sie beschädigt oder mit einem Kennwort geschützt). Speichern Sie sie erneut als .xlsx oder als „CSV UTF-8“ und wählen Sie sie erneut aus.',
  'import.readAs': 'Gelesen als',
  'import.readAsSheet': 'Excel-Arbeitsmappe, Tabellenblatt',
  'import.encodingUtf8': 'UTF-8-Text',
  'import.encodingUtf16': 'Unicode-Text (UTF-16)',
  'import.encodingWindows1252': 'Windows-1252 (westeuropäisch)',
  'import.encodingGuessHint':
    'Diese Datei wurde nicht als UTF-8 gespeichert, deshalb hat Tandem sie als westeuropäischen Text gelesen. Wenn Namen in der Liste unten falsch aussehen, speichern Sie die Datei in Excel als „CSV UTF-8“ und wählen Sie sie erneut aus.',
  'import.otherSheets': {
    one: 'Nur das erste Tabellenblatt wurde gelesen. Die Arbeitsmappe hat {count} weiteres Blatt.',
    other: 'Nur das erste Tabellenblatt wurde gelesen. Die Arbeitsmappe hat {count} weitere Blätter.',
  },
  'problem.csv-encoding-unsupported':
    'Tandem kann die Zeichen in dieser Datei nicht lesen. Speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ (oder wählen Sie die .xlsx-Arbeitsmappe) und versuchen Sie es erneut.',
} satisfies Catalog
