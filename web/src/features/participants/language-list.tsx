import { useRef } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { CodeSelect } from '../../kit/inputs'
import { levelLabel } from '../../lib/labels'
import { languageLabel } from '../../lib/text'
import { CEFR_LEVELS } from '../../lib/vocabulary'
import type { LanguageSkill } from './participant'

export interface LanguageRow extends LanguageSkill {
  key: number
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
        {rows.map((row, index) => (
          <li key={row.key} class="language-row" data-testid="language-row">
            <CodeSelect
              id={`${props.idPrefix}-lang-${row.key}`}
              testid="language-code"
              label={t('participant.language', { number: index + 1 })}
              error={props.errors[`languages.${index}.code`]}
              required
              empty={{ label: t('form.choose'), disabled: true }}
              options={choices.includes(row.code) || !row.code ? choices : [row.code, ...choices]}
              labelOf={(code) => languageLabel(locale, code)}
              value={row.code}
              onValue={(code) => update(index, { code })}
            />
            <CodeSelect
              id={`${props.idPrefix}-level-${row.key}`}
              testid="language-level"
              label={t('participant.level', { number: index + 1 })}
              error={props.errors[`languages.${index}.level`]}
              options={CEFR_LEVELS}
              labelOf={(level) => levelLabel(t, level)}
              value={row.level}
              onValue={(level) => level && update(index, { level })}
            />
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
        ))}
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
