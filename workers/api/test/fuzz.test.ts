import { env, exports } from 'cloudflare:workers'
import { type Schema, Validator } from '@cfworker/json-schema'
import { newId } from '@tandem/db'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { permissions } from '../src/features/auth/permissions'
import { Client, memberWithRole, ORIGIN, orgWithOwner } from './support/client'
import { type Actor, exampleBodies, type Fixtures, fixtureMakers } from './support/operations'

/**
 * Property-based fuzzing of every operation in the OpenAPI document (decision 034). For each operation fast-check
 * draws malformed requests: bodies with fields of the wrong type, missing or extra fields, huge strings and arrays,
 * odd Unicode, deep nesting; malformed JSON, wrong content types, oversize bodies; invalid path ids and bad query
 * values. The document itself is the oracle: a request the operation's own schema rejects must get a 4xx
 * problem+json and change nothing in the database; any other request (odd but allowed by the schema) must still
 * never get a 5xx. Seeded, so a failure prints a seed and path that replays it exactly.
 */

const SEED = 20261206
/**
 * Runs per operation. Writes cost more (a database snapshot before and after each request, a wait for background
 * work after an accepted one); ~100 operations at these counts stay inside the file's 40 s budget on 2 cores.
 */
const RUNS = { read: 8, write: 6 }

type Param = { name: string; in: string; required?: boolean; schema?: Schema }
type Media = { schema?: Schema }
type DocOperation = {
  'x-permission'?: string
  'x-scope'?: 'own'
  parameters?: Param[]
  requestBody?: { required?: boolean; content?: Record<string, Media> }
}
type Document = {
  paths: Record<string, Record<string, DocOperation>>
  components: { schemas: Record<string, Schema> }
}

const doc = (await (await exports.default.fetch(`${ORIGIN}/api/openapi.json`)).json()) as Document
const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
)

const validators = new Map<Schema, Validator>()
/** Whether a value is allowed by a schema of the document (components resolved). */
function allowed(schema: Schema | undefined, value: unknown): boolean {
  if (!schema) return true
  let v = validators.get(schema)
  if (!v) {
    v = new Validator({ ...schema, components: doc.components } as Schema, '2020-12', true)
    validators.set(schema, v)
  }
  return v.validate(value).valid
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/** Strings a careless or hostile client sends: lone surrogates, bidi controls, NUL, emoji, markup, injections. */
const oddStrings = [
  '\ud800',
  'a\udc00b',
  '\udfff\ud800',
  '\u202e\u200fevil\u202c',
  '\u0000',
  'x\u0000y',
  '😀👩‍👩‍👧🏳️‍🌈',
  'e\u0301\u0301\u0301',
  '\ufeff',
  '\u2028\u2029',
  '\u00a0',
  ' ',
  '',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '%00%ZZ',
  'https://evil.example/?q=1',
  '\\u0000',
  'Ω≈ç√∫˜µ≤≥÷',
  'ﷺ',
]
const oddString = fc.oneof(
  fc.constantFrom(...oddStrings),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .tuple(fc.constantFrom('x', '😀', '\ud800', 'ب', '\u0000'), fc.integer({ min: 200, max: 20_000 }))
    .map(([s, n]) => s.repeat(n)),
)
/** Values of every JSON type, for fields that expect another. */
const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', 'x', [], {}, [null], {
    a: 1,
  }),
  fc.constantFrom(...oddStrings),
  fc.integer(),
  fc.double({ noNaN: true }),
)
const anyValue: fc.Arbitrary<unknown> = fc.oneof(scalar, oddString)
/** Long arrays of small values (a huge array of huge strings would only test the 1 MB limit again). */
const hugeArray = fc
  .tuple(fc.integer({ min: 50, max: 5_000 }), scalar)
  .map(([n, item]) => Array.from({ length: n }, () => item))
