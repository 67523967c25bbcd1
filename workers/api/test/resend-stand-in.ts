import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TestProject } from 'vitest/node'

/**
 * A stand-in for Resend's HTTP API at the network edge (runs in Node, outside workerd), so the real
 * Resend SDK in the Worker makes real HTTP requests. It answers like Resend: `POST /emails` →
 * `{ id }`, honouring Idempotency-Key; addresses at `fail-5xx.test` get a 500 and at `invalid.test`
 * a 422. `GET /__received` lists what it was sent.
 */
export default async function setup(project: TestProject) {
  const received: { headers: IncomingMessage['headers']; body: unknown }[] = []
  const byKey = new Map<string, string>()
  let next = 1
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (req.method === 'GET' && req.url === '/__received') return send(200, received)
    if (req.method === 'POST' && req.url === '/emails') {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string | string[] }
      received.push({ headers: req.headers, body })
      if (req.headers.authorization !== 'Bearer re_test_key') {
        return send(401, { statusCode: 401, name: 'missing_api_key', message: 'Missing API key' })
      }
      const to = String(body.to)
      if (to.endsWith('@fail-5xx.test'))
        return send(500, { statusCode: 500, name: 'application_error', message: 'down' })
      if (to.endsWith('@invalid.test'))
        return send(422, { statusCode: 422, name: 'validation_error', message: 'bad to' })
      const key = String(req.headers['idempotency-key'] ?? '')
      const id = (key && byKey.get(key)) || `re_${next++}`
      if (key) byKey.set(key, id)
      return send(200, { id })
    }
    send(404, { statusCode: 404, name: 'not_found', message: 'Not found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  project.provide('resendBaseUrl', `http://127.0.0.1:${port}`)
  return () => new Promise<void>((resolve) => server.close(() => resolve()))
}

declare module 'vitest' {
  export interface ProvidedContext {
    resendBaseUrl: string
  }
}
