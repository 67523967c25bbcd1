import { useRef, useState } from 'preact/hooks'
import { apiGet, apiSend } from '../api'
import { Breadcrumbs } from '../components/breadcrumbs'
import { Field, FormAlert, SubmitButton, useSubmit } from '../components/form'
import { LoadError, Loading, useLoad } from '../components/load'
import { useI18n, useTitle } from '../i18n/context'
import type { MessageKey } from '../i18n/types'
import {
  boardPath,
  END_REASONS,
  type EndReason,
  type EndRequest,
  endReasonLabel,
  type Match,
  matchesApi,
  matchStatusLabel,
} from '../matching'
import {
  canManagePrograms,
  loadOrgProgram,
  type OrgProgram,
  participantPath,
  programPath,
  programsPath,
} from '../programs'
import { orgPath } from '../session'

const REQUESTED_BY = ['mentor', 'mentee', 'coordinator'] as const
const requestedByKey: Record<(typeof REQUESTED_BY)[number], MessageKey> = {
  mentor: 'match.requestedBy.mentor',
  mentee: 'match.requestedBy.mentee',
  coordinator: 'match.requestedBy.coordinator',
}

/** `/orgs/{org}/programs/{program}/matches/{match}`: both people, the status; pause, resume or end. */
export default function MatchPage(props: { org: string; program: string; match: string }) {
  const { t } = useI18n()
  const key = `${props.org}/${props.program}/${props.match}`
  const { state, reload } = useLoad(key, async (signal) => {
    const [orgProgram, match] = await Promise.all([
      loadOrgProgram(props.org, props.program, signal),
      apiGet<Match>(matchesApi(props.org, props.program, `/${encodeURIComponent(props.match)}`), { signal }),
    ])
    return { ...orgProgram, match }
  })
  const title =
    state.kind === 'ok'
      ? `${state.data.match.mentee.displayName} · ${state.data.match.mentor.displayName}`
      : t('match.title')
  useTitle(title)

  return (
    <div class="page">
      {state.kind === 'ok' && (
        <Breadcrumbs
          items={[
            { href: orgPath(props.org), label: state.data.organization.name },
            { href: programsPath(props.org), label: t('programs.title') },
            { href: programPath(props.org, props.program), label: state.data.program.name },
            { href: boardPath(props.org, props.program), label: t('board.title') },
          ]}
        />
      )}
      {state.kind !== 'ok' && <h1>{t('match.title')}</h1>}
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError error={state.error} notFound={t('match.notFound')} />}
      {state.kind === 'ok' && <MatchView data={state.data} match={state.data.match} onChanged={reload} />}
    </div>
  )
}

function MatchView(props: { data: OrgProgram; match: Match; onChanged: () => void }) {
  const { t, formatDate } = useI18n()
  const { match } = props
  const slug = props.data.organization.slug
  const programId = props.data.program.id
  const canManage = canManagePrograms(props.data.role)
  const url = matchesApi(slug, programId, `/${encodeURIComponent(match.id)}`)
  const [notice, setNotice] = useState<string | null>(null)
  const toggle = useSubmit([])
  const day = (iso: string) => formatDate(new Date(iso), { dateStyle: 'medium' })

  const setStatus = (status: 'paused' | 'active') =>
    toggle.run(async () => {
      await apiSend('PATCH', url, { status })
      setNotice(status === 'paused' ? t('match.paused') : t('match.resumed'))
      props.onChanged()
    })

  return (
    <>
      <h1 data-testid="match-title">
        <bdi>{match.mentee.displayName}</bdi> · <bdi>{match.mentor.displayName}</bdi>
      </h1>
      <p class="lead">
        <span class={`badge badge--${match.status}`} data-testid="match-status" data-status={match.status}>
          {matchStatusLabel(t, match.status)}
        </span>
      </p>
      <p class="notice" role="status" data-testid="match-notice">
        {notice}
      </p>
      <dl class="facts">
        <div>
          <dt>{t('board.mentee')}</dt>
          <dd>
            <a href={participantPath(slug, programId, match.mentee.id)} data-testid="match-mentee">
              <bdi>{match.mentee.displayName}</bdi>
            </a>
          </dd>
        </div>
        <div>
          <dt>{t('board.mentor')}</dt>
          <dd>
            <a href={participantPath(slug, programId, match.mentor.id)} data-testid="match-mentor">
              <bdi>{match.mentor.displayName}</bdi>
            </a>
          </dd>
        </div>
        <div>
          <dt>{t('match.started')}</dt>
          <dd>{day(match.startedAt)}</dd>
        </div>
        {match.endedAt && (
          <div>
            <dt>{t('match.ended')}</dt>
            <dd>{day(match.endedAt)}</dd>
          </div>
        )}
        {match.endReason && (
          <div>
            <dt>{t('match.endReason')}</dt>
            <dd data-testid="match-end-reason">{endReasonLabel(t, match.endReason)}</dd>
          </div>
        )}
        {match.endNote && (
          <div>
            <dt>{t('match.endNote')}</dt>
            <dd>
              <bdi>{match.endNote}</bdi>
            </dd>
          </div>
        )}
        {match.overrideReason && (
          <div>
            <dt>{t('match.override')}</dt>
            <dd>
              <bdi>{match.overrideReason}</bdi>
            </dd>
          </div>
        )}
      </dl>

      {match.status !== 'ended' && <EndRequests match={match} />}

      {canManage && match.status !== 'ended' && (
        <>
          <div class="actions">
            <button
              type="button"
              class="button button--secondary"
              data-testid={match.status === 'active' ? 'match-pause' : 'match-resume'}
              disabled={toggle.busy}
              aria-busy={toggle.busy ? 'true' : undefined}
              onClick={() => setStatus(match.status === 'active' ? 'paused' : 'active')}
            >
              {match.status === 'active' ? t('match.pause') : t('match.resume')}
            </button>
          </div>
          <FormAlert message={toggle.message} />
          <EndForm
            url={url}
            requested={firstRequest(match)}
            onEnded={() => {
              setNotice(t('match.endedNotice'))
              props.onChanged()
            }}
          />
        </>
      )}
      <p>
        <a href={boardPath(slug, programId)} data-testid="back-to-board">
          {t('match.backToBoard')}
        </a>
      </p>
    </>
  )
}

