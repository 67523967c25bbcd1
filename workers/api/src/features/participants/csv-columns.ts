import type { Participant } from '@tandem/db'

/**
 * The CSV columns of participant import and export, in export order. Import accepts each column under
 * its name or any alias (case, spaces, `_`, `-`, `.` and German umlauts are ignored when comparing), so
 * an exported file imports again and coordinators' own spreadsheets (English or German headers) work.
 */
export const csvColumns = [
  { field: 'role', header: 'role', aliases: ['rolle', 'type', 'typ', 'participant type', 'teilnehmertyp'] },
  {
    field: 'displayName',
    header: 'name',
    aliases: ['display name', 'full name', 'anzeigename', 'vollständiger name', 'vor- und nachname'],
  },
  { field: 'email', header: 'email', aliases: ['mail', 'email address', 'e-mail-adresse', 'emailadresse'] },
  {
    field: 'phone',
    header: 'phone',
    aliases: [
      'telephone',
      'mobile',
      'phone number',
      'telefon',
      'telefonnummer',
      'tel',
      'handy',
      'mobilnummer',
    ],
  },
  {
    field: 'preferredLocale',
    header: 'locale',
    aliases: ['preferred locale', 'language', 'preferred language', 'sprache', 'bevorzugte sprache'],
  },
  { field: 'languages', header: 'languages', aliases: ['language skills', 'sprachen', 'sprachkenntnisse'] },
  {
    field: 'wantsInterpretation',
    header: 'interpretation',
    aliases: ['wants interpretation', 'interpreter', 'dolmetschen', 'dolmetscher', 'dolmetschung'],
  },
  { field: 'interests', header: 'interests', aliases: ['interessen', 'hobbies', 'hobbys'] },
  {
    field: 'sector',
    header: 'sector',
    aliases: ['profession', 'occupation', 'branche', 'beruf', 'sektor', 'berufsfeld'],
  },
  { field: 'availability', header: 'availability', aliases: ['verfügbarkeit', 'zeiten', 'time slots'] },
  {
    field: 'neighborhood',
    header: 'neighborhood',
    aliases: ['neighbourhood', 'district', 'stadtteil', 'viertel', 'bezirk', 'kiez'],
  },
  { field: 'latitude', header: 'latitude', aliases: ['lat', 'breitengrad', 'breite'] },
  { field: 'longitude', header: 'longitude', aliases: ['lon', 'lng', 'long', 'längengrad', 'länge'] },
  {
    field: 'settlementNeeds',
    header: 'settlement_needs',
    aliases: ['needs', 'bedarfe', 'bedarf', 'unterstützungsbedarf'],
  },
  {
    field: 'accessNeeds',
    header: 'access_needs',
    aliases: ['zugangsbedarf', 'zugangsbedarfe', 'barrierefreiheit'],
  },
  { field: 'capacity', header: 'capacity', aliases: ['kapazität', 'max mentees'] },
  { field: 'gender', header: 'gender', aliases: ['geschlecht'] },
  { field: 'ageBand', header: 'age_band', aliases: ['age group', 'altersgruppe'] },
  { field: 'arrivalYear', header: 'arrival_year', aliases: ['year of arrival', 'ankunftsjahr'] },
  { field: 'regionOfOrigin', header: 'region_of_origin', aliases: ['origin', 'herkunft', 'herkunftsregion'] },
  {
    field: 'demographicsConsent',
    header: 'demographics_consent',
    aliases: ['demographic consent', 'einwilligung demografie', 'einwilligung demographie'],
  },
  // Exported for reference; ignored by import (a new participant gets a new id and starts as applied).
  { field: 'status', header: 'status', aliases: [], ignoredOnImport: true },
  { field: 'id', header: 'id', aliases: [], ignoredOnImport: true },
  { field: 'createdAt', header: 'created_at', aliases: ['erstellt am'], ignoredOnImport: true },
] as const

export type CsvField = (typeof csvColumns)[number]['field']

