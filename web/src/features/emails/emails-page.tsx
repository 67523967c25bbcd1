import { EMAIL_STATUSES, type EmailStatus, SUPPRESSED_REASON } from '@tandem/vocab'
import { useEffect, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import type { Translate } from '../../i18n/types'
import { ActionButton } from '../../kit/button'
import { DataTable } from '../../kit/data-table'
import { FormAlert } from '../../kit/form'
import { CodeSelect, TextField } from '../../kit/inputs'
import { Load, useLoad } from '../../kit/load'
import { Notice } from '../../kit/notice'
import { PagedList } from '../../kit/paged-list'
import { useAction } from '../../kit/use-action'
import { usePages } from '../../kit/use-pages'
import { emailKindLabel, emailStatusLabel, suppressionReasonLabel } from '../../lib/labels'
import { orgPath } from '../../lib/paths'
import { OrgPage } from '../org/org-page'
import { canManageEmails, canReadEmails, type Role } from '../org/roles'
import {
  type EmailItem,
  getEmailPage,
  getSuppressions,
  liftSuppression,
  retryEmail,
  type Suppression,
} from './emails'

/**
 * `/orgs/{org}/emails`: every email sent for the organization (to whom, what, when, what became of it), filtered
 * by status and searched by address, with "Retry" for one that failed; and the suppression list with "Lift".
 */
export default function EmailsPage() {
  const { t } = useI18n()
  return (
    <OrgPage title={t('emails.title')} crumbs allowed={({ role }) => canReadEmails(role)}>
      {({ organization, role }) => (
        <>
          <EmailLog slug={organization.slug} role={role} />
          <SuppressionList slug={organization.slug} role={role} />
        </>
      )}
    </OrgPage>
  )
}

type Filter = { status: EmailStatus | ''; q: string }

/** The first page for a filter, `loadMore()` for the next; another filter starts from an empty log. */
const useEmailLog = (slug: string, filter: Filter) =>
  usePages(
    JSON.stringify([slug, filter.status, filter.q]),
    (cursor, signal) => getEmailPage(slug, { ...filter, cursor }, signal),
    { clear: true },
  )

/** Why an email failed, bounced or was held back, in words where Tandem knows them. */
function reasonText(t: Translate, reason: string | null) {
  if (!reason) return null
  if (reason === SUPPRESSED_REASON) return t('emails.reason.suppressed')
  // A complaint comes without words of the provider's.
  if (reason === 'email.complained') return t('suppression.reason.complaint')
  // The provider's own words, in English: kept left to right inside a right-to-left page.
  return (
    <bdi dir="ltr" lang="en">
      {reason}
    </bdi>
  )
}

function EmailLog(props: { slug: string; role: Role }) {
  const { t, formatDate } = useI18n()
  const { query, path, route } = useLocation()
  const status = EMAIL_STATUSES.find((code) => code === query.status) ?? ''
  const q = typeof query.q === 'string' ? query.q.slice(0, 200) : ''
  const [search, setSearch] = useState(q)
  useEffect(() => setSearch(q), [q])
  const log = useEmailLog(props.slug, { status, q })
  const action = useAction<string>()
  const [notice, setNotice] = useState<string | null>(null)
  const manage = canManageEmails(props.role)

  const go = (next: Filter) => {
    const params = new URLSearchParams()
    if (next.status) params.set('status', next.status)
    if (next.q.trim()) params.set('q', next.q.trim())
    const qs = params.toString()
    route(qs ? `${path}?${qs}` : path, true)
  }
  const retry = (item: EmailItem) =>
    action.run(item.id, async () => {
      setNotice(null)
      const retried = await retryEmail(props.slug, item.id)
      log.update((items) => items.map((i) => (i.id === retried.id ? retried : i)))
      setNotice(t('emails.retried', { to: item.to }))
    })

  return (
    <section class="section" aria-labelledby="emails-log">
      <h2 id="emails-log" class="visually-hidden">
        {t('emails.title')}
      </h2>
      <p class="lead">{t('emails.intro')}</p>
      <form
        class="form form--compact"
        aria-label={t('emails.search')}
        onSubmit={(event) => {
          event.preventDefault()
          go({ status, q: search })
        }}
      >
        <CodeSelect
          id="emails-status"
          label={t('emails.status')}
          codes={emailStatusLabel}
          empty={{ label: t('emails.allStatuses') }}
          value={status}
          onValue={(next) => go({ status: next, q })}
        />
        <TextField
          id="emails-search"
          type="search"
          label={t('emails.search')}
          dir="ltr"
          autocomplete="off"
          autocapitalize="none"
          spellcheck={false}
          maxLength={200}
          value={search}
          onValue={setSearch}
        />
        <p>
          <button type="submit" class="button button--secondary" data-testid="emails-search-submit">
            {t('emails.searchButton')}
          </button>
        </p>
      </form>
      {notice && <Notice testid="emails-notice">{notice}</Notice>}
      <FormAlert message={action.error} testid="emails-error" />
      <PagedList pages={log} name="emails">
        {(items) => (
          <DataTable
            testid="emails-table"
            rows={items}
            rowKey={(item) => item.id}
            rowTestid="email-row"
            rowData={(item) => ({ 'data-status': item.status })}
            columns={[
              {
                label: t('emails.to'),
                cell: (item) => <bdi dir="ltr">{item.to}</bdi>,
              },
              { label: t('emails.kind'), cell: (item) => emailKindLabel(t, item.kind) },
              {
                label: t('emails.when'),
                cell: (item) => (
                  <time dateTime={item.createdAt}>
                    {formatDate(new Date(item.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
                  </time>
                ),
              },
              {
                label: t('emails.status'),
                cell: (item) => (
                  <span class={`badge badge--email-${item.status}`} data-testid="email-status">
                    {emailStatusLabel(t, item.status)}
                  </span>
                ),
              },
              {
                label: t('emails.reason'),
                cell: (item) => <span data-testid="email-reason">{reasonText(t, item.reason)}</span>,
              },
              manage && {
                label: t('emails.actions'),
                hideLabel: true,
                cell: (item) =>
                  item.status === 'failed' || item.status === 'dead' ? (
                    <ActionButton
                      action={action}
                      name={item.id}
                      onClick={() => void retry(item)}
                      text={t('emails.retry')}
                      busyText={t('emails.retrying')}
                      label={t('emails.retryLabel', { to: item.to })}
                      testid="email-retry"
                    />
                  ) : null,
              },
            ]}
          />
        )}
      </PagedList>
    </section>
  )
}

function SuppressionList(props: { slug: string; role: Role }) {
  const { t, formatDate } = useI18n()
  const { state, reload } = useLoad(props.slug, (signal) => getSuppressions(props.slug, signal))
  const action = useAction<string>()
  const [notice, setNotice] = useState<string | null>(null)
  const manage = canManageEmails(props.role)
  const lift = (entry: Suppression) =>
    action.run(entry.id, async () => {
      setNotice(null)
      await liftSuppression(props.slug, entry.id)
      setNotice(t('suppression.lifted', { address: entry.address }))
      reload()
    })

  return (
    <section
      class="section"
      id="suppressions"
      aria-labelledby="suppressions-heading"
      data-testid="suppressions"
    >
      <h2 id="suppressions-heading">{t('suppression.heading')}</h2>
      <p class="muted">{t('suppression.intro')}</p>
      {notice && <Notice testid="suppression-notice">{notice}</Notice>}
      <FormAlert message={action.error} testid="suppression-error" />
      <Load state={state}>
        {(data) => (
          <DataTable
            testid="suppressions-table"
            rows={data.items}
            rowKey={(entry) => entry.id}
            rowTestid="suppression-row"
            empty={<p data-testid="suppressions-empty">{t('suppression.empty')}</p>}
            columns={[
              {
                label: t('suppression.address'),
                cell: (entry) => <bdi dir="ltr">{entry.address}</bdi>,
              },
              {
                label: t('suppression.why'),
                cell: (entry) => (
                  <>
                    {suppressionReasonLabel(t, entry.reason)}
                    {entry.detail && (
                      <>
                        <br />
                        <span class="muted">
                          <bdi dir="ltr" lang="en">
                            {entry.detail}
                          </bdi>
                        </span>
                      </>
                    )}
                  </>
                ),
              },
              {
                label: t('suppression.since'),
                cell: (entry) => (
                  <time dateTime={entry.createdAt}>
                    {formatDate(new Date(entry.createdAt), { dateStyle: 'medium' })}
                  </time>
                ),
              },
              manage && {
                label: t('emails.actions'),
                hideLabel: true,
                cell: (entry) => (
                  <ActionButton
                    action={action}
                    name={entry.id}
                    onClick={() => void lift(entry)}
                    text={t('suppression.lift')}
                    busyText={t('suppression.lifting')}
                    label={t('suppression.liftLabel', { address: entry.address })}
                    testid="suppression-lift"
                  />
                ),
              },
            ]}
          />
        )}
      </Load>
      <p>
        <a href={orgPath(props.slug)}>{t('emails.back')}</a>
      </p>
    </section>
  )
}
