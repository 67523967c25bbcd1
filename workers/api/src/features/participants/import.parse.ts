import { type ImportError, type ImportRow, type ImportWarning, newId } from '@tandem/db'
import Papa from 'papaparse'
import * as v from 'valibot'
import { fieldError } from '../../lib/field-errors'
import { Problem } from '../../lib/problem'
import {
  type CsvField,
  csvColumns,
  fieldByHeader,
  headerOf,
  normalizeHeader,
  parseDecimal,
  parseLanguages,
  parseRole,
  parseWholeNumber,
  parseYesNo,
  splitList,
  unescapeFormula,
} from './csv-columns'
import { CreateParticipantBody } from './schema'

/**
 * CSV → participant input, without I/O: papaparse reads the file, headers map to fields (English and
 * German aliases), each record becomes the body a coordinator would send, and that body is validated
 * with the same schema (`CreateParticipantBody`). Errors name the spreadsheet row and the column.
 */

export const MAX_IMPORT_ROWS = 10_000
/** A participant has about twenty columns; far more is not a participant list. */
export const MAX_IMPORT_COLUMNS = 200

type CreateInput = v.InferOutput<typeof CreateParticipantBody>

const badFile = (message: string) =>
  new Problem('csv-unreadable', {
    detail: message,
    errors: [fieldError('csv', 'not-readable', { message })],
  })

// ---------- parsing ----------

const delimiterNames: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' }

/** The separator used in the header row (outside quotes): the most frequent of `,` `;` tab. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && ch in counts) counts[ch] = (counts[ch] ?? 0) + 1
  }
  const [best, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0] ?? [',', 0]
  return n > 0 ? best : ','
}

export interface ParsedCsv {
  delimiter: string
  headerRow: number
  headers: string[]
  /** Data records with their spreadsheet row number (header = 1; blank lines count, as in a spreadsheet). */
  records: { row: number; cells: string[] }[]
  /** Malformed quoting, by spreadsheet row. */
  quoteErrors: Map<number, string>
}

const blank = (cells: string[]) => cells.every((c) => c.trim() === '')

/**
 * Parses with papaparse. `header: false` (the header is mapped here) keeps every record's index, so row
 * numbers match what a spreadsheet shows even with blank lines or cells spanning several lines, and two
 * columns with the same name stay visible instead of being renamed.
 */
export function parseCsv(input: string): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  if (text.trim() === '') throw badFile('The file is empty.')
  const delimiter = detectDelimiter(text.replace(/^\s*[\r\n]+/, ''))
  const parsed = Papa.parse<string[]>(text, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    quoteChar: '"',
  })
  const data = parsed.data
  const headerIndex = data.findIndex((cells) => !blank(cells))
  const headerCells = data[headerIndex]
  if (headerIndex < 0 || !headerCells) throw badFile('The file is empty.')
  const quoteErrors = new Map<number, string>()
  for (const e of parsed.errors) {
    if (e.type !== 'Quotes' || e.row === undefined) continue
    quoteErrors.set(
      e.row + 1,
      e.code === 'MissingQuotes'
        ? 'A quoted cell is never closed; everything after it was read as one cell. Close the quote (").'
        : 'A quote (") inside a cell must be doubled ("").',
    )
  }
  const records: ParsedCsv['records'] = []
  for (let i = headerIndex + 1; i < data.length; i++) {
    const cells = data[i] ?? []
    if (!blank(cells)) records.push({ row: i + 1, cells })
  }
  return {
    delimiter,
    headerRow: headerIndex + 1,
    headers: headerCells.map((h) => h.trim()),
    records,
    quoteErrors,
  }
}

// ---------- mapping rows to participant input ----------

interface ColumnMap {
  /** Field → column index and the header as written in the file. */
  byField: Map<CsvField, { index: number; header: string }>
  warnings: ImportWarning[]
}

