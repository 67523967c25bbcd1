import { useCallback, useEffect, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { FactList } from '../../kit/fact-list'
import { ApiError } from '../../lib/api'
import { type Answer, api, fresh, ok } from '../../lib/client'

/** GET /api/health; answers 200 when healthy and 503 (same shape) when the database is down. */
export type Health = Answer<typeof api.health.$get>

type HealthState =
  | { kind: 'loading' }
  | { kind: 'ok'; health: Health; ms: number; at: Date }
  /** `health` is set when the service answered with its health body (degraded); `status` 0 = unreachable. */
  | { kind: 'error'; health: Health | undefined; status: number; at: Date }

const isHealth = (body: unknown): body is Health =>
  typeof body === 'object' && body !== null && 'status' in body && 'db' in body && 'version' in body

function useHealth() {
  const [state, setState] = useState<HealthState>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)

  // `attempt` changes on "Check again" and re-runs the request.
  useEffect(() => {
    const controller = new AbortController()
    const started = performance.now()
    setState({ kind: 'loading' })
    ok(api.health.$get(undefined, fresh(controller.signal)))
      .then((health) => {
        const ms = Math.round(performance.now() - started)
        setState(
          health.status === 'ok'
            ? { kind: 'ok', health, ms, at: new Date() }
            : { kind: 'error', health, status: 200, at: new Date() },
        )
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return
        const body = error instanceof ApiError ? error.body : undefined
        setState({
          kind: 'error',
          health: isHealth(body) ? body : undefined,
          status: error instanceof ApiError ? error.status : 0,
          at: new Date(),
        })
      })
    return () => controller.abort()
  }, [attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, retry }
}

/** The service's health, checked on arrival and on "Check again" (the About page; operators look here). */
export function ServiceStatus() {
  const { t, formatNumber, formatDate } = useI18n()
  const { state, retry } = useHealth()
  let message: string
  if (state.kind === 'loading') message = t('health.loading')
  else if (state.kind === 'ok') message = t('health.ok')
  else if (state.health) message = t('health.degraded')
  else if (state.status === 0) message = t('health.unreachable')
  else message = t('health.failed', { status: state.status })

  const health = state.kind === 'loading' ? undefined : state.health

  return (
    <section class="card section" aria-labelledby="health-heading">
      <h2 id="health-heading">{t('health.heading')}</h2>
      <p
        class="status"
        data-testid="health-status"
        data-state={state.kind}
        role="status"
        aria-live="polite"
        aria-busy={state.kind === 'loading' ? 'true' : undefined}
      >
        <span class="status__dot" aria-hidden="true" />
        {message}
      </p>

      {state.kind !== 'loading' && (
        <FactList
          facts={[
            health && {
              label: t('health.database'),
              value: health.db === 'ok' ? t('health.dbOk') : t('health.dbError'),
            },
            health && { label: t('health.version'), value: <bdi>{health.version}</bdi> },
            state.kind === 'ok' && {
              label: t('health.responseTime'),
              value: formatNumber(state.ms, { style: 'unit', unit: 'millisecond', unitDisplay: 'long' }),
            },
            {
              label: t('health.checkedAt'),
              value: (
                <time dateTime={state.at.toISOString()}>{formatDate(state.at, { timeStyle: 'medium' })}</time>
              ),
            },
          ]}
        />
      )}

      <button type="button" class="button" onClick={retry} disabled={state.kind === 'loading'}>
        {t('health.retry')}
      </button>
    </section>
  )
}
