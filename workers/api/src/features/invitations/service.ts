import {
  type Database,
  type DbResolver,
  type Invitation,
  invitations,
  type Membership,
  memberships,
  newId,
  participants,
  type Role,
  type Session,
  sessions,
  type Tenant,
  tenants,
  type User,
  users,
} from '@tandem/db'
import { type EmailLocale, invitationEmail, ownerConfirmationEmail } from '@tandem/email'
import { resolveLocale } from '@tandem/i18n'
import { GRANTABLE_ROLES } from '@tandem/vocab'
import { and, desc, eq, gt } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { audit } from '../../lib/audit'
import { randomSecret, sha256Hex } from '../../lib/crypto'
import { fieldError } from '../../lib/field-errors'
import { linkAfterAcceptance, portalInvitationStillValid } from '../../lib/portal-links'
import { notFound, Problem } from '../../lib/problem'
import { type Limit, rateLimit } from '../../lib/rate-limit'
import { inTenant, tenantRow } from '../../lib/sql'
import { findUserByEmail, membershipsOf } from '../auth/service'
import { newSession } from '../auth/session'
import { scheduleEmail } from '../email/outbox.service'
import type { InviteBody } from './schema'

/**
 * Invitations to an organization (control database: the scope's `db` is `controlScope(c).db`), and accepting
 * one by its emailed link. A portal invitation (`participantId`) also links the participant's record.
 */

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

const HOUR = 3_600_000
/** Invitations send email in the organization's name: limited per organization… */
export const invitationsPerTenant: Limit = { max: 500, windowMs: HOUR }
/** …and per recipient. */
export const invitationsPerRecipient: Limit = { max: 5, windowMs: 24 * HOUR }
/** The per-recipient bucket of invitation email (the address hashed: the limits table holds no personal data). */
export const invitationRecipientKey = (email: string) => `invite:to:${sha256Hex(email.toLowerCase())}`

/** Who invites, in the name of which organization. */
export interface Inviter {
  tenant: Tenant
  membership: Membership
  user: User
}

export function invitationOut(i: Invitation) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    /** A portal invitation for a participant (linked to their record on acceptance). */
    forParticipant: i.participantId !== null,
    status: i.status,
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
  }
}

export async function listInvitations({ db, tenantId }: Scope) {
  const rows = await db
    .select()
    .from(invitations)
    .where(eq(invitations.tenantId, tenantId))
    .orderBy(desc(invitations.createdAt))
  return rows.map(invitationOut)
}

async function findInvitation({ db, tenantId }: Scope, id: string) {
  const row = await db
    .select()
    .from(invitations)
    .where(tenantRow(invitations, tenantId, id))
    .get()
  if (!row) throw notFound('No such invitation in this organization.')
  return row
}

function assertMayGrant(actor: Membership, role: Role) {
  if (!GRANTABLE_ROLES[actor.role].includes(role)) {
    throw new Problem('role-not-grantable', {
      detail: 'Your role may not manage invitations with this role.',
    })
  }
}

/**
 * The language of an invitation email: the person's own when they already have an account that has one, else the
 * one chosen when inviting (for a portal invitation, the participant's), else the organization's.
 */
async function invitationLocale(db: Database, tenant: Tenant, to: { email: string; locale?: string | null }) {
  const account = await findUserByEmail(db, to.email)
  return resolveLocale(account?.locale, to.locale, tenant.defaultLocale)
}

function invitationMail(
  { db, now }: Scope,
  { tenant, user }: Inviter,
  to: { email: string; role: Role },
  locale: EmailLocale,
  token: string,
  origin: string,
) {
  const mail = invitationEmail(locale, {
    link: `${origin}/invitations/accept?token=${token}`,
    org: tenant.name,
    inviter: user.name,
    role: to.role,
    days: INVITATION_TTL_MS / 86_400_000,
  })
  return scheduleEmail(db, {
    tenantId: tenant.id,
    kind: 'invitation',
    toAddress: to.email,
    ...mail,
    dueAt: now,
  })
}

