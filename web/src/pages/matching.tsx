import { useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, apiGet, apiSend } from '../api'
import { Choice } from '../components/fields'
import { describeError } from '../components/form'
import { LoadError, Loading } from '../components/load'
import { ProgramPage } from '../components/program-page'
import { useI18n } from '../i18n/context'
import {
  criterionName,
  endRequested,
  explainItem,
  MAX_DECISIONS,
  type Match,
  type MatchMode,
  type MatchRun,
  matchesApi,
  matchPath,
  matchStatusLabel,
  type Page,
  type Proposal,
  runsApi,
  type Unmatched,
  unmatchedReasonLabel,
} from '../matching'
import { type OrgProgram, participantPath } from '../programs'

const POLL_MS = 1000

/** `/orgs/{org}/programs/{program}/matching`: run matching, review proposals, see who is left and the matches. */
export default function MatchBoard(props: { org: string; program: string }) {
  const { t } = useI18n()
  return (
    <ProgramPage org={props.org} program={props.program} title={t('board.title')}>
      {(data) => <Board data={data} />}
    </ProgramPage>
  )
}

function Board(props: { data: OrgProgram }) {
  const { t } = useI18n()
  const slug = props.data.organization.slug
  const programId = props.data.program.id
  const [run, setRun] = useState<MatchRun | null | undefined>(undefined)
  const [loadError, setLoadError] = useState<unknown>(null)
  /** Bumped after decisions so the proposals, unmatched and matches reload. */
  const [version, setVersion] = useState(0)
  const [notice, setNotice] = useState<string | null>(null)

  // The latest run, once.
  useEffect(() => {
    const controller = new AbortController()
    apiGet<Page<MatchRun>>(runsApi(slug, programId, '?limit=1'), { signal: controller.signal })
      .then((page) => setRun(page.items[0] ?? null))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error)
      })
    return () => controller.abort()
  }, [slug, programId])

  const inProgress = run?.status === 'queued' || run?.status === 'running'
  const runId = run?.id
  // Poll a queued or running run until it is done or failed.
  useEffect(() => {
    if (!inProgress || !runId) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const controller = new AbortController()
    const tick = async () => {
      try {
        const next = await apiGet<MatchRun>(runsApi(slug, programId, `/${encodeURIComponent(runId)}`), {
          signal: controller.signal,
          cache: 'no-store',
        })
        if (stopped) return
        setRun(next)
        if (next.status === 'done' || next.status === 'failed') return
      } catch {
        if (stopped) return // a failed poll is retried on the next tick
      }
      timer = setTimeout(tick, POLL_MS)
    }
    timer = setTimeout(tick, POLL_MS / 2)
    return () => {
      stopped = true
      controller.abort()
      clearTimeout(timer)
    }
  }, [inProgress, runId, slug, programId])

  if (loadError) return <LoadError error={loadError} />
  if (run === undefined) return <Loading />

  const decided = (text: string) => {
    setNotice(text)
    setVersion((n) => n + 1)
  }

  return (
    <>
      <p class="lead">{t('board.intro')}</p>
      <RunPanel
        slug={slug}
        programId={programId}
        run={run}
        busy={inProgress}
        onStarted={(started) => {
          setNotice(null)
          setRun(started)
        }}
      />
      <p class="notice" role="status" data-testid="board-notice">
        {notice}
      </p>
      {run?.status === 'done' && run.stats && <Stats run={run} />}
      {run?.status === 'done' && (
        <>
          <Proposals slug={slug} programId={programId} runId={run.id} version={version} onDecided={decided} />
          <UnmatchedList slug={slug} programId={programId} runId={run.id} version={version} />
        </>
      )}
      <Matches slug={slug} programId={programId} version={version} />
    </>
  )
}