/** Ids that name nothing: wrong shape, encoded odd characters, traversal, injection, very long. */
const badId = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    'null',
    'undefined',
    '%00',
    '%ZZ',
    '%',
    '..',
    '%2e%2e',
    '%2F',
    '%20',
    "'%20OR%201=1--",
    'a'.repeat(5_000),
    '%F0%9F%98%80',
    '%ED%A0%80',
    '%E2%80%AE',
  ),
  fc.constant(null).map(() => newId()),
  oddString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x')).slice(0, 6_000) || 'x'),
)

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** One fuzzed request and whether the document's schemas reject it (`invalid`: must be a 4xx, nothing changes). */
type Case = {
  what: string
  invalid: boolean
  path: string
  query: [string, string][]
  headers: Record<string, string>
  body: string | null
}

/** Every place in a JSON value: [] is the value itself. */
function places(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at)
  if (Array.isArray(value)) for (const [i, v] of value.entries()) places(v, [...at, i], out)
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) places(v, [...at, k], out)
  return out
}

const MARK = '\u0001deep\u0001'
const DEEP = JSON.stringify(MARK)
type Mutation = {
  place: number
  kind: 'set' | 'delete' | 'extra' | 'odd' | 'huge' | 'deep'
  value: unknown
  item: unknown
  n: number
}
const mutation: fc.Arbitrary<Mutation> = fc.record({
  place: fc.nat(),
  kind: fc.constantFrom('set', 'delete', 'extra', 'odd', 'huge', 'deep'),
  value: fc.oneof(anyValue, hugeArray),
  item: scalar,
  n: fc.integer({ min: 64, max: 50_000 }),
})

/** Applies mutations to a copy of a body; deep nesting is spliced into the JSON text (too deep for stringify). */
function mutate(base: unknown, mutations: Mutation[]): { judged: unknown; text: string; deep: number } {
  let value = structuredClone(base)
  let deep = 0
  for (const m of mutations) {
    const all = places(value)
    const at = all[m.place % all.length] ?? []
    const replacement =
      m.kind === 'odd'
        ? fc.sample(oddString, { seed: m.n, numRuns: 1 })[0]
        : m.kind === 'huge'
          ? Array.from({ length: m.n % 5_000 }, () => m.item)
          : m.kind === 'deep'
            ? MARK
            : m.value
    if (m.kind === 'deep') deep = m.n % 20_000
    if (at.length === 0) {
      if (m.kind === 'extra' && value && typeof value === 'object' && !Array.isArray(value)) {
        ;(value as Record<string, unknown>)[extraKey(m.n)] = m.value
      } else if (m.kind !== 'delete' && m.kind !== 'extra') value = replacement
      continue
    }
    const parent = at
      .slice(0, -1)
      .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value) as Record<string | number, unknown>
    const last = at[at.length - 1] as string | number
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1)
      else delete parent[last]
    } else if (m.kind === 'extra') {
      const target = parent[last]
      if (target && typeof target === 'object' && !Array.isArray(target))
        (target as Record<string, unknown>)[extraKey(m.n)] = m.value
      else if (!Array.isArray(parent)) parent[extraKey(m.n)] = m.value
    } else parent[last] = replacement
  }
  let text = JSON.stringify(value) ?? 'null'
  // Nesting depth is in no schema: the shape is judged with a shallow stand-in at the same place.
  const judged = deep > 0 && text.includes(DEEP) ? JSON.parse(text.replace(DEEP, '{"a":[1]}')) : value
  if (deep > 0 && text.includes(DEEP))
    text = text.replace(DEEP, `${'{"a":['.repeat(deep)}1${']}'.repeat(deep)}`)
  else deep = 0
  return { judged, text, deep }
}

const extraKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'tenantId',
  'id',
  'role',
  '',
  '\u0000',
  '😀',
  'a'.repeat(300),
]
const extraKey = (n: number) => extraKeys[n % extraKeys.length] as string

