import { type ProtectedField, RESIDENCE_STATUSES } from '@tandem/vocab'
import type { InferRequestType } from 'hono/client'
import { useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { Form, FormFooter } from '../../kit/form'
import { CodeSelect, pickCode, TextArea, TextField } from '../../kit/inputs'
import { useForm } from '../../kit/use-form'
import { ApiError } from '../../lib/api'
import { fresh, ok } from '../../lib/client'
import { describeError } from '../../lib/errors'
import { protectedFieldLabel, residenceLabel } from '../../lib/labels'
import { listText } from '../../lib/text'
import { type ParticipantView, participantRoute } from './participant'

type ProtectedValues = Partial<Record<ProtectedField, string | null>>
type ProtectedChange = InferRequestType<typeof participantRoute.protected.$put>['json']

/** Protected fields: a stated purpose (each read is logged) before they are shown, then an edit form. */
export function ProtectedPanel(props: ParticipantView) {
  const { t, locale } = useI18n()
  const { program } = props.data
  const [purpose, setPurpose] = useState('')
  const [values, setValues] = useState<ProtectedValues | null>(null)
  // The version read: a save over someone else's newer change is refused (409 stale-write), not overwritten.
  const [version, setVersion] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ field?: string; message: string } | null>(null)
  const formRef = useRef<HTMLFormElement>(null)

  const message = (reason: unknown) =>
    reason instanceof ApiError && reason.status === 503
      ? t('protected.unavailable')
      : describeError(reason, t)

  const open = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const result = await ok(
        participantRoute.protected.$get({ param: props.param, query: { purpose: purpose.trim() } }, fresh()),
      )
      setValues(result.fields)
      setVersion(result.version)
    } catch (reason) {
      const field = reason instanceof ApiError ? reason.fieldError('purpose') : undefined
      setError(field ? { field: 'purpose', message: field } : { message: message(reason) })
      if (field) requestAnimationFrame(() => document.getElementById('protected-purpose')?.focus())
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="section" aria-labelledby="protected-heading" data-testid="protected-panel">
      <h2 id="protected-heading">{t('protected.heading')}</h2>
      <p class="alert alert--warning alert--spaced">{t('protected.warning')}</p>
      {values === null ? (
        <form ref={formRef} class="form card" onSubmit={open} data-testid="protected-open-form">
          <p>
            {t('protected.fieldsList', {
              fields: listText(
                locale,
                program.protectedFields.map((f) => protectedFieldLabel(t, f)),
              ),
            })}
          </p>
          <TextField
            id="protected-purpose"
            label={t('protected.purpose')}
            hint={t('protected.purposeHint')}
            error={error?.field === 'purpose' ? error.message : undefined}
            required
            minLength={5}
            maxLength={200}
            value={purpose}
            onValue={setPurpose}
          />
          <FormFooter
            submit={{ busy, message: error && !error.field ? error.message : null }}
            labels={[t('protected.show'), t('common.loading')]}
            testid="protected-show"
          />
        </form>
      ) : (
        <ProtectedEditor
          {...props}
          initial={values}
          version={version}
          onSaved={setVersion}
          onClose={() => setValues(null)}
        />
      )}
    </section>
  )
}

function ProtectedEditor(
  props: ParticipantView & {
    initial: ProtectedValues
    version: string
    onSaved: (version: string) => void
    onClose: () => void
  },
) {
  const { t } = useI18n()
  const fields = props.data.program.protectedFields
  const { formRef, values, field, submit } = useForm(
    {
      residenceStatus: pickCode(RESIDENCE_STATUSES, props.initial.residenceStatus ?? ''),
      healthNotes: props.initial.healthNotes ?? '',
    },
    ['residenceStatus', 'healthNotes'],
    {
      onError: (error) =>
        error.status === 503 ? { residenceStatus: t('protected.unavailable') } : undefined,
    },
  )

  return (
    <Form
      formRef={formRef}
      class="form card"
      testid="protected-form"
      onSubmit={() => {
        const body: ProtectedChange = { expectedVersion: props.version }
        if (fields.includes('residenceStatus')) body.residenceStatus = values.residenceStatus || null
        if (fields.includes('healthNotes')) body.healthNotes = values.healthNotes.trim() || null
        submit.run(async () => {
          const saved = await ok(participantRoute.protected.$put({ param: props.param, json: body }))
          props.onSaved(saved.version)
          props.notify(t('protected.saved'))
        })
      }}
    >
      {fields.includes('residenceStatus') && (
        <CodeSelect
          id="protected-residence"
          label={protectedFieldLabel(t, 'residenceStatus')}
          empty={{ label: t('protected.notRecorded') }}
          codes={residenceLabel}
          {...field('residenceStatus')}
        />
      )}
      {fields.includes('healthNotes') && (
        <TextArea
          id="protected-health"
          label={protectedFieldLabel(t, 'healthNotes')}
          rows={4}
          maxLength={2000}
          {...field('healthNotes')}
        />
      )}
      <FormFooter submit={submit} labels={[t('protected.save'), t('common.saving')]} testid="protected-save">
        <Button testid="protected-hide" onClick={props.onClose}>
          {t('protected.hide')}
        </Button>
      </FormFooter>
    </Form>
  )
}