function RunPanel(props: {
  slug: string
  programId: string
  run: MatchRun | null
  busy: boolean
  onStarted: (run: MatchRun) => void
}) {
  const { t, formatDate } = useI18n()
  const [mode, setMode] = useState<MatchMode>('participation')
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const { run } = props

  const start = async (event: Event) => {
    event.preventDefault()
    setStarting(true)
    setError(null)
    try {
      const started = await apiSend<{ id: string; status: 'queued' }>(
        'POST',
        runsApi(props.slug, props.programId),
        {
          mode,
        },
      )
      props.onStarted({
        id: started.id,
        mode,
        status: 'queued',
        progress: 0,
        stats: null,
        error: null,
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
      })
    } catch (reason) {
      // 409: a run is already queued or running; follow that one.
      if (reason instanceof ApiError && reason.status === 409) {
        try {
          const page = await apiGet<Page<MatchRun>>(runsApi(props.slug, props.programId, '?limit=1'))
          if (page.items[0]) props.onStarted(page.items[0])
        } catch {
          setError(describeError(reason, t))
        }
      } else setError(describeError(reason, t))
    } finally {
      setStarting(false)
    }
  }

  return (
    <section class="section" aria-labelledby="board-run-heading">
      <h2 id="board-run-heading">{t('board.runHeading')}</h2>
      <form class="form card" onSubmit={start} data-testid="run-form">
        <fieldset class="choices">
          <legend>{t('board.mode')}</legend>
          <div class="choices__list">
            <Choice
              type="radio"
              name="mode"
              value="participation"
              checked={mode === 'participation'}
              label={
                <>
                  {t('board.mode.participation')}
                  <span class="choice__hint">{t('board.mode.participationHint')}</span>
                </>
              }
              testid="run-mode-participation"
              onChange={(on) => on && setMode('participation')}
            />
            <Choice
              type="radio"
              name="mode"
              value="score"
              checked={mode === 'score'}
              label={
                <>
                  {t('board.mode.score')}
                  <span class="choice__hint">{t('board.mode.scoreHint')}</span>
                </>
              }
              testid="run-mode-score"
              onChange={(on) => on && setMode('score')}
            />
          </div>
        </fieldset>
        {error && (
          <p class="alert alert--error" role="alert" data-testid="form-error">
            {error}
          </p>
        )}
        <button
          type="submit"
          class="button"
          disabled={starting || props.busy}
          aria-busy={starting || props.busy ? 'true' : undefined}
          data-testid="run-start"
        >
          {starting ? t('board.starting') : t('board.run')}
        </button>
      </form>

      {run === null && <p data-testid="run-none">{t('board.noRun')}</p>}
      {run && (
        <div data-testid="run" data-status={run.status} data-run={run.id}>
          <label for="run-progress" class="progress__label">
            {t('board.progressLabel')}
          </label>
          <progress
            id="run-progress"
            class="progress"
            max={100}
            value={run.progress}
            data-testid="run-progress"
            aria-valuetext={t('board.progressText', { percent: run.progress })}
          >
            {run.progress}%
          </progress>
          <p role="status" data-testid="run-progress-text" data-progress={run.progress}>
            {run.status === 'queued'
              ? t('board.queued')
              : run.status === 'failed'
                ? null
                : t('board.progressText', { percent: run.progress })}
            {run.status === 'done' && run.finishedAt && (
              <>
                {' '}
                <span class="muted">
                  {t('board.lastRun', {
                    date: formatDate(new Date(run.finishedAt), { dateStyle: 'medium', timeStyle: 'short' }),
                  })}
                </span>
              </>
            )}
          </p>
          {run.status === 'failed' && (
            <p class="alert alert--error" role="alert" data-testid="run-error">
              {t('board.failed', { error: run.error ?? '' })}
            </p>
          )}
        </div>
      )}
    </section>
  )
}

function Stats(props: { run: MatchRun }) {
  const { t, formatNumber } = useI18n()
  const stats = props.run.stats
  if (!stats) return null
  const more = stats.matched - stats.greedy.matched
  const average = stats.matched > 0 ? stats.total / stats.matched : 0
  return (
    <section class="section" aria-labelledby="board-stats-heading" data-testid="run-stats">
      <h2 id="board-stats-heading">{t('board.statsHeading')}</h2>
      <p class="alert alert--ok alert--spaced" data-testid="run-vs-greedy" data-more={more}>
        {more > 0
          ? t('board.moreThanGreedy', { count: more, greedy: stats.greedy.matched })
          : more === 0
            ? t('board.sameAsGreedy', { greedy: stats.greedy.matched })
            : `${t('board.greedyMatched')}: ${formatNumber(stats.greedy.matched)}`}
      </p>
      <dl class="facts">
        <div>
          <dt>{t('board.mentees')}</dt>
          <dd data-testid="stat-mentees">{formatNumber(stats.mentees)}</dd>
        </div>
        <div>
          <dt>{t('board.mentors')}</dt>
          <dd data-testid="stat-mentors">{formatNumber(stats.mentors)}</dd>
        </div>
        <div>
          <dt>{t('board.feasible')}</dt>
          <dd>{formatNumber(stats.feasiblePairs)}</dd>
        </div>
        <div>
          <dt>{t('board.matched')}</dt>
          <dd data-testid="stat-matched">{formatNumber(stats.matched)}</dd>
        </div>
        <div>
          <dt>{t('board.greedyMatched')}</dt>
          <dd data-testid="stat-greedy">{formatNumber(stats.greedy.matched)}</dd>
        </div>
        <div>
          <dt>{t('board.unmatchedCount')}</dt>
          <dd data-testid="stat-unmatched">{formatNumber(stats.unmatched)}</dd>
        </div>
        <div>
          <dt>{t('board.averageScore')}</dt>
          <dd>{formatNumber(average, { maximumFractionDigits: 1 })}</dd>
        </div>
      </dl>
    </section>
  )
}

