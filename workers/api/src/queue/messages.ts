import * as v from 'valibot'

/** Every message on the jobs queue. Validated on receipt like any other input. */
export const QueueMessageSchema = v.variant('type', [
  v.object({ type: v.literal('email.send'), outboxId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) }),
])

export type QueueMessage = v.InferOutput<typeof QueueMessageSchema>
