import { auditLog, memberships, rateLimits, sessions, signInTokens, users } from '@tandem/db'
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { SIGN_IN_ANSWER_FLOOR_MS } from '../src/features/auth/routes'
import { sha256Hex } from '../src/lib/crypto'
import {
  Client,
  db,
  lastEmail,
  ORIGIN,
  orgWithOwner,
  problemOf,
  signupBody,
  unique,
  withCode,
  withToken,
} from './support/client'

describe('sign-up', () => {
  it('creates the organization and its owner, and emails a sign-in link and code', async () => {
    const slug = unique('city')
    const email = `${slug}@example.org`
    const res = await new Client().api.v1.signup.$post({ json: signupBody(slug, email) })
    expect(res.status).toBe(201)
    const body = await res.json()
    expect(body.organization).toMatchObject({ slug, kind: 'ngo', country: 'DE', timezone: 'Europe/Berlin' })
    expect(body.organization.id).toMatch(/^[a-z2-7]{24}$/)
    const mail = await lastEmail(email)
    expect(mail.text).toContain(`${ORIGIN}/sign-in/verify?token=`)
    expect(mail.code).toMatch(/^\d{6}$/)
    // Only hashes are stored.
    const stored = await db.select().from(signInTokens)
    expect(JSON.stringify(stored)).not.toContain(mail.token)
    expect(JSON.stringify(stored)).not.toContain(mail.code)
  })

  it('refuses a duplicate slug with 409 naming the field', async () => {
    const slug = unique('dup')
    expect(
      (await new Client().api.v1.signup.$post({ json: signupBody(slug, `a-${slug}@example.org`) })).status,
    ).toBe(201)
    const res = await new Client().api.v1.signup.$post({ json: signupBody(slug, `b-${slug}@example.org`) })
    expect(res.status).toBe(409)
    expect((await problemOf(res)).errors?.map((e) => e.path)).toEqual(['organization.slug'])
  })

  it('names every invalid field and writes nothing', async () => {
    const before = (await db.select().from(users)).length
    // Raw: every field is invalid, which the types forbid.
    const res = await new Client().post('/api/v1/signup', {
      organization: {
        name: '',
        slug: 'API',
        kind: 'company',
        country: 'Germany',
        timezone: 'Mars/Olympus',
        defaultLocale: '!',
      },
      admin: { name: 'x', email: 'not-an-email' },
    })
    expect(res.status).toBe(400)
    const problem = await problemOf(res)
    expect(problem.errors?.map((e) => e.path).sort()).toEqual([
      'admin.email',
      'organization.country',
      'organization.defaultLocale',
      'organization.kind',
      'organization.name',
      'organization.slug',
      'organization.timezone',
    ])
    expect((await db.select().from(users)).length).toBe(before)
  })

  it('refuses reserved and malformed slugs', async () => {
    for (const slug of ['api', 'ab', 'Upper', 'double--hyphen', '-edge', 'x'.repeat(41)]) {
      const res = await new Client().api.v1.signup.$post({
        json: signupBody(slug, `${unique('s')}@example.org`),
      })
      expect(res.status, slug).toBe(400)
    }
  })
})

