import type { CheckInAnswer } from '@tandem/vocab'
import { CHECK_IN_ANSWERS } from '@tandem/vocab'
import { useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n, useTitle } from '../../i18n/context'
import { RadioGroup } from '../../kit/choices'
import { SubmitForm } from '../../kit/form'
import { TextField } from '../../kit/inputs'
import { LinkStatus } from '../../kit/link-status'
import { useForm } from '../../kit/use-form'
import { type ClosedLink, useOneTimeLink } from '../../kit/use-token-link'
import { ok } from '../../lib/client'
import { dayDate, todayIso } from '../../lib/dates'
import { checkInAnswerLabel } from '../../lib/labels'
import { isolate } from '../../lib/text'
import { topicLabel } from '../../lib/vocabulary'
import { RaiseConcern } from '../concerns/concern-form'
import { type ConcernBody, checkInConcernRoute } from '../concerns/concerns'
import { MeetingBasics, RatingField } from '../meetings/meeting-fields'
import {
  answerOf,
  type CheckIn,
  type CheckInValues,
  checkInBody,
  checkInRoute,
  closedLinkOf,
  openCheckIn,
} from './check-in'

/**
 * `/check-in?token=…&answer=met|not-met|reschedule`: the page behind the three links of a check-in email. Opening
 * it records nothing (mail scanners open links): it greets the person, names their partner, program and meeting,
 * and shows the three answers with the link's one chosen. The answer is recorded when the person presses the
 * button. No sign-in: the token names the person and their tandem. The page speaks the person's language unless
 * they chose another.
 */
export default function CheckInPage() {
  const { t } = useI18n()
  useTitle(t('checkIn.title'))
  const { query } = useLocation()
  const { token, view, close } = useOneTimeLink(openCheckIn, t('checkIn.missing'))

  const body = () => {
    if (view.state === 'status') {
      return (
        <LinkStatus
          link={view.link}
          testid="check-in"
          failed={t('checkIn.failed')}
          loading={t('checkIn.checking')}
        />
      )
    }
    if (view.state === 'closed') {
      return (
        <>
          <ClosedMessage state={view.closed} />
          {view.closed === 'used' && <CheckInConcern token={token} />}
        </>
      )
    }
    return <CheckInForm token={token} checkIn={view.data} initial={answerOf(query.answer)} onClosed={close} />
  }

  return (
    <div class="page check-in">
      <h1>{t('checkIn.title')}</h1>
      {body()}
    </div>
  )
}

const CLOSED_KEYS = {
  used: 'checkIn.used',
  expired: 'checkIn.expired',
  unknown: 'checkIn.unknown',
} as const

/** Why this link cannot be answered: answered before, too old, or not a link we sent. */
function ClosedMessage(props: { state: ClosedLink }) {
  const { t } = useI18n()
  return (
    <p
      class={`alert ${props.state === 'used' ? 'alert--ok' : 'alert--warning'}`}
      role="alert"
      data-testid="check-in-closed"
      data-state={props.state}
    >
      {t(CLOSED_KEYS[props.state])}
    </p>
  )
}

function CheckInForm(props: {
  token: string
  checkIn: CheckIn
  initial: CheckInAnswer | ''
  onClosed: (state: ClosedLink) => void
}) {
  const { t, formatDate } = useI18n()
  const c = props.checkIn
  const { formRef, values, field, submit } = useForm<CheckInValues>(
    {
      answer: props.initial,
      date: c.meetingDate ?? todayIso(),
      durationMinutes: '',
      topics: [],
      rating: '',
    },
    ['answer', 'date', 'durationMinutes', 'topics', 'rating'],
  )
  const [done, setDone] = useState<CheckInAnswer | null>(null)
  const thanks = useRef<HTMLDivElement>(null)
  const name = isolate(c.firstName)
  const partner = isolate(c.partnerFirstName)

  if (done) {
    return (
      <div class="check-in__done" data-testid="check-in-done" data-answer={done} tabIndex={-1} ref={thanks}>
        <h2>{t('checkIn.thanks', { name })}</h2>
        <p role="status">
          {done === 'reschedule' ? t('checkIn.done.reschedule', { partner }) : t(`checkIn.done.${done}`)}
        </p>
        <CheckInConcern token={props.token} />
      </div>
    )
  }

  const onSubmit = () => {
    const { answer } = values
    if (!answer) return // the radios are required: the browser asks first
    submit.run(async () => {
      try {
        await ok(
          checkInRoute.$post({ param: { token: props.token }, json: checkInBody({ ...values, answer }) }),
        )
      } catch (error) {
        const closed = closedLinkOf(error)
        if (!closed) throw error
        props.onClosed(closed)
        return
      }
      setDone(answer)
      requestAnimationFrame(() => thanks.current?.focus())
    })
  }

  return (
    <>
      <p class="lead" data-testid="check-in-greeting">
        {t('checkIn.greeting', { name })}
      </p>
      <p class="aside" data-testid="check-in-program">
        {t('checkIn.program', { program: isolate(c.programName), org: isolate(c.organizationName) })}
      </p>
      <SubmitForm
        form={{ formRef, submit }}
        name="check-in"
        onSubmit={onSubmit}
        labels={[t('checkIn.send'), t('checkIn.sending')]}
      >
        <RadioGroup
          id="check-in-answer"
          class="choices--tiles"
          legend={
            c.meetingDate
              ? t('checkIn.questionOn', {
                  partner,
                  date: formatDate(dayDate(c.meetingDate), { dateStyle: 'long', timeZone: 'UTC' }),
                })
              : t('checkIn.question', { partner })
          }
          name="answer"
          required
          options={CHECK_IN_ANSWERS}
          labelOf={(answer) => checkInAnswerLabel(t, answer)}
          testid={(answer) => `check-in-answer-${answer}`}
          {...field('answer')}
        />
        {values.answer === 'met' && (
          <fieldset class="check-in__details" data-testid="check-in-details">
            <legend>{t('checkIn.details')}</legend>
            <TextField
              id="check-in-date"
              type="date"
              label={t('checkIn.date')}
              max={todayIso()}
              {...field('date')}
            />
            <MeetingBasics
              id={(name) => `check-in-${name}`}
              duration={field('durationMinutes')}
              topics={field('topics')}
              topicOptions={c.topics}
              topicLabel={(code) => topicLabel(t, code)}
              words={{ duration: t('checkIn.duration'), topics: t('checkIn.topics') }}
            />
            <RatingField id="check-in-rating" legend={t('checkIn.rating')} {...field('rating')} />
          </fieldset>
        )}
        <p class="aside" id="check-in-nothing-yet">
          {t('checkIn.nothingYet')}
        </p>
      </SubmitForm>
      <CheckInConcern token={props.token} />
    </>
  )
}

/**
 * "Raise a concern" with the link's token: good until the link expires, answered or not. Only the program's
 * coordinators read it; opening the page sends nothing.
 */
function CheckInConcern(props: { token: string }) {
  const send = async (json: ConcernBody) => {
    await ok(checkInConcernRoute.$post({ param: { token: props.token }, json }))
  }
  return <RaiseConcern id="check-in-concern" send={send} />
}
