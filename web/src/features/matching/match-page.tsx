import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { FactList } from '../../kit/fact-list'
import { FormAlert, useSubmit } from '../../kit/form'
import { Notice } from '../../kit/notice'
import { ok, params } from '../../lib/client'
import { dayDate } from '../../lib/dates'
import { endReasonLabel, matchStatusLabel } from '../../lib/labels'
import { boardPath, participantPath } from '../../lib/paths'
import { GoalsPanel } from '../goals/goals-panel'
import { MeetingsPanel } from '../meetings/meetings-panel'
import { canManageMatches, canManagePrograms } from '../org/roles'
import { type ProgramData, ProgramPage, programRecord } from '../programs/program-page'
import { EndForm } from './end-form'
import { EndRequestText } from './end-request-text'
import { endRequestsOf, firstRequest, type Match, matchRoute } from './matching'
import { PlannedEndForm } from './planned-end'

/** `/orgs/{org}/programs/{program}/matches/{match}`: both people, the status; pause, resume or end. */
export default function MatchPage(props: { program: string; match: string }) {
  const { t } = useI18n()
  return (
    <ProgramPage
      program={props.program}
      title={t('match.title')}
      docTitle={({ record }) => `${record.mentee.displayName} · ${record.mentor.displayName}`}
      ownHeading
      trail="board"
      {...programRecord(matchRoute, { program: props.program, match: props.match })}
      notFound={t('match.notFound')}
    >
      {(data, reload) => <MatchView data={data} onChanged={reload} />}
    </ProgramPage>
  )
}

function MatchView(props: { data: ProgramData<Match>; onChanged: () => void }) {
  const { t, formatDate } = useI18n()
  const match = props.data.record
  const slug = props.data.organization.slug
  const programId = props.data.program.id
  const canManage = canManagePrograms(props.data.role)
  const param = params({ org: slug, program: programId, match: match.id })
  const [notice, setNotice] = useState<string | null>(null)
  const toggle = useSubmit([])
  const day = (iso: string) => formatDate(new Date(iso), { dateStyle: 'medium' })
  /** What the meetings and goals panels know of the tandem. */
  const tandem = {
    slug,
    programId,
    matchId: match.id,
    goalAreas: props.data.program.goalAreas,
    canManage: canManageMatches(props.data.role),
    ended: match.status === 'ended',
  }

  const setStatus = (status: 'paused' | 'active') =>
    toggle.run(async () => {
      await ok(matchRoute.$patch({ param, json: { status } }))
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
      <Notice testid="match-notice">{notice}</Notice>
      <FactList
        facts={[
          {
            label: t('board.mentee'),
            value: (
              <a href={participantPath(slug, programId, match.mentee.id)} data-testid="match-mentee">
                <bdi>{match.mentee.displayName}</bdi>
              </a>
            ),
          },
          {
            label: t('board.mentor'),
            value: (
              <a href={participantPath(slug, programId, match.mentor.id)} data-testid="match-mentor">
                <bdi>{match.mentor.displayName}</bdi>
              </a>
            ),
          },
          { label: t('match.started'), value: day(match.startedAt) },
          match.plannedEndOn &&
            match.status !== 'ended' && {
              label: t('match.plannedEnd'),
              value: formatDate(dayDate(match.plannedEndOn), { dateStyle: 'medium' }),
              testid: 'match-planned-end',
            },
          match.endedAt && { label: t('match.ended'), value: day(match.endedAt) },
          match.endReason && {
            label: t('match.endReason'),
            value: endReasonLabel(t, match.endReason),
            testid: 'match-end-reason',
          },
          match.endNote && { label: t('match.endNote'), value: <bdi>{match.endNote}</bdi> },
          match.overrideReason && { label: t('match.override'), value: <bdi>{match.overrideReason}</bdi> },
        ]}
      />

      {match.status !== 'ended' && <RequestsToEnd match={match} />}

      <MeetingsPanel {...tandem} />

      <GoalsPanel {...tandem} />

      {canManage && match.status !== 'ended' && (
        <>
          <div class="actions">
            <Button
              testid={match.status === 'active' ? 'match-pause' : 'match-resume'}
              busy={toggle.busy}
              onClick={() => setStatus(match.status === 'active' ? 'paused' : 'active')}
            >
              {match.status === 'active' ? t('match.pause') : t('match.resume')}
            </Button>
          </div>
          <FormAlert message={toggle.message} />
          <PlannedEndForm
            key={match.plannedEndOn ?? ''}
            param={param}
            match={match}
            onSaved={(message) => {
              setNotice(message)
              props.onChanged()
            }}
          />
          <EndForm
            param={param}
            match={match}
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

/** What the mentee and the mentor asked in the portal; only coordinators see it. */
function RequestsToEnd(props: { match: Match }) {
  const { t } = useI18n()
  const requests = endRequestsOf(props.match)
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
            <EndRequestText side={side} request={request} />
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