/** A valid-looking value for a schema, for operations without an example body (public routes). */
function exampleOf(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return null
  const s = schema as Record<string, unknown>
  if (typeof s.$ref === 'string')
    return exampleOf(doc.components.schemas[s.$ref.split('/').pop() ?? ''], depth + 1)
  if (Array.isArray(s.anyOf)) return exampleOf(s.anyOf[0] as Schema, depth + 1)
  if (Array.isArray(s.enum)) return s.enum[0]
  if (s.default !== undefined) return s.default
  switch (s.type) {
    case 'object':
      return Object.fromEntries(
        ((s.required as string[] | undefined) ?? []).map((k) => [
          k,
          exampleOf((s.properties as Record<string, Schema>)?.[k], depth + 1),
        ]),
      )
    case 'array':
      return Array.from({ length: (s.minItems as number | undefined) ?? 0 }, () =>
        exampleOf(s.items as Schema, depth + 1),
      )
    case 'integer':
    case 'number':
      return (s.minimum as number | undefined) ?? 1
    case 'boolean':
      return true
    case 'string':
      if (s.format === 'email') return 'fuzz@example.org'
      return 'x'.repeat((s.minLength as number | undefined) ?? 1)
    default:
      return null
  }
}

/** All request shapes for one operation, drawn by fast-check. */
function casesFor(
  method: string,
  op: DocOperation,
  pathOf: (override?: [string, string]) => string,
  params: string[],
  base: unknown,
): fc.Arbitrary<Case> {
  const media = op.requestBody?.content ?? {}
  const schema = media['application/json']?.schema
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query')
  const requiredQuery = queryParams
    .filter((p) => p.required)
    .map((p): [string, string] => [p.name, 'fuzzing the request shapes'])
  const write = method !== 'GET'
  const json = { 'content-type': 'application/json' }
  const baseText = JSON.stringify(base ?? {})
  const request = (c: Partial<Case> & { what: string; invalid: boolean }): Case => ({
    path: pathOf(),
    query: requiredQuery,
    headers: op.requestBody ? json : {},
    body: op.requestBody ? baseText : null,
    ...c,
  })
  const arbs: { arbitrary: fc.Arbitrary<Case>; weight: number }[] = []
  const add = (weight: number, arbitrary: fc.Arbitrary<Case>) => arbs.push({ arbitrary, weight })

  // Invalid ids in the path: nothing of that name exists (or the path is no route at all).
  if (params.length > 0) {
    add(
      3,
      fc
        .tuple(fc.constantFrom(...params), badId)
        .map(([name, id]) =>
          request({ what: `{${name}} = ${id.slice(0, 40)}`, invalid: true, path: pathOf([name, id]) }),
        ),
    )
  }

  // Query values: each judged by the parameter's own schema; unknown and repeated parameters are allowed.
  if (queryParams.length > 0) {
    add(
      3,
      fc
        .tuple(
          fc.constantFrom(...queryParams),
          fc.oneof(
            oddString,
            fc.constantFrom('-1', '1000', '1e999', '0x10', 'abc', '1.5', '', 'true', 'null'),
          ),
        )
        .map(([p, raw]) => {
          const value = raw.replace(/[\ud800-\udfff]/g, '\ufffd')
          const isArray = (p.schema as { type?: string } | undefined)?.type === 'array'
          const ok = allowed(p.schema, isArray ? [value] : value)
          return request({
            what: `?${p.name}=${value.slice(0, 40)}`,
            invalid: !ok,
            query: [...requiredQuery.filter(([n]) => n !== p.name), [p.name, value]],
          })
        }),
    )
  }
  if (requiredQuery.length > 0)
    add(3, fc.constant(request({ what: 'required query missing', invalid: true, query: [] })))
  add(
    1,
    fc.tuple(oddString, oddString).map(([k, v]) =>
      request({
        what: 'unknown query parameter',
        invalid: false,
        query: [
          ...requiredQuery,
          [k.replace(/[\ud800-\udfff]/g, '') || 'k', v.replace(/[\ud800-\udfff]/g, '')],
        ],
      }),
    ),
  )

  if (write) {
    // A body of another type: refused before any handler (except types the operation documents).
    add(
      3,
      fc
        .constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'text/html',
          '',
        )
        .filter((t) => !((t.split(';')[0] as string) in media))
        .map((type) =>
          request({
            what: `content-type ${type || '(none)'}`,
            invalid: true,
            headers: type ? { 'content-type': type } : {},
            body: type.startsWith('application/x-www') ? 'a=1&b=%ZZ' : baseText,
          }),
        ),
    )
    // More than the 1 MB limit.
    add(
      3,
      fc.integer({ min: 1, max: 3 }).map((mb) =>
        request({
          what: `${mb} MB body`,
          invalid: true,
          headers: json,
          body: JSON.stringify({
            ...(base && typeof base === 'object' ? base : {}),
            pad: 'x'.repeat(mb * 1024 * 1024 + 10),
          }),
        }),
      ),
    )
  }

  if (op.requestBody) {
    // Text that is not JSON at all, or JSON cut short.
    add(
      3,
      fc
        .oneof(
          fc.constantFrom(
            '{',
            '{"a":}',
            '[1,]',
            "{'a':1}",
            'nul',
            '\u0000',
            '{"a":1}}',
            '{"a":"\\ud800"',
            '\ufeff{}',
          ),
          fc.nat().map((n) => baseText.slice(0, n % Math.max(1, baseText.length))),
        )
        .filter((text) => text.length > 0 || op.requestBody?.required === true)
        .map((text) => request({ what: `malformed JSON ${text.slice(0, 30)}`, invalid: true, body: text })),
    )
    // JSON of the wrong shape, mutated fields, deep nesting: judged by the body's schema.
    add(
      8,
      fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => {
        const { judged, text, deep } = mutate(base ?? {}, ms)
        const invalid = !allowed(schema, judged)
        return request({
          what: `body ${ms.map((m) => m.kind).join('+')}${deep ? ` (depth ${deep})` : ''}`,
          invalid: invalid && schema !== undefined,
          body: text,
        })
      }),
    )
  } else if (write) {
    // An operation without a body that is sent one anyway: ignored or refused, never a 5xx.
    add(
      1,
      anyValue.map((v) =>
        request({
          what: 'unexpected JSON body',
          invalid: false,
          headers: json,
          body: JSON.stringify(v) ?? 'null',
        }),
      ),
    )
  }
  return fc.oneof(...arbs)
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

