import { NEW_ORGANIZATION_LIMITS, type OrganizationLimit } from '@tandem/vocab'

/**
 * The operator's command for an organization's limits (scripts/tenant-limits.ts, decision 033) as SQL for the
 * control database; it runs through `wrangler d1 execute`, and the Worker tests run the same statement. Each
 * limit is a whole number, or `default` (back to the limit new organizations start with); limits not named stay
 * as they are.
 */
export type LimitChanges = Partial<Record<OrganizationLimit, number | 'default'>>

const COLUMNS: Record<OrganizationLimit, string> = {
  programs: 'programs',
  importPreviewsPerHour: 'import_previews_per_hour',
  importPreviewBytes: 'import_preview_bytes',
  matchRunsPerHour: 'match_runs_per_hour',
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`

export function tenantLimitsSql(slug: string, changes: LimitChanges, note: string, now: Date): string {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(slug))
    throw new Error(`not an organization address: ${slug}`)
  const named = Object.entries(changes) as [OrganizationLimit, number | 'default'][]
  if (named.length === 0) throw new Error('name at least one limit to change')
  const values = named.map(([name, value]) => {
    if (!(name in NEW_ORGANIZATION_LIMITS)) throw new Error(`no such limit: ${name}`)
    if (value === 'default') return [COLUMNS[name], 'NULL'] as const
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name}: a whole number ≥ 0 or default`)
    return [COLUMNS[name], String(value)] as const
  })
  const columns = values.map(([c]) => c)
  return [
    `INSERT INTO tenant_limits (tenant_id, ${columns.join(', ')}, note, updated_at)`,
    `SELECT id, ${values.map(([, v]) => v).join(', ')}, ${quote(note)}, ${now.getTime()} FROM tenants WHERE slug = ${quote(slug)}`,
    `ON CONFLICT (tenant_id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')},`,
    'note = excluded.note, updated_at = excluded.updated_at;',
  ].join(' ')
}

/** What an organization may use now, default or raised: the operator's `--show`. */
export function showTenantLimitsSql(slug: string): string {
  if (!/^[a-z0-9-]+$/.test(slug)) throw new Error(`not an organization address: ${slug}`)
  const field = (name: OrganizationLimit) =>
    `coalesce(l.${COLUMNS[name]}, ${NEW_ORGANIZATION_LIMITS[name]}) AS ${COLUMNS[name]}`
  return `SELECT t.slug, ${(Object.keys(COLUMNS) as OrganizationLimit[]).map(field).join(', ')}, l.note, l.updated_at FROM tenants t LEFT JOIN tenant_limits l ON l.tenant_id = t.id WHERE t.slug = ${quote(slug)};`
}
