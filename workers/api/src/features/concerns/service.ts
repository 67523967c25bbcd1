import {
  type Concern,
  type ConcernAction,
  concernActions,
  concerns,
  type Database,
  type DbResolver,
  type Match,
  matches,
  newId,
  type Program,
  participants,
  programs,
  type Tenant,
  users,
} from '@tandem/db'
import { concernAlertEmail, emailLocale } from '@tandem/email'
import {
  CONCERN_TRANSITIONS,
  type ConcernSource,
  type ConcernStatus,
  PERMISSIONS,
  type Role,
} from '@tandem/vocab'
import { asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { audit, auditFor } from '../../lib/audit'
import { fieldError } from '../../lib/field-errors'
import { refusedBy } from '../../lib/guard'
import { type NoteKey, openText, sealText } from '../../lib/notes'
import { firstName } from '../../lib/participant-events'
import { notFound, Problem } from '../../lib/problem'
import { countInWindow } from '../../lib/rate-limit'
import type { AlertContext } from '../../lib/scope'
import { mentee, menteeName, mentor, mentorName, withSides } from '../../lib/sides'
import { inIds, inTenant, sameTenantRow, tenantRow } from '../../lib/sql'
import { scheduleEmail } from '../email/outbox.service'
import { findCheckIn } from '../meetings/check-in.service'
import { findMine, membersInRoles } from '../portal/service'
import type { ConcernActionBody, RaiseConcernBody } from './schema'

/**
 * Safeguarding concerns (decision 030). The mentor or the mentee of a match raises one from the portal or from a
 * check-in email's link; it reaches only the program's coordinators and admins (`concerns:read`), and a high
 * severity emails them at once with no details. The description and every action note are sealed at rest. Every
 * read of the list or of a concern, and every change, is audited. The partner never sees a concern.
 */

const descriptionBinding = (concernId: string) => `concern:${concernId}`
const noteBinding = (concernId: string, actionId: string) => `concern-action:${concernId}:${actionId}`
const keyMissing =
  'No encryption key is configured (PROTECTED_FIELDS_KEY); concerns cannot be kept without it.'

/** High-severity alerts per match and side in a day: a flood of concerns does not become a flood of email. */
export const CONCERN_ALERTS_PER_DAY = 3
const DAY_MS = 86_400_000

/** The roles that see concerns: who the alert goes to is who may read it. */
const READERS = PERMISSIONS['concerns:read'].roles as readonly Role[]

/** What raising a concern needs besides the tenant database: the control database, the organization, the key. */
export type RaiseContext = Omit<AlertContext, 'tenant'> & {
  tenant: Pick<Tenant, 'id' | 'slug' | 'name' | 'defaultLocale'>
}

interface Raiser {
  match: Pick<Match, 'id' | 'programId' | 'menteeId' | 'mentorId'>
  programName: string
  side: 'mentee' | 'mentor'
  userId: string | null
  source: ConcernSource
}

/**
 * Writes the concern and its audit entry in one batch; only then, for a high severity, spends the alert budget
 * and queues the emails (a failed write spends nothing and sends nothing).
 */
async function raise(
  db: Database,
  ctx: RaiseContext,
  raiser: Raiser,
  body: v.InferOutput<typeof RaiseConcernBody>,
  now: Date,
) {
  const tenantId = ctx.tenant.id
  const { match, side } = raiser
  const id = newId()
  const sealedDescription = await sealText(
    ctx.key,
    tenantId,
    descriptionBinding(id),
    body.description,
    keyMissing,
  )
  const concern: Concern = {
    id,
    tenantId,
    programId: match.programId,
    matchId: match.id,
    raisedById: side === 'mentee' ? match.menteeId : match.mentorId,
    raisedByUserId: raiser.userId,
    side,
    category: body.category,
    severity: body.severity,
    status: 'open',
    sealedDescription,
    nameToOtherSide: body.nameToOtherSide,
    source: raiser.source,
    alertedAt: null,
    createdAt: now,
    updatedAt: now,
  }
  await db.batch([
    db.insert(concerns).values(concern),
    audit(
      db,
      {
        tenantId,
        actorUserId: raiser.userId,
        action: 'concern.raised',
        targetType: 'match',
        targetId: match.id,
        meta: {
          concernId: id,
          side,
          category: body.category,
          severity: body.severity,
          source: raiser.source,
        },
      },
      now,
    ),
  ])
  if (body.severity === 'high') {
    concern.alertedAt = await alertReaders(db, ctx, concern, raiser.programName, now)
  }
  return concern
}

/**
 * The high-severity alert to everyone who may read the concern: that one needs attention, and a link to its page
 * — no names, no category, no description. Returns when it was queued, or null when the day's budget is spent.
 */
async function alertReaders(
  db: Database,
  ctx: RaiseContext,
  concern: Concern,
  programName: string,
  now: Date,
) {
  const { tenant } = ctx
  const spent = await countInWindow(
    ctx.control,
    `concern-alert:${concern.matchId}:${concern.side}`,
    DAY_MS,
    now,
  )
  if (spent > CONCERN_ALERTS_PER_DAY) return null
  const readers = await membersInRoles(ctx.control, tenant.id, READERS)
  const link = `${ctx.origin}/orgs/${tenant.slug}/programs/${concern.programId}/concerns/${concern.id}`
  await db.batch([
    db
      .update(concerns)
      .set({ alertedAt: now })
      .where(tenantRow(concerns, tenant.id, concern.id)),
    ...readers.map((to) =>
      scheduleEmail(db, {
        tenantId: tenant.id,
        kind: 'safeguarding_alert',
        toAddress: to.email,
        ...concernAlertEmail(emailLocale(to.locale, tenant.defaultLocale), {
          program: programName,
          org: tenant.name,
          link,
        }),
        dueAt: now,
      }),
    ),
  ])
  return now
}

// ---------- raising: the portal and the check-in link ----------

/** The caller raises a concern about their own match (any status: a concern may come after the end). */
export async function raiseMyConcern(
  scope: Scope,
  ctx: RaiseContext,
  matchId: string,
  body: v.InferOutput<typeof RaiseConcernBody>,
) {
  const row = await findMine(scope, matchId)
  const side = row.menteeUser === scope.actorId ? 'mentee' : 'mentor'
  const concern = await raise(
    scope.db,
    ctx,
    { match: row.match, programName: row.programName, side, userId: scope.actorId, source: 'portal' },
    body,
    scope.now,
  )
  return myConcernOut(concern, row.programName)
}

/**
 * A concern from a check-in email's link: the token names the person and their match. Good until the link
 * expires, answered or not; 404 for a damaged or forged token, 410 once expired.
 */
export async function raiseCheckInConcern(
  resolver: DbResolver,
  ctx: Omit<RaiseContext, 'control' | 'tenant'>,
  token: string,
  body: v.InferOutput<typeof RaiseConcernBody>,
  now: Date,
) {
  const found = await findCheckIn(resolver, token, now, 'concern')
  const person = await found.db
    .select({ userId: participants.userId })
    .from(participants)
    .where(tenantRow(participants, found.tenant.id, found.checkIn.participantId))
    .get()
  const concern = await raise(
    found.db,
    { ...ctx, control: resolver.control(), tenant: found.tenant },
    {
      match: found.match,
      programName: found.program.name,
      side: found.side,
      userId: person?.userId ?? null,
      source: 'check-in',
    },
    body,
    now,
  )
  return { id: concern.id, status: concern.status }
}

const myConcernOut = (c: Concern, programName: string) => ({
  id: c.id,
  matchId: c.matchId,
  program: { id: c.programId, name: programName },
  category: c.category,
  severity: c.severity,
  status: c.status,
  nameToOtherSide: c.nameToOtherSide,
  source: c.source,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
})

/** The concerns the caller raised, newest first, with their status (audited like every read of concerns). */
export async function listMyConcerns(scope: Scope) {
  const { db, tenantId, actorId } = scope
  const rows = await db
    .select({ concern: concerns, programName: programs.name })
    .from(concerns)
    .innerJoin(programs, sameTenantRow(programs, concerns.programId, concerns.tenantId))
    .where(inTenant(concerns, tenantId, eq(concerns.raisedByUserId, actorId)))
    .orderBy(desc(concerns.createdAt), desc(concerns.id))
    .limit(100)
  if (rows.length > 0) {
    await auditFor(scope)(
      'concern.list_read',
      { type: 'user', id: actorId },
      { own: true, count: rows.length },
    )
  }
  return { items: rows.map((r) => myConcernOut(r.concern, r.programName)) }
}

// ---------- coordinators ----------

/** Concerns of the tenant with the tandem's first names, meeting `conditions`. */
function concernsQuery({ db, tenantId }: Scope, ...conditions: (SQL | undefined)[]) {
  return withSides(
    db
      .select({ concern: concerns, menteeName: mentee.displayName, mentorName: mentor.displayName })
      .from(concerns)
      .innerJoin(matches, sameTenantRow(matches, concerns.matchId, concerns.tenantId))
      .$dynamic(),
  ).where(inTenant(concerns, tenantId, ...conditions))
}

type ListRow = { concern: Concern; menteeName: string; mentorName: string }

const concernOut = ({ concern: c, menteeName, mentorName }: ListRow) => ({
  id: c.id,
  matchId: c.matchId,
  programId: c.programId,
  category: c.category,
  severity: c.severity,
  status: c.status,
  source: c.source,
  side: c.side,
  nameToOtherSide: c.nameToOtherSide,
  mentee: firstName(menteeName),
  mentor: firstName(mentorName),
  alertedAt: c.alertedAt?.toISOString() ?? null,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
})

/** A program's concerns, newest first, optionally of one status; reading the list is audited. */
export async function listConcerns(scope: Scope, programId: string, status: ConcernStatus | undefined) {
  const rows = await concernsQuery(
    scope,
    eq(concerns.programId, programId),
    status ? eq(concerns.status, status) : undefined,
  )
    .orderBy(desc(concerns.createdAt), desc(concerns.id))
    .limit(200)
  await auditFor(scope)(
    'concern.list_read',
    { type: 'program', id: programId },
    { status: status ?? null, count: rows.length },
  )
  return { items: rows.map(concernOut) }
}

/**
 * Open concerns of the organization, oldest first, for the attention list (to send in a batch with its other
 * reads); none when `visible` is false (a role that may not read concerns reads none). Reading them there is
 * audited: `auditOpenConcernsRead`.
 */
export function openConcernsQuery(scope: Pick<Scope, 'db' | 'tenantId'>, limit: number, visible: boolean) {
  return withSides(
    scope.db
      .select({ concern: concerns, programName: programs.name, menteeName, mentorName })
      .from(concerns)
      .innerJoin(programs, sameTenantRow(programs, concerns.programId, concerns.tenantId))
      .innerJoin(matches, sameTenantRow(matches, concerns.matchId, concerns.tenantId))
      .$dynamic(),
  )
    .where(
      inTenant(
        concerns,
        scope.tenantId,
        inArray(concerns.status, ['open', 'in-progress']),
        visible ? undefined : sql`0`,
      ),
    )
    .orderBy(asc(concerns.createdAt), asc(concerns.id))
    .limit(limit)
}

/** The audit entry for `count` open concerns listed on the attention list (none when nothing was listed). */
export async function auditOpenConcernsRead(scope: Scope, count: number) {
  if (count === 0) return
  await auditFor(scope)(
    'concern.list_read',
    { type: 'organization', id: scope.tenantId },
    { attention: true, count },
  )
}

async function concernOf(scope: Scope, programId: string, concernId: string) {
  const row = await concernsQuery(scope, eq(concerns.id, concernId), eq(concerns.programId, programId)).get()
  if (!row) throw notFound('No such concern in this program.')
  return row
}

const actionOut = async (key: NoteKey, a: ConcernAction, names: Map<string, string>) => ({
  id: a.id,
  statusBefore: a.statusBefore,
  statusAfter: a.statusAfter,
  hasNote: a.sealedNote != null,
  note: await openText(key, a.tenantId, noteBinding(a.concernId, a.id), a.sealedNote, 'concern note'),
  actor: { id: a.actorUserId, name: names.get(a.actorUserId) ?? null },
  createdAt: a.createdAt.toISOString(),
})

/** One concern with its description and action log opened; the read is audited. */
export async function getConcern(
  scope: Scope,
  control: Database,
  program: Pick<Program, 'id' | 'name'>,
  concernId: string,
  key: NoteKey,
) {
  const row = await concernOf(scope, program.id, concernId)
  return detail(scope, control, program, row, key, true)
}

async function detail(
  scope: Scope,
  control: Database,
  program: Pick<Program, 'id' | 'name'>,
  row: ListRow,
  key: NoteKey,
  auditRead: boolean,
) {
  const { db, tenantId } = scope
  const c = row.concern
  const [actions, raiser] = await Promise.all([
    db
      .select()
      .from(concernActions)
      .where(inTenant(concernActions, tenantId, eq(concernActions.concernId, c.id)))
      .orderBy(desc(concernActions.createdAt), desc(concernActions.id))
      .limit(200),
    db
      .select({ name: participants.displayName })
      .from(participants)
      .where(tenantRow(participants, tenantId, c.raisedById))
      .get(),
  ])
  const actorIds = [...new Set(actions.map((a) => a.actorUserId))]
  const names = new Map(
    actorIds.length
      ? (
          await control
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(inIds(users.id, actorIds))
        ).map((u) => [u.id, u.name ?? ''] as const)
      : [],
  )
  if (auditRead) {
    await auditFor(scope)('concern.read', { type: 'match', id: c.matchId }, { concernId: c.id })
  }
  return {
    ...concernOut(row),
    programName: program.name,
    raisedBy: { participantId: c.raisedById, name: raiser?.name ?? '' },
    description: await openText(key, tenantId, descriptionBinding(c.id), c.sealedDescription, 'concern'),
    actions: await Promise.all(actions.map((a) => actionOut(key, a, names))),
  }
}

/**
 * A coordinator's step on a concern: a status change along CONCERN_TRANSITIONS, a sealed note, or both; one
 * batch with its audit entry, guarded by the status read (a concurrent change makes it 409 and writes nothing).
 */
export async function recordConcernAction(
  scope: Scope,
  control: Database,
  program: Pick<Program, 'id' | 'name'>,
  concernId: string,
  body: v.InferOutput<typeof ConcernActionBody>,
  key: NoteKey,
) {
  const { db, tenantId, actorId, now } = scope
  const row = await concernOf(scope, program.id, concernId)
  const before = row.concern.status
  const after = body.status ?? before
  if (after === before && !body.note) {
    throw new Problem('invalid-request', {
      detail: 'Change the status or write a note.',
      errors: [fieldError('note', 'nothing-to-change', { message: 'Change the status or write a note.' })],
    })
  }
  if (after !== before && !CONCERN_TRANSITIONS[before].includes(after)) {
    throw new Problem('status-not-allowed', {
      detail: `A concern that is ${before} cannot become ${after}.`,
      errors: [
        fieldError('status', 'one-of', {
          params: { options: [...CONCERN_TRANSITIONS[before]] },
          message: `Choose one of: ${CONCERN_TRANSITIONS[before].join(', ')}.`,
        }),
      ],
    })
  }
  const id = newId()
  const sealedNote = body.note
    ? await sealText(key, tenantId, noteBinding(concernId, id), body.note, keyMissing)
    : null
  try {
    await db.batch([
      // Applies only while the status is still the one read: otherwise updated_at becomes NULL and all rolls back.
      db
        .update(concerns)
        .set({
          status: after,
          updatedAt: sql`case when ${concerns.status} = ${before} then ${now.getTime()} else null end`,
        })
        .where(tenantRow(concerns, tenantId, concernId)),
      db.insert(concernActions).values({
        id,
        tenantId,
        concernId,
        statusBefore: before,
        statusAfter: after,
        sealedNote,
        actorUserId: actorId,
        createdAt: now,
      }),
      auditFor(scope)(
        'concern.action_recorded',
        { type: 'match', id: row.concern.matchId },
        { concernId, statusFrom: before, statusTo: after, note: sealedNote != null },
      ),
    ])
  } catch (error) {
    if (refusedBy(error, 'concerns.updated_at')) {
      throw new Problem('concern-changed', { detail: 'This concern changed just now. Reload and try again.' })
    }
    throw error
  }
  const updated = { ...row, concern: { ...row.concern, status: after, updatedAt: now } }
  return detail(scope, control, program, updated, key, false)
}
