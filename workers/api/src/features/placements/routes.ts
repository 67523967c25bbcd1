import { latestMigration, type TenantMove, tenantDatabases } from '@tandem/db'
import { sql } from 'drizzle-orm'
import { describeRoute } from 'hono-openapi'
import { factory } from '../../factory'
import { sealDatabaseToken } from '../../lib/db'
import { fieldError } from '../../lib/field-errors'
import { jsonResponse, problem } from '../../lib/openapi'
import { Problem } from '../../lib/problem'
import { validate } from '../../lib/validate'
import { LATEST_MIGRATION, migrateEverywhere } from './migrate.service'
import { confirmMove, getMove, rollBackMove, startMove, stepMove } from './moves.service'
import {
  DatabaseBody,
  DatabaseOut,
  DatabaseParam,
  MigrateBody,
  MigrateOut,
  MoveBody,
  MoveOut,
  MoveParam,
} from './schema'

const moveOut = (m: TenantMove) => ({
  ...m,
  tables: (m.tables as Record<string, unknown> | null) ?? null,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
  finishedAt: m.finishedAt?.toISOString() ?? null,
})

const operatorDoc = (summary: string, description: string, responses: Record<number, unknown>) =>
  describeRoute({
    tags: ['operator'],
    summary,
    description: `For operators, with \`Authorization: Bearer <OPERATOR_TOKEN>\` (decision 044). ${description}`,
    responses: {
      400: problem('Invalid fields or parameters'),
      503: problem(
        'A database the call needs does not answer, or is behind its migrations (`placement-unavailable`, `database-behind`)',
      ),
      ...responses,
      404: problem('No operator token configured, a wrong one, or no such thing'),
    },
  } as never)

/**
 * Placements (decision 044), for operators: dedicated libSQL databases, and moving an organization's data between
 * placements step by step. Mounted under /v1/operator behind the operator's token.
 */