/** Tables whose rows a rejected request may legitimately write: counters of attempts (that is their job). */
const counters = new Set(['rate_limits', 'email_send_rate'])
let tables: string[] = []
/** The whole database, read in one batch, table by table: a rejected write must leave it as it was. */
async function snapshot(): Promise<string[]> {
  const rows = await env.DB.batch(selects.map((sql) => env.DB.prepare(sql)))
  return rows.map((r) => JSON.stringify(r.results))
}
/**
 * One SELECT per table. Long values (email bodies, sealed text) are read as their length and first 64
 * characters: the snapshot stays small while any write to a row still shows.
 */
let selects: string[] = []
const changedTables = (a: string[], b: string[]) => tables.filter((_, i) => a[i] !== b[i])
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/**
 * Waits until background work started by an accepted request (queue consumers sending email, match runs) stops
 * changing the database: the same snapshot twice over a window longer than the queues' batch timeout (50 ms).
 */
async function settled(): Promise<string[]> {
  let before = await snapshot()
  for (let i = 0; i < 40; i++) {
    await sleep(70)
    const now = await snapshot()
    if (changedTables(before, now).length === 0) return now
    before = now
  }
  return before
}

/** Fixtures by path parameters and caller: operations on the same resource share them, to save time. */
const fixtureCache = new Map<string, Fixtures>()

