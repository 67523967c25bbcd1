import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import type { Database } from './client'
import { repositoryContract } from './contract'
import { libsqlDatabase, migrateLibsql } from './libsql'

// The repository contract on libSQL: a real SQLite file, migrated with the committed migrations.
const dir = mkdtempSync(path.join(tmpdir(), 'tandem-libsql-'))
let handle: { db: Database; close: () => void } | undefined

beforeAll(async () => {
  handle = libsqlDatabase({ url: `file:${path.join(dir, 'tandem.sqlite')}` })
  await migrateLibsql(handle.db, path.resolve(import.meta.dirname, '../../../migrations'))
})

afterAll(() => {
  handle?.close()
  rmSync(dir, { recursive: true, force: true })
})

repositoryContract('libSQL (file)', () => {
  if (!handle) throw new Error('database not ready')
  return handle.db
})
