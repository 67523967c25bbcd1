import { MAX_MEETING_MINUTES, MEETING_MODES, type MeetingMode } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { Checkboxes, RadioGroup } from '../../kit/choices'
import { CodeSelect, NumberField } from '../../kit/inputs'
import { meetingModeLabel, ratingLabel } from '../../lib/labels'
import { toggled } from '../../lib/lists'
import { RATINGS } from './meetings'

/**
 * The fields a meeting is described with, wherever it is logged (the coordinator's match page, the portal, the
 * check-in page): how long, which topics, how it went.
 */

export function DurationField(props: {
  id: string
  label: string
  value: string
  error?: string | undefined
  onValue: (value: string) => void
}) {
  return <NumberField {...props} min={1} max={MAX_MEETING_MINUTES} required={false} />
}

/** The program's topics as boxes to tick; nothing when the program lists none. */
export function TopicsField(props: {
  id: string
  legend: string
  options: readonly string[]
  labelOf: (code: string) => string
  value: readonly string[]
  error?: string | undefined
  onValue: (topics: string[]) => void
}) {
  if (props.options.length === 0) return null
  return (
    <Checkboxes
      id={props.id}
      legend={props.legend}
      error={props.error}
      class="choices--inline"
      name={props.id}
      options={props.options}
      labelOf={props.labelOf}
      testid={(code) => `${props.id}-${code}`}
      checked={(code) => props.value.includes(code)}
      onToggle={(code, on) => props.onValue(toggled(props.value, code, on))}
    />
  )
}

/** "How did it go": 1 (badly) to 5 (very well), or no answer (''). */
export function RatingField(props: {
  id: string
  legend: string
  value: string
  error?: string | undefined
  onValue: (value: string) => void
}) {
  const { t } = useI18n()
  const options = ['', ...RATINGS] as const
  return (
    <RadioGroup
      {...props}
      class="choices--inline"
      options={options}
      labelOf={(code) => (code ? ratingLabel(t, code) : t('meetings.ratingNone'))}
      testid={(code) => `${props.id}-${code || 'none'}`}
    />
  )
}

/** A form field as `useForm`'s `field(…)` hands it over. */
interface Bound<T> {
  value: T
  error?: string | undefined
  onValue: (value: T) => void
}

/**
 * How long, how (in person, by phone, by video) and about what: asked the same way wherever a meeting is logged.
 * `id(name)` names each control; without `mode` the form does not ask how (the check-in page).
 */
export function MeetingBasics(props: {
  id: (name: 'duration' | 'mode' | 'topics') => string
  duration: Bound<string>
  mode?: Bound<MeetingMode | ''> & { testid?: string }
  topics: Bound<string[]>
  topicOptions: readonly string[]
  topicLabel: (code: string) => string
  /** The duration's label and the topics' legend, when the page words them its own way. */
  words?: { duration: string; topics: string }
}) {
  const { t } = useI18n()
  const { mode } = props
  return (
    <>
      <DurationField
        id={props.id('duration')}
        label={props.words?.duration ?? t('meetings.formDuration')}
        {...props.duration}
      />
      {mode && (
        <CodeSelect
          id={props.id('mode')}
          testid={mode.testid}
          label={t('meetings.formMode')}
          codes={meetingModeLabel}
          options={MEETING_MODES}
          empty={{ label: t('meetings.formModeNone') }}
          value={mode.value}
          error={mode.error}
          onValue={mode.onValue}
        />
      )}
      <TopicsField
        id={props.id('topics')}
        legend={props.words?.topics ?? t('meetings.formTopics')}
        options={props.topicOptions}
        labelOf={props.topicLabel}
        {...props.topics}
      />
    </>
  )
}
