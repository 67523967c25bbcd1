import { useI18n } from '../../i18n/context'
import { DataTable } from '../../kit/data-table'
import { Load, useLoad } from '../../kit/load'
import { fresh, ok, params } from '../../lib/client'
import { concernCategoryLabel, concernSeverityLabel, concernStatusLabel } from '../../lib/labels'
import { RaiseConcern } from './concern-form'
import { type ConcernBody, myConcernsRoute, raiseMyConcernRoute } from './concerns'

/** "Raise a concern" about one of the person's own tandems (portal). */
export function RaiseMyConcern(props: { slug: string; match: string; onSent: () => void }) {
  const send = async (json: ConcernBody) => {
    await ok(raiseMyConcernRoute.$post({ param: params({ org: props.slug, match: props.match }), json }))
  }
  return <RaiseConcern id={`my-concern-${props.match}`} send={send} onSent={props.onSent} />
}

/**
 * The concerns the person raised and how each stands. Never the coordinators' notes; the partner never sees
 * them. `version` changes after a new concern, to load the list again.
 */
export function MyConcerns(props: { slug: string; version: number }) {
  const { t, formatDate } = useI18n()
  const { state } = useLoad(`${props.slug}/${props.version}`, async (signal) => {
    const mine = await ok(myConcernsRoute.$get({ param: params({ org: props.slug }) }, fresh(signal)))
    return mine.items
  })
  return (
    <section class="section" aria-labelledby="my-concerns-heading" data-testid="my-concerns">
      <h2 id="my-concerns-heading">{t('concern.mine')}</h2>
      <p class="muted">{t('concern.mineIntro')}</p>
      <Load state={state}>
        {(items) => (
          <DataTable
            rows={items}
            rowKey={(c) => c.id}
            rowTestid="my-concern"
            rowData={(c) => ({ 'data-status': c.status })}
            empty={<p data-testid="my-concerns-empty">{t('concern.mineEmpty')}</p>}
            columns={[
              {
                label: t('concern.raisedOn'),
                cell: (c) => formatDate(new Date(c.createdAt), { dateStyle: 'medium' }),
              },
              { label: t('concern.program'), cell: (c) => <bdi>{c.program.name}</bdi> },
              { label: t('concern.categoryLabel'), cell: (c) => concernCategoryLabel(t, c.category) },
              { label: t('concern.severityHeading'), cell: (c) => concernSeverityLabel(t, c.severity) },
              {
                label: t('concern.statusHeading'),
                cell: (c) => (
                  <span class={`badge badge--${c.status}`}>{concernStatusLabel(t, c.status)}</span>
                ),
              },
            ]}
          />
        )}
      </Load>
    </section>
  )
}
