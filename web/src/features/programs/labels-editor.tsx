import type { LabelledVocabulary } from '@tandem/vocab'
import { useEffect, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { createTranslator, directionOf, LOCALES, languageName, loadCatalog } from '../../i18n/i18n'
import type { Translate } from '../../i18n/types'
import { CodeSelect, TextField } from '../../kit/inputs'
import { topicLabel } from '../../lib/vocabulary'
import { codesOf, type SettingsForm } from './settings-model'

type Labels = SettingsForm['labels']

/** The `t()` of another language, once its catalog has loaded (for the names Tandem ships in it). */
function useTranslatorOf(locale: string): Translate | null {
  const [loaded, setLoaded] = useState<{ locale: string; t: Translate } | null>(null)
  useEffect(() => {
    let current = true
    loadCatalog(locale)
      .then((catalog) => {
        if (current) setLoaded({ locale, t: createTranslator(locale, catalog) })
      })
      .catch(() => {})
    return () => {
      current = false
    }
  }, [locale])
  return loaded?.locale === locale ? loaded.t : null
}

/**
 * The program's own names for its interests, goal areas and training modules, one language at a time. An empty
 * name leaves the built-in one (shown as the placeholder) or the code in words.
 */
export function LabelsEditor(props: {
  disabled: boolean
  form: SettingsForm
  errors: Record<string, string>
  onChange: (labels: Labels) => void
}) {
  const { t, locale: uiLocale } = useI18n()
  const [locale, setLocale] = useState<string>(uiLocale)
  const targetT = useTranslatorOf(locale)
  const codes = codesOf(props.form)
  const { labels } = props.form
  const set = (vocabulary: LabelledVocabulary, code: string, name: string) =>
    props.onChange({
      ...labels,
      [vocabulary]: { ...labels[vocabulary], [code]: { ...labels[vocabulary][code], [locale]: name } },
    })
  const titles = new Map(props.form.trainingModules.map((row) => [row.id.trim(), row.title.trim()]))
  const fallback = (vocabulary: LabelledVocabulary, code: string) =>
    vocabulary === 'trainingModules' ? (titles.get(code) ?? code) : targetT ? topicLabel(targetT, code) : ''
  const groups = [
    ['goalAreas', t('settings.goalAreas')],
    ['interests', t('settings.interests')],
    ['trainingModules', t('settings.training')],
  ] as const
  const empty = groups.every(([vocabulary]) => codes[vocabulary].length === 0)

  return (
    <fieldset disabled={props.disabled} data-testid="settings-labels">
      <legend>{t('settings.labels')}</legend>
      <p class="field__hint">{t('settings.labelsHint')}</p>
      {props.errors.labels && <p class="field__error">{props.errors.labels}</p>}
      {empty ? (
        <p>{t('settings.labelsNone')}</p>
      ) : (
        <>
          <CodeSelect
            id="settings-labels-locale"
            label={t('settings.labelsLanguage')}
            options={LOCALES}
            labelOf={(code) => languageName(code)}
            lang
            value={locale}
            onValue={(code) => code && setLocale(code)}
          />
          {groups.map(([vocabulary, legend]) =>
            codes[vocabulary].length === 0 ? null : (
              <fieldset key={vocabulary} class="labels-group">
                <legend>{legend}</legend>
                {codes[vocabulary].map((code) => (
                  <TextField
                    key={`${vocabulary}-${code}-${locale}`}
                    id={`label-${vocabulary}-${code}`}
                    label={
                      <bdi dir="ltr" class="code">
                        {code}
                      </bdi>
                    }
                    error={props.errors[`labels.${vocabulary}.${code}.${locale}`]}
                    lang={locale}
                    dir={directionOf(locale)}
                    maxLength={80}
                    placeholder={fallback(vocabulary, code)}
                    value={labels[vocabulary][code]?.[locale] ?? ''}
                    onValue={(name) => set(vocabulary, code, name)}
                  />
                ))}
              </fieldset>
            ),
          )}
        </>
      )}
    </fieldset>
  )
}
