import type { AuditAction } from '@tandem/vocab'
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { tenants } from './tenants'
import { roles, users } from './users'

/**
 * A pending passwordless sign-in: a link token and a 6-digit code, both stored only as SHA-256 hashes.
 * Single use, short-lived, and the code allows few attempts.
 */
export const signInTokens = sqliteTable(
  'sign_in_tokens',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('sign_in_tokens_user').on(t.userId, t.createdAt)],
)

export const invitationStatuses = ['pending', 'accepted', 'revoked'] as const
/**
 * Why an invitation exists: `join` an organization (as a member, or as a participant in the portal), or confirm
 * a `signup` made with an address that already has an account (its owner confirms before becoming the owner).
 */
export const invitationPurposes = ['join', 'signup'] as const

/** An invitation to join a tenant with a role; accepted through a link whose token is stored hashed. */
export const invitations = sqliteTable(
  'invitations',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: roles }).notNull(),
    /** The language the invitation email was written in; resending keeps it. */
    locale: text('locale'),
    /** The name the inviter gave (offered to a new account as its name; the person may change it). */
    name: text('name'),
    purpose: text('purpose', { enum: invitationPurposes }).notNull().default('join'),
    /**
     * A portal invitation: the participant (in the tenant's database, so no foreign key) whose record the
     * account is linked to on acceptance.
     */
    participantId: text('participant_id'),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    tokenHash: text('token_hash').notNull().unique(),
    status: text('status', { enum: invitationStatuses }).notNull().default('pending'),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_tenant').on(t.tenantId, t.status)],
)

/** Who did what, when. Never secrets; `meta` holds non-identifying detail (e.g. the new role). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id(),
    tenantId: text('tenant_id'),
    actorUserId: text('actor_user_id'),
    action: text('action').$type<AuditAction>().notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    meta: text('meta', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_tenant_created').on(t.tenantId, t.createdAt)],
)

/** Fixed-window counters for rate limits (per IP, per email). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
})

export type SignInToken = typeof signInTokens.$inferSelect
export type Invitation = typeof invitations.$inferSelect
export type AuditEntry = typeof auditLog.$inferSelect
