import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** One failing field: where it was (`body`, `query`, `param`, `header`), its dotted path, and why. */
export interface FieldError {
  location: string
  path: string
  message: string
}

/**
 * An RFC 9457 problem. Throw it anywhere in a request; the app's one error handler turns it into
 * an `application/problem+json` response.
 */
export class Problem extends Error {
  readonly status: ContentfulStatusCode
  readonly title: string
  readonly detail: string | undefined
  readonly errors: FieldError[] | undefined
  readonly headers: Record<string, string> | undefined

  constructor(
    status: ContentfulStatusCode,
    title: string,
    options: { detail?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(options.detail ?? title)
    this.name = 'Problem'
    this.status = status
    this.title = title
    this.detail = options.detail
    this.errors = options.errors
    this.headers = options.headers
  }
}

export const notFound = (detail = 'The requested resource does not exist.') =>
  new Problem(404, 'Not Found', { detail })

export function problemResponse(c: Context, problem: Problem): Response {
  const body = {
    type: 'about:blank',
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