/** The earliest request to end from the portal, if any: it prefills the coordinator's end form. */
function firstRequest(match: Match): { side: 'mentee' | 'mentor'; request: EndRequest } | null {
  const sides = (['mentee', 'mentor'] as const)
    .map((side) => ({ side, request: match.endRequests[side] }))
    .filter((x): x is { side: 'mentee' | 'mentor'; request: EndRequest } => x.request !== null)
  sides.sort((a, b) => a.request.at.localeCompare(b.request.at))
  return sides[0] ?? null
}

/** What the mentee and the mentor asked in the portal; only coordinators see it. */
function EndRequests(props: { match: Match }) {
  const { t, formatDate } = useI18n()
  const requests = (['mentee', 'mentor'] as const).flatMap((side) => {
    const request = props.match.endRequests[side]
    return request ? [{ side, request }] : []
  })
  if (requests.length === 0) return null
  return (
    <section
      class="section alert alert--warning"
      aria-labelledby="match-requests-heading"
      data-testid="end-requests"
    >
      <h2 id="match-requests-heading">{t('match.requestsHeading')}</h2>
      <p>{t('match.requestsIntro')}</p>
      <ul>
        {requests.map(({ side, request }) => (
          <li key={side} data-testid="end-request-item" data-side={side}>
            {t(side === 'mentee' ? 'match.requestBy.mentee' : 'match.requestBy.mentor', {
              date: formatDate(new Date(request.at), { dateStyle: 'medium' }),
              reason: endReasonLabel(t, request.reason),
            })}
            {request.note && (
              <>
                <br />
                {t('match.requestNote')} <bdi>{request.note}</bdi>
              </>
            )}
            {request.hasNote && !request.note && (
              <>
                <br />
                <span class="muted">{t('match.requestNoteUnavailable')}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

function EndForm(props: {
  url: string
  requested: { side: 'mentee' | 'mentor'; request: EndRequest } | null
  onEnded: () => void
}) {
  const { t } = useI18n()
  const formRef = useRef<HTMLFormElement>(null)
  const [reason, setReason] = useState<EndReason | ''>(props.requested?.request.reason ?? '')
  const [note, setNote] = useState('')
  const [requestedBy, setRequestedBy] = useState<(typeof REQUESTED_BY)[number] | ''>(
    props.requested?.side ?? '',
  )
  const submit = useSubmit(['endReason', 'endNote', 'requestedBy'], { formRef })

  const onSubmit = (event: Event) => {
    event.preventDefault()
    submit.run(async () => {
      await apiSend('PATCH', props.url, {
        status: 'ended',
        endReason: reason,
        ...(note.trim() ? { endNote: note.trim() } : {}),
        ...(requestedBy ? { requestedBy } : {}),
      })
      props.onEnded()
    })
  }

  return (
    <section class="section" aria-labelledby="match-end-heading">
      <h2 id="match-end-heading">{t('match.endHeading')}</h2>
      <p>{t('match.endIntro')}</p>
      <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="end-form">
        <Field id="end-reason" label={t('match.endReasonLabel')} error={submit.fields.endReason}>
          {(control) => (
            <select
              {...control}
              required
              value={reason}
              data-testid="end-reason"
              onChange={(event) => setReason(event.currentTarget.value as EndReason | '')}
            >
              <option value="">{t('form.choose')}</option>
              {END_REASONS.map((r) => (
                <option key={r} value={r}>
                  {endReasonLabel(t, r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="end-requested-by" label={t('match.requestedBy')} error={submit.fields.requestedBy}>
          {(control) => (
            <select
              {...control}
              value={requestedBy}
              data-testid="end-requested-by"
              onChange={(event) =>
                setRequestedBy(event.currentTarget.value as (typeof REQUESTED_BY)[number] | '')
              }
            >
              <option value="">{t('match.requestedBy.none')}</option>
              {REQUESTED_BY.map((r) => (
                <option key={r} value={r}>
                  {t(requestedByKey[r] as 'match.requestedBy.mentor')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="end-note" label={t('match.endNoteLabel')} error={submit.fields.endNote}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              maxLength={1000}
              value={note}
              data-testid="end-note"
              onInput={(event) => setNote(event.currentTarget.value)}
            />
          )}
        </Field>
        <FormAlert message={submit.message} />
        <SubmitButton
          busy={submit.busy}
          label={t('match.end')}
          busyLabel={t('match.ending')}
          testid="end-submit"
        />
      </form>
    </section>
  )
}
