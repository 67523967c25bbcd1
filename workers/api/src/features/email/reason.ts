import type { OutboxRow } from '@tandem/db'

/**
 * Where an outbox row keeps why it failed, bounced, complained or was held back: its `reason` column
 * (decision 022). `last_error` keeps the provider's last raw error for operators.
 */
export const reasonUpdate = (reason: string) => ({ reason: reason.slice(0, 500) })
export const reasonOf = (row: Pick<OutboxRow, 'reason'>): string | null => row.reason
export const reasonCleared = { reason: null }
