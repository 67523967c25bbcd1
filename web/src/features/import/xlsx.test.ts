import { describe, expect, it } from 'vitest'
// The committed workbook (written like Excel writes one; see fixtures/make-participants-xlsx.py), as a data URL.
import workbookUrl from './fixtures/participants.xlsx?inline'
import { cellText, readWorkbook, rowsToCsv, WorkbookError } from './xlsx'

const workbook = async () => (await fetch(workbookUrl)).arrayBuffer()

describe('reading an .xlsx workbook in the browser', () => {
  it('reads the first sheet row for row, cells as the text the import expects', async () => {
    const book = await readWorkbook(await workbook())
    expect(book.sheet).toBe('Teilnehmende')
    expect(book.sheetCount).toBe(2)
    expect(book.rows[0]).toEqual([
      'Name',
      'Rolle',
      'E-Mail',
      'Sprachen',
      'Kapazität',
      'Ankunftsjahr',
      'Telefon',
      'Breitengrad',
      'Längengrad',
      'Dolmetschen',
      'Erstellt am',
      'Stadtteil',
      'Einwilligung Demografie',
    ])
    // A formula's cached result, numbers without exponent or float noise, a boolean, a date.
    expect(book.rows[1]).toEqual([
      'Jürgen Müller',
      'Mentor',
      'juergen@example.org',
      'de:native, en:B2',
      '2',
      '',
      '4915112345678',
      '52.52',
      '13.405',
      'no',
      '2026-03-01',
      'Südstadt',
      '',
    ])
    expect(book.rows[2]).toEqual([
      'أمل خليل',
      'Mentee',
      'amal@example.org',
      'ar:native, de:A2',
      '',
      '2023',
      '+49 30 1234567',
      '',
      '',
      'yes',
      '2026-03-01 14:30',
      'Nordviertel, "Am Markt"',
      'yes',
    ])
    // The empty row 4 stays, so the dry run numbers rows like the sheet.
    expect(book.rows[3]?.every((cell) => cell === '')).toBe(true)
    expect(book.rows[4]?.slice(0, 2)).toEqual(['Олена Коваленко', 'mentee'])
    expect(book.rows[4]?.[11]).toBe('Altstadt\nNord')
    expect(book.rows).toHaveLength(6)
    expect(book.rows.flat()).not.toContain('Not On The First Sheet')
  })

  it('writes the rows as CSV the server parses: quotes where needed, a line per sheet row', async () => {
    const csv = rowsToCsv((await readWorkbook(await workbook())).rows)
    const lines = csv.split('\r\n')
    expect(lines[1]).toBe(
      'Jürgen Müller,Mentor,juergen@example.org,"de:native, en:B2",2,,4915112345678,52.52,13.405,no,2026-03-01,Südstadt,',
    )
    expect(lines[2]).toContain(',"Nordviertel, ""Am Markt"""')
    expect(lines[3]).toBe(',,,,,,,,,,,,')
    expect(csv).toContain('"Altstadt\nNord"')
    expect(rowsToCsv([['a;b', 'c\td', 'plain']])).toBe('"a;b","c\td",plain')
  })

  it('turns numbers and dates into text like Excel shows them', () => {
    expect(cellText(0.1 + 0.2)).toBe('0.3')
    expect(cellText(1e21)).toBe('1000000000000000000000')
    expect(cellText(-5)).toBe('-5')
    expect(cellText(2022)).toBe('2022')
    expect(cellText(new Date(Date.UTC(2026, 0, 2, 9, 5, 7)))).toBe('2026-01-02 09:05:07')
    expect(cellText(new Date(Date.UTC(2026, 0, 2, 23, 59, 59, 999)))).toBe('2026-01-03')
    expect(cellText(null)).toBe('')
    expect(cellText(true)).toBe('yes')
  })

  it('tells an old .xls file and a file that is no workbook apart', async () => {
    const ole = new Uint8Array(512)
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    await expect(readWorkbook(ole.buffer)).rejects.toEqual(new WorkbookError('xls'))
    await expect(readWorkbook(new TextEncoder().encode('name,role\nAna,mentee').buffer)).rejects.toEqual(
      new WorkbookError('unreadable'),
    )
    await expect(readWorkbook(new Blob(['PK\u0003\u0004 broken']))).rejects.toBeInstanceOf(WorkbookError)
  })
})
