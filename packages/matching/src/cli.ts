/**
 * CLI: `pnpm --silent match:solve IN.json OUT.json [--mode participation|score]` (from the repository root).
 * Reads an instance in the JSON file format, solves it exactly and writes
 * {"pairs": [[mentee, mentor], ...], "matched": k, "total": s, "solveMs": t}; solveMs is the solver's own
 * time (reading, parsing and writing excluded). Paths are relative to the current working directory.
 * Exit codes: 0 ok, 1 invalid instance or I/O error, 2 bad usage.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { InstanceError, type Mode, parseInstance, solve } from './index.ts'

const USAGE = 'usage: match:solve IN.json OUT.json [--mode participation|score]'

function main(argv: string[]): number {
  const files: string[] = []
  let mode: Mode = 'participation'
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k] as string
    if (arg === '--mode' || arg.startsWith('--mode=')) {
      const value = arg === '--mode' ? argv[++k] : arg.slice('--mode='.length)
      if (value !== 'participation' && value !== 'score') {
        process.stderr.write(`--mode must be participation or score\n${USAGE}\n`)
        return 2
      }
      mode = value
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`)
      return 0
    } else if (arg.startsWith('--')) {
      process.stderr.write(`unknown option ${arg}\n${USAGE}\n`)
      return 2
    } else {
      files.push(arg)
    }
  }
  if (files.length !== 2) {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  const [input, output] = files.map((f) => resolve(process.cwd(), f)) as [string, string]
  let text: string
  try {
    text = readFileSync(input, 'utf8')
  } catch (err) {
    process.stderr.write(`cannot read ${input}: ${(err as Error).message}\n`)
    return 1
  }
  try {
    const instance = parseInstance(text)
    const start = performance.now()
    const result = solve(instance, { mode })
    const solveMs = Math.round((performance.now() - start) * 1000) / 1000
    const body = JSON.stringify({
      pairs: result.pairs,
      matched: result.matched,
      total: result.total,
      solveMs,
    })
    writeFileSync(output, `${body}\n`)
    return 0
  } catch (err) {
    if (err instanceof InstanceError) {
      process.stderr.write(`invalid instance ${input}: ${err.message}\n`)
      return 1
    }
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`)
    return 1
  }
}

process.exitCode = main(process.argv.slice(2))