export async function invite(
  scope: Scope,
  inviter: Inviter,
  input: v.InferOutput<typeof InviteBody>,
  origin: string,
  /**
   * A portal invitation: link this participant (of the tenant) to the account on acceptance. It may go to an
   * existing member with the same role (accepting confirms the link; the membership stays as it is).
   */
  portal: { participantId: string; memberMayExist: boolean } | null = null,
) {
  const { db, tenantId, now } = scope
  const participantId = portal?.participantId ?? null
  if (!GRANTABLE_ROLES[inviter.membership.role].includes(input.role)) {
    throw new Problem('role-not-grantable', {
      detail: 'Your role may not invite people with this role.',
      errors: [fieldError('role', 'not-allowed', { message: 'You may not hand out this role.' })],
    })
  }
  const member = await db
    .select({ id: memberships.id, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inTenant(memberships, tenantId, eq(users.email, input.email)))
    .get()
  if (member && !(portal?.memberMayExist && member.role === input.role)) {
    throw new Problem('already-member', {
      detail: 'This person is already a member.',
      errors: [fieldError('email', 'taken', { message: 'Already a member.' })],
    })
  }
  const pending = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      inTenant(
        invitations,
        tenantId,
        eq(invitations.email, input.email),
        eq(invitations.status, 'pending'),
        gt(invitations.expiresAt, now),
      ),
    )
    .get()
  if (pending) {
    throw new Problem('already-invited', {
      detail: 'This person already has a pending invitation. Resend it instead.',
      errors: [fieldError('email', 'taken', { message: 'Already invited.' })],
    })
  }
  const token = randomSecret()
  const row: Invitation = {
    id: newId(),
    tenantId,
    email: input.email,
    role: input.role,
    locale: input.locale ?? null,
    name: input.name ?? null,
    purpose: 'join',
    participantId,
    invitedBy: inviter.user.id,
    tokenHash: sha256Hex(token),
    status: 'pending',
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    acceptedAt: null,
    createdAt: now,
  }
  await db.batch([
    db.insert(invitations).values(row),
    invitationMail(scope, inviter, input, await invitationLocale(db, inviter.tenant, input), token, origin),
    audit(
      db,
      {
        tenantId,
        actorUserId: inviter.user.id,
        action: 'invitation.created',
        targetType: 'invitation',
        targetId: row.id,
        meta: { role: input.role, portal: participantId !== null },
      },
      now,
    ),
  ])
  return invitationOut(row)
}

/**
 * Statements (to batch with the new organization) that ask an existing account to confirm becoming the owner of
 * an organization signed up with its address (decision 019): an invitation with the purpose `signup`, and its
 * email. Until the account accepts it from its own session, the organization has no owner.
 */
export function ownerConfirmation(
  db: Database,
  tenant: Tenant,
  to: { email: string; name: string },
  locale: EmailLocale,
  origin: string,
  now: Date,
  /** False past the per-address email limit: the invitation is kept, its email is not sent. */
  send = true,
) {
  const token = randomSecret()
  const row: Invitation = {
    id: newId(),
    tenantId: tenant.id,
    email: to.email,
    role: 'owner',
    locale,
    name: to.name,
    purpose: 'signup',
    participantId: null,
    invitedBy: null,
    tokenHash: sha256Hex(token),
    status: 'pending',
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    acceptedAt: null,
    createdAt: now,
  }
  const mail = ownerConfirmationEmail(locale, {
    link: `${origin}/invitations/accept?token=${token}`,
    org: tenant.name,
    days: INVITATION_TTL_MS / 86_400_000,
  })
  return [
    db.insert(invitations).values(row),
    ...(send
      ? [
          scheduleEmail(db, {
            tenantId: tenant.id,
            kind: 'signup.confirm',
            toAddress: to.email,
            ...mail,
            dueAt: now,
          }),
        ]
      : []),
    audit(
      db,
      {
        tenantId: tenant.id,
        actorUserId: null,
        action: 'invitation.created',
        targetType: 'invitation',
        targetId: row.id,
        meta: { role: 'owner', purpose: 'signup' },
      },
      now,
    ),
  ] as const
}

export async function resendInvitation(scope: Scope, inviter: Inviter, id: string, origin: string) {
  const { db, tenantId, now } = scope
  const row = await findInvitation(scope, id)
  assertMayGrant(inviter.membership, row.role)
  if (row.status !== 'pending')
    throw new Problem('invitation-not-pending', { detail: `This invitation is ${row.status}.` })
  // A resent invitation is one more email to the same person: the same per-recipient limit as inviting.
  await rateLimit(db, invitationRecipientKey(row.email), invitationsPerRecipient, now)
  const token = randomSecret()
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS)
  await db.batch([
    db
      .update(invitations)
      .set({ tokenHash: sha256Hex(token), expiresAt })
      .where(tenantRow(invitations, tenantId, id)),
    invitationMail(scope, inviter, row, await invitationLocale(db, inviter.tenant, row), token, origin),
    audit(
      db,
      {
        tenantId,
        actorUserId: inviter.user.id,
        action: 'invitation.resent',
        targetType: 'invitation',
        targetId: id,
      },
      now,
    ),
  ])
  return invitationOut({ ...row, expiresAt })
}

