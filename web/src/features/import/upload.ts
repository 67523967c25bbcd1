/**
 * What the browser does with the chosen file before the dry run (no DOM, no API: unit-tested in Node). A CSV
 * travels as its bytes (base64 in the JSON body) and the server detects the encoding; an .xlsx workbook is
 * converted to CSV text here (`xlsx.ts`, loaded only then).
 */

/** The API takes at most 1 MB per request; a CSV's bytes travel base64 (4 characters per 3 bytes). */
export const MAX_CSV_BYTES = 750 * 1024
/** Larger workbooks would keep a phone busy; the rows of 10,000 people fit in far less. */
export const MAX_XLSX_BYTES = 5 * 1024 * 1024
/** The JSON body with a converted sheet, below the API's 1 MB with room for the other fields. */
export const MAX_BODY_BYTES = 1024 * 1024 - 1024

/** How the file reached the dry run: as bytes (the server says which encoding it read), or as a workbook's sheet. */
export type Source = { kind: 'csv' } | { kind: 'xlsx'; sheet: string; sheetCount: number }

const ZIP = [0x50, 0x4b, 0x03, 0x04]

/** An .xlsx workbook: by its name, or by its first bytes (a workbook saved with another name is still a ZIP). */
export async function isWorkbook(file: Blob & { name?: string }): Promise<boolean> {
  if (/\.xlsx$/i.test(file.name ?? '')) return true
  const head = new Uint8Array(await file.slice(0, ZIP.length).arrayBuffer())
  return ZIP.every((b, i) => head[i] === b)
}

/** The file's bytes in base64, in slices (one spread of a whole file would overflow the call stack). */
export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/** The size in bytes of a JSON body as sent (UTF-8). */
export const jsonBytes = (body: unknown) => new Blob([JSON.stringify(body)]).size
