import { type Database, outbox } from '@tandem/db'
import type { BatchItem } from 'drizzle-orm/batch'
import { inIds } from '../../lib/sql'
import { scheduleKeyedEmail } from './outbox.service'
import { optedOut } from './preferences.service'
import type { RuleContext } from './scheduler'
import { type UnsubscribeClaim, unsubscribeFor } from './unsubscribe'

/**
 * The email a scheduler rule writes (decision 024), in three steps every rule shares: keep only the emails still to
 * write (`stillToSend`), render each with its recipient's unsubscribe link (`ruleEmail`), and write them in D1
 * batches (`writeInBatches`).
 */

/** One optional email a rule may write: to whom, of which kind, under which key. */
export interface RuleEmail extends Omit<UnsubscribeClaim, 'tenantId'> {
  toAddress: string
  /** `{kind}:{subject}:{period}`: an email already written under it is not written again. */
  dedupKey: string
}

/**
 * `item` as a candidate for an email of `kind` to the participant `person` under `dedupKey`, for `flatMap`: none
 * when the person has no address.
 */
export function participantEmail<T extends object>(
  item: T,
  person: { id: string; email: string | null },
  kind: RuleEmail['kind'],
  dedupKey: string,
): (T & { email: RuleEmail })[] {
  if (!person.email) return []
  return [
    {
      ...item,
      email: {
        kind,
        recipientType: 'participant',
        recipientId: person.id,
        toAddress: person.email,
        dedupKey,
      },
    },
  ]
}

/**
 * Of the candidate emails of one organization, those still to write: their key not used by an earlier run, and
 * their recipient not having turned this kind of email off.
 */
export async function stillToSend<T extends { email: RuleEmail }>(
  db: Database,
  tenantId: string,
  candidates: readonly T[],
): Promise<T[]> {
  if (candidates.length === 0) return []
  const written = await db
    .select({ key: outbox.dedupKey })
    .from(outbox)
    .where(
      inIds(
        outbox.dedupKey,
        candidates.map((c) => c.email.dedupKey),
      ),
    )
  const sent = new Set(written.map((r) => r.key))
  const groups = new Map<string, Pick<RuleEmail, 'recipientType' | 'kind'>>()
  for (const { email } of candidates) groups.set(`${email.recipientType} ${email.kind}`, email)
  const off = new Set<string>()
  for (const [group, { recipientType, kind }] of groups) {
    const ids = candidates
      .filter((c) => c.email.recipientType === recipientType && c.email.kind === kind)
      .map((c) => c.email.recipientId)
    for (const id of await optedOut(db, tenantId, recipientType, kind, ids)) off.add(`${group} ${id}`)
  }
  return candidates.filter(
    ({ email }) =>
      !sent.has(email.dedupKey) && !off.has(`${email.recipientType} ${email.kind} ${email.recipientId}`),
  )
}

/**
 * The keyed insert of one rule email, due now: `render` gets the recipient's unsubscribe page for the body, and
 * the email carries the RFC 8058 one-click headers.
 */
export function ruleEmail(
  { db, config, now }: Pick<RuleContext, 'db' | 'config' | 'now'>,
  tenantId: string,
  email: RuleEmail,
  render: (unsubscribePage: string) => { subject: string; html: string; text: string },
) {
  const { toAddress, dedupKey, ...claim } = email
  const unsubscribe = unsubscribeFor(config, { tenantId, ...claim })
  return scheduleKeyedEmail(db, {
    tenantId,
    kind: email.kind,
    dedupKey,
    toAddress,
    ...render(unsubscribe.page),
    headers: unsubscribe.headers,
    dueAt: now,
  })
}

/** Writes the statements in D1 batches of up to 100 (each batch all or nothing). */
export async function writeInBatches(db: Database, statements: readonly BatchItem<'sqlite'>[]) {
  for (let i = 0; i < statements.length; i += 100) {
    const [first, ...rest] = statements.slice(i, i + 100)
    if (first) await db.batch([first, ...rest])
  }
}
