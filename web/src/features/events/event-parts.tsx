import type { EventSupport } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { Checkboxes } from '../../kit/choices'
import { eventKindLabel, eventSupportLabel } from '../../lib/labels'
import { languageList } from '../../lib/text'

/** When an event happens, on the organization's clocks: "Thursday, 10 December 2026, 18:00 – 20:00". */
export function EventWhen(props: { startsAt: string; endsAt: string; timeZone: string }) {
  const { formatDate } = useI18n()
  const start = new Date(props.startsAt)
  const end = new Date(props.endsAt)
  const day = (d: Date) => formatDate(d, { dateStyle: 'full', timeZone: props.timeZone })
  const time = (d: Date) => formatDate(d, { timeStyle: 'short', timeZone: props.timeZone })
  const text =
    day(start) === day(end)
      ? `${day(start)}, ${time(start)} – ${time(end)}`
      : `${day(start)}, ${time(start)} – ${day(end)}, ${time(end)}`
  return (
    <time dateTime={props.startsAt} data-testid="event-when">
      {text}
    </time>
  )
}

/** Kind, place or online, and the languages spoken: the line under an event's title. */
export function EventWhere(props: {
  event: { kind: string; place: string | null; online: boolean; languages: string[] }
}) {
  const { t, locale } = useI18n()
  const e = props.event
  const parts = [
    eventKindLabel(t, e.kind),
    e.place ? e.place : '',
    e.online ? t('event.onlineShort') : '',
    e.languages.length ? t('event.spoken', { languages: languageList(locale, e.languages) }) : '',
  ].filter(Boolean)
  return (
    <p class="aside" data-testid="event-where">
      {parts.map((part, i) => (
        <span key={part}>
          {i > 0 && ' · '}
          <bdi>{part}</bdi>
        </span>
      ))}
    </p>
  )
}

/** Supports as checkboxes (`<id>-support-<code>`): those an event offers, or those a party needs. */
export function SupportChoices(props: {
  id: string
  legend: string
  options: readonly EventSupport[]
  value: readonly string[]
  error: string | undefined
  onValue: (supports: EventSupport[]) => void
}) {
  const { t } = useI18n()
  const chosen = props.options.filter((code) => props.value.includes(code))
  return (
    <Checkboxes
      id={`${props.id}-supports`}
      legend={props.legend}
      name={`${props.id}-supports`}
      options={props.options}
      labelOf={(code) => eventSupportLabel(t, code)}
      testid={(code) => `${props.id}-support-${code}`}
      checked={(code) => props.value.includes(code)}
      onToggle={(code, on) => props.onValue(on ? [...chosen, code] : chosen.filter((s) => s !== code))}
      error={props.error}
    />
  )
}
