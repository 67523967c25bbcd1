import { exports } from 'cloudflare:workers'
import { PROBLEM_CODES } from '@tandem/vocab'
import { describe, expect, it } from 'vitest'

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await exports.default.fetch('http://tandem.test/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as {
      openapi: string
      info: { title: string }
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string }[]; responses: object }>
      >
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.title).toBe('Tandem API')
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/dev/mailbox']))
    expect(doc.paths['/api/openapi.json']).toBeUndefined()
    // The query schema that validates the mailbox route documents it as well.
    expect(doc.paths['/api/dev/mailbox']?.get?.parameters).toEqual([
      expect.objectContaining({ name: 'limit', in: 'query' }),
    ])
    expect(JSON.stringify(doc.paths['/api/health']?.get?.responses)).toContain('"db"')
  })

  it('lists every problem code, and every documented problem response points at the Problem schema', async () => {
    const res = await exports.default.fetch('http://tandem.test/api/openapi.json')
    const doc = (await res.json()) as {
      components: { schemas: { Problem: { properties: { code: { enum: string[] } } } } }
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >
    }
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual(PROBLEM_CODES)
    let problems = 0
    for (const methods of Object.values(doc.paths)) {
      for (const op of Object.values(methods)) {
        for (const response of Object.values(op.responses)) {
          const problem = response.content?.['application/problem+json']
          if (!problem) continue
          problems++
          expect(problem).toEqual({ schema: { $ref: '#/components/schemas/Problem' } })
        }
      }
    }
    expect(problems).toBeGreaterThan(50)
    const html = await (await exports.default.fetch('http://tandem.test/api/docs')).text()
    for (const code of PROBLEM_CODES) expect(html).toContain(`id="problem-${code}"`)
  })

  it('renders a readable reference page', async () => {
    const res = await exports.default.fetch('http://tandem.test/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    expect(html).toContain('Tandem API')
    expect(html).toContain('/api/health')
    expect(html).toContain('/api/dev/mailbox')
  })
})
