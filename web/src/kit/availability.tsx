import { useI18n } from '../i18n/context'
import { keyed } from '../lib/labels'
import { Choice, ChoiceGroup } from './choices'

const partLabel = keyed({ am: 'intake.morning', pm: 'intake.afternoon', eve: 'intake.evening' })

/**
 * When a person is free: for each day (by its weekday name), a box per part of the day. A slot is `<day>-<part>`
 * (`mon-am`); its box's test id is `<idPrefix>-slot-<slot>`.
 */
export function Availability(props: {
  idPrefix: string
  legend: string
  hint?: string
  days: readonly string[]
  parts: readonly string[]
  selected: readonly string[]
  error?: string | undefined
  onToggle: (slot: string, on: boolean) => void
}) {
  const { t, locale } = useI18n()
  // 2024-01-01 was a Monday: weekday names in the page's language.
  const dayName = (index: number) =>
    new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + index))
  return (
    <ChoiceGroup
      id={`${props.idPrefix}-availability`}
      legend={props.legend}
      hint={props.hint}
      error={props.error}
    >
      {props.days.map((day, index) => (
        <fieldset key={day} class="choices choices--inline availability__day">
          <legend>{dayName(index)}</legend>
          <div class="choices__list">
            {props.parts.map((part) => {
              const slot = `${day}-${part}`
              return (
                <Choice
                  key={slot}
                  name="availability"
                  value={slot}
                  testid={`${props.idPrefix}-slot-${slot}`}
                  checked={props.selected.includes(slot)}
                  label={partLabel(t, part)}
                  onChange={(on) => props.onToggle(slot, on)}
                />
              )
            })}
          </div>
        </fieldset>
      ))}
    </ChoiceGroup>
  )
}
