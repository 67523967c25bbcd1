import { EMAIL_STATUSES, type EmailStatus, SUPPRESSED_REASON } from '@tandem/vocab'
import { useEffect, useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import type { Translate } from '../../i18n/types'
import { Button } from '../../kit/button'
import { DataTable } from '../../kit/data-table'
import { CodeSelect, TextField } from '../../kit/inputs'
import { LoadError, Loading, useLoad } from '../../kit/load'
import { useAction } from '../../kit/use-action'
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
    <OrgPage title={t('emails.title')} crumbs>
      {({ organization, role }) =>
        canReadEmails(role) ? (
          <>
            <EmailLog slug={organization.slug} role={role} />
            <SuppressionList slug={organization.slug} role={role} />
          </>
        ) : (
          <p class="alert alert--error">{t('load.forbidden')}</p>
        )
      }
    </OrgPage>
  )
}

interface LogState {
  items: EmailItem[]
  nextCursor: string | null
  status: 'loading' | 'more' | 'ok' | 'error'
  error: unknown
}

type Filter = { status: EmailStatus | ''; q: string }

/** The first page for a filter, `loadMore()` for the next, `replace()` for a row that changed. */
function useEmailLog(slug: string, filter: Filter) {
  const [state, setState] = useState<LogState>({
    items: [],
    nextCursor: null,
    status: 'loading',
    error: null,
  })
  const latest = useRef(0)
  useEffect(() => {
    const request = ++latest.current
    const controller = new AbortController()
    setState({ items: [], nextCursor: null, status: 'loading', error: null })
    getEmailPage(slug, { ...filter, cursor: null }, controller.signal)
      .then((page) => {
        if (request === latest.current) setState({ ...page, status: 'ok', error: null })
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted && request === latest.current)
          setState((current) => ({ ...current, status: 'error', error }))
      })
    return () => controller.abort()
  }, [slug, filter.status, filter.q])

  const loadMore = () => {
    if (!state.nextCursor || state.status === 'loading' || state.status === 'more') return
    const request = latest.current
    setState((current) => ({ ...current, status: 'more' }))
    getEmailPage(slug, { ...filter, cursor: state.nextCursor })
      .then((page) => {
        if (request === latest.current)
          setState((current) => ({
            items: [...current.items, ...page.items],
            nextCursor: page.nextCursor,
            status: 'ok',
            error: null,
          }))
      })
      .catch((error: unknown) => {
        if (request === latest.current) setState((current) => ({ ...current, status: 'error', error }))
      })
  }
  const replace = (item: EmailItem) =>
    setState((current) => ({ ...current, items: current.items.map((i) => (i.id === item.id ? item : i)) }))
  return { state, loadMore, replace }
}

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
  const { state, loadMore, replace } = useEmailLog(props.slug, { status, q })
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
      replace(await retryEmail(props.slug, item.id))
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
      {notice && (
        <p class="alert alert--ok" role="status" data-testid="emails-notice">
          {notice}
        </p>
      )}
      {action.error && (
        <p class="alert alert--error" role="alert" data-testid="emails-error">
          {action.error}
        </p>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status !== 'loading' && state.status !== 'error' && state.items.length === 0 && (
        <p data-testid="emails-empty">{t('emails.empty')}</p>
      )}
      {state.items.length > 0 && (
        <>
          <p class="muted" role="status" data-testid="emails-count">
            {t('emails.shown', { count: state.items.length })}
          </p>
          <DataTable
            testid="emails-table"
            rows={state.items}
            rowKey={(item) => item.id}
            rowData={(item) => ({
              'data-testid': 'email-row',
              'data-id': item.id,
              'data-status': item.status,
            })}
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
                    <Button
                      variant="secondary"
                      onClick={() => void retry(item)}
                      busy={action.busy === item.id}
                      disabled={action.busy !== null}
                      testid="email-retry"
                      label={t('emails.retryLabel', { to: item.to })}
                    >
                      {action.busy === item.id ? t('emails.retrying') : t('emails.retry')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </>
      )}
      {state.status === 'error' && <LoadError error={state.error} />}
      {state.nextCursor && state.status !== 'loading' && (
        <p>
          <Button onClick={loadMore} busy={state.status === 'more'} testid="emails-older">
            {state.status === 'more' ? t('common.loading') : t('emails.older')}
          </Button>
        </p>
      )}
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
      {notice && (
        <p class="alert alert--ok" role="status" data-testid="suppression-notice">
          {notice}
        </p>
      )}
      {action.error && (
        <p class="alert alert--error" role="alert" data-testid="suppression-error">
          {action.error}
        </p>
      )}
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError error={state.error} />}
      {state.kind === 'ok' && (
        <DataTable
          testid="suppressions-table"
          rows={state.data.items}
          rowKey={(entry) => entry.id}
          rowData={(entry) => ({ 'data-testid': 'suppression-row', 'data-id': entry.id })}
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
                <Button
                  variant="secondary"
                  onClick={() => void lift(entry)}
                  busy={action.busy === entry.id}
                  disabled={action.busy !== null}
                  testid="suppression-lift"
                  label={t('suppression.liftLabel', { address: entry.address })}
                >
                  {action.busy === entry.id ? t('suppression.lifting') : t('suppression.lift')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <p>
        <a href={orgPath(props.slug)}>{t('emails.back')}</a>
      </p>
    </section>
  )
}
