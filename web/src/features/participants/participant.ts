import type { Translate } from '../../i18n/types'
import { levelLabel } from '../../lib/labels'
import { languageLabel, listText } from '../../lib/text'
import type { CefrLevel, ExitReason, ParticipantRole, ParticipantStatus } from '../../lib/vocabulary'
import type { ProgramData } from '../programs/program-page'
import type { Screening } from '../screening/screening'

/** API shapes of participants (mirrors workers/api/src/features/participants); the API has the last word. */

export interface LanguageSkill {
  code: string
  level: CefrLevel
}

/** One row of the participants list. */
export interface ParticipantSummary {
  id: string
  programId: string
  role: ParticipantRole
  displayName: string
  email: string | null
  status: ParticipantStatus
  languages: LanguageSkill[]
  neighborhood: string | null
  /** Whether the person has a portal account linked. */
  portalLinked: boolean
  createdAt: string
}

export interface Participant extends ParticipantSummary {
  phone: string | null
  preferredLocale: string
  wantsInterpretation: boolean
  interests: string[]
  sector: string | null
  availability: string[]
  location: { lat: number; lon: number } | null
  settlementNeeds: string[]
  accessNeeds: string[]
  capacity: number
  demographics: Record<string, string | number> | null
  demographicsConsentAt: string | null
  consentVersion: string | null
  consentAt: string | null
  exitReason: ExitReason | null
  source: 'intake' | 'import' | 'coordinator' | 'seed'
  hasProtectedData: boolean
  updatedAt: string | null
}

export interface HistoryEvent {
  id: string
  kind: string
  detail: Record<string, unknown> | null
  actorUserId: string | null
  createdAt: string
}

/** `GET .../participants/{participant}` */
export interface ParticipantDetail extends Participant {
  screening: Screening | null
  history: HistoryEvent[]
  /** An open portal invitation, while the person has no portal access yet. */
  portalInvitation: { id: string; email: string; expiresAt: string } | null
}

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
  /** `…/participants/{participant}` in the API. */
  url: string
  canManage: boolean
  reload: () => void
  /** The page's polite status line. */
  notify: (message: string) => void
}
