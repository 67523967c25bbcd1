import { type Database, tenants } from '@tandem/db'
import { describeRoute } from 'hono-openapi'
import * as v from 'valibot'
import { factory } from '../../factory'
import { digestsEqual, sha256Hex } from '../../lib/crypto'
import { resealDatabaseTokens } from '../../lib/db'
import { jsonResponse, problem } from '../../lib/openapi'
import { notFound, Problem } from '../../lib/problem'
import { masterKeysOf } from '../../lib/protected-fields'
import { placementRoutes } from '../placements/routes'
import { reencryptBatch } from './service'

/** Values one call re-encrypts at most per kind and database (a Worker request has little CPU time). */
const BATCH = 200

/**
 * The operator's routes (decision 033): no session, no organization; the bearer token `OPERATOR_TOKEN` (a Worker
 * secret). Without the secret configured they do not exist (404). Mounted at /v1/operator.
 */
/** The operator's bearer token, compared in constant time; a missing or wrong one answers 404. */
const operatorOnly = factory.createMiddleware(async function operatorOnly(c, next) {
  const token = c.var.config.OPERATOR_TOKEN
  const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? ''
  if (!token || !digestsEqual(sha256Hex(given), sha256Hex(token))) throw notFound()
  await next()
})

export const operatorRoutes = factory
  .createApp()
  .use(operatorOnly)
  .route('/', placementRoutes)
  .post(
    '/re-encrypt',
    describeRoute({
      tags: ['operator'],
      summary: 'Re-encrypt a batch of sealed values under the current master key (key rotation)',
      description:
        'For operators, with `Authorization: Bearer <OPERATOR_TOKEN>`. Every organization, every database: values sealed under the previous key (or before key ids) are sealed again under `PROTECTED_FIELDS_KEY`, at most a batch per call. Call again until `remaining` is 0, then remove `PROTECTED_FIELDS_KEY_PREVIOUS` (`scripts/re-encrypt.mjs` does the loop).',
      responses: {
        200: jsonResponse(
          'How many values this call re-encrypted; whether more remain',
          v.object({ reencrypted: v.number(), remaining: v.boolean() }),
        ),
        404: problem('No operator token configured, or a wrong one'),
        503: problem('No encryption key configured, or a value sealed under a key that is not configured'),
      },
    }),
    async (c) => {
      const keys = masterKeysOf(c.var.config)
      if (!keys) throw new Problem('encryption-key-missing', { detail: 'PROTECTED_FIELDS_KEY is not set.' })
      const resolver = c.var.db
      const placements = await resolver
        .control()
        .selectDistinct({ placement: tenants.placement })
        .from(tenants)
      const databases = new Map<string, Database>([['shared', resolver.control()]])
      for (const { placement } of placements)
        databases.set(placement, await resolver.dbFor({ id: '', placement }))
      let reencrypted = 0
      for (const db of databases.values()) reencrypted += await reencryptBatch(db, keys, BATCH)
      // The libSQL databases' tokens (control database), so they open once the previous key is gone.
      reencrypted += await resealDatabaseTokens(resolver.control(), keys)
      return c.json({ reencrypted, remaining: reencrypted > 0 })
    },
  )
