import { useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { ProgressBar } from '../../kit/button'
import { usePoll } from '../../kit/use-poll'
import { fresh, ok, params } from '../../lib/client'
import { describeError } from '../../lib/errors'
import { programPath } from '../../lib/paths'
import { type ImportState, importRoute, type StepProps } from './import'

/** Step 3: the progress bar, polling the import every second until it is done (or failed). */
export function Progress(
  props: StepProps & { initial: ImportState; onFinished: (state: ImportState) => void },
) {
  const { t } = useI18n()
  const { organization, program } = props.data
  const [state, setState] = useState(props.initial)
  const [error, setError] = useState<string | null>(null)
  const onFinished = useRef(props.onFinished)
  onFinished.current = props.onFinished
  const param = params({ org: organization.slug, program: program.id, import: props.initial.id })

  usePoll(
    props.initial.id,
    (signal) => ok(importRoute.$get({ param }, fresh(signal))),
    (next) => {
      setState(next)
      setError(null)
      if (next.status === 'applying') return true
      // Let the bar show 100% for a moment before the summary replaces it.
      setTimeout(() => onFinished.current(next), next.status === 'done' ? 600 : 0)
      return false
    },
    (reason) => setError(describeError(reason, t)),
  )

  const handled = state.appliedRows + state.skippedRows
  return (
    <section aria-labelledby="import-progress-heading" data-testid="import-progress">
      <h2 id="import-progress-heading" ref={props.headingRef} tabIndex={-1}>
        {t('import.progressHeading')}
      </h2>
      <p>{t('import.progressIntro')}</p>
      <ProgressBar
        id="import-progress-bar"
        testid="import-progress-bar"
        label={t('import.progressLabel')}
        value={state.progress}
      />
      <p role="status" data-testid="import-progress-text" data-progress={state.progress}>
        {t('import.progressText', { percent: state.progress, done: handled, total: state.validRows })}
      </p>
      {error && <p class="alert alert--error">{error}</p>}
    </section>
  )
}

/** Step 4: how many people were added (or why it stopped), and the way back to the list. */
export function Summary(props: StepProps & { state: ImportState; onAgain: () => void }) {
  const { t } = useI18n()
  const { organization, program } = props.data
  const { state } = props
  const ok = state.status === 'done'
  return (
    <section aria-labelledby="import-summary-heading" data-testid="import-summary" data-status={state.status}>
      <h2 id="import-summary-heading" ref={props.headingRef} tabIndex={-1}>
        {ok ? t('import.doneHeading') : t('import.failedHeading')}
      </h2>
      <progress
        class="progress"
        data-testid="import-summary-progress"
        max={100}
        value={state.progress}
        aria-label={t('import.progressLabel')}
      >
        {state.progress}%
      </progress>
      <p
        class={`alert alert--spaced ${ok ? 'alert--ok' : 'alert--error'}`}
        role="status"
        data-testid="import-summary-text"
      >
        {ok
          ? t('import.doneText', { count: state.appliedRows })
          : t('import.failedText', { count: state.appliedRows })}
      </p>
      {state.skippedRows > 0 && (
        <p data-testid="import-skipped">{t('import.skipped', { count: state.skippedRows })}</p>
      )}
      {state.failure && (
        <p class="alert alert--error">
          <span lang="en">{state.failure}</span>
        </p>
      )}
      <div class="actions">
        <a
          class="button button--link"
          href={programPath(organization.slug, program.id)}
          data-testid="import-back"
        >
          {t('import.toList')}
        </a>
        <button type="button" class="button button--secondary" onClick={props.onAgain}>
          {t('import.another')}
        </button>
      </div>
    </section>
  )
}
