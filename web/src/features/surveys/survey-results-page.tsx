import { translated } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { FactList } from '../../kit/fact-list'
import { fresh, ok, params } from '../../lib/client'
import { programPath } from '../../lib/paths'
import { OrgPage } from '../org/org-page'
import { canManagePrograms } from '../org/roles'
import { type SurveyDetail, surveyRoute } from './surveys'

/**
 * `/orgs/{org}/surveys/{survey}`: one survey for its coordinators — invited and answered, who answered a named
 * survey, and the answers per question (counts, means, short texts) once at least the organization's minimum
 * answered; before that, "too few answers to show". An anonymous survey never shows who answered: nobody knows.
 */
export default function SurveyResultsPage(props: { survey: string }) {
  const { t } = useI18n()
  return (
    <OrgPage
      title={t('surveys.results')}
      crumbs
      allowed={(o) => canManagePrograms(o.role)}
      loadKey={props.survey}
      load={(slug, signal) =>
        ok(surveyRoute.$get({ param: params({ org: slug, survey: props.survey }) }, fresh(signal)))
      }
    >
      {(page) => <Results slug={page.organization.slug} survey={page.data} />}
    </OrgPage>
  )
}

function Results(props: { slug: string; survey: SurveyDetail }) {
  const { t, locale } = useI18n()
  const s = props.survey
  const textOf = (code: string) => translated(s.questions.find((q) => q.code === code)?.text ?? {}, locale)
  const optionOf = (code: string, option: string) =>
    translated(
      s.questions.find((q) => q.code === code)?.options?.find((o) => o.code === option)?.label ?? {},
      locale,
    )
  return (
    <>
      <h2>
        <bdi>{translated(s.title, locale)}</bdi>
      </h2>
      <FactList
        facts={[
          { label: t('surveys.invited'), value: String(s.invited), testid: 'results-invited' },
          { label: t('surveys.answered'), value: String(s.answered), testid: 'results-answered' },
          { label: t('surveys.privacy'), value: s.anonymous ? t('surveys.anonymous') : t('surveys.named') },
        ]}
      />
      <p>
        <a href={programPath(props.slug, s.programId, '/surveys')}>{t('surveys.back')}</a>
      </p>
      {s.respondents && (
        <section aria-labelledby="results-who">
          <h2 id="results-who">{t('surveys.respondents')}</h2>
          <ul data-testid="results-respondents">
            {s.respondents.map((r) => (
              <li key={r.participantId}>
                <bdi>{r.name}</bdi> · {r.day}
              </li>
            ))}
          </ul>
        </section>
      )}
      {s.summary === null ? (
        <p class="notice" data-testid="results-too-few">
          {t('surveys.tooFew', { minimum: s.minimum })}
        </p>
      ) : (
        <section aria-labelledby="results-answers" data-testid="results-summary">
          <h2 id="results-answers">{t('surveys.answers')}</h2>
          {s.summaryOf < s.answered && (
            <p class="notice" data-testid="results-covered">
              {t('surveys.summaryOf', { covered: s.summaryOf, answered: s.answered, minimum: s.minimum })}
            </p>
          )}
          {s.summary.map((q) => (
            <div key={q.code} class="card">
              <h3>
                <bdi>{textOf(q.code)}</bdi>
              </h3>
              <p>
                {t('surveys.n', { n: q.n })}
                {q.mean !== null && <> · {t('surveys.mean', { mean: q.mean })}</>}
              </p>
              {q.counts && (
                <table class="table">
                  <caption class="visually-hidden">{textOf(q.code)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('surveys.answer')}</th>
                      <th scope="col">{t('surveys.count')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(q.counts).map(([k, n]) => (
                      <tr key={k}>
                        <th scope="row">
                          {q.type === 'likert' ? (
                            t(`survey.likert.${k as '1'}`)
                          ) : (
                            <bdi>{optionOf(q.code, k)}</bdi>
                          )}
                        </th>
                        <td>{n}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {q.texts && q.texts.length > 0 && (
                <ul>
                  {q.texts.map((text, i) => (
                    <li key={i}>
                      <bdi>{text}</bdi>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </section>
      )}
    </>
  )
}
