import { useI18n } from '../../i18n/context'
import { FactList } from '../../kit/fact-list'
import { FormAlert, useSubmit } from '../../kit/form'
import { ok, params } from '../../lib/client'
import { portalReasonLabel, portalStatusLabel } from '../../lib/labels'
import { isolate } from '../../lib/text'
import { RaiseMyConcern } from '../concerns/my-concerns'
import { EndRequestForm } from './end-request-form'
import { MyGoals } from './my-goals'
import { MyMeetings } from './my-meetings'
import { endRequestRoute, type MyMatch, sendOwn } from './portal'

/** One of the person's tandems: the partner's first name, the program, since when; asking to end it. */
export function MatchCard(props: {
  slug: string
  match: MyMatch
  onChanged: (message: string) => void
  /** After a concern about this tandem was sent (the list of one's concerns loads again). */
  onConcern: () => void
}) {
  const { t, formatDate } = useI18n()
  const m = props.match
  const day = (iso: string) => formatDate(new Date(iso), { dateStyle: 'medium' })
  const param = params({ org: props.slug, match: m.id })
  /** What the meetings and goals of the card know of the tandem. */
  const tandem = {
    slug: props.slug,
    match: m.id,
    goalAreas: m.program.goalAreas,
    labels: m.program.labels,
    open: m.status !== 'ended',
  }
  const withdraw = useSubmit([])
  const headingId = `my-match-${m.id}`
  const partner = isolate(m.partner.firstName)

  return (
    <section
      class="card section my-match"
      aria-labelledby={headingId}
      data-testid="my-match"
      data-match={m.id}
      data-status={m.status}
    >
      <h2 id={headingId}>
        {m.side === 'mentee'
          ? t('portal.yourMentor', { name: partner })
          : t('portal.yourMentee', { name: partner })}
      </h2>
      <FactList
        facts={[
          { label: t('portal.program'), value: <bdi>{m.program.name}</bdi> },
          {
            label: t('portal.state'),
            value: (
              <span class={`badge badge--${m.status}`} data-testid="my-match-status">
                {portalStatusLabel(t, m.status)}
              </span>
            ),
          },
          { label: t('portal.since'), value: day(m.startedAt) },
          m.endedAt && { label: t('portal.endedOn'), value: day(m.endedAt) },
        ]}
      />
      <MyMeetings {...tandem} />
      <MyGoals {...tandem} />
      <RaiseMyConcern slug={props.slug} match={m.id} onSent={props.onConcern} />
      {m.status !== 'ended' && m.myEndRequest && (
        <div class="alert" data-testid="my-end-request">
          <p>
            {t('portal.requested', {
              date: day(m.myEndRequest.at),
              reason: portalReasonLabel(t, m.myEndRequest.reason),
            })}
          </p>
          {m.myEndRequest.note && (
            <p data-testid="my-end-request-note">
              {t('portal.yourNote')} <bdi>{m.myEndRequest.note}</bdi>
            </p>
          )}
          <FormAlert message={withdraw.message} />
          <button
            type="button"
            class="button button--secondary"
            data-testid="withdraw-end-request"
            disabled={withdraw.busy}
            aria-busy={withdraw.busy ? 'true' : undefined}
            onClick={() =>
              withdraw.run(async () => {
                const stale = () => props.onChanged(t('portal.changed'))
                if (await sendOwn(() => ok(endRequestRoute.$delete({ param })), stale))
                  props.onChanged(t('portal.withdrawn'))
              })
            }
          >
            {withdraw.busy ? t('portal.withdrawing') : t('portal.withdraw')}
          </button>
        </div>
      )}
      {m.status !== 'ended' && !m.myEndRequest && (
        <EndRequestForm
          slug={props.slug}
          match={m.id}
          partner={partner}
          onSent={() => props.onChanged(t('portal.sent'))}
          onStale={() => props.onChanged(t('portal.changed'))}
        />
      )}
    </section>
  )
}
