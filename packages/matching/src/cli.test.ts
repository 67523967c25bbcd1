import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url))

function run(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', cli, ...args],
      { cwd },
      (err, _stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stderr }),
    )
  })
}

describe('match:solve CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-match-'))
  writeFileSync(
    join(dir, 'in.json'),
    JSON.stringify({
      mentees: 2,
      mentors: 2,
      capacity: [1, 1],
      edges: [
        [0, 0, 10],
        [0, 1, 9],
        [1, 0, 0.5],
      ],
    }),
  )

  it('solves with paths relative to the working directory, in both modes', async () => {
    expect((await run(['in.json', 'out.json'], dir)).code).toBe(0)
    const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))
    expect(out.pairs).toEqual([
      [0, 1],
      [1, 0],
    ])
    expect(out.matched).toBe(2)
    expect(out.total).toBe(9.5)
    expect(typeof out.solveMs).toBe('number')
    expect((await run(['in.json', 'score.json', '--mode', 'score'], dir)).code).toBe(0)
    const score = JSON.parse(readFileSync(join(dir, 'score.json'), 'utf8'))
    expect(score).toMatchObject({ pairs: [[0, 0]], matched: 1, total: 10 })
  })

  it('reports invalid input and bad usage', async () => {
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ mentees: 1, mentors: 1, capacity: [1], edges: [[0, 3, 1]] }),
    )
    const bad = await run(['bad.json', 'o.json'], dir)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/edge 0: mentor index 3/)
    expect((await run(['missing.json', 'o.json'], dir)).code).toBe(1)
    expect((await run(['in.json'], dir)).code).toBe(2)
    expect((await run(['in.json', 'o.json', '--mode', 'fast'], dir)).code).toBe(2)
  })
})
