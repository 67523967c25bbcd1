/**
 * Files the browser saves (exports): the OpenAPI response of a CSV file and the headers of an attachment — its
 * name, and never kept by a cache (exports hold personal data).
 */

/** The `Content-Disposition` of a file saved as `fileName`. */
export const attachment = (fileName: string) => `attachment; filename="${fileName}"`

/** The headers of a file of `contentType` saved as `fileName`, never cached. */
export const attachmentHeaders = (contentType: string, fileName: string) => ({
  'Content-Type': contentType,
  'Content-Disposition': attachment(fileName),
  'Cache-Control': 'no-store',
})

/** The headers of a CSV export of `count` rows (`X-Total-Count`) saved as `fileName`. */
export const csvHeaders = (fileName: string, count: number) => ({
  ...attachmentHeaders('text/csv; charset=utf-8', fileName),
  'X-Total-Count': String(count),
})

/** A CSV export's 200 response in the OpenAPI document. */
export const csvFile = {
  description: 'The CSV file (attachment)',
  content: { 'text/csv': { schema: { type: 'string' as const } } },
}
