import * as v from 'valibot'
import { rule } from '../../lib/field-errors'
import { Day, Text } from '../../lib/schema'
import { Code } from '../programs/schema'

const ReferenceStatus = v.picklist(['requested', 'received', 'concerns'])
const CheckStatus = v.picklist(['not_started', 'pending', 'clear', 'concerns'])

/** A mentor's screening and what it means now (`screeningState`): matchable, what is missing, expiry. */
export const ScreeningOut = v.object({
  references: v.array(
    v.object({
      name: v.string(),
      relation: v.string(),
      status: ReferenceStatus,
      receivedOn: v.nullable(v.string()),
    }),
  ),
  checkStatus: CheckStatus,
  checkProviderRef: v.nullable(v.string()),
  checkedOn: v.nullable(v.string()),
  checkExpiresOn: v.nullable(v.string()),
  trainingCompleted: v.record(v.string(), v.string()),
  safetyAckVersion: v.nullable(v.string()),
  safetyAckAt: v.nullable(v.string()),
  approvedAt: v.nullable(v.string()),
  matchable: v.boolean(),
  missing: v.array(v.string()),
  expiresOn: v.nullable(v.string()),
  expiringSoon: v.boolean(),
  expired: v.boolean(),
})

/** `PATCH …/participants/{participant}/screening`: the fields to change (at least one). */
export const ScreeningBody = v.pipe(
  v.partial(
    v.object({
      references: v.pipe(
        v.array(
          v.object({
            name: v.pipe(Text(120), v.minLength(1)),
            relation: Text(80),
            status: ReferenceStatus,
            receivedOn: v.nullable(Day),
          }),
        ),
        v.maxLength(5),
      ),
      checkStatus: CheckStatus,
      checkProviderRef: v.nullable(Text(120)),
      checkedOn: v.nullable(Day),
      checkExpiresOn: v.nullable(Day),
      trainingCompleted: v.record(Code, Day),
      safetyAcknowledged: v.literal(true),
      approved: v.boolean(),
    }),
  ),
  rule((o) => Object.keys(o).length > 0, 'nothing-to-change', 'Send at least one field to change.'),
)
