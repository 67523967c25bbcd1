import { describe, expect, it } from 'vitest'
import {
  checkInEmail,
  checkRenewalEmail,
  concernAlertEmail,
  emailLocale,
  emailLocales,
  eventInvitationEmail,
  eventReminderEmail,
  eventSeatEmail,
  fadingAlertEmail,
  goalRevisitEmail,
  intakeConfirmationEmail,
  introductionEmail,
  invitationEmail,
  nudgeEmail,
  ownerConfirmationEmail,
  type RenderedEmail,
  safeguardingAlertEmail,
  signInEmail,
  surveyInvitationEmail,
  surveyReminderEmail,
  weeklySummaryEmail,
} from '../index'

const evil = '<script>&"'

/** Every template, in one language, with a hostile name everywhere a name or link goes. */
const allTemplates = (locale: (typeof emailLocales)[number]): Record<string, RenderedEmail> => ({
  signIn: signInEmail(locale, {
    link: `https://tandem.test/sign-in?token=t&n=${evil}`,
    code: '123456',
    minutes: 15,
  }),
  invitation: invitationEmail(locale, {
    link: `https://tandem.test/invitations/accept?token=t&n=${evil}`,
    org: evil,
    inviter: evil,
    role: 'coordinator',
    days: 7,
  }),
  ownerConfirmation: ownerConfirmationEmail(locale, {
    link: `https://tandem.test/invitations/accept?token=t&n=${evil}`,
    org: evil,
    days: 7,
  }),
  checkRenewal: checkRenewalEmail(locale, {
    name: evil,
    program: evil,
    expiresOn: '2026-12-31',
    unsubscribe: `https://tandem.test/unsubscribe?token=t&n=${evil}`,
  }),
  weeklySummary: weeklySummaryEmail(locale, {
    name: evil,
    org: evil,
    weekOf: '2026-12-07',
    counts: { applications: 1200, awaitingScreening: 2, proposals: 0, endRequests: 1, expiringChecks: 3 },
    link: `https://tandem.test/orgs/x?n=${evil}`,
    unsubscribe: `https://tandem.test/unsubscribe?token=t&n=${evil}`,
  }),
  checkIn: checkInEmail(locale, {
    name: evil,
    partner: evil,
    program: evil,
    org: evil,
    meetingDate: '2026-11-03',
    links: {
      met: `https://tandem.test/check-in?token=t&answer=met&n=${evil}`,
      notMet: `https://tandem.test/check-in?token=t&answer=not-met&n=${evil}`,
      reschedule: `https://tandem.test/check-in?token=t&answer=reschedule&n=${evil}`,
    },
    unsubscribe: `https://tandem.test/unsubscribe?token=t&n=${evil}`,
  }),
  goalRevisit: goalRevisitEmail(locale, {
    name: evil,
    partner: evil,
    program: evil,
    org: evil,
    goal: evil,
    link: `https://tandem.test/orgs/x/my?n=${evil}`,
    unsubscribe: `https://tandem.test/unsubscribe?token=t&n=${evil}`,
  }),
  eventInvitation: eventInvitationEmail(locale, {
    name: evil,
    title: evil,
    when: evil,
    place: evil,
    online: true,
    program: evil,
    org: evil,
    link: `https://tandem.test/event-invitation?token=t&n=${evil}`,
    unsubscribe: `https://tandem.test/unsubscribe?token=t&n=${evil}`,
  }),
  eventReminder: eventReminderEmail(locale, {
    name: evil,
    title: evil,
    when: evil,
    place: evil,
    party: 3,
    org: evil,
    link: `https://tandem.test/orgs/x/my?n=${evil}`,
    unsubscribe: `https://tandem.test/unsubscribe?token=t&n=${evil}`,
  }),
  surveyInvitation: surveyInvitationEmail(locale, {
    name: evil,
    title: evil,
    program: evil,
    org: evil,
    anonymous: true,
    link: `https://tandem.test/survey?token=t&n=${evil}`,
    unsubscribe: `https://tandem.test/unsubscribe?token=t&n=${evil}`,
  }),
  eventSeat: eventSeatEmail(locale, {
    name: evil,
    title: evil,
    when: evil,
    place: evil,
    org: evil,
    link: `https://tandem.test/orgs/x/my?n=${evil}`,
  }),
  nudge: nudgeEmail(locale, {
    name: evil,
    partner: evil,
    program: evil,
    org: evil,
    days: 25,
    link: `https://tandem.test/orgs/x/my?n=${evil}`,
    unsubscribe: `https://tandem.test/unsubscribe?token=t&n=${evil}`,
  }),
  fadingAlert: fadingAlertEmail(locale, {
    name: evil,
    mentor: evil,
    newcomer: evil,
    program: evil,
    org: evil,
    days: 42,
    link: `https://tandem.test/orgs/x/programs/p/matches/m?n=${evil}`,
    unsubscribe: `https://tandem.test/unsubscribe?token=t&n=${evil}`,
  }),
  intakeConfirmation: intakeConfirmationEmail(locale, { program: evil, org: evil }),
  introduction: introductionEmail(locale, {
    name: evil,
    partner: evil,
    partnerRole: 'mentor',
    program: evil,
    org: evil,
  }),
  safeguardingAlert: safeguardingAlertEmail(locale, {
    program: evil,
    org: evil,
    link: `https://tandem.test/m?x=1&n=${evil}`,
  }),
  concernAlert: concernAlertEmail(locale, {
    program: evil,
    org: evil,
    link: `https://tandem.test/c?x=1&n=${evil}`,
  }),
})

