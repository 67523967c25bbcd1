import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { PagedList } from '../../kit/paged-list'
import { usePages } from '../../kit/use-pages'
import { fresh, ok, params } from '../../lib/client'
import { eventStatusLabel } from '../../lib/labels'
import { eventPath, eventsPath } from '../../lib/paths'
import { OrgPage } from '../org/org-page'
import { canManagePrograms } from '../org/roles'
import { ProgramPage } from '../programs/program-page'
import { EventForm } from './event-form'
import { EventWhen, EventWhere } from './event-parts'
import { type EventItem, emptyEvent, orgEventsRoute, programEventsRoute } from './events'

/**
 * `/orgs/{org}/events` (every event of the organization; new ones are for everyone) and
 * `/orgs/{org}/programs/{program}/events` (one program's): upcoming or past events with their seats, and a form
 * for a new one. One column of cards, for a phone too.
 */
export default function EventsPage(props: { program?: string }) {
  const { t } = useI18n()
  if (props.program) {
    const program = props.program
    return (
      <ProgramPage program={program} title={t('events.title')}>
        {(d) => <Events slug={d.organization.slug} program={program} timeZone={d.organization.timezone} />}
      </ProgramPage>
    )
  }
  return (
    <OrgPage title={t('events.title')} crumbs allowed={(o) => canManagePrograms(o.role)}>
      {(o) => <Events slug={o.organization.slug} timeZone={o.organization.timezone} />}
    </OrgPage>
  )
}

function Events(props: { slug: string; program?: string; timeZone: string }) {
  const { t } = useI18n()
  const { query, route } = useLocation()
  const when: 'upcoming' | 'past' = query.when === 'past' ? 'past' : 'upcoming'
  const [created, setCreated] = useState<EventItem | null>(null)
  const pages = usePages<EventItem>(`${props.program ?? ''}:${when}`, async (cursor, signal) => {
    const q = { when, limit: '20', ...(cursor ? { cursor } : {}) }
    return props.program
      ? ok(
          programEventsRoute.$get(
            { param: params({ org: props.slug, program: props.program }), query: q },
            fresh(signal),
          ),
        )
      : ok(orgEventsRoute.$get({ param: params({ org: props.slug }), query: q }, fresh(signal)))
  })
  const here = eventsPath(props.slug, props.program)
  return (
    <>
      <p class="lead">{props.program ? t('events.introProgram') : t('events.introOrg')}</p>
      <nav class="toolbar" aria-label={t('events.which')}>
        <a
          class={`button button--link${when === 'upcoming' ? '' : ' button--secondary'}`}
          href={here}
          aria-current={when === 'upcoming' ? 'page' : undefined}
          data-testid="events-upcoming"
        >
          {t('events.upcoming')}
        </a>
        <a
          class={`button button--link${when === 'past' ? '' : ' button--secondary'}`}
          href={`${here}?when=past`}
          aria-current={when === 'past' ? 'page' : undefined}
          data-testid="events-past"
        >
          {t('events.past')}
        </a>
      </nav>
      {created && (
        <p class="notice" role="status" data-testid="events-notice">
          {t('events.created')} <a href={eventPath(props.slug, created.id)}>{t('events.open')}</a>
        </p>
      )}
      <details class="disclosure card" data-testid="event-new">
        <summary>{props.program ? t('events.newProgram') : t('events.newOrg')}</summary>
        <EventForm
          id="event-new-form"
          initial={emptyEvent()}
          timeZone={props.timeZone}
          labels={[t('events.create'), t('common.saving')]}
          send={async (json) => {
            const event = props.program
              ? await ok(
                  programEventsRoute.$post({
                    param: params({ org: props.slug, program: props.program }),
                    json,
                  }),
                )
              : await ok(orgEventsRoute.$post({ param: params({ org: props.slug }), json }))
            setCreated(event)
            route(eventPath(props.slug, event.id))
          }}
        />
      </details>
      <PagedList pages={pages} name="events.list">
        {(items) => (
          <ul class="cards" data-testid="events-list">
            {items.map((e) => (
              <li key={e.id} class="card" data-testid="event-card">
                <h2>
                  <a href={eventPath(props.slug, e.id)} data-testid="event-link">
                    <bdi>{e.title}</bdi>
                  </a>
                  {e.status === 'cancelled' && (
                    <>
                      {' '}
                      <span class="badge badge--cancelled">{eventStatusLabel(t, e.status)}</span>
                    </>
                  )}
                </h2>
                <p>
                  <EventWhen startsAt={e.startsAt} endsAt={e.endsAt} timeZone={props.timeZone} />
                </p>
                <EventWhere event={e} />
                {!props.program && e.programName && <p class="aside">{e.programName}</p>}
                <p data-testid="event-seats">
                  {e.capacity === null
                    ? t('event.seatsNoLimit', { taken: e.counts.seatsTaken })
                    : t('event.seats', { taken: e.counts.seatsTaken, capacity: e.capacity })}
                  {e.counts.waitingParties > 0 &&
                    ` · ${t('event.waiting', { count: e.counts.waitingParties })}`}
                </p>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </>
  )
}