/** Header comparison: case, spacing and punctuation do not matter; ä = ae, ö = oe, ü = ue, ß = ss. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFC')
    .toLocaleLowerCase('de')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[\s_\-.:/()*]+/g, '')
}

export const fieldByHeader: ReadonlyMap<string, CsvField> = new Map(
  csvColumns.flatMap((c) =>
    [c.header, ...c.aliases].map((name) => [normalizeHeader(name), c.field] as const),
  ),
)

export const headerOf = (field: CsvField) => csvColumns.find((c) => c.field === field)?.header ?? field

// ---------- cell values: written by export, read by import ----------

/** Lists (interests, availability, needs) are written with `; ` and read with `;`, `|`, `,` or newlines. */
export const splitList = (cell: string) =>
  cell
    .split(/[;|,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)

const nativeWords = new Set([
  'native',
  'mother tongue',
  'first language',
  'l1',
  'muttersprache',
  'muttersprachlich',
  'erstsprache',
])

/**
 * `ar:native; de:B1`, `ar native, de B1`, `uk (C1) | en (b2)` → skills. Codes and levels are only
 * normalized here (case, words for "native"); the participant schema judges them.
 */
export function parseLanguages(cell: string): { code: string; level: string }[] {
  return splitList(cell).map((entry) => {
    const [rawCode = '', ...rest] = entry.split(/[\s:=()]+/).filter(Boolean)
    const [primary = '', ...subtags] = rawCode.split('-')
    const code = [primary.toLowerCase(), ...subtags].join('-')
    const word = rest.join(' ').toLowerCase()
    const level = nativeWords.has(word) ? 'native' : /^[abc][12]$/i.test(word) ? word.toUpperCase() : word
    return { code, level }
  })
}

export const formatLanguages = (skills: { code: string; level: string }[]) =>
  skills.map((s) => `${s.code}:${s.level}`).join('; ')

const yes = new Set(['yes', 'y', 'true', '1', 'x', 'ja', 'j', 'wahr', '✓', '✔'])
const no = new Set(['no', 'n', 'false', '0', 'nein', 'falsch', '-'])

/** yes/no in English or German (also true/false, 1/0, x); `undefined` for anything else. */
export function parseYesNo(cell: string): boolean | undefined {
  const word = cell.trim().toLowerCase()
  if (yes.has(word)) return true
  if (no.has(word)) return false
  return undefined
}

/** Roles as coordinators write them, including German gendered forms. */
export function parseRole(cell: string): string {
  const word = cell.trim().toLowerCase()
  if (/^mentor(in|\/in|:in|\*in|_in|innen)?$/.test(word)) return 'mentor'
  if (/^mentee(s)?$/.test(word)) return 'mentee'
  return word
}

/** A decimal number, also with a decimal comma (`52,52`). */
export function parseDecimal(cell: string): number | undefined {
  const s = cell.trim().replace(',', '.')
  return /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : undefined
}

export const parseWholeNumber = (cell: string): number | undefined =>
  /^\d{1,6}$/.test(cell.trim()) ? Number(cell.trim()) : undefined

/**
 * Spreadsheet formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR may run as a
 * formula when the file is opened. Export prefixes such cells with `'` (phone numbers like
 * `+49 30 1234` contain nothing a formula could call, so they are left alone); import removes the
 * prefix again, so the round trip is exact.
 */
export const formulaLike = /^(?:[=@\t\r]|[+-](?![0-9 ()-]*$))/
export const unescapeFormula = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell)

/** One participant as a CSV record, keyed by export header. Protected fields are never part of it. */
export function participantRecord(p: Participant): Record<string, string> {
  const d = p.demographics ?? {}
  const values: Record<CsvField, string> = {
    role: p.role,
    displayName: p.displayName,
    email: p.email ?? '',
    phone: p.phone ?? '',
    preferredLocale: p.preferredLocale,
    languages: formatLanguages(p.languages),
    wantsInterpretation: p.wantsInterpretation ? 'yes' : 'no',
    interests: p.interests.join('; '),
    sector: p.sector ?? '',
    availability: p.availability.join('; '),
    neighborhood: p.neighborhood ?? '',
    latitude: p.location ? String(p.location.lat) : '',
    longitude: p.location ? String(p.location.lon) : '',
    settlementNeeds: p.settlementNeeds.join('; '),
    accessNeeds: p.accessNeeds.join('; '),
    capacity: String(p.capacity),
    gender: d.gender ?? '',
    ageBand: d.ageBand ?? '',
    arrivalYear: d.arrivalYear === undefined ? '' : String(d.arrivalYear),
    regionOfOrigin: d.regionOfOrigin ?? '',
    demographicsConsent: p.demographicsConsentAt ? 'yes' : 'no',
    status: p.status,
    id: p.id,
    createdAt: p.createdAt.toISOString(),
  }
  return Object.fromEntries(csvColumns.map((c) => [c.header, values[c.field]]))
}

export const exportHeaders = csvColumns.map((c) => c.header)
