import { fieldError } from '../../lib/field-errors'
import { Problem } from '../../lib/problem'

/**
 * Uploaded file bytes → text, without I/O. Spreadsheet programs save CSV in more than one encoding: Excel's
 * "CSV UTF-8" (with a byte-order mark), plain "CSV" on Windows (the ANSI code page — Windows-1252 in Western
 * Europe and the Americas), "Unicode Text" (UTF-16 little-endian with a byte-order mark, tab separated). The
 * encoding is detected and the text decoded; what cannot be read for certain is refused with one stable
 * problem that says what to do, never imported as "J�rgen M�ller".
 */

export const csvEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const
export type CsvEncoding = (typeof csvEncodings)[number]

const SAVE_AS_UTF8 = 'In Excel choose File › Save As › “CSV UTF-8 (comma delimited)”, then upload that file.'

/** The problem for bytes that are not text in an encoding we read; `errors` names the `file` field. */
export const unreadableFile = (why: string) => {
  const message = `${why} ${SAVE_AS_UTF8}`
  return new Problem('csv-encoding-unsupported', {
    detail: message,
    errors: [fieldError('file', 'not-readable', { message })],
  })
}

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b)

/** Files people pick by mistake, recognized by their first bytes. */
const signatures: { bytes: readonly number[]; why: string }[] = [
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    why: 'This is an Excel workbook (.xlsx) or another ZIP archive, not a CSV file. The import page in Tandem reads .xlsx files itself; through the API, send CSV.',
  },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    why: 'This is an old Excel workbook (.xls) or another Office file, not a CSV file.',
  },
  { bytes: [0x25, 0x50, 0x44, 0x46], why: 'This is a PDF document, not a CSV file.' },
]

/** Windows-1252 bytes 0x80–0x9F (WHATWG table; the five unassigned bytes map to the C1 controls). */
const cp1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
]

function decodeWindows1252(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b < 0xa0 ? (cp1252High[b - 0x80] ?? b) : b,
    )
    out += String.fromCharCode(...codes)
  }
  return out
}

/** UTF-16BE → swap each pair and read as UTF-16LE (an odd byte count is not UTF-16). */
function swapPairs(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length)
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1] as number
    swapped[i + 1] = bytes[i] as number
  }
  if (bytes.length % 2 === 1) swapped[bytes.length - 1] = bytes[bytes.length - 1] as number
  return swapped
}

const strict = (label: 'utf-8' | 'utf-16le', bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return undefined
  }
}

/**
 * Bytes ≥ 0x80 in runs of four or more: whole words of letters outside ASCII. Western European text in
 * Windows-1252 has its accented letters between ASCII ones (Jürgen, Straße, François); Cyrillic, Arabic,
 * Greek or Hebrew saved in their own Windows code page are nothing but such runs.
 */
function looksLikeAnotherCodePage(bytes: Uint8Array): boolean {
  let run = 0
  for (const b of bytes) {
    run = b >= 0x80 && b !== 0xa0 ? run + 1 : 0
    if (run >= 4) return true
  }
  return false
}

/** NUL, or many other control characters: not text (a picture, a database file, UTF-16 without a BOM). */
function looksBinary(text: string): boolean {
  let controls = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0) return true
    // Tab, line feed, form feed, carriage return and DOS's end-of-file mark (^Z) occur in real files.
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x1a) || c === 0x7f)
      controls++
  }
  return controls > Math.max(8, text.length / 100)
}

export interface DecodedFile {
  text: string
  encoding: CsvEncoding
}

/**
 * Detects the encoding and decodes: a byte-order mark decides (UTF-8, UTF-16 LE or BE); without one, bytes that
 * are valid UTF-8 are UTF-8, and anything else is read as Windows-1252 unless it looks like another code page.
 * Throws `csv-encoding-unsupported` for binary files, workbooks and text that cannot be read for certain.
 */
export function decodeFile(bytes: Uint8Array): DecodedFile {
  for (const s of signatures) if (startsWith(bytes, s.bytes)) throw unreadableFile(s.why)
  const decoded = detect(bytes)
  if (looksBinary(decoded.text)) throw notText()
  return decoded
}

const notText = () =>
  unreadableFile('This file is not text: it contains bytes no spreadsheet writes into a CSV file.')

function detect(bytes: Uint8Array): DecodedFile {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = strict('utf-8', bytes.subarray(3))
    if (text === undefined)
      throw unreadableFile('The file starts like UTF-8 but contains bytes that are not UTF-8.')
    return { text, encoding: 'utf-8' }
  }
  // FF FE 00 00 would be UTF-32 LE: its NULs make it "not text".
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be'
    const body = bytes.subarray(2)
    const text = strict('utf-16le', encoding === 'utf-16le' ? body : swapPairs(body))
    if (text === undefined)
      throw unreadableFile('The file starts like UTF-16 (Unicode text) but is not valid UTF-16.')
    return { text, encoding }
  }
  const utf8 = strict('utf-8', bytes)
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' }
  const text = decodeWindows1252(bytes)
  if (looksBinary(text)) throw notText()
  if (looksLikeAnotherCodePage(bytes))
    throw unreadableFile(
      'The file is not UTF-8, and it does not look like Western European text (Windows-1252) either: perhaps Arabic, Cyrillic or another script saved in an older Windows encoding.',
    )
  return { text, encoding: 'windows-1252' }
}
