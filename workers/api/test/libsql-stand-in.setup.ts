import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

/** The token the stand-in requires, as Turso does; tests register their databases with it. */
export const LIBSQL_TEST_TOKEN = 'libsql-stand-in-test-token'

/**
 * Vitest global setup: a libSQL server stand-in (Hrana over HTTP, libsql-stand-in.ts) in a process of its own, over
 * a fresh directory of SQLite files, so organizations placed on libSQL are served through `@libsql/client/web`.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-libsql-'))
  const child = spawn(
    process.execPath,
    [
      '--experimental-strip-types',
      '--no-warnings',
      fileURLToPath(new URL('./libsql-stand-in.main.ts', import.meta.url)),
      dir,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, LIBSQL_STAND_IN_TOKEN: LIBSQL_TEST_TOKEN } },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.once('error', reject)
    child.once('exit', (code) =>
      reject(new Error(`the libSQL stand-in ended (exit ${code}) before it listened`)),
    )
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      const line = out.split('\n')[0]
      if (out.includes('\n') && line) resolve(line.trim())
    })
  })
  project.provide('libsqlBaseUrl', url)
  return () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true })
        resolve()
      }
      if (child.exitCode !== null) return done()
      child.once('exit', done)
      child.stdin?.end()
    })
}

declare module 'vitest' {
  export interface ProvidedContext {
    libsqlBaseUrl: string
  }
}
