import { useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { Form, FormAlert, SubmitButton } from '../../kit/form'
import { CodeSelect, TextField } from '../../kit/inputs'
import { useRows } from '../../kit/use-rows'
import { todayIso } from '../../lib/dates'
import { referenceStatusLabel } from '../../lib/labels'
import { rowPaths } from '../../lib/lists'
import type { Reference } from './screening'
import { type ScreeningProps, useScreeningSave } from './use-screening-save'

/** The API takes at most five references. */
const MAX_REFERENCES = 5

interface ReferenceRow extends Reference {
  key: number
}

/** The mentor's references: name, relation, status and the day each arrived; up to five. */
export function ReferencesForm(props: ScreeningProps) {
  const { t } = useI18n()
  const formRef = useRef<HTMLFormElement>(null)
  const [rows, setRows] = useState<ReferenceRow[]>(() =>
    props.screening.references.map((r, key) => ({ ...r, key })),
  )
  const paths = ['references', ...rowPaths('references', rows, ['name', 'relation', 'status', 'receivedOn'])]
  const { submit, save } = useScreeningSave(props, paths, formRef)
  const { update, remove, add } = useRows(rows, setRows)
  const disabled = !props.canManage

  return (
    <Form
      formRef={formRef}
      class="form form--compact"
      testid="references-form"
      onSubmit={() => {
        save(
          {
            references: rows.map(({ key, ...r }) => ({
              name: r.name.trim(),
              relation: r.relation.trim(),
              status: r.status,
              receivedOn: r.status === 'requested' ? null : r.receivedOn || null,
            })),
          },
          t('screening.saved'),
        )
      }}
    >
      {rows.length === 0 && <p>{t('screening.noReferences')}</p>}
      {submit.fields.references && <p class="field__error">{submit.fields.references}</p>}
      <ol class="module-list">
        {rows.map((row, index) => (
          <li key={row.key} class="module-row" data-testid="reference-row">
            <TextField
              id={`ref-${row.key}-name`}
              testid="reference-name"
              label={t('screening.refName', { number: index + 1 })}
              error={submit.fields[`references.${index}.name`]}
              required
              maxLength={120}
              disabled={disabled}
              value={row.name}
              onValue={(name) => update(index, { name })}
            />
            <TextField
              id={`ref-${row.key}-relation`}
              testid="reference-relation"
              label={t('screening.refRelation')}
              error={submit.fields[`references.${index}.relation`]}
              maxLength={80}
              disabled={disabled}
              value={row.relation}
              onValue={(relation) => update(index, { relation })}
            />
            <CodeSelect
              id={`ref-${row.key}-status`}
              testid="reference-status"
              label={t('screening.refStatus')}
              error={submit.fields[`references.${index}.status`]}
              disabled={disabled}
              codes={referenceStatusLabel}
              value={row.status}
              onValue={(status) =>
                status &&
                update(index, {
                  status,
                  receivedOn: status === 'requested' ? null : row.receivedOn || todayIso(),
                })
              }
            />
            {row.status !== 'requested' && (
              <TextField
                id={`ref-${row.key}-date`}
                testid="reference-date"
                label={t('screening.refReceivedOn')}
                error={submit.fields[`references.${index}.receivedOn`]}
                type="date"
                disabled={disabled}
                value={row.receivedOn ?? ''}
                onValue={(day) => update(index, { receivedOn: day || null })}
              />
            )}
            {props.canManage && (
              <Button small onClick={() => remove(index)}>
                {t('screening.refRemove', { number: index + 1 })}
              </Button>
            )}
          </li>
        ))}
      </ol>
      {props.canManage && (
        <div class="actions">
          {rows.length < MAX_REFERENCES && (
            <Button
              testid="reference-add"
              onClick={() =>
                add(
                  (key) => ({ key, name: '', relation: '', status: 'requested', receivedOn: null }),
                  (key) => `ref-${key}-name`,
                )
              }
            >
              {t('screening.refAdd')}
            </Button>
          )}
          <SubmitButton
            busy={submit.busy}
            labels={[t('screening.refSave'), t('common.saving')]}
            testid="references-save"
          />
        </div>
      )}
      <FormAlert message={submit.message} />
    </Form>
  )
}
