import { real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { tenants } from './tenants'

/**
 * Public statistics a city already has, per neighbourhood and period (school attendance, civic participation…),
 * imported from CSV and shown beside the organization's own indicators by neighbourhood group (decision 036).
 * About places, never about people: no person is named or counted one by one here.
 */
export const neighborhoodIndicators = sqliteTable(
  'neighborhood_indicators',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** The neighbourhood as a group key (`neighborhoodGroup()`: trimmed, case-folded). */
    neighborhoodGroup: text('neighborhood_group').notNull(),
    /** The period the figure is for, as the source names it: `YYYY`, `YYYY-MM` or `YYYY-Qn`. */
    period: text('period').notNull(),
    /** What is measured, in the source's own words (e.g. "school attendance %"). */
    measure: text('measure').notNull(),
    value: real('value').notNull(),
    /** Where the figure comes from (e.g. "City statistics office 2026"). */
    source: text('source').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('neighborhood_indicators_tenant').on(t.tenantId, t.neighborhoodGroup, t.period, t.measure),
  ],
)

export type NeighborhoodIndicator = typeof neighborhoodIndicators.$inferSelect
