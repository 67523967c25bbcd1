import { describe, expect, it } from 'vitest'
import { base64Of, isWorkbook, jsonBytes } from './upload'

describe('preparing an upload', () => {
  it('sends the file’s exact bytes, whatever their encoding', async () => {
    // "Jürgen" as Windows-1252 writes it: one byte 0xFC for ü, which is not valid UTF-8.
    const bytes = new Uint8Array([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e])
    const sent = await base64Of(new Blob([bytes]))
    expect(Uint8Array.from(atob(sent), (c) => c.charCodeAt(0))).toEqual(bytes)
    // Large files are encoded in slices, with the same result.
    const big = new Uint8Array(200_000).map((_, i) => i % 256)
    expect(atob(await base64Of(new Blob([big]))).length).toBe(200_000)
  })

  it('recognizes a workbook by its name or by its first bytes', async () => {
    expect(await isWorkbook(new File(['x'], 'Teilnehmende.XLSX'))).toBe(true)
    expect(await isWorkbook(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0])], 'list.csv'))).toBe(true)
    expect(await isWorkbook(new File(['name,role'], 'list.csv'))).toBe(false)
  })

  it('measures a JSON body in UTF-8 bytes', () => {
    expect(jsonBytes({ csv: 'ü' })).toBe('{"csv":"ü"}'.length + 1)
  })
})