export function mapHeaders(parsed: ParsedCsv, defaultRole: string | undefined): ColumnMap {
  const byField: ColumnMap['byField'] = new Map()
  const warnings: ImportWarning[] = []
  const clashes: string[] = []
  if (parsed.headers.length > MAX_IMPORT_COLUMNS) {
    throw badFile(
      `The file has ${parsed.headers.length} columns; at most ${MAX_IMPORT_COLUMNS} are read. Is it a participant list?`,
    )
  }
  parsed.headers.forEach((header, index) => {
    if (header === '') {
      if (parsed.records.some((r) => (r.cells[index] ?? '').trim() !== ''))
        warnings.push({ column: `#${index + 1}`, message: 'This column has no name; it was ignored.' })
      return
    }
    const field = fieldByHeader.get(normalizeHeader(header))
    if (!field) {
      warnings.push({ column: header, message: 'Unknown column; it was ignored.' })
      return
    }
    const seen = byField.get(field)
    if (seen) clashes.push(`“${seen.header}” and “${header}” both mean ${headerOf(field)}.`)
    else byField.set(field, { index, header })
  })
  if (clashes.length) throw badFile(`Some columns say the same thing: ${clashes.join(' ')} Keep one of each.`)
  const missing: string[] = (['displayName', 'languages'] as const)
    .filter((f) => !byField.has(f))
    .map(headerOf)
  if (!byField.has('role') && !defaultRole) missing.push(headerOf('role'))
  if (missing.length) {
    const found = parsed.headers.filter(Boolean)
    const hint =
      found.length === 1 && parsed.records.length > 0
        ? ` Only one column was found (“${found[0]}”): separate columns with a comma, semicolon or tab.`
        : ` Found: ${found.map((h) => `“${h}”`).join(', ') || 'nothing'}.`
    const roleHint = missing.includes(headerOf('role'))
      ? ' (or choose mentor or mentee for the whole file)'
      : ''
    const message = `The file has no column for ${missing.join(', ')}${roleHint}.${hint}`
    // The columns by name, so the import page can say which are missing in the reader's language.
    throw new Problem('csv-unreadable', {
      detail: message,
      errors: [fieldError('csv', 'missing-columns', { params: { options: missing }, message })],
    })
  }
  for (const c of csvColumns) {
    const at = byField.get(c.field)
    if (at && 'ignoredOnImport' in c)
      warnings.push({ column: at.header, message: 'Exported for reference; ignored on import.' })
  }
  return { byField, warnings }
}

type CellError = { field: CsvField; message: string }

/** One record → the raw body the participant schema validates, plus errors of format the schema cannot see. */
export function recordToInput(cells: string[], columns: ColumnMap, defaultRole: string | undefined) {
  const errors: CellError[] = []
  const cell = (field: CsvField): string => {
    const at = columns.byField.get(field)
    return at ? unescapeFormula((cells[at.index] ?? '').trim()) : ''
  }
  const input: Record<string, unknown> = {}
  const text = (field: CsvField & keyof CreateInput) => {
    const value = cell(field)
    if (value !== '') input[field] = value
  }

  const role = cell('role')
  input.role = role === '' ? defaultRole : parseRole(role)
  input.displayName = cell('displayName')
  text('email')
  text('phone')
  input.languages = parseLanguages(cell('languages'))
  const locale = cell('preferredLocale')
  const firstLanguage = (input.languages as { code: string }[])[0]?.code
  if (locale !== '') input.preferredLocale = locale
  else if (firstLanguage) input.preferredLocale = firstLanguage

  const yesNo = (field: 'wantsInterpretation' | 'demographicsConsent') => {
    const value = cell(field)
    if (value === '') return
    const parsed = parseYesNo(value)
    if (parsed === undefined) errors.push({ field, message: 'Write yes or no (ja or nein).' })
    else input[field] = parsed
  }
  yesNo('wantsInterpretation')
  yesNo('demographicsConsent')

  const list = (field: 'interests' | 'availability' | 'settlementNeeds' | 'accessNeeds', code: boolean) => {
    const value = cell(field)
    if (value === '') return
    input[field] = splitList(value).map((s) =>
      code ? s.toLowerCase().replace(/[\s-]+/g, '_') : s.toLowerCase(),
    )
  }
  list('interests', false)
  list('availability', false)
  list('settlementNeeds', true)
  list('accessNeeds', true)
  text('sector')
  text('neighborhood')

  const lat = cell('latitude')
  const lon = cell('longitude')
  if (lat !== '' || lon !== '') {
    const la = parseDecimal(lat)
    const lo = parseDecimal(lon)
    if (lat === '' || lon === '') {
      errors.push({
        field: lat === '' ? 'latitude' : 'longitude',
        message: 'Give both latitude and longitude.',
      })
    } else if (la === undefined || lo === undefined) {
      if (la === undefined) errors.push({ field: 'latitude', message: 'Write a number like 52.52.' })
      if (lo === undefined) errors.push({ field: 'longitude', message: 'Write a number like 13.40.' })
    } else input.location = { lat: la, lon: lo }
  }

  const capacity = cell('capacity')
  if (capacity !== '') {
    const n = parseWholeNumber(capacity)
    if (n === undefined) errors.push({ field: 'capacity', message: 'Write a whole number from 1 to 3.' })
    else input.capacity = n
  }

  const demographics: Record<string, unknown> = {}
  for (const field of ['gender', 'ageBand', 'regionOfOrigin'] as const) {
    const value = cell(field)
    if (value !== '')
      demographics[field] = field === 'ageBand' ? value.toLowerCase().replace(/\s+/g, '') : value
  }
  const year = cell('arrivalYear')
  if (year !== '') {
    const n = parseWholeNumber(year)
    if (n === undefined) errors.push({ field: 'arrivalYear', message: 'Write a year like 2022.' })
    else demographics.arrivalYear = n
  }
  if (Object.keys(demographics).length) input.demographics = demographics

  return { input, errors }
}