describe('passwordless sign-in', () => {
  it('puts the configured address in email links, not the host a request names', async () => {
    const { email } = await orgWithOwner()
    const client = new Client()
    // A request to the same Worker under another name (a forged Host): the link still points at APP_ORIGIN.
    const res = await client.fetch('https://evil.example/api/v1/auth/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    })
    expect(res.status).toBe(202)
    const mail = await lastEmail(email)
    expect(mail.text).toContain(`${ORIGIN}/sign-in/verify?token=${mail.token}`)
    expect(mail.text + mail.html).not.toContain('evil.example')
  })

  it('answers 202 for unknown addresses without sending anything', async () => {
    const email = `${unique('nobody')}@example.org`
    const res = await new Client().api.v1.auth.email.$post({ json: { email } })
    expect(res.status).toBe(202)
    await expect(lastEmail(email)).rejects.toThrow()
  })

  it('takes as long for an unknown address as for a known one: both answer after the same floor', async () => {
    const { email } = await orgWithOwner()
    const timed = async (address: string) => {
      const started = Date.now()
      const res = await new Client().api.v1.auth.email.$post({ json: { email: address } })
      expect(res.status).toBe(202)
      return Date.now() - started
    }
    const known = [await timed(email), await timed(email)]
    const unknown = [
      await timed(`${unique('nobody')}@example.org`),
      await timed(`${unique('nobody')}@example.org`),
    ]
    // Only the known address gets an email; neither answer comes before the floor.
    expect((await lastEmail(email)).code).toMatch(/^\d{6}$/)
    for (const ms of [...known, ...unknown]) expect(ms).toBeGreaterThanOrEqual(SIGN_IN_ANSWER_FLOOR_MS)
  })

  it('signs in with the link once, sets a secure session cookie, and signs out', async () => {
    const { email, slug } = await orgWithOwner()
    const client = new Client()
    expect((await client.api.v1.auth.email.$post({ json: { email: email.toUpperCase() } })).status).toBe(202)
    const { token } = await withToken(email)
    const res = await client.api.v1.auth.verify.$post({ json: { token } })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^__Host-tandem_session=[a-z2-9]{24}\.[a-z2-9]{24};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/Secure/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Domain=/i)
    expect(await res.json()).toMatchObject({
      user: { email },
      memberships: [{ organization: { slug }, role: 'owner' }],
    })

    // Single use.
    expect((await new Client().api.v1.auth.verify.$post({ json: { token } })).status).toBe(400)

    const me = await client.api.v1.me.$get()
    expect(me.status).toBe(200)
    // Only the SHA-256 of the secret is stored.
    const secret = client.cookie?.split('.')[1] ?? ''
    expect(JSON.stringify(await db.select().from(sessions))).not.toContain(secret)

    expect((await client.api.v1.auth['sign-out'].$post()).status).toBe(204)
    expect(client.cookie).toBeUndefined()
    const stolen = new Client()
    stolen.cookie = cookie.split(';')[0]
    expect((await stolen.api.v1.me.$get()).status).toBe(401)
  })

  it('signs in with the 6-digit code and locks the code after 5 wrong attempts', async () => {
    const { email } = await orgWithOwner()
    const client = new Client()
    await client.api.v1.auth.email.$post({ json: { email } })
    const { code } = await withCode(email)
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++)
      expect((await client.api.v1.auth.verify.$post({ json: { email, code: wrong } })).status).toBe(400)
    // The right code no longer works: the attempts are spent.
    expect((await client.api.v1.auth.verify.$post({ json: { email, code } })).status).toBe(400)

    await client.api.v1.auth.email.$post({ json: { email } })
    const fresh = await withCode(email)
    expect((await client.api.v1.auth.verify.$post({ json: { email, code: fresh.code } })).status).toBe(200)
  })

  it('refuses an expired link', async () => {
    const { email } = await orgWithOwner()
    await new Client().api.v1.auth.email.$post({ json: { email } })
    const { token } = await withToken(email)
    await db.update(signInTokens).set({ expiresAt: new Date(Date.now() - 1000) })
    expect((await new Client().api.v1.auth.verify.$post({ json: { token } })).status).toBe(400)
  })

  it('answers 401 problem without a session', async () => {
    const res = await new Client().api.v1.me.$get()
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })

  it('rate-limits sign-in emails per address with Retry-After', async () => {
    const { email } = await orgWithOwner()
    const statuses: number[] = []
    for (let i = 0; i < 7; i++)
      statuses.push((await new Client().api.v1.auth.email.$post({ json: { email } })).status)
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202])
    const res = await new Client().api.v1.auth.email.$post({ json: { email } })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('writes sign-ins, sign-outs and failed verifications to the audit log without secrets', async () => {
    const { email, owner } = await orgWithOwner()
    await new Client().api.v1.auth.email.$post({ json: { email } })
    const { code, token } = await lastEmail(email)
    const wrong = code === '000000' ? '111111' : '000000'
    expect((await owner.api.v1.auth.verify.$post({ json: { email, code: wrong } })).status).toBe(400)
    await owner.api.v1.auth['sign-out'].$post()
    const user = await db.select().from(users).where(eq(users.email, email)).get()
    const tenantId = (
      await db
        .select()
        .from(memberships)
        .where(eq(memberships.userId, user?.id ?? ''))
        .get()
    )?.tenantId
    const entries = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.tenantId, tenantId ?? ''))
    const actions = entries.map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining(['org.created', 'auth.sign_in', 'auth.verify_failed', 'auth.sign_out']),
    )
    expect(JSON.stringify(entries)).not.toContain(token)
    expect(JSON.stringify(entries)).not.toContain(wrong)
    expect(JSON.stringify(entries)).not.toContain(code)
  })
})

