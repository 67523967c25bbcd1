/**
 * Small fetch helper for the Tandem JSON API.
 *
 * - Always sends same-origin credentials (the session cookie) and asks for JSON.
 * - The typed client (`lib/client.ts`, `hc<AppType>`) sends through `apiFetch` and reads through `readAnswer`.
 * - Rejects with an {@link ApiError} for every non-2xx answer. RFC 9457 `application/problem+json`
 *   bodies (`{ type, title, status, detail, errors[] }`) are read into the error's fields; any other
 *   error body is kept as `body` (e.g. GET /api/health answers 503 with its usual JSON shape).
 * - A network failure becomes an `ApiError` with `status` 0. An aborted request rejects with the
 *   original `AbortError`, so callers can tell "cancelled" from "failed".
 */

/** One failing field of a 400 problem: where (`body`, `query`, ...), its dotted path, and why. */
export interface FieldError {
  location?: string
  path: string
  message: string
  /** A stable reason (`required`, `too-long` …: `FIELD_ERRORS` in @tandem/vocab), when the API gives one. */
  code?: string
  /** What the reason's sentence needs: `{ max: 120 }` for `too-long`. */
  params?: FieldErrorParams
}

/** The params of a field error the client reads; anything else the API may add is left out. */
export interface FieldErrorParams {
  min?: number
  max?: number
  options?: string[]
  expected?: string
  reason?: string
}

/** The RFC 9457 problem members the API sends. */
export interface Problem {
  type: string
  /** The problem's stable code from the API's registry (`slug-taken`, `run-in-progress`, …), when it sent one. */
  code?: string
  title: string
  status: number
  detail?: string
  instance?: string
  errors?: FieldError[]
  requestId?: string
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  /** HTTP status; 0 when no response arrived (offline, DNS, CORS, ...). */
  readonly status: number
  readonly type: string
  readonly code: string | undefined
  readonly title: string
  readonly detail: string | undefined
  readonly instance: string | undefined
  readonly requestId: string | undefined
  /** Field errors with their dotted paths (empty unless the problem listed some). */
  readonly errors: readonly FieldError[]
  /** The parsed response body, whatever its shape. */
  readonly body: unknown
  /** Seconds from a `Retry-After` header (429, 503), when the answer had one. */
  readonly retryAfter: number | undefined

  constructor(problem: Problem, body?: unknown, retryAfter?: number) {
    super(problem.detail ?? problem.title)
    this.status = problem.status
    this.type = problem.type
    this.code = problem.code
    this.title = problem.title
    this.detail = problem.detail
    this.instance = problem.instance
    this.requestId = problem.requestId
    this.errors = problem.errors ?? []
    this.body = body
    this.retryAfter = retryAfter
  }

  /** True when the request never got an HTTP answer. */
  get isNetworkError(): boolean {
    return this.status === 0
  }

  /** The first message for a field path (e.g. `'email'`, `'languages.0'`), for showing next to an input. */
  fieldError(path: string): string | undefined {
    return this.errors.find((error) => error.path === path)?.message
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function readFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item) =>
    isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string'
      ? [
          {
            path: item.path,
            message: item.message,
            ...(typeof item.location === 'string' ? { location: item.location } : {}),
            ...(typeof item.code === 'string' ? { code: item.code } : {}),
            ...(isRecord(item.params) ? { params: readParams(item.params) } : {}),
          },
        ]
      : [],
  )
}

function readParams(value: Record<string, unknown>): FieldErrorParams {
  const params: FieldErrorParams = {}
  if (typeof value.min === 'number') params.min = value.min
  if (typeof value.max === 'number') params.max = value.max
  if (Array.isArray(value.options)) params.options = value.options.filter((o) => typeof o === 'string')
  if (typeof value.expected === 'string') params.expected = value.expected
  if (typeof value.reason === 'string') params.reason = value.reason
  return params
}

/** `Retry-After` as seconds: either a number of seconds or an HTTP date. */
function readRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000))
}

function toApiError(response: Response, body: unknown): ApiError {
  const fallbackTitle = response.statusText || `HTTP ${response.status}`
  const contentType = response.headers.get('Content-Type') ?? ''
  const retryAfter = readRetryAfter(response.headers.get('Retry-After'))
  if (isRecord(body) && (contentType.includes('problem+json') || typeof body.title === 'string')) {
    const problem: Problem = {
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: typeof body.title === 'string' ? body.title : fallbackTitle,
      status: typeof body.status === 'number' ? body.status : response.status,
      errors: readFieldErrors(body.errors),
    }
    if (typeof body.code === 'string') problem.code = body.code
    if (typeof body.detail === 'string') problem.detail = body.detail
    if (typeof body.instance === 'string') problem.instance = body.instance
    if (typeof body.requestId === 'string') problem.requestId = body.requestId
    return new ApiError(problem, body, retryAfter)
  }
  return new ApiError(
    { type: 'about:blank', title: fallbackTitle, status: response.status },
    body,
    retryAfter,
  )
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205 || response.headers.get('Content-Length') === '0') {
    return undefined
  }
  const contentType = response.headers.get('Content-Type') ?? ''
  const text = await response.text()
  if (!/[/+]json\b/.test(contentType)) return text
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return text
  }
}

/**
 * `fetch` for the API: same-origin credentials (the session cookie), asks for JSON or a problem. No answer at
 * all (offline, DNS, …) rejects with an {@link ApiError} of status 0; an abort rejects with the `AbortError`.
 */
export async function apiFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json')
  try {
    return await fetch(input, { ...init, headers, credentials: 'same-origin' })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: error instanceof Error ? error.message : String(error),
    })
  }
}

/** The parsed body of a 2xx answer; any other answer rejects with an {@link ApiError}. */
export async function readAnswer(response: Response): Promise<unknown> {
  const data = await readBody(response)
  if (!response.ok) throw toApiError(response, data)
  return data
}