let org: Awaited<ReturnType<typeof orgWithOwner>>
let mentee: Awaited<ReturnType<typeof memberWithRole>>
beforeAll(async () => {
  org = await orgWithOwner('fuzz')
  mentee = await memberWithRole(org, 'mentee')
  const found = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'",
  ).all<{ name: string }>()
  tables = found.results.map((r) => r.name).filter((n) => !counters.has(n))
  selects = await Promise.all(
    tables.map(async (t) => {
      const columns = await env.DB.prepare(`PRAGMA table_info("${t}")`).all<{ name: string }>()
      const list = columns.results.map(
        ({ name }) =>
          `CASE WHEN length("${name}") > 100 THEN length("${name}") || ':' || substr("${name}", 1, 64) ELSE "${name}" END`,
      )
      return `SELECT ${list.join(', ')} FROM "${t}"`
    }),
  )
})

describe('fuzzing every operation of the OpenAPI document', () => {
  it('covers every operation', () => {
    expect(operations.length).toBeGreaterThanOrEqual(85)
  })

  for (const { method, path, op } of operations) {
    it(`${method} ${path}`, { timeout: 20_000 }, async () => {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)
      const tenant = path.startsWith('/api/v1/orgs/{org}')
      const own = op['x-scope'] === 'own'
      const roles = (permissions[op['x-permission'] as keyof typeof permissions]?.roles ??
        []) as readonly string[]
      // The caller may call the operation, so that validation, not the permission check, answers.
      const caller = !tenant ? new Client() : own || !roles.includes('owner') ? mentee.client : org.owner
      const actor: Actor | undefined = own ? { role: 'mentee', userId: mentee.userId } : undefined
      const cacheKey = `${own}:${params.join('/')}`
      const fixtures: Fixtures = fixtureCache.get(cacheKey) ?? {}
      if (!fixtureCache.has(cacheKey)) {
        for (const p of params) {
          if (p === 'org') fixtures.org = org.slug
          else
            fixtures[p] = fixtureMakers[p] ? await fixtureMakers[p](org, fixtures, actor) : 'not-a-real-token'
        }
        fixtureCache.set(cacheKey, fixtures)
      }
      const pathOf = (override?: [string, string]) =>
        path.replace(/\{(\w+)\}/g, (_, name: string) =>
          override && override[0] === name ? override[1] : (fixtures[name] as string),
        )
      const key = `${method} ${path}`
      const schema = op.requestBody?.content?.['application/json']?.schema
      const base = op.requestBody ? ((await exampleBodies[key]?.(fixtures)) ?? exampleOf(schema)) : undefined
      const write = method !== 'GET'
      let state = write ? await settled() : []

      await fc.assert(
        fc.asyncProperty(casesFor(method, op, pathOf, params, base), async (c) => {
          const query = c.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
          // Some ids are sent raw (already percent-encoded, or deliberately malformed).
          const url = `${ORIGIN}${c.path}${query ? `?${query}` : ''}`
          const res = await caller.fetch(url, { method, headers: c.headers, body: c.body })
          const type = res.headers.get('content-type') ?? ''
          const text = await res.text()
          const where = `${key} [${c.what}] → ${res.status} ${text.slice(0, 200)}`
          expect(res.status, where).toBeLessThan(500)
          if (res.status >= 400) expect(type, where).toMatch(/^application\/problem\+json/)
          if (c.invalid) expect(res.status, where).toBeGreaterThanOrEqual(400)
          if (!write) return
          if (res.status >= 400) {
            const changed = changedTables(state, await snapshot())
            expect(changed, `${where}: a rejected request changed the database`).toEqual([])
          } else state = await settled()
        }),
        { seed: SEED, numRuns: write ? RUNS.write : RUNS.read, endOnFailure: true },
      )
    })
  }
})
