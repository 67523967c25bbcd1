import { PROBLEMS, type ProblemCode, problemType } from '@tandem/vocab'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { FieldError } from './field-errors'

export type { FieldError } from './field-errors'
export type { ProblemCode }

/**
 * An RFC 9457 problem with a stable `code` from the registry in @tandem/vocab (which fixes its status and
 * title). Throw it anywhere in a request; the app's one error handler turns it into an
 * `application/problem+json` response.
 */
export class Problem extends Error {
  readonly code: ProblemCode
  readonly status: ContentfulStatusCode
  readonly title: string
  readonly detail: string | undefined
  readonly errors: FieldError[] | undefined
  readonly headers: Record<string, string> | undefined

  constructor(
    code: ProblemCode,
    options: { detail?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    const { status, title } = PROBLEMS[code]
    super(options.detail ?? title)
    this.name = 'Problem'
    this.code = code
    this.status = status
    this.title = title
    this.detail = options.detail
    this.errors = options.errors
    this.headers = options.headers
  }
}

export const notFound = (detail = 'The requested resource does not exist.') =>
  new Problem('not-found', { detail })

export function problemResponse(c: Context, problem: Problem): Response {
  const body = {
    type: problemType(problem.code),
    code: problem.code,
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    instance: new URL(c.req.url).pathname,
    ...(problem.errors ? { errors: problem.errors } : {}),
    requestId: c.get('requestId'),
  }
  const res = c.json(body, problem.status, problem.headers)
  res.headers.set('Content-Type', 'application/problem+json; charset=utf-8')
  return res
}
