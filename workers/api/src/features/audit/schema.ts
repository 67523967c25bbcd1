import * as v from 'valibot'

export const AuditQuery = v.object({
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}\.[a-z2-7]{24}$/, 'Not a valid cursor.'))),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(200)),
    '50',
  ),
})

export const AuditEntryOut = v.object({
  id: v.string(),
  action: v.string(),
  actor: v.nullable(v.object({ id: v.string(), name: v.string() })),
  targetType: v.nullable(v.string()),
  targetId: v.nullable(v.string()),
  meta: v.nullable(v.record(v.string(), v.unknown())),
  createdAt: v.string(),
})
