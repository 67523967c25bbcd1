import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { TextField } from '../../kit/inputs'
import { useRows } from '../../kit/use-rows'
import { suggestModuleId } from '../../lib/text'
import type { ModuleRow } from './settings-model'

/** The program's training modules: an editable list; a module's code is suggested from its title. */
export function TrainingModules(props: {
  disabled: boolean
  rows: ModuleRow[]
  errors: Record<string, string>
  onChange: (rows: ModuleRow[]) => void
}) {
  const { t } = useI18n()
  const { rows, errors } = props
  const { update, remove, add } = useRows(rows, props.onChange)

  return (
    <fieldset disabled={props.disabled} data-testid="training-modules">
      <legend>{t('settings.training')}</legend>
      <p class="field__hint">{t('settings.trainingHint')}</p>
      {errors.trainingModules && (
        <p class="field__error" data-testid="settings-training-error">
          {errors.trainingModules}
        </p>
      )}
      {rows.length === 0 && <p data-testid="training-empty">{t('settings.trainingEmpty')}</p>}
      <ol class="module-list">
        {rows.map((row, index) => (
          <li key={row.key} class="module-row" data-testid="training-module">
            <TextField
              id={`module-${row.key}-title`}
              testid="module-title"
              label={t('settings.moduleTitle', { number: index + 1 })}
              error={errors[`trainingModules.${index}.title`]}
              required
              maxLength={200}
              value={row.title}
              onValue={(title) =>
                update(index, row.idEdited ? { title } : { title, id: suggestModuleId(title) })
              }
            />
            <TextField
              id={`module-${row.key}-id`}
              testid="module-id"
              label={t('settings.moduleId', { number: index + 1 })}
              hint={t('settings.moduleIdHint')}
              error={errors[`trainingModules.${index}.id`]}
              dir="ltr"
              required
              maxLength={40}
              pattern="[a-z0-9_\-]{1,40}"
              autocapitalize="none"
              autocomplete="off"
              spellcheck={false}
              value={row.id}
              onValue={(id) => update(index, { id, idEdited: true })}
            />
            <Button small testid="module-remove" onClick={() => remove(index)}>
              {t('settings.moduleRemove', { number: index + 1 })}
            </Button>
          </li>
        ))}
      </ol>
      <p>
        <Button
          testid="module-add"
          onClick={() =>
            add(
              (key) => ({ key, id: '', title: '', idEdited: false }),
              (key) => `module-${key}-title`,
            )
          }
        >
          {t('settings.moduleAdd')}
        </Button>
      </p>
    </fieldset>
  )
}
