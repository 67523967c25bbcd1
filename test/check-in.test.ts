import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkPage } from './support/axe'
import { launchBrowser } from './support/browser'
import { listMailbox, waitForMail } from './support/mailbox'
import { DEMO, demoProgramId, pageApi, runId, signIn } from './support/session'
import { newTandem } from './support/tandem'

const baseUrl = inject('baseUrl')

interface Meeting {
  id: string
  mentorCame: boolean | null
  menteeCame: boolean | null
  date: string
  status: string
  source: string
  durationMinutes: number | null
  menteeRating: number | null
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/**
 * The latest past half hour when check-in email goes out in Berlin (the demo organization's time zone; during the
 * 09:00 hour local time), and that day's date there. In the past on purpose: the cron's housekeeping runs at the
 * same instant, and a future one would expire the sessions the other browser tests use.
 */
function lastCheckInTick(): { time: number; today: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  })
  let time = Math.floor(Date.now() / 1_800_000) * 1_800_000
  for (;;) {
    const p = Object.fromEntries(parts.formatToParts(new Date(time)).map((x) => [x.type, x.value]))
    if (p.hour === '09') return { time, today: `${p.year}-${p.month}-${p.day}` }
    time -= 1_800_000
  }
}

const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10)

describe('a meeting recorded from the check-in email (Chromium)', () => {
  let browser: Browser
  let coordinatorContext: BrowserContext
  let phoneContext: BrowserContext
  let coordinator: Page
  let programId: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    coordinatorContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    coordinator = await coordinatorContext.newPage()
    coordinator.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(coordinator, baseUrl, DEMO.ownerEmail)
    programId = await demoProgramId(coordinator)
  })
  afterAll(async () => {
    await phoneContext?.close()
    await coordinatorContext?.close()
    await browser?.close()
  })

  const api = (rest: string) => `/api/v1/orgs/${DEMO.slug}/programs/${programId}${rest}`

  /** A new tandem of the demo program: a newcomer who reads Arabic and a screened mentor, matched by hand. */
  async function checkInTandem(run: string) {
    const menteeEmail = `checkin-mentee-${run}@example.org`
    const mentorEmail = `checkin-mentor-${run}@example.org`
    const { matchId } = await newTandem(
      coordinator,
      programId,
      {
        mentee: {
          displayName: `Salma Checkin${run}`,
          email: menteeEmail,
          preferredLocale: 'ar',
          languages: [{ code: 'ar', level: 'native' }],
        },
        mentor: {
          displayName: `Jonas Checkin${run}`,
          email: mentorEmail,
          preferredLocale: 'de',
          languages: [
            { code: 'de', level: 'native' },
            { code: 'ar', level: 'native' },
          ],
        },
      },
      { reason: 'Browser test: a tandem for the check-in email.' },
    )
    return { matchId, menteeEmail, mentorEmail }
  }

  const meetingsOf = async (matchId: string) =>
    (await pageApi<{ items: Meeting[] }>(coordinator, 'GET', api(`/matches/${matchId}/meetings`))).body.items

  it('a coordinator logs a meeting on the match page, corrects it, and deletes a mistaken entry after confirming', {
    timeout: 60_000,
  }, async () => {
    const { matchId } = await checkInTandem(runId())
    await coordinator.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/matches/${matchId}`)
    const panel = coordinator.getByTestId('meetings')
    await panel.getByTestId('meetings-empty').waitFor()
    await panel.getByTestId('meeting-log').locator('summary').click()
    await panel.getByTestId('meeting-date').fill(day(-2))
    await panel.getByTestId('meeting-duration').fill('90')
    await panel.getByTestId('meeting-mode').selectOption('video')
    await panel.getByTestId('meeting-topics-papers').check()
    await panel.getByTestId('meeting-came-mentee').uncheck()
    await panel.getByTestId('meeting-mentor-rating-4').check()
    await panel.getByTestId('meeting-submit').click()
    await expect.poll(() => panel.getByTestId('meetings-notice').textContent()).toBe('The meeting is logged.')
    const row = panel.getByTestId('meeting-row')
    await expect.poll(() => row.count()).toBe(1)
    const text = (await row.textContent()) ?? ''
    for (const part of ['Took place', 'Video call', '90 min', 'Papers', 'Mentor 4/5', 'Coordinator']) {
      expect(text).toContain(part)
    }
    expect(await row.getAttribute('data-source')).toBe('coordinator')
    const [logged] = await meetingsOf(matchId)
    expect(logged).toMatchObject({ status: 'held', durationMinutes: 90, mentorCame: true, menteeCame: false })
    const violations = await checkPage(coordinator, 'check-in', 'match-meetings-logged-en')

    // A correction opens the entry in the form; the newcomer did come after all.
    await row.getByTestId('meeting-edit-open').click()
    const edit = panel.getByTestId('meeting-edit')
    expect(await edit.getByTestId('meeting-duration').inputValue()).toBe('90')
    await edit.getByTestId('meeting-came-mentee').check()
    await edit.getByTestId('meeting-duration').fill('75')
    await edit.getByTestId('meeting-submit').click()
    await expect
      .poll(() => panel.getByTestId('meetings-notice').textContent())
      .toBe('The meeting entry is corrected.')
    expect((await meetingsOf(matchId))[0]).toMatchObject({ durationMinutes: 75, menteeCame: true })
    await panel.getByTestId('meeting-log').waitFor()

    // A mistaken entry goes after a confirmation; cancelling keeps it.
    await row.getByTestId('meeting-delete').click()
    await row.getByTestId('meeting-delete-cancel').click()
    expect(await meetingsOf(matchId)).toHaveLength(1)
    await row.getByTestId('meeting-delete').click()
    await row.getByTestId('meeting-delete-confirm').click()
    await expect
      .poll(() => panel.getByTestId('meetings-notice').textContent())
      .toBe('The meeting was deleted.')
    await panel.getByTestId('meetings-empty').waitFor()
    expect(await meetingsOf(matchId)).toEqual([])
    expect(violations).toEqual([])
    expect(pageErrors).toEqual([])
  })

  it('a newcomer answers “we met” in Arabic on a 360 px phone; the coordinator sees the meeting; the link is then used', {
    timeout: 60_000,
  }, async () => {
    const run = runId()
    const { matchId, menteeEmail, mentorEmail } = await checkInTandem(run)
    // A meeting planned for the day before the scheduler's tick: that day, both get a check-in email about it.
    const tick = lastCheckInTick()
    const planned = await pageApi<Meeting>(coordinator, 'POST', api(`/matches/${matchId}/meetings`), {
      date: dayBefore(tick.today),
      status: 'scheduled',
    })
    expect(planned.status, JSON.stringify(planned.body)).toBe(201)

    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    const ticked = await fetch(`${baseUrl}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${tick.time}`)
    expect(ticked.status).toBe(200)
    /** The check-in email's link for `answer`, after checking it has all three. */
    const checkInLink = async (to: string, answer: string) => {
      const mail = await waitForMail(baseUrl, to, {
        seen,
        match: (m) => m.links.some((l) => new URL(l).pathname === '/check-in'),
      })
      const links = mail.links.filter((l) => new URL(l).pathname === '/check-in')
      expect(links.map((l) => new URL(l).searchParams.get('answer')).sort()).toEqual([
        'met',
        'not-met',
        'reschedule',
      ])
      const link = links.find((l) => new URL(l).searchParams.get('answer') === answer)
      if (!link) throw new Error(`no ${answer} link in: ${links.join(', ')}`)
      return link
    }
    const met = await checkInLink(menteeEmail, 'met')

    // The newcomer opens "We met" on a small phone in Arabic: right to left, and it asks first.
    phoneContext = await browser.newContext({
      locale: 'ar',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    })
    const phone = await phoneContext.newPage()
    phone.on('pageerror', (e) => pageErrors.push(e.message))
    await phone.goto(met)
    await phone.getByTestId('check-in-form').waitFor()
    expect(await phone.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await phone.getByRole('heading', { level: 1 }).textContent()).toBe('متابعة لقاءات الشراكة')
    expect(await phone.getByTestId('check-in-greeting').textContent()).toBe('مرحبًا \u2068Salma\u2069!')
    expect(await phone.getByTestId('check-in-answer-met').isChecked()).toBe(true)
    expect(await phone.getByTestId('check-in-answer-not-met').isChecked()).toBe(false)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    const violations = await checkPage(phone, 'check-in', 'check-in-ar-360')

    // Opening the link recorded nothing: the meeting is still only planned.
    const before = await meetingsOf(matchId)
    expect(before.map((m) => [m.id, m.status])).toEqual([[planned.body.id, 'scheduled']])

    await phone.getByTestId('check-in-duration').fill('75')
    await phone.getByTestId('check-in-topics-housing').check()
    await phone.getByTestId('check-in-rating-5').check()
    await phone.getByTestId('check-in-submit').click()
    const done = phone.getByTestId('check-in-done')
    await done.waitFor()
    expect(await done.getAttribute('data-answer')).toBe('met')
    expect(await done.textContent()).toContain('شكرًا لك يا \u2068Salma\u2069!')
    violations.push(...(await checkPage(phone, 'check-in', 'check-in-ar-360-done')))

    // The coordinator's match page shows the meeting as held, with the newcomer's answers.
    await coordinator.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/matches/${matchId}`)
    const row = coordinator.locator(`[data-testid="meeting-row"][data-id="${planned.body.id}"]`)
    await row.waitFor()
    expect(await row.getByTestId('meeting-status').getAttribute('data-status')).toBe('held')
    expect(await row.textContent()).toContain('75 min')
    expect(await row.textContent()).toContain('Housing')
    expect(await row.textContent()).toContain('Newcomer 5/5')
    violations.push(...(await checkPage(coordinator, 'check-in', 'match-meetings-en')))

    // The same link again: already answered, said in Arabic, and nothing to press.
    await phone.goto(met)
    const closed = phone.getByTestId('check-in-closed')
    await closed.waitFor()
    expect(await closed.getAttribute('data-state')).toBe('used')
    expect(await closed.textContent()).toBe('تمت الإجابة عن هذه المتابعة من قبل. شكرًا لك!')
    expect(await phone.getByTestId('check-in-submit').count()).toBe(0)
    expect(await meetingsOf(matchId)).toHaveLength(1)

    // A link we did not send says so, in Arabic.
    await phone.goto(`${baseUrl}/check-in?token=${'a'.repeat(24)}.${'b'.repeat(24)}&answer=met`)
    await expect.poll(() => phone.getByTestId('check-in-closed').getAttribute('data-state')).toBe('unknown')
    expect(await phone.getByTestId('check-in-closed').textContent()).toBe(
      'هذا الرابط غير صالح. افتح الرابط من الرسالة مرة أخرى.',
    )

    // The mentor's own email, opened on the same phone: the page speaks the mentor's language (German, from the
    // API), since nobody chose one on this phone; opening it records nothing either.
    await phone.goto(await checkInLink(mentorEmail, 'not-met'))
    await phone.getByTestId('check-in-form').waitFor()
    await expect.poll(() => phone.evaluate(() => document.documentElement.lang)).toBe('de')
    expect(await phone.evaluate(() => document.documentElement.dir)).toBe('ltr')
    expect(await phone.getByRole('heading', { level: 1 }).textContent()).toBe('Tandem-Rückmeldung')
    expect(await phone.getByTestId('check-in-answer-not-met').isChecked()).toBe(true)
    expect((await meetingsOf(matchId)).map((m) => m.status)).toEqual(['held'])

    expect(violations).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
