import { SURVEY_TEMPLATE_CODES, type SurveyTemplateCode, translated } from '@tandem/vocab'
import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Form, FormFooter, SubmitForm, useSubmit } from '../../kit/form'
import { Section } from '../../kit/section'
import { useAction } from '../../kit/use-action'
import { fresh, ok, params } from '../../lib/client'
import { orgPath, programPath } from '../../lib/paths'
import { languageLabel } from '../../lib/text'
import { ProgramPage } from '../programs/program-page'
import { SurveyBuilder } from './survey-builder'
import { programSurveysRoute, type SurveyItem, surveyRoute } from './surveys'

/**
 * `/orgs/{org}/programs/{program}/surveys`: the program's surveys with how many were invited and answered, which
 * texts lack which language, switched on or off; and adding one from the shipped templates (anonymous unless the
 * coordinator makes it named). Active surveys go out by email on their own: baseline when a tandem starts,
 * midpoint halfway, exit when it ends.
 */
export default function SurveysPage(props: { program: string }) {
  const { t } = useI18n()
  return (
    <ProgramPage
      program={props.program}
      title={t('surveys.title')}
      load={(slug, signal) =>
        ok(programSurveysRoute.$get({ param: params({ org: slug, program: props.program }) }, fresh(signal)))
      }
    >
      {(d, reload) => (
        <Surveys slug={d.organization.slug} program={props.program} items={d.record.items} reload={reload} />
      )}
    </ProgramPage>
  )
}

