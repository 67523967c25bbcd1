/**
 * `pnpm bench:match` (from the repository root). Generates realistic pools with a fixed seed, runs the exact
 * solver in both modes, checks every optimality certificate, runs the greedy baseline, and times `munkres`
 * (dense Hungarian) on a 1,000 × 1,000 dense instance as the reference. Prints one table.
 *
 * Times: "first" is the first call in this process (cold JIT), "warm" the median of the following calls.
 * Memory: "work set" is the solver's own count of the typed arrays it allocates (peak, input excluded); the
 * input's typed arrays are listed below the table, and the process's peak RSS at the end.
 */
import os from 'node:os'
import { munkres } from 'munkres'
import { checkCertificate, greedy, type Instance, type Mode, solve } from '../src/index.ts'
import { generate, generateDense } from './generate.ts'

const SEED = 20261127

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

function exact(name: string, instance: Instance, mode: Mode, warmRuns: number): number {
  const run = timed(() => solve(instance, { mode }), warmRuns)
  const t = performance.now()
  const report = checkCertificate(instance, run.result)
  const checkMs = performance.now() - t
  rows.push({
    instance: name,
    edges: int(instance.edgeMentee.length),
    algorithm: `exact ${mode}`,
    first: ms(run.first),
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

function realistic(mentees: number, mentors: number, radiusKm: number, warmRuns: number): string {
  const name = `${int(mentees)} × ${int(mentors)}`
  const instance = generate({ mentees, mentors, seed: SEED, radiusKm })
  const matched = exact(name, instance, 'participation', warmRuns)
  exact(name, instance, 'score', warmRuns)
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
console.log('Generating instances and solving (about 10 s)…\n')
const notes = [realistic(2000, 1000, 3.2, 20), realistic(10000, 5000, 2.76, 2)]
dense(1000)
print()
console.log('')
for (const note of notes) console.log(note)
console.log(
  `peak RSS of this process: ${mb(process.resourceUsage().maxRSS * 1024)} (generators, inputs, munkres matrix included)`,
)
