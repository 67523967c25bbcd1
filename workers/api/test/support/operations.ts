import { exports } from 'cloudflare:workers'
import { type Client, lastEmail, memberWithRole, unique } from './client'

export interface Operation {
  method: string
  /** OpenAPI path, e.g. /api/v1/orgs/{org}/members/{member} */
  path: string
  permission: string | undefined
  hasBody: boolean
  params: string[]
  /** Names of required query parameters. */
  requiredQuery: string[]
}

/** Every tenant-scoped operation, read from the OpenAPI document: new routes are covered automatically. */
export async function tenantOperations(): Promise<Operation[]> {
  const doc = (await (await exports.default.fetch('https://tandem.test/api/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          'x-permission'?: string
          requestBody?: unknown
          parameters?: { name: string; in: string; required?: boolean }[]
        }
      >
    >
  }
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/orgs/{org}')) continue
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        permission: op['x-permission'],
        hasBody: op.requestBody !== undefined,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).filter((p) => p !== 'org'),
        requiredQuery: (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name),
      })
    }
  }
  return ops
}

export const key = (op: Operation) => `${op.method} ${op.path}`

/**
 * A valid example body for every operation that takes one. An operation missing here fails the
 * coverage test: add its example when you add the route.
 */
export const exampleBodies: Record<string, () => unknown> = {
  'PATCH /api/v1/orgs/{org}/members/{member}': () => ({ role: 'mentor' }),
  'POST /api/v1/orgs/{org}/invitations': () => ({
    email: `${unique('invitee')}@example.org`,
    role: 'mentee',
  }),
  'POST /api/v1/orgs/{org}/programs': () => ({ name: unique('Program'), languages: ['ar', 'de'] }),
  'PATCH /api/v1/orgs/{org}/programs/{program}': () => ({ description: 'Updated by the route check' }),
  'POST /api/v1/orgs/{org}/programs/{program}/participants': () => ({
    role: 'mentee',
    displayName: 'Route Check',
    preferredLocale: 'ar',
    languages: [{ code: 'ar', level: 'native' }],
  }),
  'PATCH /api/v1/orgs/{org}/programs/{program}/participants/{participant}': () => ({
    neighborhood: 'Altstadt',
  }),
  'PATCH /api/v1/orgs/{org}/programs/{program}/participants/{participant}/screening': () => ({
    checkStatus: 'pending',
  }),
  'PUT /api/v1/orgs/{org}/programs/{program}/participants/{participant}/protected': () => ({
    residenceStatus: 'refugee',
  }),
  'POST /api/v1/orgs/{org}/programs/{program}/imports': () => ({
    csv: '\ufeffName;E-Mail;Rolle;Sprachen\r\nRoute Check;;Mentee;ar:native\r\n',
  }),
}

/** Values for required query parameters, by name. */
export const exampleQuery: Record<string, string> = {
  purpose: 'access check in tests',
}

/** Resources of one organization that path parameters can point at, made fresh for each call. */
export type Fixtures = Record<string, string>

/**
 * Makes one resource of each kind in the organization, for the path parameters of tenant routes.
 * Add a maker here when a route introduces a new path parameter.
 */
export const fixtureMakers: Record<
  string,
  (org: { slug: string; owner: Client }, made: Fixtures) => Promise<string>
> = {
  async member(org) {
    const { email } = await memberWithRole(org, 'mentee')
    const res = await org.owner.get(`/api/v1/orgs/${org.slug}/members`)
    const { items } = (await res.json()) as { items: { id: string; email: string }[] }
    const found = items.find((m) => m.email === email)
    if (!found) throw new Error('member fixture not found')
    return found.id
  },
  async invitation(org) {
    const email = `${unique('pending')}@example.org`
    const res = await org.owner.post(`/api/v1/orgs/${org.slug}/invitations`, { email, role: 'mentee' })
    const body = (await res.json()) as { id: string }
    await lastEmail(email)
    return body.id
  },
  async program(org) {
    const res = await org.owner.post(`/api/v1/orgs/${org.slug}/programs`, {
      name: unique('Fixture program'),
      languages: ['ar', 'de'],
      protectedFields: ['residenceStatus'],
    })
    if (res.status !== 201) throw new Error(`program fixture: ${res.status} ${await res.text()}`)
    return ((await res.json()) as { id: string }).id
  },
  /** A mentor (screening routes need one) in the {program} of the same call. */
  async participant(org, made) {
    const program = made.program ?? (await fixtureMakers.program?.(org, made))
    const res = await org.owner.post(`/api/v1/orgs/${org.slug}/programs/${program}/participants`, {
      role: 'mentor',
      displayName: unique('Fixture mentor'),
      preferredLocale: 'de',
      languages: [{ code: 'de', level: 'native' }],
      capacity: 2,
    })
    if (res.status !== 201) throw new Error(`participant fixture: ${res.status} ${await res.text()}`)
    return ((await res.json()) as { id: string }).id
  },
  /** A previewed CSV import (not applied) in the {program} of the same call. */
  async import(org, made) {
    const program = made.program ?? (await fixtureMakers.program?.(org, made))
    const res = await org.owner.post(`/api/v1/orgs/${org.slug}/programs/${program}/imports`, {
      csv: `name,role,languages\n${unique('Fixture mentee')},mentee,ar:native\n`,
    })
    if (res.status !== 201) throw new Error(`import fixture: ${res.status} ${await res.text()}`)
    return ((await res.json()) as { id: string }).id
  },
}

export async function fixturesFor(org: { slug: string; owner: Client }, params: string[]): Promise<Fixtures> {
  const out: Fixtures = {}
  for (const p of params) {
    const make = fixtureMakers[p]
    if (!make) throw new Error(`no fixture maker for path parameter {${p}}`)
    out[p] = await make(org, out)
  }
  return out
}

export function fill(op: Operation, slug: string, fixtures: Fixtures): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'org' ? slug : (fixtures[name] ?? `{${name}}`),
  )
}

export function call(client: Client, op: Operation, slug: string, fixtures: Fixtures) {
  const body = op.hasBody ? exampleBodies[key(op)]?.() : undefined
  const query = op.requiredQuery.map((q) => `${q}=${encodeURIComponent(exampleQuery[q] ?? '')}`).join('&')
  return client.request(op.method, `${fill(op, slug, fixtures)}${query ? `?${query}` : ''}`, body)
}
