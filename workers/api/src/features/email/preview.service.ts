import {
  checkInEmail,
  checkRenewalEmail,
  type EmailLocale,
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
  partnerDigestEmail,
  type RenderedEmail,
  safeguardingAlertEmail,
  signInEmail,
  surveyInvitationEmail,
  surveyReminderEmail,
  weeklySummaryEmail,
} from '@tandem/email'
import { type EmailTemplate, SURVEY_TEMPLATES, translated } from '@tandem/vocab'
import { eventWhen } from '../events/when'

const shown = (value: number) => ({ value, suppressed: false })

/** A sample potluck on a Thursday evening in Berlin, written in `locale`. */
const sampleEvent = (locale: EmailLocale) => ({
  name: 'Amal',
  title: 'Potluck at the community centre',
  when: eventWhen(
    locale,
    'Europe/Berlin',
    new Date('2027-03-04T17:00:00Z'),
    new Date('2027-03-04T19:30:00Z'),
  ),
  place: 'Nachbarschaftshaus, Hauptstraße 12',
  online: false,
})

/**
 * Every template with sample data, for admins to read before their people do (decision 024). Links point at the
 * app's origin but carry no working token; names are samples, the organization's own name is real.
 */
export function previewTemplate(
  name: EmailTemplate,
  locale: EmailLocale,
  sample: { org: string; slug: string; origin: string },
): RenderedEmail {
  const { org, origin } = sample
  const program = 'Tandem 2027'
  const unsubscribe = `${origin}/unsubscribe?token=preview`
  const sampleSurvey = (l: EmailLocale) => ({
    name: 'Amal',
    title: translated(SURVEY_TEMPLATES['newcomer-baseline'].title, l),
    program,
    org,
    anonymous: true,
    link: `${origin}/survey?token=preview`,
    unsubscribe,
  })
  const render: Record<EmailTemplate, () => RenderedEmail> = {
    'sign-in': () =>
      signInEmail(locale, { link: `${origin}/sign-in/verify?token=preview`, code: '123456', minutes: 15 }),
    invitation: () =>
      invitationEmail(locale, {
        link: `${origin}/invitations/accept?token=preview`,
        org,
        inviter: 'Olivia',
        role: 'coordinator',
        days: 7,
      }),
    'owner-confirmation': () =>
      ownerConfirmationEmail(locale, { link: `${origin}/invitations/accept?token=preview`, org, days: 7 }),
    'safeguarding-alert': () =>
      safeguardingAlertEmail(locale, { program, org, link: `${origin}/orgs/${sample.slug}` }),
    'intake-confirmation': () => intakeConfirmationEmail(locale, { program, org }),
    introduction: () =>
      introductionEmail(locale, { name: 'Amal', partner: 'Jonas', partnerRole: 'mentor', program, org }),
    'check-renewal': () =>
      checkRenewalEmail(locale, { name: 'Jonas', program, expiresOn: '2027-03-31', unsubscribe }),
    'weekly-summary': () =>
      weeklySummaryEmail(locale, {
        name: 'Olivia',
        org,
        weekOf: '2027-03-01',
        counts: { applications: 4, awaitingScreening: 2, proposals: 7, endRequests: 1, expiringChecks: 3 },
        link: `${origin}/orgs/${sample.slug}`,
        unsubscribe,
      }),
    'check-in': () =>
      checkInEmail(locale, {
        name: 'Amal',
        partner: 'Jonas',
        program,
        org,
        meetingDate: '2027-03-04',
        links: {
          met: `${origin}/check-in?token=preview&answer=met`,
          notMet: `${origin}/check-in?token=preview&answer=not-met`,
          reschedule: `${origin}/check-in?token=preview&answer=reschedule`,
        },
        unsubscribe,
      }),
    'goal-revisit': () =>
      goalRevisitEmail(locale, {
        name: 'Jonas',
        partner: 'Amal',
        program,
        org,
        goal: 'Open a bank account',
        link: `${origin}/orgs/${sample.slug}/my`,
        unsubscribe,
      }),
    nudge: () =>
      nudgeEmail(locale, {
        name: 'Jonas',
        partner: 'Amal',
        program,
        org,
        days: 23,
        link: `${origin}/orgs/${sample.slug}/my`,
        unsubscribe,
      }),
    'fading-alert': () =>
      fadingAlertEmail(locale, {
        name: 'Olivia',
        mentor: 'Jonas',
        newcomer: 'Amal',
        program,
        org,
        days: 44,
        link: `${origin}/orgs/${sample.slug}`,
        unsubscribe,
      }),
    'event-invitation': () =>
      eventInvitationEmail(locale, {
        ...sampleEvent(locale),
        program,
        org,
        link: `${origin}/event-invitation?token=preview`,
        unsubscribe,
      }),
    'event-reminder': () =>
      eventReminderEmail(locale, {
        ...sampleEvent(locale),
        org,
        party: 3,
        link: `${origin}/orgs/${sample.slug}/my`,
        unsubscribe,
      }),
    'event-seat': () =>
      eventSeatEmail(locale, { ...sampleEvent(locale), org, link: `${origin}/orgs/${sample.slug}/my` }),
    'survey-invitation': () => surveyInvitationEmail(locale, sampleSurvey(locale)),
    'survey-reminder': () => surveyReminderEmail(locale, sampleSurvey(locale)),
    'partner-digest': () =>
      partnerDigestEmail(locale, {
        name: 'Ruth',
        org,
        partner: 'City Library',
        cadence: 'monthly',
        month: '2027-02',
        previousMonth: '2027-01',
        programs: [program],
        minimumCellSize: 5,
        figures: [
          { line: 'activeMatches', previous: shown(39), latest: shown(42) },
          { line: 'newMatches', previous: shown(9), latest: shown(7) },
          { line: 'meetingsPerMatch', previous: shown(2.4), latest: shown(2.8) },
          { line: 'goalsMoved', previous: shown(18), latest: shown(23) },
          { line: 'eventAttendance', previous: shown(31), latest: { value: null, suppressed: true } },
        ],
        trends: [],
        viewOnline: `${origin}/digest?token=preview`,
        unsubscribe,
      }),
  }
  return render[name]()
}