describe('CSRF', () => {
  it('refuses state-changing requests with the cookie unless same-origin', async () => {
    const { owner, slug } = await orgWithOwner()
    const email = `${unique('x')}@example.org`
    const invite = (headers: Record<string, string>) =>
      owner.org.invitations.$post({ param: { org: slug }, json: { email, role: 'mentor' } }, { headers })
    const crossSite = await invite({ 'sec-fetch-site': 'cross-site' })
    expect(crossSite.status).toBe(403)
    const sameSite = await invite({ 'sec-fetch-site': 'same-site' })
    expect(sameSite.status).toBe(403)
    // Without Sec-Fetch-Site, the Origin decides.
    const strip = { 'sec-fetch-site': '' }
    const wrongOrigin = await invite({ ...strip, origin: 'https://evil.example' })
    expect(wrongOrigin.status).toBe(403)
    const rightOrigin = await invite({ ...strip, origin: ORIGIN })
    expect(rightOrigin.status).toBe(201)
  })
})

describe('code guessing from many addresses', () => {
  it('pauses codes for an address after a day of wrong ones, voids its open codes, and doubles each pause', async () => {
    const { email } = await orgWithOwner()
    const client = new Client()
    const hash = sha256Hex(email)
    /** 15 minutes pass: the per-address window of code attempts starts again (the day's count does not). */
    const quarterHourPasses = () => db.delete(rateLimits).where(eq(rateLimits.key, `auth-verify:to:${hash}`))
    const verify = (code: string) => client.api.v1.auth.verify.$post({ json: { email, code } })
    type Answer = Awaited<ReturnType<typeof verify>>
    const wrongOf = (code: string | undefined) => (code === '000000' ? '111111' : '000000')
    /** Asks for a code and enters `n` wrong ones (10 at most per quarter hour); the last answer. */
    const guess = async (n: number) => {
      await client.api.v1.auth.email.$post({ json: { email } })
      const { code } = await lastEmail(email)
      let last: Answer | undefined
      for (let i = 0; i < n; i++) {
        if (i > 0 && i % 10 === 0) await quarterHourPasses()
        last = await verify(wrongOf(code))
        if (i < n - 1) expect(last.status).toBe(400)
      }
      return last as Answer
    }
    const retryAfter = (res: Answer) => Number(res.headers.get('retry-after'))

    await guess(10)
    await quarterHourPasses()
    const paused = await guess(10)
    expect(paused.status).toBe(429)
    expect((await problemOf(paused)).code).toBe('sign-in-codes-paused')
    expect(retryAfter(paused)).toBe(24 * 3600)
    // During the pause even the right code is refused.
    const latest = await withCode(email)
    await quarterHourPasses()
    expect((await verify(latest.code)).status).toBe(429)

    // The pause ends (its start moved a day back): the code sent before it was voided.
    const pauseKey = `auth-code-pause:${hash}`
    const dayAgo = Date.now() - 24 * 3600 * 1000 - 1000
    await db.update(rateLimits).set({ windowStart: dayAgo }).where(eq(rateLimits.key, pauseKey))
    expect((await verify(latest.code)).status).toBe(400)

    // Another day of wrong codes: the next pause is twice as long.
    await quarterHourPasses()
    await guess(9)
    await quarterHourPasses()
    const again = await guess(10)
    expect(again.status).toBe(429)
    expect(retryAfter(again)).toBe(2 * 24 * 3600)

    // The link in the email still signs in, and ends the pause.
    const link = await withToken(email)
    expect((await client.api.v1.auth.verify.$post({ json: { token: link.token } })).status).toBe(200)
    const guardKeys = [`auth-code-daily:${hash}`, pauseKey]
    expect(await db.select().from(rateLimits).where(inArray(rateLimits.key, guardKeys))).toEqual([])
  })

  it('limits an IPv6 /48 as a whole, so rotating through its /64s does not help', async () => {
    const site = `2001:db8:${(Date.now() % 0xffff).toString(16)}`
    const statuses: number[] = []
    for (let i = 0; i < 70; i++) {
      const client = new Client()
      const res = await client.api.v1.auth.email.$post(
        { json: { email: `${unique('nobody')}@example.org` } },
        // Three /64s of one site, none of them over its own limit (30 per 10 minutes).
        { headers: { 'cf-connecting-ip': `${site}:${i % 3}::1` } },
      )
      statuses.push(res.status)
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(60)
    expect(statuses.slice(60).every((s) => s === 429)).toBe(true)
    // Another site is not held back.
    const other = await new Client().api.v1.auth.email.$post(
      { json: { email: `${unique('nobody')}@example.org` } },
      { headers: { 'cf-connecting-ip': '2001:db8:ffff:1::1' } },
    )
    expect(other.status).toBe(202)
  })

  it('limits code attempts per email address, whatever the client address', async () => {
    const { email } = await orgWithOwner()
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      // A new Client has a new client address each time.
      statuses.push((await new Client().api.v1.auth.verify.$post({ json: { email, code: '000001' } })).status)
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true)
    expect(statuses[10]).toBe(429)
  })
})
