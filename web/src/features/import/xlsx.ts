import readXlsxFile from 'read-excel-file/universal'

/**
 * An Excel workbook (.xlsx) → the CSV text the import reads, in the browser. Loaded only when a coordinator
 * chooses an .xlsx file (a dynamic import: read-excel-file and its unzip and XML parsers are a chunk of their
 * own, ~18 KB gzip; decision 017). The first sheet is read, row for row, so the dry run's row numbers are the
 * sheet's; numbers, dates and yes/no cells become the text a person would type.
 */

export interface Workbook {
  /** The first sheet's name, and how many sheets the workbook has (only the first is read). */
  sheet: string
  sheetCount: number
  /** The first sheet's cells as text; empty rows kept so row numbers match the sheet. */
  rows: string[][]
}

/** Why a workbook cannot be read: an old binary .xls (or an encrypted workbook), or not a workbook at all. */
export class WorkbookError extends Error {
  override readonly name = 'WorkbookError'
  constructor(readonly reason: 'xls' | 'unreadable') {
    super(reason)
  }
}

/** A cell as read-excel-file gives it (its type declarations say `typeof Date` where they mean a `Date`). */
export type Cell = string | number | boolean | Date | null | undefined

/** 15 significant digits, no grouping, no exponent: what Excel shows for a number in a General cell. */
const numberText = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 })

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * One cell as text. Dates are calendar dates in the sheet (read as UTC): `2026-03-01`, or `2026-03-01 14:30`
 * with a time (rounded to the second, as Excel's stored fractions of a day are not exact).
 */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'number') return Number.isFinite(value) ? numberText.format(value) : ''
  const d = new Date(Math.round(value.getTime() / 1000) * 1000)
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  const seconds = d.getUTCSeconds()
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && seconds === 0) return day
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(seconds)}` : ''}`
}

/** A cell in CSV: quoted when it holds a comma, quote or line break. */
const csvCell = (cell: string) => (/[",\r\n;\t]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)

/** Rows → comma-separated CSV with CRLF line ends (what the server's parser reads like any other CSV). */
export function rowsToCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n')
}

/** Reads the first sheet of a workbook. */
export async function readWorkbook(input: Blob | ArrayBuffer): Promise<Workbook> {
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>
  try {
    sheets = await readXlsxFile(input instanceof Blob ? await input.arrayBuffer() : input)
  } catch (error) {
    const code = (error as { code?: string } | null)?.code
    throw new WorkbookError(code === 'XLS_FILE_NOT_SUPPORTED' ? 'xls' : 'unreadable')
  }
  const first = sheets[0]
  if (!first) throw new WorkbookError('unreadable')
  return {
    sheet: first.sheet,
    sheetCount: sheets.length,
    rows: first.data.map((row) => row.map((cell) => cellText(cell as Cell))),
  }
}
