import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { Checkboxes, RadioGroup } from '../../kit/choices'
import { SubmitForm } from '../../kit/form'
import { TextArea, TextField } from '../../kit/inputs'
import { Disclosure } from '../../kit/section'
import { useForm } from '../../kit/use-form'
import { ok } from '../../lib/client'
import { todayIso } from '../../lib/dates'
import { meetingStatusLabel } from '../../lib/labels'
import { MeetingBasics, RatingField } from './meeting-fields'
import {
  editedMeetingBody,
  emptyMeeting,
  type Meeting,
  meetingBody,
  meetingRoute,
  meetingsRoute,
  meetingValues,
} from './meetings'

const PATHS = [
  'date',
  'status',
  'durationMinutes',
  'mode',
  'topics',
  'mentorCame',
  'menteeCame',
  'mentorRating',
  'menteeRating',
  'note',
] as const
const STATUSES = ['held', 'scheduled'] as const
/** A correction may also say that a planned meeting did not take place. */
const EDIT_STATUSES = ['held', 'scheduled', 'missed'] as const
const SIDES = ['mentor', 'mentee'] as const

/**
 * A coordinator logs a meeting of a tandem (one that took place, or one planned): date, how long, how, topics from
 * the program's goal areas, who came and how it went for each, and a note only coordinators see. With `editing`,
 * the same form corrects a logged entry (opened, filled with it, with a way back).
 */
export function MeetingForm(props: {
  param: { org: string; program: string; match: string }
  topics: readonly string[]
  topicLabel: (code: string) => string
  onSaved: () => void
  editing?: { meeting: Meeting; day: string; onCancel: () => void } | undefined
}) {
  const { t } = useI18n()
  const { editing } = props
  const form = useForm(() => (editing ? meetingValues(editing.meeting) : emptyMeeting(todayIso())), PATHS)
  const { values, field, set, setValues, submit } = form
  const held = values.status === 'held'

  const onSubmit = () => {
    submit.run(async () => {
      if (editing) {
        const json = editedMeetingBody(values, editing.meeting)
        await ok(meetingRoute.$put({ param: { ...props.param, meeting: editing.meeting.id }, json }))
      } else {
        await ok(meetingsRoute.$post({ param: props.param, json: meetingBody(values) }))
        setValues(emptyMeeting(todayIso()))
      }
      props.onSaved()
    })
  }

  return (
    <Disclosure
      testid={editing ? 'meeting-edit' : 'meeting-log'}
      open={!!editing}
      summary={editing ? t('meetings.editHeading', { date: editing.day }) : t('meetings.log')}
    >
      <SubmitForm
        form={form}
        name="meeting"
        onSubmit={onSubmit}
        labels={[editing ? t('meetings.saveEdit') : t('meetings.save'), t('common.saving')]}
        actions={
          editing && (
            <Button testid="meeting-edit-cancel" onClick={editing.onCancel}>
              {t('common.cancel')}
            </Button>
          )
        }
      >
        <TextField id="meeting-date" type="date" required label={t('meetings.formDate')} {...field('date')} />
        <RadioGroup
          id="meeting-status"
          legend={t('meetings.formStatus')}
          class="choices--inline"
          options={editing ? EDIT_STATUSES : STATUSES}
          labelOf={(status) => meetingStatusLabel(t, status)}
          testid={(status) => `meeting-status-${status}`}
          {...field('status')}
        />
        <MeetingBasics
          id={(name) => `meeting-${name}`}
          duration={field('durationMinutes')}
          mode={field('mode')}
          topics={field('topics')}
          topicOptions={props.topics}
          topicLabel={props.topicLabel}
        />
        {held && (
          <>
            <Checkboxes
              id="meeting-came"
              legend={t('meetings.formCame')}
              class="choices--inline"
              name="meeting-came"
              options={SIDES}
              labelOf={(side) =>
                side === 'mentor' ? t('meetings.formMentorCame') : t('meetings.formMenteeCame')
              }
              testid={(side) => `meeting-came-${side}`}
              checked={(side) => (side === 'mentor' ? values.mentorCame : values.menteeCame)}
              onToggle={(side, on) => set(side === 'mentor' ? 'mentorCame' : 'menteeCame', on)}
            />
            <RatingField
              id="meeting-mentor-rating"
              legend={t('meetings.formMentorRating')}
              {...field('mentorRating')}
            />
            <RatingField
              id="meeting-mentee-rating"
              legend={t('meetings.formMenteeRating')}
              {...field('menteeRating')}
            />
          </>
        )}
        <TextArea
          id="meeting-note"
          label={t('meetings.formNote')}
          rows={3}
          maxLength={2000}
          {...field('note')}
        />
      </SubmitForm>
    </Disclosure>
  )
}
