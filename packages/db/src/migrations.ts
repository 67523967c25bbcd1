/**
 * The newest migration in `migrations/` (the file name wrangler records in `d1_migrations`). The Worker refuses a
 * tenant database whose newest applied migration is older (503, decision 044); a test in this package fails when a
 * migration is added without moving this.
 */
export const LATEST_MIGRATION = '0028_placements.sql'