function useList<T>(url: string, version: number) {
  const [state, setState] = useState<{ items: T[] | null; error: unknown }>({ items: null, error: null })
  useEffect(() => {
    const controller = new AbortController()
    apiGet<{ items: T[] }>(url, { signal: controller.signal, cache: 'no-store' })
      .then((page) => setState({ items: page.items, error: null }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ items: null, error })
      })
    return () => controller.abort()
  }, [url, version])
  return state
}

function Proposals(props: {
  slug: string
  programId: string
  runId: string
  version: number
  onDecided: (notice: string) => void
}) {
  const { t, formatNumber } = useI18n()
  const base = runsApi(props.slug, props.programId, `/${encodeURIComponent(props.runId)}`)
  const { items, error: loadError } = useList<Proposal>(
    `${base}/proposals?status=proposed&limit=500`,
    props.version,
  )
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [rejecting, setRejecting] = useState<string | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)

  // A reload drops selections of proposals that are gone.
  useEffect(() => {
    if (items) setSelected((s) => new Set(items.filter((p) => s.has(p.id)).map((p) => p.id)))
  }, [items])

  const decide = async (body: { accept?: string[]; reject?: { id: string; reason: string }[] }) => {
    setBusy(true)
    setError(null)
    try {
      let accepted = 0
      const accept = body.accept ?? []
      if (accept.length > 0) {
        // At most MAX_DECISIONS per request; each request is all or nothing.
        for (let i = 0; i < accept.length; i += MAX_DECISIONS) {
          const done = await apiSend<{ accepted: unknown[] }>('POST', `${base}/proposals/decisions`, {
            accept: accept.slice(i, i + MAX_DECISIONS),
          })
          accepted += done.accepted.length
        }
        props.onDecided(t('board.accepted', { count: accepted }))
      } else {
        await apiSend('POST', `${base}/proposals/decisions`, body)
        props.onDecided(t('board.rejected'))
      }
      setRejecting(null)
      // The decided rows disappear with the focused button: keep keyboard users at the list.
      heading.current?.focus()
      return true
    } catch (reason) {
      setError(describeError(reason, t))
      return false
    } finally {
      setBusy(false)
    }
  }

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })

  return (
    <section class="section" aria-labelledby="board-proposals-heading" data-testid="proposals">
      <h2 id="board-proposals-heading" ref={heading} tabIndex={-1}>
        {t('board.proposalsHeading')}
      </h2>
      {loadError ? <LoadError error={loadError} /> : null}
      {!items && !loadError && <Loading />}
      {items && items.length === 0 && <p data-testid="proposals-empty">{t('board.noProposals')}</p>}
      {error && (
        <p class="alert alert--error" role="alert" data-testid="decision-error">
          {error}
        </p>
      )}
      {items && items.length > 0 && (
        <>
          <div class="toolbar">
            <label class="choice">
              <input
                class="choice__input"
                type="checkbox"
                data-testid="select-all"
                checked={selected.size === items.length}
                onChange={(event) =>
                  setSelected(event.currentTarget.checked ? new Set(items.map((p) => p.id)) : new Set())
                }
              />
              <span>{t('board.selectAll')}</span>
            </label>
            <button
              type="button"
              class="button"
              data-testid="accept-selected"
              disabled={busy || selected.size === 0}
              aria-busy={busy ? 'true' : undefined}
              onClick={() => decide({ accept: items.filter((p) => selected.has(p.id)).map((p) => p.id) })}
            >
              {busy ? t('board.accepting') : t('board.acceptSelected', { count: selected.size })}
            </button>
          </div>
          <table class="table proposals">
            <thead>
              <tr>
                <th scope="col">
                  <span class="visually-hidden">{t('board.selectAll')}</span>
                </th>
                <th scope="col">{t('board.mentee')}</th>
                <th scope="col">{t('board.mentor')}</th>
                <th scope="col">{t('board.score')}</th>
                <th scope="col">{t('board.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} data-testid="proposal" data-proposal={p.id}>
                  <td>
                    <input
                      type="checkbox"
                      class="choice__input"
                      data-testid="proposal-select"
                      checked={selected.has(p.id)}
                      aria-label={t('board.select', {
                        mentee: p.mentee.displayName,
                        mentor: p.mentor.displayName,
                      })}
                      onChange={(event) => toggle(p.id, event.currentTarget.checked)}
                    />
                  </td>
                  <td data-label={t('board.mentee')}>
                    <a
                      href={participantPath(props.slug, props.programId, p.mentee.id)}
                      data-testid="proposal-mentee"
                    >
                      <bdi>{p.mentee.displayName}</bdi>
                    </a>
                  </td>
                  <td data-label={t('board.mentor')}>
                    <a
                      href={participantPath(props.slug, props.programId, p.mentor.id)}
                      data-testid="proposal-mentor"
                    >
                      <bdi>{p.mentor.displayName}</bdi>
                    </a>
                  </td>
                  <td data-label={t('board.score')}>
                    <span data-testid="proposal-score">
                      {t('board.scoreValue', { score: formatNumber(p.score, { maximumFractionDigits: 1 }) })}
                    </span>
                    <Explanation proposal={p} />
                  </td>
                  <td data-label={t('board.actions')}>
                    {rejecting === p.id ? (
                      <RejectForm
                        proposal={p}
                        busy={busy}
                        onCancel={() => setRejecting(null)}
                        onReject={(reason) => decide({ reject: [{ id: p.id, reason }] })}
                      />
                    ) : (
                      <div class="actions">
                        <button
                          type="button"
                          class="button button--small"
                          data-testid="proposal-accept"
                          disabled={busy}
                          onClick={() => decide({ accept: [p.id] })}
                        >
                          {t('board.accept')}
                        </button>
                        <button
                          type="button"
                          class="button button--small button--secondary"
                          data-testid="proposal-reject"
                          disabled={busy}
                          onClick={() => {
                            setError(null)
                            setRejecting(p.id)
                          }}
                        >
                          {t('board.reject')}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}

function Explanation(props: { proposal: Proposal }) {
  const { t, locale, formatNumber } = useI18n()
  const items = props.proposal.explanation
  return (
    <details class="explanation" data-testid="proposal-why">
      <summary>{t('board.why')}</summary>
      <ul class="explanation__list" data-testid="proposal-explanation">
        {items.map((item) => (
          <li
            key={`${item.criterion}:${item.messageKey}`}
            data-testid="explanation-item"
            data-criterion={item.criterion}
            data-key={item.messageKey}
          >
            <span class="explanation__criterion">{criterionName(t, item.criterion)}</span>
            {item.criterion !== 'constraint' && (
              <span class="badge explanation__points">
                {t('board.points', { points: formatNumber(item.points, { maximumFractionDigits: 1 }) })}
              </span>
            )}
            <span class="explanation__text">{explainItem(t, locale, item)}</span>
          </li>
        ))}
      </ul>
    </details>
  )
}

function RejectForm(props: {
  proposal: Proposal
  busy: boolean
  onCancel: () => void
  onReject: (reason: string) => Promise<boolean>
}) {
  const { t } = useI18n()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const input = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    input.current?.focus()
  }, [])
  const id = `reject-${props.proposal.id}`

  const submit = async (event: Event) => {
    event.preventDefault()
    if (reason.trim().length < 3) {
      setError(t('board.rejectReasonShort'))
      input.current?.focus()
      return
    }
    setError(null)
    await props.onReject(reason.trim())
  }

  return (
    <form class="form form--compact" onSubmit={submit} data-testid="reject-form">
      <p class="reject__heading">
        {t('board.rejectHeading', {
          mentee: props.proposal.mentee.displayName,
          mentor: props.proposal.mentor.displayName,
        })}
      </p>
      <div class="field" data-invalid={error ? 'true' : undefined}>
        <label for={id}>{t('board.rejectReason')}</label>
        <p class="field__hint" id={`${id}-hint`}>
          {t('board.rejectHint')}
        </p>
        {error && (
          <p class="field__error" id={`${id}-error`} data-testid="reject-reason-error">
            {error}
          </p>
        )}
        <textarea
          id={id}
          ref={input}
          rows={3}
          maxLength={500}
          required
          value={reason}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
          data-testid="reject-reason"
          onInput={(event) => setReason(event.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button
          type="submit"
          class="button button--small button--danger"
          disabled={props.busy}
          data-testid="reject-confirm"
        >
          {props.busy ? t('board.rejecting') : t('board.rejectConfirm')}
        </button>
        <button type="button" class="button button--small button--secondary" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  )
}

function UnmatchedList(props: { slug: string; programId: string; runId: string; version: number }) {
  const { t, formatNumber } = useI18n()
  const url = runsApi(props.slug, props.programId, `/${encodeURIComponent(props.runId)}/unmatched`)
  const { items, error } = useList<Unmatched>(url, props.version)
  const groups = new Map<string, Unmatched[]>()
  for (const u of items ?? []) groups.set(u.reason, [...(groups.get(u.reason) ?? []), u])
  return (
    <section class="section" aria-labelledby="board-unmatched-heading" data-testid="unmatched">
      <h2 id="board-unmatched-heading">{t('board.unmatchedHeading')}</h2>
      {error ? <LoadError error={error} /> : null}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p data-testid="unmatched-empty">{t('board.noUnmatched')}</p>}
      {items && items.length > 0 && (
        <>
          <p>{t('board.unmatchedIntro')}</p>
          {[...groups].map(([reason, people]) => (
            <section
              key={reason}
              class="unmatched-group"
              data-testid="unmatched-group"
              data-reason={reason}
              aria-labelledby={`unmatched-${reason}`}
            >
              <h3 id={`unmatched-${reason}`}>
                {unmatchedReasonLabel(t, reason)} ({formatNumber(people.length)})
              </h3>
              <ul>
                {people.map((u) => (
                  <li key={u.menteeId}>
                    <a href={participantPath(props.slug, props.programId, u.menteeId)}>
                      <bdi>{u.displayName}</bdi>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  )
}

function Matches(props: { slug: string; programId: string; version: number }) {
  const { t, formatDate } = useI18n()
  const { items, error } = useList<Match>(
    matchesApi(props.slug, props.programId, '?limit=200'),
    props.version,
  )
  return (
    <section class="section" aria-labelledby="board-matches-heading" data-testid="matches">
      <h2 id="board-matches-heading">{t('board.matchesHeading')}</h2>
      {error ? <LoadError error={error} /> : null}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p data-testid="matches-empty">{t('board.noMatches')}</p>}
      {items && items.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('board.mentee')}</th>
              <th scope="col">{t('board.mentor')}</th>
              <th scope="col">{t('board.status')}</th>
              <th scope="col">{t('board.since')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id} data-testid="match-row" data-match={m.id} data-status={m.status}>
                <td data-label={t('board.mentee')}>
                  <a
                    href={matchPath(props.slug, props.programId, m.id)}
                    data-testid="match-link"
                    aria-label={t('board.openMatch', {
                      mentee: m.mentee.displayName,
                      mentor: m.mentor.displayName,
                    })}
                  >
                    <bdi>{m.mentee.displayName}</bdi>
                  </a>
                </td>
                <td data-label={t('board.mentor')}>
                  <bdi>{m.mentor.displayName}</bdi>
                </td>
                <td data-label={t('board.status')}>
                  <span class={`badge badge--${m.status}`}>{matchStatusLabel(t, m.status)}</span>
                  {endRequested(m) && (
                    <>
                      {' '}
                      <span class="badge badge--warning" data-testid="match-end-requested">
                        {t('board.endRequested')}
                      </span>
                    </>
                  )}
                </td>
                <td data-label={t('board.since')}>
                  {formatDate(new Date(m.startedAt), { dateStyle: 'medium' })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
