import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { CodeSelect } from '../../kit/inputs'
import { useRows } from '../../kit/use-rows'
import { levelLabel } from '../../lib/labels'
import { languageLabel } from '../../lib/text'
import type { LanguageSkill } from './participant'

/** One row of the list: a language and its level, either not chosen yet (''). */
export interface LanguageRow {
  key: number
  code: string
  level: LanguageSkill['level'] | ''
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
  /** Says what the list needs (e.g. "Required."). */
  hint?: string
  onChange: (rows: LanguageRow[]) => void
}) {
  const { t, locale } = useI18n()
  const { rows, choices } = props
  const { update, remove, add } = useRows(rows, props.onChange)
  const codeId = (key: number) => `${props.idPrefix}-lang-${key}`

  return (
    <fieldset class="choices" data-testid={`${props.idPrefix}-languages`}>
      <legend>{t('participant.languages')}</legend>
      {props.hint && <p class="field__hint">{props.hint}</p>}
      {props.errors.languages && (
        <p class="field__error" data-testid={`${props.idPrefix}-languages-error`}>
          {props.errors.languages}
        </p>
      )}
      <ol class="language-rows">
        {rows.map((row, index) => (
          <li key={row.key} class="language-row" data-testid="language-row">
            <CodeSelect
              id={codeId(row.key)}
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
              required
              empty={{ label: t('form.choose'), disabled: true }}
              codes={levelLabel}
              value={row.level}
              onValue={(level) => update(index, { level })}
            />
            {rows.length > 1 && (
              <Button small onClick={() => remove(index)}>
                {t('participant.languageRemove', { number: index + 1 })}
              </Button>
            )}
          </li>
        ))}
      </ol>
      <p>
        <Button
          small
          testid={`${props.idPrefix}-language-add`}
          onClick={() => add((key) => ({ key, code: '', level: '' }), codeId)}
        >
          {t('participant.languageAdd')}
        </Button>
      </p>
    </fieldset>
  )
}