describe('email templates', () => {
  it('end optional email with the unsubscribe link, and leave counts of zero out of the summary', () => {
    for (const locale of emailLocales) {
      const mail = allTemplates(locale).weeklySummary
      if (!mail) throw new Error('no weekly summary')
      expect(mail.text, locale).toContain('https://tandem.test/unsubscribe?token=t&n=')
      expect(mail.html, locale).toContain('href="https://tandem.test/unsubscribe?token=t&amp;n=')
      expect(
        mail.text.split('\n').filter((l) => l.startsWith('- ')),
        locale,
      ).toHaveLength(4)
    }
    expect(allTemplates('de').weeklySummary?.text).toContain('Neue Anmeldungen in den letzten 7 Tagen: 1.200')
    expect(allTemplates('fa').weeklySummary?.text).toContain('۱٬۲۰۰')
  })

  it('ask with three links, the meeting’s date in the person’s language, and the unsubscribe link', () => {
    const links = {
      met: 'https://tandem.test/check-in?token=k&answer=met',
      notMet: 'https://tandem.test/check-in?token=k&answer=not-met',
      reschedule: 'https://tandem.test/check-in?token=k&answer=reschedule',
    }
    const base = {
      name: 'Amal',
      partner: 'Jonas',
      program: 'P',
      org: 'O',
      links,
      unsubscribe: 'https://u.test/x',
    }
    for (const locale of emailLocales) {
      const mail = checkInEmail(locale, { ...base, meetingDate: null })
      for (const link of Object.values(links)) {
        expect(mail.text, locale).toContain(link)
        expect(mail.html, locale).toContain(`href="${link.replace('&', '&amp;')}"`)
      }
      expect(mail.text, locale).toContain('https://u.test/x')
    }
    const de = checkInEmail('de', { ...base, meetingDate: '2026-11-03' })
    expect(de.subject).toBe('Haben Sie Jonas am 3. November 2026 getroffen?')
    expect(checkInEmail('en', { ...base, meetingDate: null }).subject).toBe(
      'How is your tandem with Jonas going?',
    )
  })

  it('remind of a goal by its title, with the portal link and the unsubscribe link, in every language', () => {
    for (const locale of emailLocales) {
      const mail = goalRevisitEmail(locale, {
        name: 'Jonas',
        partner: 'Amal',
        program: 'P',
        org: 'O',
        goal: 'Open a bank account',
        link: 'https://tandem.test/orgs/o/my',
        unsubscribe: 'https://u.test/x',
      })
      expect(mail.subject, locale).toContain('Amal')
      expect(mail.text, locale).toContain('Open a bank account')
      expect(mail.text, locale).toContain('https://tandem.test/orgs/o/my')
      expect(mail.html, locale).toContain('href="https://tandem.test/orgs/o/my"')
      expect(mail.text, locale).toContain('https://u.test/x')
    }
  })

  it('invite to a survey and remind once, saying whether it is anonymous, with the link, in every language', () => {
    for (const locale of emailLocales) {
      const facts = { name: 'Amal', title: 'Start', program: 'P', org: 'O', unsubscribe: 'https://u.test/x' }
      const anonymous = surveyInvitationEmail(locale, {
        ...facts,
        anonymous: true,
        link: 'https://tandem.test/survey?token=a',
      })
      const named = surveyInvitationEmail(locale, {
        ...facts,
        anonymous: false,
        link: 'https://tandem.test/survey?token=n',
      })
      const reminder = surveyReminderEmail(locale, {
        ...facts,
        anonymous: true,
        link: 'https://tandem.test/survey?token=r',
      })
      for (const mail of [anonymous, named, reminder]) {
        expect(`${mail.subject}\n${mail.text}`, locale).not.toMatch(/\{[a-z]+\}/)
        expect(mail.subject, locale).toContain('Start')
        expect(mail.text, locale).toContain('https://u.test/x')
      }
      expect(anonymous.html, locale).toContain('href="https://tandem.test/survey?token=a"')
      expect(reminder.html, locale).toContain('href="https://tandem.test/survey?token=r"')
      expect(anonymous.text, locale).not.toBe(named.text.replace('token=n', 'token=a'))
      expect(reminder.subject, locale).not.toBe(anonymous.subject)
      expect(anonymous.html, locale).toContain(locale === 'ar' || locale === 'fa' ? 'dir="rtl"' : 'dir="ltr"')
    }
  })

  it('invite to an event, remind of it and tell of a seat with when, where and the link, in every language', () => {
    for (const locale of emailLocales) {
      const facts = { name: 'Amal', title: 'Potluck', when: 'WHEN', place: 'Town hall', org: 'O' }
      const invite = eventInvitationEmail(locale, {
        ...facts,
        program: 'P',
        link: 'https://tandem.test/event-invitation?token=t',
        unsubscribe: 'https://u.test/x',
      })
      const reminder = eventReminderEmail(locale, {
        ...facts,
        online: true,
        party: 3,
        link: 'https://tandem.test/orgs/o/my',
        unsubscribe: 'https://u.test/x',
      })
      const seat = eventSeatEmail(locale, { ...facts, link: 'https://tandem.test/orgs/o/my' })
      for (const mail of [invite, reminder, seat]) {
        expect(`${mail.subject}\n${mail.text}`, locale).not.toMatch(/\{[a-z]+\}/)
        expect(mail.subject, locale).toContain('Potluck')
        expect(mail.text, locale).toContain('WHEN')
        expect(mail.text, locale).toContain('Town hall')
      }
      expect(invite.html, locale).toContain('href="https://tandem.test/event-invitation?token=t"')
      expect(invite.text, locale).toContain('https://u.test/x')
      expect(reminder.text, locale).toContain('https://u.test/x')
      expect(seat.text, locale).toContain('https://tandem.test/orgs/o/my')
      expect(seat.text, locale).not.toContain('https://u.test/x')
    }
    expect(
      eventReminderEmail('fa', {
        name: 'A',
        title: 'T',
        when: 'W',
        place: null,
        online: true,
        party: 3,
        org: 'O',
        link: 'l',
        unsubscribe: 'u',
      }).text,
    ).toContain('۳')
  })

  it('nudge a mentor and alert a coordinator with the days in the reader’s digits, a link and the unsubscribe link', () => {
    for (const locale of emailLocales) {
      const { nudge, fadingAlert } = allTemplates(locale)
      for (const mail of [nudge, fadingAlert]) {
        if (!mail) throw new Error('missing template')
        expect(`${mail.subject}\n${mail.text}`, locale).not.toMatch(/\{[a-z]+\}/)
        expect(mail.text, locale).toContain('https://tandem.test/unsubscribe?token=t&n=')
      }
      expect(nudge?.text, locale).toContain('https://tandem.test/orgs/x/my?n=')
      expect(fadingAlert?.text, locale).toContain('https://tandem.test/orgs/x/programs/p/matches/m?n=')
    }
    expect(allTemplates('en').nudge?.text).toContain('It has been 25 days since')
    expect(allTemplates('fa').nudge?.text).toContain('۲۵ روز')
    expect(allTemplates('de').fadingAlert?.text).toContain('seit 42 Tagen')
  })

  it('escape names and links in HTML and keep them as written in the subject and text', () => {
    for (const locale of emailLocales) {
      for (const [name, mail] of Object.entries(allTemplates(locale))) {
        const where = `${name} (${locale})`
        expect(mail.html, where).not.toContain('<script>')
        expect(mail.html, where).toContain('&lt;script&gt;&amp;&quot;')
        expect(
          mail.html.match(/<[a-z]/g)?.every((tag) => ['<h', '<b', '<p', '<a'].includes(tag)),
          where,
        ).toBe(true)
        expect(`${mail.subject}\n${mail.text}`, where).toContain(evil)
      }
    }
  })

  it('mark the language and direction, and put links in an escaped href', () => {
    const ar = signInEmail('ar', {
      link: 'https://tandem.test/sign-in/verify?token=a&x=1',
      code: '1',
      minutes: 15,
    })
    expect(ar.html.startsWith('<!doctype html><html lang="ar" dir="rtl"><body')).toBe(true)
    expect(ar.html).toContain('<a href="https://tandem.test/sign-in/verify?token=a&amp;x=1"')
    expect(ar.html).toContain('>تسجيل الدخول</a>')
    expect(
      introductionEmail('uk', { name: 'A', partner: 'B', partnerRole: 'mentee', program: 'P', org: 'O' })
        .html,
    ).toContain('lang="uk" dir="ltr"')
  })

  it('render the same document as before the move to JSX', () => {
    const mail = invitationEmail('en', {
      link: 'https://tandem.test/invitations/accept?token=abc',
      org: 'City & Co',
      inviter: 'Olivia',
      role: 'admin',
      days: 7,
    })
    expect(mail.subject).toBe('You are invited to City & Co on Tandem')
    expect(mail.text).toBe(
      'Olivia invites you to join City & Co on Tandem as administrator.\nhttps://tandem.test/invitations/accept?token=abc\n\nThe invitation expires in 7 days.',
    )
    expect(mail.html).toBe(
      '<!doctype html><html lang="en" dir="ltr"><body style="font-family:system-ui,sans-serif;line-height:1.5">' +
        '<p>Olivia invites you to join City &amp; Co on Tandem as administrator.</p>' +
        '<p><a href="https://tandem.test/invitations/accept?token=abc" style="display:inline-block;padding:.6em 1.2em;background:#1d4ed8;color:#fff;border-radius:.4em;text-decoration:none">Accept the invitation</a></p>' +
        '<p>The invitation expires in 7 days.</p></body></html>',
    )
  })

  it('pick the language of the person, else the fallback, else English', () => {
    expect(emailLocale('ar-SY')).toBe('ar')
    expect(emailLocale('prs', 'de')).toBe('fa')
    expect(emailLocale('xx', 'uk-UA')).toBe('uk')
    expect(emailLocale(null)).toBe('en')
  })
})
