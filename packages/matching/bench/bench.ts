/**
 * `pnpm bench:match` (from the repository root). Generates realistic pools with a fixed seed, runs the exact
 * solver in both modes, checks every optimality certificate, runs the greedy baseline, and times `munkres`
 * (dense Hungarian) on a 1,000 × 1,000 dense instance as the reference. Prints one table.
 *
 * Times: for the 2,000 × 1,000 pool, "first" is the median first call of FRESH_RUNS fresh child processes per
 * mode (nothing compiled yet: what `pnpm match:solve` and a Worker's first queue message pay); for the other
 * instances it is the first call on that instance in this process. "warm" is the median of the following calls.
 * Memory: "work set" is the solver's own count of the typed arrays it allocates (peak, input excluded); the
 * input's typed arrays are listed below the table, and the process's peak RSS at the end.
 */
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { munkres } from 'munkres'
import { checkCertificate, greedy, type Instance, type Mode, solve } from '../src/index.ts'
import { generate, generateDense } from './generate.ts'

const SEED = 20261127
const FRESH_RUNS = 5

interface Row {
  instance: string
  edges: string
  algorithm: string
  first: string
  warm: string
  workSet: string
  matched: string
  total: string
  certificate: string
}

const rows: Row[] = []

const int = (x: number): string => x.toLocaleString('en-US')
const ms = (x: number): string => (x < 100 ? x.toFixed(1) : x.toFixed(0))
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? Number.NaN : (s[(s.length - 1) >> 1] as number)
}

function timed<T>(fn: () => T, warmRuns: number): { result: T; first: number; warm: number } {
  let t = performance.now()
  const result = fn()
  const first = performance.now() - t
  const times: number[] = []
  for (let k = 0; k < warmRuns; k++) {
    t = performance.now()
    fn()
    times.push(performance.now() - t)
  }
  return { result, first, warm: median(times) }
}

function inputBytes(instance: Instance): number {
  const e = instance.edgeMentee.length
  return e * 16 + instance.mentors * 4
}

/** First calls in fresh processes (bench/first-call.ts), sorted; checks they agree with `expected`. */
function freshFirstCalls(mode: Mode, expected: { matched: number; totalUnits: number }): number[] {
  const script = fileURLToPath(new URL('./first-call.ts', import.meta.url))
  const times: number[] = []
  for (let k = 0; k < FRESH_RUNS; k++) {
    const child = spawnSync(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', script, mode, String(SEED)],
      { encoding: 'utf8' },
    )
    const out = JSON.parse(child.stdout) as { ms: number; matched: number; totalUnits: number }
    if (out.matched !== expected.matched || out.totalUnits !== expected.totalUnits) {
      throw new Error(`fresh run of ${mode} differs: ${child.stdout}`)
    }
    times.push(out.ms)
  }
  return times.sort((a, b) => a - b)
}

const freshNotes: string[] = []

function exact(name: string, instance: Instance, mode: Mode, warmRuns: number, fresh = false): number {
  const run = timed(() => solve(instance, { mode }), warmRuns)
  let first = run.first
  if (fresh) {
    const times = freshFirstCalls(mode, run.result)
    first = median(times)
    freshNotes.push(
      `${name} ${mode}: first call in ${FRESH_RUNS} fresh processes ${times.map(ms).join(', ')} ms ` +
        `(in this process: ${ms(run.first)} ms)`,
    )
  }
  const t = performance.now()
  const report = checkCertificate(instance, run.result)
  const checkMs = performance.now() - t
  rows.push({
    instance: name,
    edges: int(instance.edgeMentee.length),
    algorithm: `exact ${mode}`,
    first: ms(first),
    warm: warmRuns > 0 ? ms(run.warm) : '–',
    workSet: mb(run.result.stats.workingSetBytes),
    matched: int(run.result.matched),
    total: run.result.total.toLocaleString('en-US'),
    certificate: report.ok ? `ok (${ms(checkMs)} ms)` : `FAILED: ${report.errors[0]}`,
  })
  if (!report.ok) process.exitCode = 1
  return run.result.matched
}

