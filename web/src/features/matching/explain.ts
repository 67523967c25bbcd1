import type { Translate } from '../../i18n/types'
import { criterionLabel, levelLabel, needLabel } from '../../lib/labels'
import { languageLabel, listText } from '../../lib/text'
import { topicLabel } from '../../lib/vocabulary'
import type { ExplanationItem } from './matching'

/** The name of a criterion ("Shared language"), or the code itself when unknown. */
export const criterionName = (t: Translate, criterion: string) =>
  criterion === 'constraint' ? t('board.constraint') : criterionLabel(t, criterion)

/** Minutes as hours ("4 h"), in the locale's digits. */
const hours = (locale: string, minutes: number) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(minutes / 60)

/**
 * One explanation item (packages/matching/src/scoring.ts) as a sentence in the coordinator's language:
 * the params are turned into words first (language codes → names, need and interest codes → labels (the
 * program's own names for its interests through `interest`), minutes → hours). An unknown key (from a newer engine) falls back to "{criterion}: {points} points".
 */
export function explainItem(
  t: Translate,
  locale: string,
  item: ExplanationItem,
  interest: (code: string) => string = (code) => topicLabel(t, code),
): string {
  const p = item.params
  const raw = (name: string) => p[name] ?? ''
  const str = (name: string) => String(raw(name))
  const num = (name: string) => (typeof p[name] === 'number' ? p[name] : Number(p[name] ?? 0))
  const codes = (name: string) =>
    str(name)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  switch (item.messageKey) {
    case 'match.constraint.excluded':
    case 'match.constraint.rejected_before':
    case 'match.constraint.safeguarding_gender':
    case 'match.language.interpreter':
    case 'match.language.none':
    case 'match.needs.none':
    case 'match.availability.unknown':
    case 'match.proximity.unknown':
    case 'match.sector.different':
      return t(item.messageKey)
    case 'match.constraint.screening_incomplete':
      return t(item.messageKey, { who: str('who') === 'mentee' ? t('role.mentee') : t('role.mentor') })
    case 'match.constraint.no_shared_language':
      return t(item.messageKey, { minLevel: levelLabel(t, str('minLevel')) })
    case 'match.constraint.too_far':
      return t(item.messageKey, { distanceKm: raw('distanceKm'), maxKm: raw('maxKm') })
    case 'match.constraint.availability':
      return t(item.messageKey, {
        hours: hours(locale, num('overlapMinutes')),
        minHours: hours(locale, num('minMinutes')),
      })
    case 'match.language.shared': {
      const language = languageLabel(locale, str('language'))
      if (str('level') === 'native') return t('board.explain.sharedNative', { language })
      return t(item.messageKey, { language, level: levelLabel(t, str('level')) })
    }
    case 'match.needs.covered':
      if (num('covered') === 0) return t('board.explain.noNeedsCovered', { total: num('total') })
      return t(item.messageKey, {
        count: num('covered'),
        total: raw('total'),
        needs: listText(
          locale,
          codes('needs').map((code) => needLabel(t, code)),
        ),
      })
    case 'match.availability.overlap':
      return t(item.messageKey, { hours: hours(locale, num('minutes')) })
    case 'match.proximity.distance':
      return t(item.messageKey, { distanceKm: raw('distanceKm') })
    case 'match.interests.shared':
      if (num('count') === 0) return t('board.explain.noInterests')
      return t(item.messageKey, {
        count: num('count'),
        interests: listText(locale, codes('interests').map(interest)),
      })
    case 'match.sector.same':
      return t(item.messageKey, { sector: raw('sector') })
    default:
      return t('board.explain.generic', { criterion: criterionName(t, item.criterion), points: item.points })
  }
}
