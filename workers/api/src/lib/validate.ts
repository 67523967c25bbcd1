import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Context, Env, MiddlewareHandler, ValidationTargets } from 'hono'
import { validator } from 'hono-openapi'
import { type FieldError, fieldError, issueError } from './field-errors'
import { Problem } from './problem'

const locations: Record<string, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'param',
  header: 'header',
  cookie: 'cookie',
}

/** Turns standard-schema issues into the field list of a 400 problem, each with its stable code. */
export function fieldErrors(target: string, issues: readonly StandardSchemaV1.Issue[]): FieldError[] {
  const location = locations[target] ?? target
  return issues.map((issue) => issueError(location, issue))
}

/** A valibot schema as far as `listWhereObject` walks it. */
type SchemaNode = {
  type?: string
  entries?: Record<string, SchemaNode>
  item?: SchemaNode
  wrapped?: SchemaNode
  options?: SchemaNode[]
}
const objectTypes = new Set(['object', 'loose_object', 'strict_object', 'object_with_rest'])
const wrapperTypes = new Set([
  'optional',
  'nullable',
  'nullish',
  'exact_optional',
  'undefinedable',
  'non_nullable',
])

/**
 * The path of the first JSON list sent where the schema expects an object. valibot's `object()` accepts an array
 * (it only asks `typeof input === 'object'`) and reads its missing keys as absent, so `[]` passed for a body whose
 * fields are all optional or defaulted: a match run started from `[]`, protected fields "saved" from `[null]`.
 */
export function listWhereObject(
  schema: SchemaNode,
  value: unknown,
  path: string[] = [],
): string[] | undefined {
  if (value === null || typeof value !== 'object') return undefined
  if (schema.type && wrapperTypes.has(schema.type) && schema.wrapped) {
    return listWhereObject(schema.wrapped, value, path)
  }
  if (schema.type && objectTypes.has(schema.type)) {
    if (Array.isArray(value)) return path
    for (const [key, entry] of Object.entries(schema.entries ?? {})) {
      const found = listWhereObject(entry, (value as Record<string, unknown>)[key], [...path, key])
      if (found) return found
    }
    return undefined
  }
  if (schema.type === 'array' && schema.item && Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = listWhereObject(schema.item, item, [...path, String(i)])
      if (found) return found
    }
    return undefined
  }
  const options = schema.options ?? []
  if (Array.isArray(value) && options.length > 0 && options.every((o) => o.type && objectTypes.has(o.type))) {
    return path
  }
  return undefined
}

/**
 * Validates one part of the request with a valibot schema. The same schema documents the route
 * in the OpenAPI document; a failure is a 400 problem that names every failing field.
 */
export function validate<Schema extends StandardSchemaV1, Target extends keyof ValidationTargets>(
  target: Target,
  schema: Schema,
) {
  const check = validator(target, schema, (result) => {
    if (!result.success) {
      const errors = fieldErrors(target, result.error)
      throw new Problem('invalid-request', {
        detail: `${errors.length} field${errors.length === 1 ? '' : 's'} failed validation.`,
        errors,
      })
    }
  })
  if (target !== 'json') return check
  // A JSON body is checked for lists in the place of objects first (the validator reads the same parsed body).
  const listsFirst: MiddlewareHandler = async (c, next) => {
    const body: unknown = await c.req.json().catch(() => undefined)
    const path = listWhereObject(schema as SchemaNode, body)
    if (path) {
      throw new Problem('invalid-request', {
        detail: '1 field failed validation.',
        errors: [fieldError(path.join('.'), 'wrong-type', { params: { expected: 'an object' } })],
      })
    }
    return check(c, next)
  }
  // Keeps what the OpenAPI document reads from the validator (its schema and target).
  return Object.assign(listsFirst, check) as typeof check
}

/**
 * The context of a middleware placed after `validate(target, schema)`, with `c.req.valid(target)` typed: for a
 * middleware whose options read validated input (e.g. a rate limit keyed by the email address sent).
 */
export type Validated<
  E extends Env,
  Target extends keyof ValidationTargets,
  S extends StandardSchemaV1,
> = Context<
  E,
  string,
  {
    in: { [K in Target]: StandardSchemaV1.InferInput<S> }
    out: { [K in Target]: StandardSchemaV1.InferOutput<S> }
  }
>
