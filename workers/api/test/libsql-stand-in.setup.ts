import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startStandInProcess } from './stand-in-process'

/** The token the stand-in requires, as Turso does; tests register their databases with it. */
export const LIBSQL_TEST_TOKEN = 'libsql-stand-in-test-token'

/**
 * Vitest global setup: the libSQL server stand-in (Hrana over HTTP, packages/db/src/hrana-server.ts, decision 042) in a process of its own, over
 * a fresh directory of SQLite files, so organizations placed on libSQL are served through `@libsql/client/web`.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-libsql-'))
  const { url, stop } = await startStandInProcess(
    'libSQL',
    new URL('../../../packages/db/src/hrana-server.main.ts', import.meta.url),
    ['--dir', dir],
    { HRANA_AUTH_TOKEN: LIBSQL_TEST_TOKEN },
  )
  project.provide('libsqlBaseUrl', url)
  return async () => {
    await stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    libsqlBaseUrl: string
  }
}
