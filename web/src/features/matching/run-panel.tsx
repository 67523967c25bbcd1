import type { MatchMode } from '@tandem/vocab'
import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { ProgressBar } from '../../kit/button'
import { Radios } from '../../kit/choices'
import { FormAlert } from '../../kit/form'
import { ApiError } from '../../lib/api'
import { ok, params } from '../../lib/client'
import { describeError } from '../../lib/errors'
import { latestRun, type MatchRun, runsRoute } from './matching'

const MODES: readonly MatchMode[] = ['participation', 'score']

/** "Run matching" with a mode, and the progress of the latest run. */
export function RunPanel(props: {
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
  const modeText = {
    participation: [t('board.mode.participation'), t('board.mode.participationHint')],
    score: [t('board.mode.score'), t('board.mode.scoreHint')],
  }

  const start = async (event: Event) => {
    event.preventDefault()
    setStarting(true)
    setError(null)
    try {
      const started = await ok(
        runsRoute.$post({ param: params({ org: props.slug, program: props.programId }), json: { mode } }),
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
          const latest = await latestRun(props.slug, props.programId)
          if (latest) props.onStarted(latest)
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
            <Radios
              name="mode"
              options={MODES}
              value={mode}
              labelOf={(value) => (
                <>
                  {modeText[value][0]}
                  <span class="choice__hint">{modeText[value][1]}</span>
                </>
              )}
              testid={(value) => `run-mode-${value}`}
              onChange={setMode}
            />
          </div>
        </fieldset>
        <FormAlert message={error} />
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
          <ProgressBar
            id="run-progress"
            testid="run-progress"
            label={t('board.progressLabel')}
            value={run.progress}
            valueText={t('board.progressText', { percent: run.progress })}
          />
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
