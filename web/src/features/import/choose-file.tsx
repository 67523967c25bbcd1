import type { ParticipantRole } from '@tandem/vocab'
import { useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Field, FormFooter, useSubmit } from '../../kit/form'
import { CodeSelect } from '../../kit/inputs'
import { ok, params } from '../../lib/client'
import { participantRoleLabel } from '../../lib/labels'
import { programPath } from '../../lib/paths'
import { importsRoute, MAX_FILE_BYTES, type Preview, type StepProps } from './import'

/** Step 1: the file (read as text in the browser) and the role for rows without one. */
export function ChooseFile(props: StepProps & { onPreview: (preview: Preview) => void }) {
  const { t, formatNumber } = useI18n()
  const { organization, program } = props.data
  const formRef = useRef<HTMLFormElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [role, setRole] = useState<ParticipantRole | ''>('')
  const [fileError, setFileError] = useState<string | undefined>()
  const submit = useSubmit(['csv', 'role'], { formRef })

  const refuse = (message: string) => {
    setFileError(message)
    document.getElementById('import-file')?.focus()
  }

  const onSubmit = async (event: Event) => {
    event.preventDefault()
    setFileError(undefined)
    if (!file) return refuse(t('import.noFile'))
    if (file.size > MAX_FILE_BYTES) {
      return refuse(t('import.tooBig', { size: formatNumber(Math.round(MAX_FILE_BYTES / 1024)) }))
    }
    submit.run(async () => {
      // Read as UTF-8 text in the browser; the server detects the separator and drops a byte-order mark.
      const csv = await file.text()
      const param = params({ org: organization.slug, program: program.id })
      const preview = await ok(importsRoute.$post({ param, json: { csv, ...(role ? { role } : {}) } }))
      props.onPreview(preview)
    })
  }

  return (
    <section aria-labelledby="import-choose-heading">
      <h2 id="import-choose-heading" ref={props.headingRef} tabIndex={-1}>
        {t('import.chooseHeading')}
      </h2>
      <p>{t('import.chooseIntro')}</p>
      <ul class="hint-list">
        <li>{t('import.hintColumns')}</li>
        <li>{t('import.hintLanguages')}</li>
        <li>{t('import.hintSeparator')}</li>
        <li>{t('import.hintNothingYet')}</li>
      </ul>
      <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="import-form">
        <Field
          id="import-file"
          label={t('import.file')}
          hint={t('import.fileHint')}
          error={fileError ?? submit.fields.csv}
        >
          {(control) => (
            <input
              {...control}
              data-testid="import-file"
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              onChange={(event) => {
                setFileError(undefined)
                setFile(event.currentTarget.files?.[0] ?? null)
              }}
            />
          )}
        </Field>
        <CodeSelect
          id="import-role"
          label={t('import.role')}
          hint={t('import.roleHint')}
          error={submit.fields.role}
          empty={{ label: t('import.roleFromFile') }}
          codes={participantRoleLabel}
          value={role}
          onValue={setRole}
        />
        <FormFooter
          submit={submit}
          labels={[t('import.check'), t('import.checking')]}
          testid="import-check"
        />
      </form>
      <p>
        <a href={programPath(organization.slug, program.id)}>{t('import.backToList')}</a>
      </p>
    </section>
  )
}
