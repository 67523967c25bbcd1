import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { FormAlert, useSubmit } from '../../kit/form'
import { TextField } from '../../kit/inputs'
import { ok } from '../../lib/client'
import { type Match, matchRoute } from './matching'

/**
 * The day a tandem is planned to end, changed or cleared by a coordinator on the match page (decision 031). The
 * attention list shows a tandem from 14 days before that day.
 */
export function PlannedEndForm(props: {
  param: { org: string; program: string; match: string }
  match: Match
  onSaved: (message: string) => void
}) {
  const { t } = useI18n()
  const [value, setValue] = useState(props.match.plannedEndOn ?? '')
  const submit = useSubmit(['plannedEndOn'])
  const save = (plannedEndOn: string | null) =>
    submit.run(async () => {
      await ok(matchRoute['planned-end'].$put({ param: props.param, json: { plannedEndOn } }))
      props.onSaved(plannedEndOn ? t('match.plannedEndSaved') : t('match.plannedEndCleared'))
    })
  return (
    <form
      class="form form--inline"
      data-testid="planned-end-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void save(value || null)
      }}
    >
      <TextField
        id="planned-end"
        type="date"
        label={t('match.plannedEnd')}
        hint={t('match.plannedEndHint')}
        error={submit.fields.plannedEndOn}
        min={props.match.startedAt.slice(0, 10)}
        value={value}
        onValue={setValue}
      />
      <FormAlert message={submit.message} />
      <div class="actions">
        <button
          type="submit"
          class="button button--secondary"
          disabled={submit.busy}
          aria-busy={submit.busy ? 'true' : undefined}
          data-testid="planned-end-save"
        >
          {t('match.plannedEndSave')}
        </button>
      </div>
    </form>
  )
}
