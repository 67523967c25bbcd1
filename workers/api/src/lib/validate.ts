import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { ValidationTargets } from 'hono'
import { validator } from 'hono-openapi'
import { type FieldError, Problem } from './problem'

const locations: Record<string, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'param',
  header: 'header',
  cookie: 'cookie',
}

function pathOf(issue: StandardSchemaV1.Issue): string {
  if (!issue.path || issue.path.length === 0) return ''
  return issue.path.map((p) => String(typeof p === 'object' ? p.key : p)).join('.')
}

/** Turns standard-schema issues into the field list of a 400 problem. */
export function fieldErrors(target: string, issues: readonly StandardSchemaV1.Issue[]): FieldError[] {
  const location = locations[target] ?? target
  return issues.map((issue) => ({ location, path: pathOf(issue), message: issue.message }))
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
