/**
 * One fresh-process first call, for `bench.ts`: generates the 2,000 × 1,000 benchmark pool (same seed), solves
 * it once in the given mode and prints `{"ms": t, "matched": k, "totalUnits": u}`. Run as a child process so
 * that the call really is the first one V8 sees (nothing compiled, nothing optimised), as in `pnpm match:solve`
 * or a Worker's first queue message.
 */
import { type Mode, solve } from '../src/index.ts'
import { generate } from './generate.ts'

const mode = process.argv[2] as Mode
const instance = generate({ mentees: 2000, mentors: 1000, seed: Number(process.argv[3]), radiusKm: 3.2 })
const start = performance.now()
const result = solve(instance, { mode })
const ms = performance.now() - start
process.stdout.write(`${JSON.stringify({ ms, matched: result.matched, totalUnits: result.totalUnits })}\n`)
