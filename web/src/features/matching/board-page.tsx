import { useEffect, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { LoadError, Loading } from '../../kit/load'
import { Notice } from '../../kit/notice'
import { usePoll } from '../../kit/use-poll'
import { fresh, ok, params } from '../../lib/client'
import { type ProgramData, programPanelPage } from '../programs/program-page'
import { ManualMatch } from './manual-match'
import { Matches } from './matches'
import { latestRun, type MatchRun, runRoute } from './matching'
import { Proposals } from './proposals'
import { RunPanel } from './run-panel'
import { Stats } from './stats'
import { UnmatchedList } from './unmatched'

/** `/orgs/{org}/programs/{program}/matching`: run matching, review proposals, see who is left and the matches. */
export default programPanelPage('board.title', Board)

function Board(props: { data: ProgramData }) {
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
    latestRun(slug, programId, controller.signal)
      .then(setRun)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error)
      })
    return () => controller.abort()
  }, [slug, programId])

  const inProgress = run?.status === 'queued' || run?.status === 'running'
  // Poll a queued or running run until it is done or failed; a failed poll is retried on the next tick.
  usePoll(
    inProgress && run ? run.id : null,
    (signal) =>
      ok(
        runRoute.$get(
          { param: params({ org: slug, program: programId, run: run?.id ?? '' }) },
          fresh(signal),
        ),
      ),
    (next) => {
      setRun(next)
      return next.status !== 'done' && next.status !== 'failed'
    },
  )

  if (loadError) return <LoadError error={loadError} />
  if (run === undefined) return <Loading />

  const decided = (text: string) => {
    setNotice(text)
    setVersion((n) => n + 1)
  }
  const lists = { slug, programId, version }

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
      <Notice testid="board-notice">{notice}</Notice>
      {run?.status === 'done' && run.stats && <Stats stats={run.stats} />}
      {run?.status === 'done' && (
        <>
          <Proposals {...lists} runId={run.id} onDecided={decided} />
          <UnmatchedList {...lists} runId={run.id} />
        </>
      )}
      <ManualMatch {...lists} onMatched={decided} />
      <Matches {...lists} />
    </>
  )
}
