/**
 * The operator's command for one organization's limits (decision 033). New organizations start with conservative
 * limits; raise them here (there is no operator page):
 *
 *   pnpm ops:limits <slug> --show [--remote]
 *   pnpm ops:limits <slug> --programs 50 --match-runs-per-hour 60 --note "agreement 2027-01" [--remote]
 *   pnpm ops:limits <slug> --programs default          (back to the new-organization limit)
 *
 * Limits: --programs, --import-previews-per-hour, --import-preview-bytes, --match-runs-per-hour. Runs
 * `wrangler d1 execute DB` on the control database (`--remote` for the deployed one, local otherwise). With
 * `--remote`, the account's ids come from the wrangler.deploy.toml that `pnpm run deploy` writes.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import {
  type LimitChanges,
  showTenantLimitsSql,
  tenantLimitsSql,
} from '../workers/api/src/lib/tenant-limits-sql'

const FLAGS: Record<string, keyof LimitChanges> = {
  '--programs': 'programs',
  '--import-previews-per-hour': 'importPreviewsPerHour',
  '--import-preview-bytes': 'importPreviewBytes',
  '--match-runs-per-hour': 'matchRunsPerHour',
}

const [slug, ...args] = process.argv.slice(2)
if (!slug || slug.startsWith('--')) {
  console.error('usage: pnpm ops:limits <slug> [--show] [--programs N|default] … [--note TEXT] [--remote]')
  process.exit(2)
}
const changes: LimitChanges = {}
let note = ''
let show = false
let remote = false
for (let i = 0; i < args.length; i++) {
  const flag = args[i] as string
  if (flag === '--show') show = true
  else if (flag === '--remote') remote = true
  else if (flag === '--note') note = args[++i] ?? ''
  else if (FLAGS[flag]) {
    const value = args[++i]
    changes[FLAGS[flag]] = value === 'default' ? 'default' : Number(value)
  } else {
    console.error(`unknown option ${flag}`)
    process.exit(2)
  }
}
// The committed wrangler.toml holds a placeholder database id; the deployed one is in wrangler.deploy.toml.
const where = remote
  ? ['--remote', ...(existsSync('wrangler.deploy.toml') ? ['-c', 'wrangler.deploy.toml'] : [])]
  : ['--local']
const statement = show ? showTenantLimitsSql(slug) : tenantLimitsSql(slug, changes, note, new Date())
const result = spawnSync(
  'pnpm',
  ['exec', 'wrangler', 'd1', 'execute', 'DB', ...where, '--command', statement],
  { stdio: 'inherit' },
)
if (!show && result.status === 0) {
  spawnSync(
    'pnpm',
    ['exec', 'wrangler', 'd1', 'execute', 'DB', ...where, '--command', showTenantLimitsSql(slug)],
    { stdio: 'inherit' },
  )
}
process.exit(result.status ?? 1)
