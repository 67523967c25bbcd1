import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { YesBox } from '../../kit/choices'
import { DataTable } from '../../kit/data-table'
import { SubmitForm } from '../../kit/form'
import { TextField } from '../../kit/inputs'
import { Load, useLoad } from '../../kit/load'
import { Notice } from '../../kit/notice'
import { Disclosure } from '../../kit/section'
import { useForm } from '../../kit/use-form'
import { fresh, ok, params } from '../../lib/client'
import { dayDate, todayIso } from '../../lib/dates'
import { meetingModeLabel, meetingStatusLabel, ratingLabel } from '../../lib/labels'
import { listText } from '../../lib/text'
import type { VocabularyLabels } from '../../lib/vocabulary'
import { MeetingBasics, RatingField } from '../meetings/meeting-fields'
import { emptyMyMeeting, type MyMeeting, myMeetingBody, myMeetingsRoute } from '../meetings/meetings'
import { useVocabulary } from '../programs/vocabulary'
import type { MyTandem } from './portal'

const PATHS = ['date', 'durationMinutes', 'mode', 'topics', 'came', 'rating'] as const

/**
 * A tandem's meetings in the portal: the ones logged so far (by the person, their partner, a coordinator or a
 * check-in email) and "Log a meeting" with the person's own side only (were they there, how it went for them).
 */
export function MyMeetings(props: MyTandem) {
  const { t } = useI18n()
  const param = params({ org: props.slug, match: props.match })
  const { state, reload } = useLoad(`${props.slug}/${props.match}`, async (signal) => {
    const answer = await ok(myMeetingsRoute.$get({ param }, fresh(signal)))
    return answer.items
  })
  const [notice, setNotice] = useState('')
  const headingId = `my-meetings-${props.match}`
  return (
    <section class="my-meetings" aria-labelledby={headingId} data-testid="my-meetings">
      <h3 id={headingId}>{t('portal.meetings')}</h3>
      <Notice testid="my-meetings-notice">{notice}</Notice>
      <Load state={state}>{(meetings) => <MyMeetingList meetings={meetings} labels={props.labels} />}</Load>
      {props.open && (
        <MyMeetingForm
          param={param}
          topics={props.goalAreas}
          labels={props.labels}
          onSaved={() => {
            setNotice(t('portal.meetingSaved'))
            reload()
          }}
        />
      )}
    </section>
  )
}

function MyMeetingList(props: { meetings: readonly MyMeeting[]; labels?: VocabularyLabels | undefined }) {
  const { t, locale, formatDate } = useI18n()
  const vocabulary = useVocabulary(props.labels)
  return (
    <DataTable
      rows={props.meetings}
      rowKey={(m) => m.id}
      rowTestid="my-meeting-row"
      rowData={(m) => ({ 'data-source': m.source })}
      testid="my-meetings-table"
      empty={
        <p class="muted" data-testid="my-meetings-empty">
          {t('portal.meetingsEmpty')}
        </p>
      }
      columns={[
        {
          label: t('meetings.date'),
          cell: (m) => formatDate(dayDate(m.date), { dateStyle: 'medium', timeZone: 'UTC' }),
        },
        { label: t('meetings.status'), cell: (m) => meetingStatusLabel(t, m.status) },
        { label: t('meetings.mode'), cell: (m) => (m.mode ? meetingModeLabel(t, m.mode) : '') },
        {
          label: t('meetings.duration'),
          cell: (m) => (m.durationMinutes ? t('meetings.minutes', { minutes: m.durationMinutes }) : ''),
        },
        { label: t('meetings.topics'), cell: (m) => listText(locale, m.topics.map(vocabulary.goalArea)) },
        {
          label: t('portal.meetingYouCame'),
          cell: (m) => (m.came === null ? '' : m.came ? t('common.yes') : t('portal.meetingNo')),
        },
        {
          label: t('portal.meetingYourRating'),
          cell: (m) => (m.rating === null ? '' : ratingLabel(t, String(m.rating))),
        },
      ]}
    />
  )
}

function MyMeetingForm(props: {
  param: { org: string; match: string }
  topics: readonly string[]
  labels?: VocabularyLabels | undefined
  onSaved: () => void
}) {
  const { t } = useI18n()
  const vocabulary = useVocabulary(props.labels)
  const form = useForm(() => emptyMyMeeting(todayIso()), PATHS)
  const { values, field, setValues, submit } = form
  const id = (name: string) => `my-meeting-${props.param.match}-${name}`

  const onSubmit = () => {
    submit.run(async () => {
      await ok(myMeetingsRoute.$post({ param: props.param, json: myMeetingBody(values) }))
      setValues(emptyMyMeeting(todayIso()))
      props.onSaved()
    })
  }

  return (
    <Disclosure testid="my-meeting-log" summary={t('portal.logMeeting')}>
      <SubmitForm
        form={form}
        name="my-meeting"
        onSubmit={onSubmit}
        labels={[t('meetings.save'), t('common.saving')]}
      >
        <TextField
          id={id('date')}
          testid="my-meeting-date"
          type="date"
          required
          max={todayIso()}
          label={t('portal.meetingDate')}
          {...field('date')}
        />
        <MeetingBasics
          id={id}
          duration={field('durationMinutes')}
          mode={{ ...field('mode'), testid: 'my-meeting-mode' }}
          topics={field('topics')}
          topicOptions={props.topics}
          topicLabel={vocabulary.goalArea}
        />
        <YesBox
          id={id('came')}
          legend={t('portal.meetingCameLegend')}
          label={t('portal.meetingCame')}
          {...field('came')}
        />
        <RatingField id={id('rating')} legend={t('portal.meetingRating')} {...field('rating')} />
      </SubmitForm>
    </Disclosure>
  )
}
