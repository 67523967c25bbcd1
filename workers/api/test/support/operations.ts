import { exports } from 'cloudflare:workers'
import { type Client, lastEmail, memberWithRole, unique } from './client'

export interface Operation {
  method: string
  /** OpenAPI path, e.g. /api/v1/orgs/{org}/members/{member} */
  path: string
  permission: string | undefined
  hasBody: boolean
  params: string[]
}

/** Every tenant-scoped operation, read from the OpenAPI document: new routes are covered automatically. */
export async function tenantOperations(): Promise<Operation[]> {
  const doc = (await (await exports.default.fetch('https://tandem.test/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { 'x-permission'?: string; requestBody?: unknown }>>
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
}

/** Resources of one organization that path parameters can point at, made fresh for each call. */
export type Fixtures = Record<string, string>

/**
 * Makes one resource of each kind in the organization, for the path parameters of tenant routes.
 * Add a maker here when a route introduces a new path parameter.
 */
export const fixtureMakers: Record<string, (org: { slug: string; owner: Client }) => Promise<string>> = {
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
}

export async function fixturesFor(org: { slug: string; owner: Client }, params: string[]): Promise<Fixtures> {
  const out: Fixtures = {}
  for (const p of params) {
    const make = fixtureMakers[p]
    if (!make) throw new Error(`no fixture maker for path parameter {${p}}`)
    out[p] = await make(org)
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
  return client.request(op.method, fill(op, slug, fixtures), body)
}
