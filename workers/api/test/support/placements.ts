import { env } from 'cloudflare:workers'
import { libsqlWebDatabase } from '@tandem/db/libsql-web'
import { inject } from 'vitest'
import { LIBSQL_TEST_TOKEN } from '../libsql-stand-in.setup'
import { Client, orgWithOwner, placementOpeners } from './client'

/** The operator's token the test Worker runs with (vitest.config.ts). */
export const OPERATOR_TOKEN = 'operator-token-of-the-worker-tests-0123456789'

/** The operator's routes through the typed client: each call from a fresh client, with the operator's token. */
export const operatorApi = () => new Client().api.v1.operator
export const asOperator = { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } }

/** One step of a move. */
export const stepMove = (move: string) =>
  operatorApi().moves[':move'].step.$post({ param: { move } }, asOperator)

/** Steps a move until it is switched (or stops otherwise). */
export async function runMove(id: string, limit = 400) {
  let move: Awaited<ReturnType<Awaited<ReturnType<typeof stepMove>>['json']>> | undefined
  for (let i = 0; i < limit; i++) {
    const res = await stepMove(id)
    if (res.status !== 200) throw new Error(`step: ${res.status} ${await res.text()}`)
    move = await res.json()
    if (move.state !== 'copying' && move.state !== 'verifying') return move
  }
  throw new Error(`move ${id} did not finish in ${limit} steps: ${JSON.stringify(move)}`)
}

/** The migrations the tests apply (vitest.config.ts), as `pnpm db:migrate` sends them. */
export function migrationFiles(migrations: { name: string; queries: string[] }[]) {
  return migrations.map((m) => ({ name: m.name, sql: m.queries.join('\n--> statement-breakpoint\n') }))
}

const registered = new Map<string, Promise<string>>()

/**
 * A dedicated libSQL database on the stand-in server (libsql-stand-in.setup.ts), registered the way an operator does
 * (`PUT /api/v1/operator/databases/{name}` with its URL and token) and migrated through `POST …/migrate`. Returns
 * its placement, `libsql:<name>`.
 */
export function libsqlPlacement(
  name: string,
  migrations: { name: string; queries: string[] }[],
): Promise<string> {
  let pending = registered.get(name)
  if (!pending) {
    pending = (async () => {
      const url = `${inject('libsqlBaseUrl')}/${name}/`
      const put = await operatorApi().databases[':name'].$put(
        { param: { name }, json: { url, authToken: LIBSQL_TEST_TOKEN } },
        asOperator,
      )
      if (put.status !== 200) throw new Error(`register ${name}: ${put.status} ${await put.text()}`)
      const placement = `libsql:${name}`
      const migrated = await operatorApi().migrate.$post(
        { json: { migrations: migrationFiles(migrations), placements: [placement] } },
        asOperator,
      )
      const report = await migrated.json()
      const mine = report.databases.find((d) => d.placement === placement)
      if (migrated.status !== 200 || mine?.outcome === 'failed')
        throw new Error(`migrate ${name}: ${migrated.status} ${JSON.stringify(report)}`)
      placementOpeners.set(placement, () => libsqlWebDatabase({ url, authToken: LIBSQL_TEST_TOKEN }))
      return placement
    })()
    registered.set(name, pending)
  }
  return pending
}

/** Moves an organization to `placement` through the operator's routes and confirms the move. */
export async function placeOn(slug: string, placement: string) {
  const started = await operatorApi().moves.$post({ json: { organization: slug, to: placement } }, asOperator)
  if (started.status !== 201) throw new Error(`move ${slug}: ${started.status} ${await started.text()}`)
  const move = await runMove((await started.json()).id)
  if (move.state !== 'switched') throw new Error(`move ${slug}: ${JSON.stringify(move)}`)
  const confirmed = await operatorApi().moves[':move'].confirm.$post({ param: { move: move.id } }, asOperator)
  if (confirmed.status !== 200) throw new Error(`confirm ${slug}: ${confirmed.status}`)
}

/** Where a test's organization lives: the shared database, the EU D1 database, or a libSQL database of its own. */
export type Where = 'shared' | 'eu' | 'libsql'

/** An organization with a signed-in owner, on the database asked for. */
export async function orgOn(prefix: string, where: Where) {
  const org = await orgWithOwner(prefix, { residency: where === 'eu' ? 'eu' : 'default' })
  if (where === 'libsql') await placeOn(org.slug, await libsqlPlacement('tests', env.TEST_MIGRATIONS))
  return org
}
