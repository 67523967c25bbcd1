import { type Database, participantImportChunks, programs, tenantLimits } from '@tandem/db'
import { NEW_ORGANIZATION_LIMITS, type OrganizationLimits } from '@tandem/vocab'
import { count, eq, sql } from 'drizzle-orm'
import { Problem } from './problem'
import { rateLimit } from './rate-limit'

const HOUR = 3_600_000

/**
 * Per-organization quotas and rates (decision 033): what one organization may use of the shared database and
 * queue. Limits live in the control database (`tenant_limits`); a missing row or column is the conservative
 * default of a new organization.
 */
export async function limitsOf(control: Database, tenantId: string): Promise<OrganizationLimits> {
  const row = await control.select().from(tenantLimits).where(eq(tenantLimits.tenantId, tenantId)).get()
  return {
    programs: row?.programs ?? NEW_ORGANIZATION_LIMITS.programs,
    importPreviewsPerHour: row?.importPreviewsPerHour ?? NEW_ORGANIZATION_LIMITS.importPreviewsPerHour,
    importPreviewBytes: row?.importPreviewBytes ?? NEW_ORGANIZATION_LIMITS.importPreviewBytes,
    matchRunsPerHour: row?.matchRunsPerHour ?? NEW_ORGANIZATION_LIMITS.matchRunsPerHour,
  }
}

/** Where the checks read: the control database (limits, counters) and the tenant's own (what it holds). */
export interface QuotaContext {
  control: Database
  db: Database
  tenantId: string
  now: Date
}

/** One more program: 409 `programs-quota-reached` when the organization holds its limit already. */
export async function checkProgramQuota({ control, db, tenantId }: QuotaContext) {
  const [limits, held] = await Promise.all([
    limitsOf(control, tenantId),
    db.select({ n: count() }).from(programs).where(eq(programs.tenantId, tenantId)).get(),
  ])
  if ((held?.n ?? 0) >= limits.programs) {
    throw new Problem('programs-quota-reached', {
      detail: `This organization may hold ${limits.programs} programs; an operator can raise the limit.`,
    })
  }
}

/**
 * One more import preview: counts it against the hourly rate (429 `import-previews-rate-limited` with
 * Retry-After) and refuses it while the stored rows of open previews fill the byte quota (409
 * `import-storage-quota-reached`). Stored rows leave when an import is applied or cancelled, and with the cron
 * 24 hours after the preview.
 */
export async function checkImportPreviewQuota({ control, db, tenantId, now }: QuotaContext) {
  const limits = await limitsOf(control, tenantId)
  const stored = await db
    .select({ bytes: sql<number>`coalesce(sum(length(${participantImportChunks.rows})), 0)` })
    .from(participantImportChunks)
    .where(eq(participantImportChunks.tenantId, tenantId))
    .get()
  if ((stored?.bytes ?? 0) >= limits.importPreviewBytes) {
    throw new Problem('import-storage-quota-reached', {
      detail: `Open import previews hold ${stored?.bytes} bytes (limit ${limits.importPreviewBytes}): apply or cancel some first.`,
    })
  }
  await hourlyRate({ control, tenantId, now }, 'import-previews', limits.importPreviewsPerHour)
}

/** One more match run: counts it against the organization's hourly rate (429 `match-runs-rate-limited`). */
export async function checkMatchRunRate({ control, tenantId, now }: QuotaContext) {
  const limits = await limitsOf(control, tenantId)
  await hourlyRate({ control, tenantId, now }, 'match-runs', limits.matchRunsPerHour)
}

/** Counts one more `what` against the organization's hourly rate `max` (429 `{what}-rate-limited`, Retry-After). */
const hourlyRate = (
  { control, tenantId, now }: Pick<QuotaContext, 'control' | 'tenantId' | 'now'>,
  what: 'import-previews' | 'match-runs',
  max: number,
) => rateLimit(control, `quota:${what}:${tenantId}`, { max, windowMs: HOUR }, now, `${what}-rate-limited`)
