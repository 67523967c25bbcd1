import type { Translate } from '../../i18n/types'

/** A measure's name; survey figures (`survey.<question>.baseline|exit`) by their question code and moment. */
export function measureLabel(t: Translate, m: string) {
  const survey = /^survey\.(.+)\.(baseline|exit)$/.exec(m)
  if (survey)
    return t(survey[2] === 'exit' ? 'reports.surveyExit' : 'reports.surveyBaseline', {
      question: survey[1] ?? '',
    })
  return t(`reports.measure.${m}` as Parameters<Translate>[0])
}
