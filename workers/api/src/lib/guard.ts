/**
 * Guarded writes. D1 has no interactive transactions, so a batch that must apply only while a condition still
 * holds sets a NOT NULL column to NULL when it does not: SQLite refuses the statement and the whole batch rolls
 * back. `refusedBy(error, 'matches.started_at')` recognises that refusal (the driver may wrap the error).
 */
export function refusedBy(error: unknown, column: string): boolean {
  const text = `NOT NULL constraint failed: ${column}`
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (String((e as Error).message ?? e).includes(text)) return true
  }
  return false
}
