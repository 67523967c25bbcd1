import { useI18n } from '../../i18n/context'
import { eventKindLabel } from '../../lib/labels'
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
