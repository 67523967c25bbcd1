/**
 * What may be logged about an error: its name and the first line of the underlying message. Database
 * errors from drizzle carry the failed SQL and its bound parameters (names, email addresses) in their
 * message; those never reach the logs.
 */
export function describeError(error: unknown): string {
  const root = error instanceof Error && error.cause instanceof Error ? error.cause : error
  if (!(root instanceof Error))
    return typeof root === 'string' ? (root.split('\n')[0]?.slice(0, 200) ?? '') : 'unknown error'
  const first = (root.message.split('\n')[0] ?? '').replace(/params:.*$/i, '').slice(0, 200)
  return `${root.name}: ${first}`
}
