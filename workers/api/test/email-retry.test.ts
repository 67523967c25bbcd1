import { newId, outbox, tenants } from '@tandem/db'
import { eq } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { type Client, db, memberWithRole, orgWithOwner, problemOf } from './support/client'

/** An email of the organization in the given state, as delivery would have left it. */
async function email(slug: string, status: 'dead' | 'failed' | 'sent', text = 'Hello') {
  const tenant = await db.select().from(tenants).where(eq(tenants.slug, slug)).get()
  const id = newId()
  const batchId = newId()
  await db.insert(outbox).values({
    id,
    tenantId: tenant?.id ?? null,
    kind: 'invitation',
    toAddress: `${id}@example.org`,
    subject: 'Hello',
    text,
    html: `<p>${text}</p>`,
    dueAt: new Date(Date.now() - 3_600_000),
    status,
    attempts: status === 'dead' ? 8 : 1,
    reason: status === 'sent' ? null : 'Not accepted after 8 attempts; last: application_error: down',
    batchId,
  })
  return { id, batchId }
}

const rowOf = async (id: string) => db.select().from(outbox).where(eq(outbox.id, id)).get()

/** Asks to send an email again, as the given member. */
const retry = (client: Client, slug: string, id: string) =>
  client.org.emails[':email'].retry.$post({ param: { org: slug, email: id } })

describe('POST /orgs/{org}/emails/{email}/retry', () => {
  it('sends a dead email again in a new batch, and it is delivered', async () => {
    const org = await orgWithOwner('retry')
    const { id, batchId } = await email(org.slug, 'dead')
    const res = await retry(org.owner, org.slug, id)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id, status: 'pending', attempts: 0, reason: null })
    // The request hands it to the email queue right away; the dev mailbox delivers it.
    await vi.waitUntil(async () => (await rowOf(id))?.status === 'sent', { timeout: 5000, interval: 50 })
    const row = await rowOf(id)
    expect(row?.batchId).toBeTruthy()
    expect(row?.batchId).not.toBe(batchId)
    expect(row?.attempts).toBe(1)
  })

  it('lets a coordinator retry a failed email, not a mentor', async () => {
    const org = await orgWithOwner('retry-roles')
    const coordinator = await memberWithRole(org, 'coordinator')
    const mentor = await memberWithRole(org, 'mentor')
    const { id } = await email(org.slug, 'failed')
    expect((await retry(mentor.client, org.slug, id)).status).toBe(403)
    expect((await rowOf(id))?.status).toBe('failed')
    expect((await retry(coordinator.client, org.slug, id)).status).toBe(200)
  })

  it('refuses an email that was sent, or whose text was removed, and changes nothing', async () => {
    const org = await orgWithOwner('retry-refused')
    const sent = await email(org.slug, 'sent')
    const res = await retry(org.owner, org.slug, sent.id)
    expect(res.status).toBe(409)
    expect(await problemOf(res)).toMatchObject({ code: 'email-not-retryable' })
    expect((await rowOf(sent.id))?.status).toBe('sent')
    const blank = await email(org.slug, 'dead', '')
    const blankRes = await retry(org.owner, org.slug, blank.id)
    expect(blankRes.status).toBe(409)
    expect((await rowOf(blank.id))?.status).toBe('dead')
  })

  it('does not find another organization’s email', async () => {
    const a = await orgWithOwner('retry-a')
    const b = await orgWithOwner('retry-b')
    const { id } = await email(a.slug, 'dead')
    const res = await retry(b.owner, b.slug, id)
    expect(res.status).toBe(404)
    expect((await rowOf(id))?.status).toBe('dead')
  })
})
