import * as v from 'valibot'

/** `POST …/erasure`, `POST /orgs/{org}/deletion`: what the person typed to confirm an irreversible action. */
export const ConfirmBody = v.object({
  confirm: v.pipe(v.string(), v.trim(), v.minLength(1, 'Type the confirmation.'), v.maxLength(200)),
})

const Period = (max: number, unit: string) =>
  v.optional(
    v.nullable(
      v.pipe(
        v.number(),
        v.integer(),
        v.minValue(1, `At least 1 ${unit}.`),
        v.maxValue(max, `At most ${max} ${unit}s.`),
      ),
    ),
  )

/** `PUT /orgs/{org}/data-protection`: the retention periods (null: keep until erased by hand). */
export const RetentionBody = v.pipe(
  v.object({
    /** Months after their exit when a participant's personal data is erased. */
    exitedParticipantMonths: Period(120, 'month'),
    /** Days after which an email's log entry (address, subject, delivery events) is deleted. */
    emailLogDays: Period(3650, 'day'),
  }),
  v.check((o) => Object.keys(o).length > 0, 'Send at least one setting to change.'),
)

export const RetentionOut = v.object({
  exitedParticipantMonths: v.nullable(v.number()),
  emailLogDays: v.nullable(v.number()),
  /** Set once an owner asked to delete the organization (the scheduled job deletes it). */
  deletionRequestedAt: v.nullable(v.string()),
})

export const ParticipantExportOut = v.object({
  format: v.literal('tandem-participant-export/1'),
  exportedAt: v.string(),
  participantId: v.string(),
  /** Table name → the person's rows in it, as the registry finds them. */
  tables: v.record(v.string(), v.array(v.record(v.string(), v.unknown()))),
})

export const ErasureOut = v.object({ erased: v.literal(true), participantId: v.string() })

export const ArchiveOut = v.object({
  format: v.literal('tandem-organization-archive/1'),
  organization: v.string(),
  exportedAt: v.string(),
  tables: v.record(v.string(), v.array(v.record(v.string(), v.unknown()))),
})