function Surveys(props: { slug: string; program: string; items: SurveyItem[]; reload: () => void }) {
  const { t, locale } = useI18n()
  const action = useAction<string>()
  const [building, setBuilding] = useState(false)
  const [editing, setEditing] = useState<string | null>(null)
  return (
    <>
      <p class="lead">{t('surveys.intro')}</p>
      <AddSurvey {...props} />
      <section class="card" aria-labelledby="survey-build">
        <h2 id="survey-build">{t('surveys.build.heading')}</h2>
        {building ? (
          <SurveyBuilder
            slug={props.slug}
            program={props.program}
            onSaved={() => {
              setBuilding(false)
              props.reload()
            }}
            onCancel={() => setBuilding(false)}
          />
        ) : (
          <button
            type="button"
            class="button button--secondary"
            data-testid="survey-build-open"
            onClick={() => setBuilding(true)}
          >
            {t('surveys.build.open')}
          </button>
        )}
      </section>
      {action.error && (
        <p class="alert alert--error" role="alert">
          {action.error}
        </p>
      )}
      {props.items.length === 0 ? (
        <p data-testid="surveys-empty">{t('surveys.none')}</p>
      ) : (
        <ul class="cards" data-testid="surveys-list">
          {props.items.map((s) => (
            <li key={s.id} class="card" data-testid="survey-card" data-survey={s.id}>
              <h2>
                <a href={orgPath(props.slug, `/surveys/${s.id}`)}>
                  <bdi>{translated(s.title, locale)}</bdi>
                </a>
              </h2>
              <p>
                {t(`surveys.kind.${s.kind}`)} · {t(`surveys.audience.${s.audience}`)} ·{' '}
                {s.anonymous ? t('surveys.anonymous') : t('surveys.named')} ·{' '}
                <span data-testid="survey-active">
                  {s.active ? t('surveys.active') : t('surveys.inactive')}
                </span>
              </p>
              <p data-testid="survey-counts">
                {t('surveys.counts', { invited: s.invited, answered: s.answered })}
              </p>
              {s.missingTranslations.length > 0 && (
                <details class="disclosure" data-testid="survey-missing">
                  <summary>{t('surveys.missing', { n: s.missingTranslations.length })}</summary>
                  <Translate slug={props.slug} survey={s} reload={props.reload} />
                </details>
              )}
              {s.answered === 0 &&
                (editing === s.id ? (
                  <SurveyBuilder
                    slug={props.slug}
                    program={props.program}
                    survey={s}
                    onSaved={() => {
                      setEditing(null)
                      props.reload()
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <button
                    type="button"
                    class="button button--secondary"
                    data-testid="survey-edit"
                    onClick={() => setEditing(s.id)}
                  >
                    {t('surveys.build.edit')}
                  </button>
                ))}
              <button
                type="button"
                class="button button--secondary"
                disabled={action.busy === s.id}
                data-testid="survey-toggle"
                onClick={() =>
                  action.run(s.id, async () => {
                    await ok(
                      surveyRoute.$patch({
                        param: params({ org: props.slug, survey: s.id }),
                        json: { active: !s.active },
                      }),
                    )
                    props.reload()
                  })
                }
              >
                {s.active ? t('surveys.deactivate') : t('surveys.activate')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

/** The text at a `missingTranslations` path (`title`, `questions.2.text`, `questions.2.options.1.label`). */
function textsAt(
  survey: Pick<SurveyItem, 'title' | 'questions'>,
  path: string,
): Record<string, string> | undefined {
  let node: unknown = survey
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
  return node as Record<string, string> | undefined
}

/**
 * The texts that lack a language, each with an input per missing language (the text in the reader's language, or
 * its fallback, shown as the label). Saving changes only texts, so it works after people answered too.
 */
function Translate(props: { slug: string; survey: SurveyItem; reload: () => void }) {
  const { t, locale } = useI18n()
  const s = props.survey
  const [values, setValues] = useState<Record<string, string>>({})
  const submit = useSubmit(['title', 'questions'])
  const key = (path: string, lang: string) => `${path}|${lang}`
  return (
    <Form
      class="form"
      testid="survey-translate"
      onSubmit={() =>
        submit.run(async () => {
          const next = structuredClone({ title: s.title, questions: s.questions })
          for (const [k, value] of Object.entries(values)) {
            const [path, lang] = k.split('|') as [string, string]
            const texts = textsAt(next, path)
            if (texts && value.trim()) texts[lang] = value.trim()
          }
          await ok(surveyRoute.$patch({ param: params({ org: props.slug, survey: s.id }), json: next }))
          setValues({})
          props.reload()
        })
      }
    >
      <p class="aside">{t('surveys.translateHint')}</p>
      {s.missingTranslations.flatMap((m) =>
        m.missing.map((lang) => {
          const id = `tr-${s.id}-${m.path}-${lang}`.replace(/\./g, '-')
          return (
            <div class="field" key={key(m.path, lang)}>
              <label for={id}>
                <bdi>{translated(textsAt(s, m.path) ?? {}, locale)}</bdi> → {languageLabel(locale, lang)}
              </label>
              <input
                id={id}
                lang={lang}
                dir={lang === 'ar' || lang === 'fa' ? 'rtl' : 'ltr'}
                value={values[key(m.path, lang)] ?? ''}
                onInput={(e) => {
                  const value = e.currentTarget.value
                  setValues((v) => ({ ...v, [key(m.path, lang)]: value }))
                }}
              />
            </div>
          )
        }),
      )}
      <FormFooter submit={submit} labels={[t('surveys.translateSave'), t('common.saving')]} />
    </Form>
  )
}

function AddSurvey(props: { slug: string; program: string; reload: () => void }) {
  const { t } = useI18n()
  const [template, setTemplate] = useState<SurveyTemplateCode>('newcomer-baseline')
  const [named, setNamed] = useState(false)
  const submit = useSubmit(['template', 'anonymous'])
  return (
    <Section id="survey-add" class="card" heading={t('surveys.add')}>
      <SubmitForm
        form={{ submit }}
        name="survey-add"
        submitTestid="survey-add"
        labels={[t('surveys.addButton'), t('common.saving')]}
        onSubmit={() =>
          submit.run(async () => {
            await ok(
              programSurveysRoute.$post({
                param: params({ org: props.slug, program: props.program }),
                json: { template, anonymous: !named },
              }),
            )
            props.reload()
          })
        }
      >
        <div class="field">
          <label for="survey-template">{t('surveys.template')}</label>
          <select
            id="survey-template"
            data-testid="survey-template"
            value={template}
            onChange={(e) => setTemplate(e.currentTarget.value as SurveyTemplateCode)}
          >
            {SURVEY_TEMPLATE_CODES.map((code) => (
              <option key={code} value={code}>
                {t(`surveys.template.${code}`)}
              </option>
            ))}
          </select>
        </div>
        <label class="choice">
          <input
            type="checkbox"
            class="choice__input"
            checked={named}
            data-testid="survey-named"
            onChange={(e) => setNamed(e.currentTarget.checked)}
          />
          <span>{t('surveys.makeNamed')}</span>
        </label>
      </SubmitForm>
    </Section>
  )
}

/** Where a program's surveys are. */
export const surveysPath = (slug: string, program: string) => programPath(slug, program, '/surveys')
