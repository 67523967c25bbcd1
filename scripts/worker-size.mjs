#!/usr/bin/env node
// Bundles the Worker exactly as `wrangler deploy` would (--dry-run) and prints its size.
// Fails when the bundle exceeds the 1 MB budget. The platform limits a Worker by its compressed size,
// so the budget is on the gzip figure (the raw figure is printed to watch the trend).
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))
const outdir = path.join(root, '.wrangler', 'dry-run')
rmSync(outdir, { recursive: true, force: true })
const result = spawnSync('pnpm', ['exec', 'wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
  cwd: root,
  encoding: 'utf8',
})
if (result.status !== 0) {
  console.error(result.stdout, result.stderr)
  process.exit(result.status ?? 1)
}
const LIMIT = 1024 * 1024
let raw = 0
let gz = 0
for (const file of readdirSync(outdir)) {
  if (!file.endsWith('.js')) continue
  const bytes = readFileSync(path.join(outdir, file))
  raw += statSync(path.join(outdir, file)).size
  gz += gzipSync(bytes, { level: 9 }).length
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
console.log(
  `Worker bundle (wrangler deploy --dry-run): ${kb(raw)} raw, ${kb(gz)} gzip (budget ≤ ${kb(LIMIT)} gzip)`,
)
if (gz > LIMIT) {
  console.error('✗ The Worker bundle is over its size budget.')
  process.exit(1)
}
