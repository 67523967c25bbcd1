import { useRef } from 'preact/hooks'
import { useI18n } from '../i18n/context'
import {
  CEFR_LEVELS,
  type CefrLevel,
  type LanguageSkill,
  languageLabel,
  levelLabel,
  listText,
} from '../programs'
import { Field } from './form'

export interface LanguageRow extends LanguageSkill {
  key: number
}

/** "Arabic (native), German (B1)" */
export function skillsText(
  skills: readonly LanguageSkill[],
  locale: string,
  t: Parameters<typeof levelLabel>[0],
): string {
  return listText(
    locale,
    skills.map((s) => `${languageLabel(locale, s.code)} (${levelLabel(t, s.level)})`),
  )
}

/**
 * The languages a person speaks, with a level each: one row per language (a language select and a
 * level select), "Add a language" and "Remove". Errors come by path: `languages.<i>.code`.
 */
export function LanguageList(props: {
  idPrefix: string
  rows: LanguageRow[]
  choices: readonly string[]
  errors: Record<string, string>
  onChange: (rows: LanguageRow[]) => void
}) {
  const { t, locale } = useI18n()
  const nextKey = useRef(props.rows.reduce((max, row) => Math.max(max, row.key + 1), 0))
  const { rows, choices } = props
  const update = (index: number, change: Partial<LanguageRow>) =>
    props.onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)))

  return (
    <fieldset class="choices" data-testid={`${props.idPrefix}-languages`}>
      <legend>{t('participant.languages')}</legend>
      {props.errors.languages && (
        <p class="field__error" data-testid={`${props.idPrefix}-languages-error`}>
          {props.errors.languages}
        </p>
      )}
      <ol class="language-rows">
        {rows.map((row, index) => {
          const options = choices.includes(row.code) || !row.code ? choices : [row.code, ...choices]
          return (
            <li key={row.key} class="language-row" data-testid="language-row">
              <Field
                id={`${props.idPrefix}-lang-${row.key}`}
                label={t('participant.language', { number: index + 1 })}
                error={props.errors[`languages.${index}.code`]}
              >
                {(control) => (
                  <select
                    {...control}
                    data-testid="language-code"
                    required
                    value={row.code}
                    onChange={(event) => update(index, { code: event.currentTarget.value })}
                  >
                    <option value="" disabled>
                      {t('form.choose')}
                    </option>
                    {options.map((code) => (
                      <option key={code} value={code}>
                        {languageLabel(locale, code)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                id={`${props.idPrefix}-level-${row.key}`}
                label={t('participant.level', { number: index + 1 })}
                error={props.errors[`languages.${index}.level`]}
              >
                {(control) => (
                  <select
                    {...control}
                    data-testid="language-level"
                    value={row.level}
                    onChange={(event) => update(index, { level: event.currentTarget.value as CefrLevel })}
                  >
                    {CEFR_LEVELS.map((level) => (
                      <option key={level} value={level}>
                        {levelLabel(t, level)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {rows.length > 1 && (
                <button
                  type="button"
                  class="button button--secondary button--small"
                  onClick={() => props.onChange(rows.filter((_, i) => i !== index))}
                >
                  {t('participant.languageRemove', { number: index + 1 })}
                </button>
              )}
            </li>
          )
        })}
      </ol>
      <p>
        <button
          type="button"
          class="button button--secondary button--small"
          data-testid={`${props.idPrefix}-language-add`}
          onClick={() => {
            const key = nextKey.current++
            props.onChange([...rows, { key, code: '', level: 'B1' }])
            requestAnimationFrame(() => document.getElementById(`${props.idPrefix}-lang-${key}`)?.focus())
          }}
        >
          {t('participant.languageAdd')}
        </button>
      </p>
    </fieldset>
  )
}