export async function revokeInvitation(scope: Scope, actor: Membership, id: string) {
  const { db, tenantId, now } = scope
  const row = await findInvitation(scope, id)
  assertMayGrant(actor, row.role)
  if (row.status !== 'pending')
    throw new Problem('invitation-not-pending', { detail: `This invitation is ${row.status}.` })
  // Conditional: an acceptance claims the row with the same kind of update, so exactly one of the two wins.
  const revoked = await db
    .update(invitations)
    .set({ status: 'revoked' })
    .where(tenantRow(invitations, tenantId, id, eq(invitations.status, 'pending')))
    .returning({ id: invitations.id })
    .get()
  if (!revoked)
    throw new Problem('invitation-not-pending', { detail: 'This invitation was accepted just now.' })
  await db.batch([
    audit(
      db,
      {
        tenantId,
        actorUserId: actor.userId,
        action: 'invitation.revoked',
        targetType: 'invitation',
        targetId: id,
      },
      now,
    ),
  ])
}

/** The one answer for a link that cannot be used (which of the reasons is not told). */
export const invalidInvitation = () =>
  new Problem('invitation-invalid', {
    detail: 'This invitation was used, revoked or has expired. Ask for a new one.',
    errors: [fieldError('token', 'expired', { message: 'Invalid or expired.' })],
  })

/** A pending, unexpired invitation by its token, with its organization; null when there is none. */
async function pendingInvitation(db: Database, token: string, now: Date) {
  return (
    (await db
      .select({ invitation: invitations, tenant: tenants })
      .from(invitations)
      .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
      .where(
        and(
          eq(invitations.tokenHash, sha256Hex(token)),
          eq(invitations.status, 'pending'),
          gt(invitations.expiresAt, now),
        ),
      )
      .get()) ?? null
  )
}

/**
 * The invitation behind a link, checked like an acceptance (a portal invitation whose record changed since is
 * void), else the one "invalid" answer.
 */
async function openInvitation(dbs: DbResolver, token: string, now: Date) {
  const db = dbs.control()
  if (!(await portalInvitationStillValid(db, (t) => dbs.dbFor(t), sha256Hex(token), now))) {
    throw invalidInvitation()
  }
  const found = await pendingInvitation(db, token, now)
  if (!found) throw invalidInvitation()
  return { ...found, account: (await findUserByEmail(db, found.invitation.email)) ?? null }
}

/**
 * The name offered to a new account: the one given when inviting, else (a portal invitation) the participant's
 * name on their record. Never the email's local part.
 */
async function suggestedName(dbs: DbResolver, invitation: Invitation, tenant: Tenant) {
  if (invitation.name) return invitation.name
  if (!invitation.participantId) return null
  const p = await (await dbs.dbFor(tenant))
    .select({ name: participants.displayName })
    .from(participants)
    .where(tenantRow(participants, tenant.id, invitation.participantId))
    .get()
  return p?.name ?? null
}

/**
 * What the invitation page shows before anything is accepted: the organization, the role, the address, whether
 * that address has an account (then only that account may accept) and, for a new account, the name to offer.
 */
export async function lookupInvitation(dbs: DbResolver, token: string, now: Date) {
  const { invitation, tenant, account } = await openInvitation(dbs, token, now)
  return {
    organization: { slug: tenant.slug, name: tenant.name },
    role: invitation.role,
    email: invitation.email,
    purpose: invitation.purpose,
    forParticipant: invitation.participantId !== null,
    account: account ? ('existing' as const) : ('new' as const),
    suggestedName: account ? null : await suggestedName(dbs, invitation, tenant),
    expiresAt: invitation.expiresAt.toISOString(),
  }
}

/** Who asks to accept: the browser's signed-in account and session, if any. */
export interface Caller {
  user: User | null
  session: Session | null
}

export interface AcceptInput {
  token: string
  /** The name for a new account (asked on the page); else the one offered (`lookupInvitation`). */
  name?: string | undefined
  /** The language of the page, for a new account without a language of its own. */
  locale?: string | undefined
  /** The person agreed to sign out of the other account this browser is signed in as. */
  switchAccount?: boolean | undefined
}

/**
 * Accepts an invitation by its emailed token (decision 019). An address that already has an account is accepted
 * only from that account's own session (the invitation link alone signs nobody in as an existing account; the
 * page sends a fresh code to the address first). For a new address it creates the account — named as the person
 * says, or as offered, never by the email's local part — the membership, and a new session (privileges
 * changed, so the browser gets a fresh session and the previous one ends). A browser signed in as someone else
 * must say so (`switchAccount`). Single use. A portal invitation for a record whose address was corrected since
 * is void; an accepted one links its participant record to the account.
 */