function baseline(name: string, instance: Instance, warmRuns: number): number {
  const run = timed(() => greedy(instance), warmRuns)
  rows.push({
    instance: name,
    edges: int(instance.edgeMentee.length),
    algorithm: 'greedy baseline',
    first: ms(run.first),
    warm: warmRuns > 0 ? ms(run.warm) : '–',
    workSet: '–',
    matched: int(run.result.matched),
    total: run.result.total.toLocaleString('en-US'),
    certificate: 'n/a (heuristic)',
  })
  return run.result.matched
}

function realistic(
  mentees: number,
  mentors: number,
  radiusKm: number,
  warmRuns: number,
  fresh = false,
): string {
  const name = `${int(mentees)} × ${int(mentors)}`
  const instance = generate({ mentees, mentors, seed: SEED, radiusKm })
  const matched = exact(name, instance, 'participation', warmRuns, fresh)
  exact(name, instance, 'score', warmRuns, fresh)
  const g = baseline(name, instance, 0)
  const gain = matched - g
  return `${name}: exact participation matches ${int(gain)} more newcomers than greedy (+${((100 * gain) / Math.max(1, g)).toFixed(1)}%); input ${mb(inputBytes(instance))} of typed arrays`
}

function dense(size: number): void {
  const name = `${int(size)} × ${int(size)} dense`
  const instance = generateDense(size, SEED)
  exact(name, instance, 'participation', 2)
  const costs: number[][] = []
  for (let i = 0; i < size; i++) {
    const row = new Array<number>(size)
    for (let j = 0; j < size; j++) row[j] = 100 - (instance.edgeScore[i * size + j] as number)
    costs.push(row)
  }
  const run = timed(() => munkres(costs), 1)
  let total = 0
  for (const [i, j] of run.result) total += Math.round(100 * (instance.edgeScore[i * size + j] as number))
  total /= 100
  rows.push({
    instance: name,
    edges: int(size * size),
    algorithm: 'munkres (dense Hungarian)',
    first: ms(run.first),
    warm: ms(run.warm),
    workSet: '–',
    matched: int(run.result.length),
    total: total.toLocaleString('en-US'),
    certificate: 'reference',
  })
}

function print(): void {
  const header: Row = {
    instance: 'instance',
    edges: 'edges',
    algorithm: 'algorithm',
    first: 'first ms',
    warm: 'warm ms',
    workSet: 'work set',
    matched: 'matched',
    total: 'total score',
    certificate: 'certificate',
  }
  const keys = Object.keys(header) as Array<keyof Row>
  const width = new Map(keys.map((k) => [k, Math.max(...[header, ...rows].map((r) => r[k].length))]))
  const right = new Set<keyof Row>(['edges', 'first', 'warm', 'workSet', 'matched', 'total'])
  const line = (r: Row): string =>
    `| ${keys.map((k) => (right.has(k) ? r[k].padStart(width.get(k) ?? 0) : r[k].padEnd(width.get(k) ?? 0))).join(' | ')} |`
  console.log(line(header))
  console.log(
    `|${keys.map((k) => `${'-'.repeat((width.get(k) ?? 0) + 1)}${right.has(k) ? ':' : '-'}`).join('|')}|`,
  )
  for (const r of rows) console.log(line(r))
}

const cpu = os.cpus()[0]?.model ?? 'unknown'
console.log(
  `Matching benchmark · seed ${SEED} · ${os.availableParallelism()} cores · ${cpu} · node ${process.version} · ${new Date().toISOString().slice(0, 10)}`,
)
console.log('Generating instances and solving (about 15 s)…\n')
const notes = [realistic(2000, 1000, 3.2, 20, true), realistic(10000, 5000, 2.76, 2)]
dense(1000)
print()
console.log('')
for (const note of [...freshNotes, ...notes]) console.log(note)
console.log(
  `peak RSS of this process: ${mb(process.resourceUsage().maxRSS * 1024)} (generators, inputs, munkres matrix included)`,
)
