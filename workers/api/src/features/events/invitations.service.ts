import {
  type Database,
  type DbResolver,
  type Event,
  eventInvitations,
  events,
  newId,
  outbox,
  participants,
  programs,
  type Tenant,
} from '@tandem/db'
import { emailLocale, eventInvitationEmail } from '@tandem/email'
import { type EventSupport, MAX_EVENT_GUESTS } from '@tandem/vocab'
import { asc, eq, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type * as v from 'valibot'
import type { Config } from '../../env'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { refusedBy } from '../../lib/guard'
import { newLinkToken, openLinkToken } from '../../lib/link-token'
import { firstName } from '../../lib/participant-events'
import { notFound, Problem } from '../../lib/problem'
import { contactOf } from '../../lib/sides'
import { inIds, inTenant, sameTenantRow, tenantRow } from '../../lib/sql'
import { optedOut } from '../email/preferences.service'
import { ruleEmail, writeInBatches } from '../email/rule-email'
import type { RsvpBody } from './schema'
import { recordReply, tellSeated } from './seats'
import { checkOpen, checkSupports, countsOf, loadEvent, replyOf, seatsFreeOf } from './service'
import { eventWhen } from './when'

/**
 * Invitations to an event by email, answered with one click (decision 029), under the rules of meeting
 * check-ins (decision 025): each email carries one person's token `<tenant id>.<secret>`, of which only the
 * SHA-256 is stored; reading it changes nothing (mail scanners open links); answering it records the reply and
 * uses the token up in one batch (a second answer: 409); it lapses when the event begins or is cancelled (410);
 * it names one person, one event and one organization, and reveals nothing else.
 */

const gone = () => notFound('This invitation link is not valid.')
const used = () => new Problem('event-invitation-used', { detail: 'This invitation was already answered.' })

/** The outbox key of one person's invitation to one event: each person is invited once. */
export const eventInvitationKey = (eventId: string, participantId: string) =>
  `event-invitation:${eventId}.${participantId}`

/**
 * Invites the event's people by email, each in their language with their own one-click link: a program's
 * event goes to its participants, an organization's event to everyone in its programs (one email per address).
 * People who left, have no address, turned these emails off or were invited before are skipped.
 */
export async function inviteToEvent(
  scope: Scope,
  tenant: Tenant,
  eventId: string,
  config: Pick<Config, 'APP_ORIGIN' | 'EMAIL_LINK_SECRET'>,
) {
  const { event, programName } = await loadEvent(scope, eventId)
  checkOpen(event, scope.now)
  const people = await scope.db
    .select(contactOf)
    .from(participants)
    .where(
      inTenant(
        participants,
        scope.tenantId,
        event.programId ? eq(participants.programId, event.programId) : undefined,
        sql`${participants.status} <> 'exited'`,
      ),
    )
    .orderBy(asc(participants.createdAt), asc(participants.id))
  const seen = new Set<string>()
  const reachable = people.filter((p): p is typeof p & { email: string } => {
    if (!p.email) return false
    const address = p.email.toLowerCase()
    if (seen.has(address)) return false
    seen.add(address)
    return true
  })
  const invited = new Set(
    (
      await scope.db
        .select({ participantId: eventInvitations.participantId })
        .from(eventInvitations)
        .where(inTenant(eventInvitations, scope.tenantId, eq(eventInvitations.eventId, eventId)))
    ).map((r) => r.participantId),
  )
  const off = await optedOut(
    scope.db,
    scope.tenantId,
    'participant',
    'event-invitation',
    reachable.map((p) => p.id),
  )
  const todo = reachable.filter((p) => !invited.has(p.id) && !off.has(p.id))
  const statements: BatchItem<'sqlite'>[] = []
  for (const p of todo) {
    const { token, tokenHash } = newLinkToken(tenant.id)
    const locale = emailLocale(p.locale, tenant.defaultLocale)
    const email = {
      kind: 'event-invitation' as const,
      recipientType: 'participant' as const,
      recipientId: p.id,
      toAddress: p.email,
      dedupKey: eventInvitationKey(eventId, p.id),
    }
    statements.push(
      scope.db
        .insert(eventInvitations)
        .values({
          id: newId(),
          tenantId: scope.tenantId,
          eventId,
          participantId: p.id,
          tokenHash,
          createdAt: scope.now,
          expiresAt: event.startsAt,
        })
        .onConflictDoNothing(),
      ruleEmail({ db: scope.db, config, now: scope.now }, scope.tenantId, email, (unsubscribe) =>
        eventInvitationEmail(locale, {
          name: firstName(p.name),
          title: event.title,
          when: eventWhen(locale, tenant.timezone, event.startsAt, event.endsAt),
          place: event.place,
          online: event.online,
          program: programName,
          org: tenant.name,
          link: `${config.APP_ORIGIN}/event-invitation?token=${token}`,
          unsubscribe,
        }),
      ),
    )
  }
  statements.push(
    auditFor(scope)('event.invitations_sent', { type: 'event', id: eventId }, { invited: todo.length }),
  )
  // One batch per 50 people: each invitation row and its email together.
  await writeInBatches(scope.db, statements)
  return { invited: todo.length, skipped: people.length - todo.length }
}

interface Found {
  db: Database
  tenant: Tenant
  invitation: typeof eventInvitations.$inferSelect
  event: Event
  programName: string | null
  personName: string
  personLocale: string
}

/**
 * The invitation a token names, with its event and person — or 404 for a malformed, forged or unknown token.
 * Used: 409; the event has begun or was cancelled: 410.
 */
async function findInvitation(resolver: DbResolver, token: string, now: Date): Promise<Found> {
  const opened = await openLinkToken(resolver, token)
  if (!opened) throw gone()
  const { tenant, db, tokenHash } = opened
  const row = await db
    .select({
      invitation: eventInvitations,
      event: events,
      programName: programs.name,
      personName: participants.displayName,
      personLocale: participants.preferredLocale,
    })
    .from(eventInvitations)
    .innerJoin(events, sameTenantRow(events, eventInvitations.eventId, eventInvitations.tenantId))
    .innerJoin(
      participants,
      sameTenantRow(participants, eventInvitations.participantId, eventInvitations.tenantId),
    )
    .leftJoin(programs, sameTenantRow(programs, events.programId, events.tenantId))
    .where(inTenant(eventInvitations, tenant.id, eq(eventInvitations.tokenHash, tokenHash)))
    .get()
  if (!row) throw gone()
  if (row.invitation.usedAt) throw used()
  if (
    row.invitation.expiresAt.getTime() <= now.getTime() ||
    row.event.status !== 'scheduled' ||
    row.event.startsAt.getTime() <= now.getTime()
  ) {
    throw new Problem('event-invitation-expired', {
      detail: 'This invitation has lapsed: the event has begun or was cancelled.',
    })
  }
  return { db, tenant, ...row }
}

/** What the invitation page shows: the person's first name, the event, the free seats. Changes nothing. */
export async function describeInvitation(resolver: DbResolver, token: string, now: Date) {
  const { db, tenant, event, programName, personName, personLocale } = await findInvitation(
    resolver,
    token,
    now,
  )
  const counts = (await countsOf({ db, tenantId: tenant.id }, [event.id])).get(event.id)
  return {
    firstName: firstName(personName),
    organizationName: tenant.name,
    programName,
    title: event.title,
    kind: event.kind,
    description: event.description,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timezone: tenant.timezone,
    place: event.place,
    online: event.online,
    languages: event.languages,
    supports: event.supports as EventSupport[],
    seatsFree: seatsFreeOf(event, counts?.seatsTaken ?? 0),
    maxGuests: MAX_EVENT_GUESTS,
    locale: emailLocale(personLocale, tenant.defaultLocale),
    status: 'open' as const,
  }
}

/**
 * Records the reply and uses the token up, in one batch: the claim sets the token's hash to NULL when it was
 * used or lapsed meanwhile, which NOT NULL refuses, so a second answer (or two at once) records nothing more.
 */
export async function answerInvitation(
  resolver: DbResolver,
  token: string,
  body: v.InferOutput<typeof RsvpBody>,
  now: Date,
  config: { APP_ORIGIN: string },
) {
  const { db, tenant, invitation, event } = await findInvitation(resolver, token, now)
  checkSupports(event, body.supports)
  const claim = db
    .update(eventInvitations)
    .set({
      tokenHash: sql`case when ${eventInvitations.usedAt} is null and ${eventInvitations.expiresAt} > ${now.getTime()} then ${eventInvitations.tokenHash} else null end`,
      usedAt: now,
    })
    .where(tenantRow(eventInvitations, tenant.id, invitation.id))
  let promoted: { id: string; participantId: string }[]
  try {
    ;({ promoted } = await recordReply(db, tenant.id, event.id, invitation.participantId, body, now, {
      actorUserId: null,
      via: 'invitation',
      before: [claim],
    }))
  } catch (error) {
    if (refusedBy(error, 'event_invitations.token_hash')) throw used()
    throw error
  }
  await tellSeated(db, tenant, event.id, promoted, config, now)
  const scope = { db, tenantId: tenant.id }
  return replyOf(scope, event.id, invitation.participantId)
}

/** Whether an outbox row with `key` exists (used by tests and the reminder rule). */
export async function sentKeys(db: Database, keys: string[]) {
  if (keys.length === 0) return new Set<string>()
  return new Set(
    (await db.select({ key: outbox.dedupKey }).from(outbox).where(inIds(outbox.dedupKey, keys))).map(
      (r) => r.key,
    ),
  )
}
