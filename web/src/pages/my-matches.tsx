import { useRef, useState } from 'preact/hooks'
import { ApiError, apiGet, apiSend } from '../api'
import { Field, FormAlert, SubmitButton, useSubmit } from '../components/form'
import { LoadError, Loading, useLoad } from '../components/load'
import { useI18n, useTitle } from '../i18n/context'
import {
  END_REASONS,
  type EndReason,
  type MyMatch,
  myMatchesApi,
  portalReasonLabel,
  portalStatusLabel,
} from '../matching'
import { type OrganizationWithRole, orgApi } from '../org'

/** A name inside a sentence of another direction (Latin name, Arabic sentence): isolated, as `<bdi>` does. */
const isolate = (text: string) => `\u2068${text}\u2069`

/** The service keeps no notes right now (no encryption key configured): the request can go without one. */
class NotesUnavailable extends Error {}

/**
 * Sends a change of the person's own request. When the tandem changed meanwhile (a coordinator ended it: 409) or
 * is no longer theirs (404), that is not an error of theirs: the page reloads and says so in their language
 * (the API's problem texts are English).
 */
async function sendOwn(
  method: 'POST' | 'DELETE',
  url: string,
  body: unknown,
  onStale: () => void,
): Promise<boolean> {
  try {
    await apiSend(method, url, body)
    return true
  } catch (error) {
    if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
      onStale()
      return false
    }
    if (error instanceof ApiError && error.status === 503) throw new NotesUnavailable()
    throw error
  }
}

/**
 * `/orgs/{org}/my`: the participant portal. A mentor or newcomer sees their tandems and can ask to end one; a
 * coordinator confirms. Built for a small phone screen and right-to-left languages: one column of cards.
 */
export default function MyMatches(props: { org: string }) {
  const { t } = useI18n()
  useTitle(t('portal.title'))
  const { state, reload } = useLoad(props.org, async (signal) => {
    const org = await apiGet<OrganizationWithRole>(orgApi(props.org), { signal })
    if (org.role !== 'mentor' && org.role !== 'mentee') return { org, items: null }
    const mine = await apiGet<{ items: MyMatch[] }>(myMatchesApi(props.org), { signal, cache: 'no-store' })
    return { org, items: mine.items }
  })
  const [notice, setNotice] = useState('')
  // After a send or take-back the card is rebuilt: keep keyboard and screen-reader users at the message.
  const noticeRef = useRef<HTMLParagraphElement>(null)

  return (
    <div class="page">
      <h1>{t('portal.title')}</h1>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError error={state.error} notFound={t('org.notFound')} />}
      {state.kind === 'ok' && (
        <>
          <p class="lead">{t('portal.intro', { org: state.data.org.organization.name })}</p>
          <p class="notice" role="status" data-testid="portal-notice" ref={noticeRef} tabIndex={-1}>
            {notice}
          </p>
          {state.data.items === null && (
            <p data-testid="portal-not-participant">{t('portal.onlyParticipants')}</p>
          )}
          {state.data.items?.length === 0 && <p data-testid="portal-empty">{t('portal.empty')}</p>}
          {state.data.items?.map((m) => (
            <MatchCard
              key={`${m.id}:${m.myEndRequest?.at ?? ''}:${m.status}`}
              slug={props.org}
              match={m}
              onChanged={(message) => {
                setNotice(message)
                reload()
                requestAnimationFrame(() => noticeRef.current?.focus())
              }}
            />
          ))}
        </>
      )}
    </div>
  )
}

function MatchCard(props: { slug: string; match: MyMatch; onChanged: (message: string) => void }) {
  const { t, formatDate } = useI18n()
  const m = props.match
  const day = (iso: string) => formatDate(new Date(iso), { dateStyle: 'medium' })
  const url = myMatchesApi(props.slug, `/${encodeURIComponent(m.id)}/end-request`)
  const withdraw = useSubmit([])
  const headingId = `my-match-${m.id}`

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
          ? t('portal.yourMentor', { name: isolate(m.partner.firstName) })
          : t('portal.yourMentee', { name: isolate(m.partner.firstName) })}
      </h2>
      <dl class="facts">
        <div>
          <dt>{t('portal.program')}</dt>
          <dd>
            <bdi>{m.program.name}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('portal.state')}</dt>
          <dd>
            <span class={`badge badge--${m.status}`} data-testid="my-match-status">
              {portalStatusLabel(t, m.status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('portal.since')}</dt>
          <dd>{day(m.startedAt)}</dd>
        </div>
        {m.endedAt && (
          <div>
            <dt>{t('portal.endedOn')}</dt>
            <dd>{day(m.endedAt)}</dd>
          </div>
        )}
      </dl>
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
                if (await sendOwn('DELETE', url, undefined, stale)) props.onChanged(t('portal.withdrawn'))
              })
            }
          >
            {withdraw.busy ? t('portal.withdrawing') : t('portal.withdraw')}
          </button>
        </div>
      )}
      {m.status !== 'ended' && !m.myEndRequest && (
        <EndRequestForm
          url={url}
          partner={isolate(m.partner.firstName)}
          onSent={() => props.onChanged(t('portal.sent'))}
          onStale={() => props.onChanged(t('portal.changed'))}
        />
      )}
    </section>
  )
}

function EndRequestForm(props: { url: string; partner: string; onSent: () => void; onStale: () => void }) {
  const { t } = useI18n()
  const formRef = useRef<HTMLFormElement>(null)
  const [reason, setReason] = useState<EndReason | ''>('')
  const [note, setNote] = useState('')
  const submit = useSubmit(['reason', 'note'], { formRef })
  const [noNotes, setNoNotes] = useState(false)
  const id = (name: string) => `${props.url}-${name}`

  const onSubmit = (event: Event) => {
    event.preventDefault()
    submit.run(async () => {
      const body = { reason, ...(note.trim() ? { note: note.trim() } : {}) }
      try {
        if (await sendOwn('POST', props.url, body, props.onStale)) props.onSent()
      } catch (error) {
        if (!(error instanceof NotesUnavailable)) throw error
        setNoNotes(true)
      }
    })
  }

  return (
    <details class="disclosure" data-testid="end-request">
      <summary>{t('portal.endSummary')}</summary>
      <p>{t('portal.endIntro', { name: props.partner })}</p>
      <form ref={formRef} class="form" onSubmit={onSubmit} data-testid="end-request-form">
        <Field id={id('reason')} label={t('portal.reasonLabel')} error={submit.fields.reason}>
          {(control) => (
            <select
              {...control}
              required
              value={reason}
              data-testid="end-request-reason"
              onChange={(event) => setReason(event.currentTarget.value as EndReason | '')}
            >
              <option value="">{t('form.choose')}</option>
              {END_REASONS.map((r) => (
                <option key={r} value={r}>
                  {portalReasonLabel(t, r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id('note')} label={t('portal.noteLabel')} error={submit.fields.note}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              maxLength={1000}
              value={note}
              data-testid="end-request-note"
              onInput={(event) => setNote(event.currentTarget.value)}
            />
          )}
        </Field>
        <FormAlert message={noNotes ? t('portal.noteUnavailable') : submit.message} />
        <SubmitButton
          busy={submit.busy}
          label={t('portal.send')}
          busyLabel={t('portal.sending')}
          testid="end-request-submit"
        />
      </form>
    </details>
  )
}
