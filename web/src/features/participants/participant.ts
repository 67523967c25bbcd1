import type { Translate } from '../../i18n/types'
import { type Answer, v1 } from '../../lib/client'
import { levelLabel } from '../../lib/labels'
import { languageLabel, listText } from '../../lib/text'
import type { ProgramData } from '../programs/program-page'

/** Participants as the API answers them. */
export const participantsRoute = v1.orgs[':org'].programs[':program'].participants
export const participantRoute = participantsRoute[':participant']
export type ParticipantSummary = Answer<typeof participantsRoute.$get>['items'][number]
export type ParticipantDetail = Answer<typeof participantRoute.$get>
/** A history entry; its `kind` may be one a newer API added (shown as is). */
export type HistoryEvent = Omit<ParticipantDetail['history'][number], 'kind'> & { kind: string }
export type LanguageSkill = ParticipantSummary['languages'][number]

/**
 * Whether a person is still waiting for a tandem (not matched, paused or gone): the participants table shows
 * since when — their enrolment, which is their place in the matching queue.
 */
export const isWaiting = (status: string) =>
  status === 'applied' || status === 'screening' || status === 'ready'

/** "Arabic (native), German (B1)" */
export function skillsText(skills: readonly LanguageSkill[], locale: string, t: Translate): string {
  return listText(
    locale,
    skills.map((s) => `${languageLabel(locale, s.code)} (${levelLabel(t, s.level)})`),
  )
}

/** What the parts of a participant's page get: the data, the record's API address, and page actions. */
export interface ParticipantView {
  data: ProgramData<ParticipantDetail>
  /** The participant's path params for the client (`participantRoute`). */
  param: { org: string; program: string; participant: string }
  canManage: boolean
  reload: () => void
  /** The page's polite status line. */
  notify: (message: string) => void
}