/** The CSV column a schema issue belongs to (as written in the file when the file has it). */
function columnOfPath(path: string, columns: ColumnMap): string {
  const [head = '', sub = ''] = path.split('.')
  const field: CsvField = (() => {
    switch (head) {
      case 'location':
        return sub === 'lon' ? 'longitude' : 'latitude'
      case 'demographics':
        if (sub === 'gender' || sub === 'ageBand' || sub === 'arrivalYear' || sub === 'regionOfOrigin')
          return sub
        return columns.byField.has('demographicsConsent')
          ? 'demographicsConsent'
          : ((['gender', 'ageBand', 'arrivalYear', 'regionOfOrigin'] as const).find((f) =>
              columns.byField.has(f),
            ) ?? 'demographicsConsent')
      default:
        return (csvColumns.find((c) => c.field === head)?.field ?? 'displayName') as CsvField
    }
  })()
  return columns.byField.get(field)?.header ?? headerOf(field)
}

function schemaErrors(
  row: number,
  issues: readonly v.BaseIssue<unknown>[],
  input: Record<string, unknown>,
  columns: ColumnMap,
): ImportError[] {
  const seen = new Set<string>()
  const out: ImportError[] = []
  for (const issue of issues) {
    const path = v.getDotPath(issue) ?? ''
    const column = path ? columnOfPath(path, columns) : null
    let message = issue.message
    const lang = /^languages\.(\d+)/.exec(path)
    if (lang) {
      const code = (input.languages as { code: string }[])[Number(lang[1])]?.code
      if (code) message = `${code}: ${message}`
    }
    const key = `${column}\u0000${message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ row, column, message })
  }
  return out
}

export interface Preview {
  totalRows: number
  rows: ImportRow[]
  errors: ImportError[]
  warnings: ImportWarning[]
}

/**
 * The dry run: every record is mapped and validated with the same schema coordinators' requests use;
 * emails repeated in the file or already in the program are errors. Nothing is written.
 */
export function previewCsv(
  csv: string,
  defaultRole: string | undefined,
  existingEmails: ReadonlySet<string>,
): Preview {
  const parsed = parseCsv(csv)
  if (parsed.records.length === 0)
    throw badFile(
      'The file has a header row but no data rows. Add one row per person below the column names.',
    )
  if (parsed.records.length > MAX_IMPORT_ROWS)
    throw badFile(
      `The file has ${parsed.records.length} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString('en')} at a time.`,
    )
  const columns = mapHeaders(parsed, defaultRole)
  const rows: ImportRow[] = []
  const errors: ImportError[] = []
  const firstRowOfEmail = new Map<string, number>()
  const width = parsed.headers.length
  for (const { row, cells } of parsed.records) {
    const rowErrors: ImportError[] = []
    const quote = parsed.quoteErrors.get(row)
    if (quote) rowErrors.push({ row, column: null, message: quote })
    if (cells.slice(width).some((c) => c.trim() !== '')) {
      const name = delimiterNames[parsed.delimiter] ?? parsed.delimiter
      rowErrors.push({
        row,
        column: null,
        message: `This row has ${cells.length} cells but the header has ${width} columns. A cell containing a ${name} must be in double quotes.`,
      })
    }
    const { input, errors: cellErrors } = recordToInput(cells, columns, defaultRole)
    for (const e of cellErrors)
      rowErrors.push({
        row,
        column: columns.byField.get(e.field)?.header ?? headerOf(e.field),
        message: e.message,
      })
    const result = v.safeParse(CreateParticipantBody, input)
    if (!result.success) rowErrors.push(...schemaErrors(row, result.issues, input, columns))
    else {
      const email = result.output.email
      if (email) {
        const column = columns.byField.get('email')?.header ?? 'email'
        const first = firstRowOfEmail.get(email)
        if (first !== undefined)
          rowErrors.push({ row, column, message: `The same email is already in row ${first} of this file.` })
        else if (existingEmails.has(email))
          rowErrors.push({ row, column, message: 'Someone with this email is already in this program.' })
        if (first === undefined) firstRowOfEmail.set(email, row)
      }
    }
    if (rowErrors.length) errors.push(...rowErrors)
    else if (result.success) rows.push({ row, id: newId(), input: result.output })
  }
  return { totalRows: parsed.records.length, rows, errors, warnings: columns.warnings }
}