export async function acceptInvitation(dbs: DbResolver, input: AcceptInput, caller: Caller, now: Date) {
  const db = dbs.control()
  const { invitation, tenant, account } = await openInvitation(dbs, input.token, now)
  let fresh: User | null = null
  if (account) {
    if (caller.user?.id !== account.id) {
      throw new Problem('invitation-needs-sign-in', {
        detail:
          'This invitation is for an address that already has an account. Sign in as that account to accept it.',
      })
    }
  } else {
    if (caller.user && !input.switchAccount) {
      throw new Problem('other-account-signed-in', {
        detail: 'This browser is signed in as someone else. Sign out of that account first, or stay.',
      })
    }
    const name = input.name ?? (await suggestedName(dbs, invitation, tenant))
    if (!name) {
      throw new Problem('invalid-request', {
        detail: 'Enter your name.',
        errors: [fieldError('name', 'required', { message: 'Enter your name.' })],
      })
    }
    // The person's own language: a portal invitation carries the participant's; else the page they accept on.
    const locale = invitation.participantId
      ? (invitation.locale ?? input.locale)
      : (input.locale ?? invitation.locale)
    fresh = { id: newId(), email: invitation.email, name, locale: locale ?? null, createdAt: now }
  }
  // A portal invitation tells an account without a language of its own which one the person reads.
  const learned = account && !account.locale && invitation.participantId ? invitation.locale : null
  const user = fresh ?? (account && learned ? { ...account, locale: learned } : account)
  if (!user) throw invalidInvitation()
  const { sessionToken } = await claimInvitation(db, {
    token: input.token,
    tenant,
    user,
    create: fresh !== null,
    locale: learned,
    previousSessionId: caller.session?.id,
    now,
  })
  // A portal invitation: link the participant record (in the tenant's database) to the account.
  const { participantId } = invitation
  if (participantId) {
    await linkAfterAcceptance(
      db,
      await dbs.dbFor(tenant),
      tenant.id,
      { participantId, email: invitation.email, role: invitation.role },
      user.id,
      now,
    )
  }
  return { user, tenant, sessionToken, memberships: await membershipsOf(db, user.id) }
}

/** The membership part of accepting (control database), all or nothing. */
async function claimInvitation(
  db: Database,
  options: {
    token: string
    tenant: Tenant
    user: User
    /** A new account: insert `user`. */
    create: boolean
    /** Set as the existing account's language. */
    locale: string | null
    previousSessionId: string | undefined
    now: Date
  },
) {
  const { tenant, user, now } = options
  // Claim first: one conditional UPDATE, so a revoked, expired or already used invitation — or a second,
  // concurrent acceptance — gets nothing.
  const invitation = await db
    .update(invitations)
    .set({ status: 'accepted', acceptedAt: now })
    .where(
      and(
        eq(invitations.tokenHash, sha256Hex(options.token)),
        eq(invitations.tenantId, tenant.id),
        eq(invitations.status, 'pending'),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning()
    .get()
  if (!invitation) throw invalidInvitation()
  const { token: sessionToken, insert } = newSession(db, user.id, now)
  const release = () =>
    db
      .update(invitations)
      .set({ status: 'pending', acceptedAt: null })
      .where(and(eq(invitations.id, invitation.id), eq(invitations.status, 'accepted')))
  try {
    await db.batch([
      audit(
        db,
        {
          tenantId: tenant.id,
          actorUserId: user.id,
          action: 'invitation.accepted',
          targetType: 'invitation',
          targetId: invitation.id,
          meta: { role: invitation.role, purpose: invitation.purpose },
        },
        now,
      ),
      ...(options.create ? [db.insert(users).values(user)] : []),
      ...(options.locale
        ? [db.update(users).set({ locale: options.locale }).where(eq(users.id, user.id))]
        : []),
      db
        .insert(memberships)
        .values({ id: newId(), tenantId: tenant.id, userId: user.id, role: invitation.role, createdAt: now })
        .onConflictDoNothing({ target: [memberships.tenantId, memberships.userId] }),
      insert,
      ...(options.previousSessionId
        ? [db.delete(sessions).where(eq(sessions.id, options.previousSessionId))]
        : []),
    ])
  } catch (error) {
    // Nothing of the acceptance was written: give the invitation back so the link still works.
    await release()
    throw error
  }
  return { sessionToken, invitation }
}
