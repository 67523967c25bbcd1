import type { OutboxRow } from '@tandem/db'

/**
 * Where an outbox row keeps why it failed, bounced or was held back. Today that is the row's error column;
 * the delivery work (decision 022) adds a `reason` column, and these two functions are the one place to
 * point at it.
 */
export const reasonUpdate = (reason: string) => ({ lastError: reason.slice(0, 500) })
export const reasonOf = (row: Pick<OutboxRow, 'lastError'>): string | null => row.lastError
export const reasonCleared = { lastError: null }