export const placementRoutes = factory
  .createApp()
  .put(
    '/databases/:name',
    operatorDoc(
      'Register a dedicated libSQL database',
      'Stores the URL and the auth token (sealed under the protected-fields key) of a libSQL (Turso) database, placement `libsql:<name>`. The database must answer; its newest applied migration is returned (apply migrations with `pnpm db:migrate`).',
      {
        200: jsonResponse('The database, as organizations can now be placed on it', DatabaseOut),
        400: problem('A bad name, URL or token'),
        503: problem(
          'The database does not answer (`placement-unavailable`), or no encryption key is configured',
        ),
      },
    ),
    validate('param', DatabaseParam),
    validate('json', DatabaseBody),
    async (c) => {
      const { name } = c.req.valid('param')
      const { url, authToken } = c.req.valid('json')
      // A token never travels in the clear to a production database.
      if (c.var.config.APP_ENV === 'production' && url.startsWith('http://'))
        throw new Problem('invalid-request', {
          detail: 'In production a database is reached over TLS: use a libsql:// or https:// URL.',
          errors: [fieldError('url', 'bad-format', { message: 'Use a libsql:// or https:// URL.' })],
        })
      const control = c.var.db.control()
      const sealed = authToken ? await sealDatabaseToken(c.env, name, authToken) : null
      await control
        .insert(tenantDatabases)
        .values({ name, url, authToken: sealed, createdAt: new Date() })
        .onConflictDoUpdate({ target: tenantDatabases.name, set: { url, authToken: sealed } })
      const placement = `libsql:${name}`
      c.var.db.forget(placement)
      let migration: string | null
      try {
        const { libsqlWebDatabase } = await import('@tandem/db/libsql-web')
        migration = await latestMigrationOrThrow(
          libsqlWebDatabase({ url, ...(authToken ? { authToken } : {}) }),
        )
      } catch {
        throw new Problem('placement-unavailable', {
          detail: 'The database was stored but does not answer with this URL and token.',
          headers: { 'Retry-After': '60' },
        })
      }
      return c.json({ name, placement, url, migration }, 200)
    },
  )
  .post(
    '/migrate',
    operatorDoc(
      'Apply the migrations to every tenant database',
      'Every D1 placement organizations are on (and those named in `placements`) and every registered libSQL database: pending migrations applied in order, each with its `d1_migrations` row in one batch, four databases at a time; each reported `applied`, `current` or `failed` (the others go on). The shared database is migrated by wrangler. The list must end with the migration this version needs, so an old checkout cannot migrate a newer deployment backwards. `pnpm db:migrate` sends the committed files.',
      {
        200: jsonResponse('What happened on each database', MigrateOut),
        400: problem('A bad list, or one not ending with the migration this version needs'),
      },
    ),
    validate('json', MigrateBody),
    async (c) => {
      const { migrations, placements } = c.req.valid('json')
      if (migrations.at(-1)?.name !== LATEST_MIGRATION)
        throw new Problem('invalid-request', {
          detail: `The migrations must end with ${LATEST_MIGRATION}, the one this version of Tandem needs.`,
          errors: [fieldError('migrations', 'not-allowed', { params: { options: [LATEST_MIGRATION] } })],
        })
      return c.json({ databases: await migrateEverywhere(c.var.db, migrations, placements) }, 200)
    },
  )
  .post(
    '/moves',
    operatorDoc(
      'Start moving an organization to another placement',
      'Checks the target answers and holds nothing of the organization, copies its directory row there, makes the organization read-only (writes answer 503 `read-only` with Retry-After) and records the move. Then call `…/moves/{move}/step` until the state is `switched` (`pnpm ops:move` does the loop).',
      {
        201: jsonResponse('The move, copying', MoveOut),
        400: problem('A bad placement name'),
        409: problem(
          'A move is under way, the organization is there already, or the target holds an earlier copy',
        ),
        503: problem('The target does not answer or is behind its migrations'),
      },
    ),
    validate('json', MoveBody),
    async (c) => {
      const { organization, to } = c.req.valid('json')
      return c.json(moveOut(await startMove(c.var.db, organization, to, new Date())), 201)
    },
  )
  .get(
    '/moves/:move',
    operatorDoc('A move', 'Where the move stands.', { 200: jsonResponse('The move', MoveOut) }),
    validate('param', MoveParam),
    async (c) => c.json(moveOut(await getMove(c.var.db, c.req.valid('param').move)), 200),
  )
  .post(
    '/moves/:move/step',
    operatorDoc(
      'Advance a move by one bounded step',
      'Copies up to 400 rows of the current table, or compares up to 400 rows of both copies; after the last table is verified equal (counts and checksums), switches the placement and makes the organization writable again (`switched`). A table found different is copied again; after three tries the move is rolled back. Safe to call again after an interruption.',
      { 200: jsonResponse('The move after this step', MoveOut) },
    ),
    validate('param', MoveParam),
    async (c) => c.json(moveOut(await stepMove(c.var.db, c.req.valid('param').move, new Date())), 200),
  )
  .post(
    '/moves/:move/confirm',
    operatorDoc(
      'Confirm a switched move: delete the old copy',
      'After checking the organization on its new placement: deletes its rows from the old placement (`confirmed`).',
      {
        200: jsonResponse('The move, confirmed', MoveOut),
        409: problem('The move is not switched'),
      },
    ),
    validate('param', MoveParam),
    async (c) => c.json(moveOut(await confirmMove(c.var.db, c.req.valid('param').move, new Date())), 200),
  )
  .post(
    '/moves/:move/roll-back',
    operatorDoc(
      'Roll a move back before its switch',
      'Deletes what was copied to the target and makes the organization writable again on its old placement (`rolled-back`).',
      {
        200: jsonResponse('The move, rolled back', MoveOut),
        409: problem('The move is switched or finished'),
      },
    ),
    validate('param', MoveParam),
    async (c) => c.json(moveOut(await rollBackMove(c.var.db, c.req.valid('param').move, new Date())), 200),
  )

/** The newest migration of a database that must answer (a failing query throws, unlike `latestMigration`). */
async function latestMigrationOrThrow(db: Parameters<typeof latestMigration>[0]) {
  await db.run(sql`select 1`)
  return latestMigration(db)
}
