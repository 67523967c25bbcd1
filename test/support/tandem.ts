import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { DEMO, pageApi } from './session'

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/**
 * A tandem of a demo-organization program, made through the API as a coordinator would: the newcomer and the
 * mentor enrolled (`role` is added to each body), the mentor's references, check and training recorded and the
 * screening approved, and the two matched by hand (`startedOn`: a tandem that began before it was recorded).
 */
export async function newTandem(
  coordinator: Page,
  programId: string,
  people: { mentee: Record<string, unknown>; mentor: Record<string, unknown> },
  options: { reason: string; startedOn?: string },
) {
  const api = (rest: string) => `/api/v1/orgs/${DEMO.slug}/programs/${programId}${rest}`
  const enroll = async (body: Record<string, unknown>) => {
    const res = await pageApi<{ id: string }>(coordinator, 'POST', api('/participants'), body)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.id
  }
  const menteeId = await enroll({ role: 'mentee', ...people.mentee })
  const mentorId = await enroll({ role: 'mentor', ...people.mentor })
  const screening = api(`/participants/${mentorId}/screening`)
  const screened = await pageApi(coordinator, 'PATCH', screening, {
    references: [
      { name: 'A. Referee', relation: 'employer', status: 'received', receivedOn: day(-60) },
      { name: 'B. Referee', relation: 'neighbor', status: 'received', receivedOn: day(-59) },
    ],
    checkStatus: 'clear',
    checkedOn: day(-55),
    checkExpiresOn: day(365),
    safetyAcknowledged: true,
    trainingCompleted: { safeguarding: day(-50), intercultural: day(-50) },
  })
  expect(screened.status, JSON.stringify(screened.body)).toBe(200)
  const approved = await pageApi(coordinator, 'PATCH', screening, { approved: true })
  expect(approved.status, JSON.stringify(approved.body)).toBe(200)
  const matched = await pageApi<{ id: string }>(coordinator, 'POST', api('/matches'), {
    menteeId,
    mentorId,
    ...(options.startedOn ? { startedOn: options.startedOn } : {}),
    overrideReason: options.reason,
  })
  expect(matched.status, JSON.stringify(matched.body)).toBe(201)
  return { menteeId, mentorId, matchId: matched.body.id }
}
