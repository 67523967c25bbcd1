#!/usr/bin/env node
// The Worker's script startup, measured locally: `pnpm bench:startup [--runs 5]`.
//
// Bundles the Worker once as a deploy would (`wrangler deploy --dry-run --outfile`), then runs
// `wrangler check startup --worker <bundle>` several times. Each run loads the bundle into a fresh workerd and
// profiles `import()` of the main module (parse, compile and top-level evaluation: building the Hono app, its
// routes and validation schemas) with V8's CPU profiler, sampling about every millisecond. "Active" is the
// sampled time minus idle: the CPU the script's startup took, garbage collection included. The profiler samples
// wall time, so on a loaded machine a run can include time the thread waited for a core: the lowest run is the
// closest to the script's own cost; as root, `chrt -f 50 pnpm bench:startup` keeps the thread from waiting for a
// core at all (docs/benchmarks.md records both). Also prints the bundle size and the machine (cores, load average).
// Budgets (issue 15): script startup under 50 ms, bundle within 1 MB gzip.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))
const runsAt = process.argv.indexOf('--runs')
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' }
const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-startup-'))
const bundle = path.join(dir, 'worker.bundle')

function wrangler(...args) {
  const r = spawnSync('pnpm', ['exec', 'wrangler', ...args], { cwd: root, encoding: 'utf8', env })
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr)
    process.exit(r.status ?? 1)
  }
  return r.stdout
}

/** The same summary `wrangler check startup` prints, from its CPU profile (times in microseconds). */
function summarize(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]))
  let sampled = 0
  let idle = 0
  let gc = 0
  let program = 0
  profile.timeDeltas.forEach((delta, i) => {
    sampled += delta
    const fn = nodes.get(profile.samples[i])
    if (fn === '(idle)') idle += delta
    else if (fn === '(garbage collector)') gc += delta
    else if (fn === '(program)') program += delta
  })
  // (program): V8 itself, outside any JavaScript frame — mostly parsing and compiling the bundle.
  return { active: (sampled - idle) / 1000, gc: gc / 1000, program: program / 1000 }
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
const before = load()
wrangler('deploy', '--dry-run', '--outfile', bundle)
// The bundle file is the upload's multipart body: the modules, their source maps and metadata. Like
// `check startup`, count the modules only, gzipped together.
const body = readFileSync(bundle)
const boundary = body.subarray(2, body.indexOf(10)).toString().trim()
const form = await new Response(body, {
  headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
}).formData()
const modules = [...form.values()].filter((v) => v instanceof Blob && v.type !== 'application/source-map')
const gzipKb = gzipSync(Buffer.from(await new Blob(modules).arrayBuffer())).length / 1024
const results = []
for (let i = 0; i < runs; i++) {
  const outfile = path.join(dir, `startup-${i}.cpuprofile`)
  wrangler('check', 'startup', '--worker', bundle, '--outfile', outfile)
  results.push(summarize(JSON.parse(readFileSync(outfile, 'utf8'))))
}
rmSync(dir, { recursive: true, force: true })
const active = results.map((r) => r.active).sort((a, b) => a - b)
const median = active[Math.floor(active.length / 2)]
const cpu = os.cpus()
console.log(
  `machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), load average ${before} → ${load()}`,
)
console.log(`bundle: ${gzipKb.toFixed(1)} KB gzip (budget 1024 KB)`)
console.log(
  `script startup, ${runs} runs (ms active CPU incl. GC): ${active.map((a) => a.toFixed(1)).join(', ')}`,
)
console.log(`lowest ${active[0]?.toFixed(1)} ms, median ${median?.toFixed(1)} ms (budget 50 ms)`)
const best = results.find((r) => r.active === active[0])
if (best) {
  console.log(
    `lowest run: ${best.program.toFixed(1)} ms in V8 outside JavaScript (parse, compile), ${best.gc.toFixed(1)} ms GC, ` +
      `${(best.active - best.program - best.gc).toFixed(1)} ms evaluating the modules`,
  )
}
