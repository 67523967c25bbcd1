import * as v from 'valibot'
import { Id } from '../lib/schema'

/** Every message on the jobs and email queues. Validated on receipt like any other input. */
export const QueueMessageSchema = v.variant('type', [
  // One batch of outbox rows (tandem-email; decision 022).
  v.object({
    type: v.literal('email.batch'),
    batchId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    /** The database holding the batch's rows (a tenant placement); absent means the shared one. */
    placement: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200)), 'shared'),
  }),
  // One outbox row, as sent before decision 022: acknowledged; the dispatcher claims the row into a batch.
  v.object({
    type: v.literal('email.send'),
    outboxId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    /** The database holding the outbox row (a tenant placement); absent means the shared one. */
    placement: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200)), 'shared'),
  }),
  // Apply a previewed participant CSV import (a few batches per message; the job re-enqueues the rest).
  v.object({
    type: v.literal('participants.import'),
    importId: Id,
    tenantId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  }),
  // Run the matching engine over a program's pool (features/match-runs/job.ts).
  v.object({
    type: v.literal('match.run'),
    runId: Id,
    tenantId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  }),
])

export type QueueMessage = v.InferOutput<typeof QueueMessageSchema>
