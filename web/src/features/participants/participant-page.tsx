import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Notice } from '../../kit/notice'
import { params } from '../../lib/client'
import { exitReasonLabel, participantRoleLabel, statusLabel } from '../../lib/labels'
import { RightsPanel } from '../data-protection/rights-panel'
import { canManagePrograms } from '../org/roles'
import { type ProgramData, ProgramPage, programRecord } from '../programs/program-page'
import { ScreeningSection } from '../screening/screening-section'
import { ProfileSection } from './details'
import { History } from './history'
import { Notes } from './notes'
import { type ParticipantDetail, type ParticipantView, participantRoute } from './participant'
import { PortalAccess } from './portal-access'
import { ProtectedPanel } from './protected-panel'
import { StatusForm } from './status-form'
import { Tandems } from './tandems'

/**
 * `/orgs/{org}/programs/{program}/participants/{participant}`: status, the profile (with Edit), tandems, coordinator
 * notes, portal access, screening, protected fields, history.
 */
export default function ParticipantPage(props: { program: string; participant: string }) {
  const { t } = useI18n()
  return (
    <ProgramPage
      program={props.program}
      title={t('participant.title')}
      docTitle={(data) => data.record.displayName}
      ownHeading
      {...programRecord(participantRoute, { program: props.program, participant: props.participant })}
      notFound={t('participant.notFound')}
    >
      {(data, reload) => <Profile data={data} reload={reload} />}
    </ProgramPage>
  )
}

function Profile(props: { data: ProgramData<ParticipantDetail>; reload: () => void }) {
  const { t } = useI18n()
  const { organization, program, role, record: participant } = props.data
  const [notice, setNotice] = useState('')
  const view: ParticipantView = {
    data: props.data,
    param: params({ org: organization.slug, program: program.id, participant: participant.id }),
    canManage: canManagePrograms(role),
    reload: props.reload,
    notify: setNotice,
  }
  return (
    <>
      <h1 data-testid="participant-name">
        <bdi>{participant.displayName}</bdi>
      </h1>
      {/* One polite live region for the page's success messages. */}
      <Notice testid="participant-notice">{notice}</Notice>
      <p class="lead">
        {participantRoleLabel(t, participant.role)}{' '}
        <span
          class={`badge badge--${participant.status}`}
          data-testid="participant-status"
          data-status={participant.status}
        >
          {statusLabel(t, participant.status)}
        </span>
        {participant.exitReason && (
          <>
            {' '}
            <span class="muted">({exitReasonLabel(t, participant.exitReason)})</span>
          </>
        )}
      </p>
      {view.canManage && <StatusForm key={participant.status} {...view} />}
      <ProfileSection {...view} />
      <Tandems {...view} />
      {view.canManage && <Notes {...view} />}
      {view.canManage && <PortalAccess {...view} />}
      {participant.screening && <ScreeningSection {...view} screening={participant.screening} />}
      {program.protectedFields.length > 0 && view.canManage && <ProtectedPanel {...view} />}
      <History events={participant.history} />
      <RightsPanel {...view} />
    </>
  )
}
