import { MAX_MEETING_MINUTES } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { Checkboxes, ChoiceGroup, Radios } from '../../kit/choices'
import { NumberField } from '../../kit/inputs'
import { ratingLabel } from '../../lib/labels'
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
    <ChoiceGroup id={props.id} legend={props.legend} error={props.error} class="choices--inline">
      <Radios
        name={props.id}
        options={options}
        value={props.value}
        labelOf={(code) => (code ? ratingLabel(t, code) : t('meetings.ratingNone'))}
        testid={(code) => `${props.id}-${code || 'none'}`}
        onChange={props.onValue}
      />
    </ChoiceGroup>
  )
}
