import { useI18n } from '../../i18n/context'
import { describeEvent } from './history-text'
import type { HistoryEvent } from './participant'

/** The participant's history, newest first. */
export function History(props: { events: HistoryEvent[] }) {
  const { t, locale, formatDate } = useI18n()
  return (
    <section class="section" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      {props.events.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <ol class="timeline" data-testid="history">
          {[...props.events].reverse().map((event) => (
            <li key={event.id} class="timeline__item" data-testid="history-item" data-kind={event.kind}>
              <time dateTime={event.createdAt}>
                {formatDate(new Date(event.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
              <span>{describeEvent(t, locale, event)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
