import { FIELD_ERROR_CODES, FIELD_ERRORS, PROBLEM_CODES, PROBLEMS } from '@tandem/vocab'
import type { Hono } from 'hono'
import { generateSpecs } from 'hono-openapi'
import type { AppEnv } from '../../factory'

type Schema = Record<string, unknown>
type Operation = {
  summary?: string
  description?: string
  tags?: string[]
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema; description?: string }[]
  requestBody?: { content?: Record<string, { schema?: Schema }> }
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>
}
type Document = {
  info: { title: string; version: string; description?: string }
  paths?: Record<string, Record<string, Operation>>
}

export const documentation = {
  info: {
    title: 'Tandem API',
    version: '0.1.0',
    description:
      'JSON API of Tandem, the integration mentoring platform. Errors are RFC 9457 `application/problem+json` with the failing field paths.',
  },
  openapi: '3.1.0',
  servers: [{ url: '/', description: 'This deployment' }],
  components: {
    schemas: {
      Problem: {
        type: 'object' as const,
        description:
          'RFC 9457 problem. `code` is stable (the web client translates it); `type` links to its entry on /api/docs.',
        required: ['type', 'code', 'title', 'status', 'instance', 'requestId'],
        properties: {
          type: { type: 'string' as const, description: '`/api/docs#problem-<code>`' },
          code: {
            type: 'string' as const,
            enum: PROBLEM_CODES,
            'x-problems': PROBLEMS,
          },
          title: { type: 'string' as const },
          status: { type: 'integer' as const },
          detail: { type: 'string' as const },
          instance: { type: 'string' as const },
          requestId: { type: 'string' as const },
          errors: {
            type: 'array' as const,
            description:
              'The failing fields. Show `code` (with `params`) in the reader’s language; `message` is plain English.',
            items: {
              type: 'object' as const,
              required: ['location', 'path', 'code', 'message'],
              properties: {
                location: {
                  type: 'string' as const,
                  description: 'Where the field was: `body`, `query`, `param` or `header`.',
                },
                path: { type: 'string' as const, description: 'The dotted path, e.g. `languages.0.level`.' },
                code: {
                  type: 'string' as const,
                  enum: FIELD_ERROR_CODES,
                  description: 'Why the field failed; stable. See `x-field-errors` for each code’s meaning.',
                  'x-field-errors': FIELD_ERRORS,
                },
                params: {
                  type: 'object' as const,
                  description: 'What the sentence for the code needs.',
                  additionalProperties: false,
                  properties: {
                    min: { type: 'number' as const },
                    max: { type: 'number' as const },
                    options: { type: 'array' as const, items: { type: 'string' as const } },
                    expected: { type: 'string' as const },
                    reason: { type: 'string' as const },
                  },
                },
                message: { type: 'string' as const, description: 'Plain English, for API users.' },
              },
            },
          },
        },
      },
    },
  },
}

/**
 * Adds `GET /api/openapi.json` (generated from the same valibot schemas that validate requests) and
 * `GET /api/docs` (a readable reference rendered on the server from that document: no script, works
 * offline, costs the Worker nothing). Call after every other route is mounted.
 */
export function mountOpenApi(app: Hono<AppEnv>) {
  let cached: ReturnType<typeof generateSpecs> | undefined
  const spec = () => {
    cached ??= generateSpecs(app, { documentation, exclude: ['/api/openapi.json', '/api/docs'] })
    return cached
  }
  app.get('/api/openapi.json', async (c) => c.json(await spec()))
  app.get('/api/docs', async (c) => {
    const doc = await spec()
    return c.html(<Reference doc={{ info: doc.info, paths: doc.paths as Document['paths'] }} />)
  })
}

const methodsOrder = ['get', 'post', 'put', 'patch', 'delete']

function SchemaBlock({ schema }: { schema: Schema | undefined }) {
  if (!schema) return null
  return <pre>{JSON.stringify(schema, null, 2)}</pre>
}

function Reference({ doc }: { doc: Document }) {
  const paths = Object.entries(doc.paths ?? {}).sort(([a], [b]) => a.localeCompare(b))
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{doc.info.title} reference</title>
        <style>{`
          body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
          h2{margin-block-start:2rem;border-block-end:1px solid #ccc}
          .op{margin-block:1rem;padding:.75rem;border:1px solid #ddd;border-radius:.5rem}
          .m{font:700 .85rem ui-monospace,monospace;text-transform:uppercase;padding:.1rem .4rem;border-radius:.25rem;background:#e8eefc}
          code,pre{font-family:ui-monospace,monospace;font-size:.85rem}
          pre{background:#f6f6f6;padding:.5rem;overflow:auto;max-height:20rem}
          details summary{cursor:pointer}
        `}</style>
      </head>
      <body>
        <h1>{doc.info.title}</h1>
        <p>
          Version {doc.info.version}. {doc.info.description} The machine-readable document is at{' '}
          <a href="/api/openapi.json">/api/openapi.json</a>.
        </p>
        <section>
          <h2>Field errors</h2>
          <p>
            Each entry of a problem's <code>errors</code> names a field by its <code>path</code> and says why
            with a stable <code>code</code> (and <code>params</code> where the sentence needs them);{' '}
            <code>message</code> is plain English.
          </p>
          <dl>
            {FIELD_ERROR_CODES.map((code) => (
              <>
                <dt id={`field-error-${code}`}>
                  <code>{code}</code>
                </dt>
                <dd>{FIELD_ERRORS[code]}</dd>
              </>
            ))}
          </dl>
        </section>
        <section>
          <h2>Problems</h2>
          <p>
            Every error is <code>application/problem+json</code> with a stable <code>code</code>; its{' '}
            <code>type</code> points here.
          </p>
          <dl>
            {PROBLEM_CODES.map((code) => (
              <>
                <dt id={`problem-${code}`}>
                  <code>{code}</code> ({PROBLEMS[code].status})
                </dt>
                <dd>{PROBLEMS[code].about}</dd>
              </>
            ))}
          </dl>
        </section>
        {paths.map(([path, ops]) => (
          <section>
            <h2>
              <code>{path}</code>
            </h2>
            {methodsOrder
              .filter((m) => ops[m])
              .map((m) => {
                const op = ops[m] as Operation
                return (
                  <div class="op">
                    <p>
                      <span class="m">{m}</span> <strong>{op.summary ?? ''}</strong>
                    </p>
                    {op.description ? <p>{op.description}</p> : null}
                    {op.parameters?.length ? (
                      <ul>
                        {op.parameters.map((p) => (
                          <li>
                            <code>{p.name}</code> in {p.in}
                            {p.required ? ' (required)' : ''} {p.description ?? ''}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {op.requestBody?.content
                      ? Object.entries(op.requestBody.content).map(([type, body]) => (
                          <details>
                            <summary>Request body ({type})</summary>
                            <SchemaBlock schema={body.schema} />
                          </details>
                        ))
                      : null}
                    {Object.entries(op.responses ?? {}).map(([status, r]) => (
                      <details>
                        <summary>
                          {status} {r.description ?? ''}
                        </summary>
                        {Object.values(r.content ?? {}).map((b) => (
                          <SchemaBlock schema={b.schema} />
                        ))}
                      </details>
                    ))}
                  </div>
                )
              })}
          </section>
        ))}
      </body>
    </html>
  )
}
