import { exports } from 'cloudflare:workers'
import { type Schema, Validator } from '@cfworker/json-schema'

/**
 * Every JSON answer a test receives is checked against what the OpenAPI document says that route answers with
 * that status (problems against the one Problem schema), so the document cannot drift from the API.
 */
type Media = { schema?: Schema }
type Operation = { responses?: Record<string, { content?: Record<string, Media> }> }
type Document = {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

let doc:
  | Promise<{ doc: Document; routes: { pattern: RegExp; methods: Record<string, Operation> }[] }>
  | undefined

function load() {
  doc ??= (async () => {
    const res = await exports.default.fetch('https://tandem.test/api/openapi.json')
    const d = (await res.json()) as Document
    const routes = Object.entries(d.paths).map(([path, methods]) => ({
      pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
      methods,
    }))
    // Most specific first: `/participants/export` before `/participants/{participant}`.
    routes.sort(
      (a, b) =>
        b.pattern.source.replace(/\[\^\/\]\+/g, '').length -
        a.pattern.source.replace(/\[\^\/\]\+/g, '').length,
    )
    return { doc: d, routes }
  })()
  return doc
}

const validators = new WeakMap<object, Validator>()

function validatorFor(schema: Schema, components: Document['components']): Validator {
  let validator = validators.get(schema)
  if (!validator) {
    validator = new Validator({ ...schema, components } as Schema, '2020-12', false)
    validators.set(schema, validator)
  }
  return validator
}

/** Throws when a JSON response does not match the schema documented for its route and status. */
export async function checkAgainstContract(method: string, url: string, res: Response): Promise<void> {
  const path = new URL(url).pathname
  if (!path.startsWith('/api/') || path === '/api/openapi.json') return
  const type = res.headers.get('content-type') ?? ''
  const media = type.startsWith('application/problem+json')
    ? 'application/problem+json'
    : type.startsWith('application/json')
      ? 'application/json'
      : null
  if (!media || res.status === 204) return
  const { doc: d, routes } = await load()
  const body = await res.clone().json()
  let schema: Schema | undefined
  if (media === 'application/problem+json') {
    schema = d.components.schemas.Problem
    if (!schema) throw new Error('the OpenAPI document has no Problem schema')
  } else {
    const op = routes.find((r) => r.pattern.test(path))?.methods[method.toLowerCase()]
    if (!op) return // not a documented route: the 404 problem path covers unknown routes
    const documented = op.responses?.[String(res.status)]
    if (!documented) {
      throw new Error(
        `${method} ${path} answered ${res.status}, which its OpenAPI operation does not document`,
      )
    }
    schema = documented.content?.[media]?.schema
    if (!schema) throw new Error(`${method} ${path} ${res.status}: no JSON schema documented for ${media}`)
  }
  const result = validatorFor(schema, d.components).validate(body)
  if (!result.valid) {
    const errors = result.errors
      .slice(0, 5)
      .map((e) => `${e.instanceLocation} ${e.error}`)
      .join('; ')
    throw new Error(`${method} ${path} ${res.status} does not match its documented schema: ${errors}`)
  }
}
