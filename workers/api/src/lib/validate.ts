import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Context, Env, ValidationTargets } from 'hono'
import { validator } from 'hono-openapi'
import { type FieldError, issueError } from './field-errors'
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

/**
 * Validates one part of the request with a valibot schema. The same schema documents the route
 * in the OpenAPI document; a failure is a 400 problem that names every failing field.
 */
export function validate<Schema extends StandardSchemaV1, Target extends keyof ValidationTargets>(
  target: Target,
  schema: Schema,
) {
  return validator(target, schema, (result) => {
    if (!result.success) {
      const errors = fieldErrors(target, result.error)
      throw new Problem('invalid-request', {
        detail: `${errors.length} field${errors.length === 1 ? '' : 's'} failed validation.`,
        errors,
      })
    }
  })
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
