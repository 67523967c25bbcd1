import type { ParticipantRole } from '@tandem/vocab'
import { useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Field, FormFooter, useSubmit } from '../../kit/form'
import { CodeSelect } from '../../kit/inputs'
import { ApiError } from '../../lib/api'
import { ok, params } from '../../lib/client'
import { participantRoleLabel, problemLabel } from '../../lib/labels'
import { programPath } from '../../lib/paths'
import { isolate } from '../../lib/text'
import { importsRoute, type Preview, type StepProps } from './import'
import {
  base64Of,
  isWorkbook,
  jsonBytes,
  MAX_BODY_BYTES,
  MAX_CSV_BYTES,
  MAX_XLSX_BYTES,
  type Source,
} from './upload'

type Body = { file: string } | { csv: string }

/**
 * Step 1: the file and the role for rows without one. A CSV is sent as its bytes (the server detects the
 * encoding); an .xlsx workbook's first sheet is converted to CSV here, with a library loaded only then.
 */
export function ChooseFile(props: StepProps & { onPreview: (preview: Preview, source: Source) => void }) {
  const { t, formatNumber } = useI18n()
  const { organization, program } = props.data
  const formRef = useRef<HTMLFormElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [role, setRole] = useState<ParticipantRole | ''>('')
  const [fileError, setFileError] = useState<string | undefined>()
  const submit = useSubmit(['csv', 'file', 'role'], { formRef })

  const refuse = (message: string) => {
    setFileError(message)
    document.getElementById('import-file')?.focus()
  }
  const tooBig = (bytes: number) => t('import.tooBig', { size: formatNumber(Math.round(bytes / 1024)) })

  /** The body and where it came from, or a message for the file field. */
  async function prepare(chosen: File, workbook: boolean): Promise<[Body, Source] | string> {
    if (!workbook) return [{ file: await base64Of(chosen) }, { kind: 'csv' }]
    const { readWorkbook, rowsToCsv, WorkbookError } = await import('./xlsx')
    try {
      const book = await readWorkbook(chosen)
      if (book.rows.every((row) => row.every((cell) => cell.trim() === '')))
        return t('import.sheetEmpty', { sheet: isolate(book.sheet) })
      const body = { csv: rowsToCsv(book.rows) }
      if (jsonBytes(body) > MAX_BODY_BYTES) return t('import.sheetTooBig')
      return [body, { kind: 'xlsx', sheet: book.sheet, sheetCount: book.sheetCount }]
    } catch (error) {
      if (!(error instanceof WorkbookError)) throw error
      return t(error.reason === 'xls' ? 'import.xlsOld' : 'import.xlsxUnreadable')
    }
  }

  const onSubmit = async (event: Event) => {
    event.preventDefault()
    setFileError(undefined)
    if (!file) return refuse(t('import.noFile'))
    const workbook = await isWorkbook(file)
    const limit = workbook ? MAX_XLSX_BYTES : MAX_CSV_BYTES
    if (file.size > limit) return refuse(tooBig(limit))
    submit.run(async () => {
      const prepared = await prepare(file, workbook)
      if (typeof prepared === 'string') return refuse(prepared)
      const [body, source] = prepared
      const param = params({ org: organization.slug, program: program.id })
      try {
        const preview = await ok(importsRoute.$post({ param, json: { ...body, ...(role ? { role } : {}) } }))
        props.onPreview(preview, source)
      } catch (error) {
        // Characters the server cannot read: say what to do in the reader's language, next to the file.
        if (error instanceof ApiError && error.code === 'csv-encoding-unsupported')
          return refuse(problemLabel(t, error.code))
        throw error
      }
    })
  }

  return (
    <section aria-labelledby="import-choose-heading">
      <h2 id="import-choose-heading" ref={props.headingRef} tabIndex={-1}>
        {t('import.chooseFileHeading')}
      </h2>
      <p>{t('import.chooseFileIntro')}</p>
      <ul class="hint-list">
        <li>{t('import.hintColumns')}</li>
        <li>{t('import.hintLanguages')}</li>
        <li>{t('import.hintSeparator')}</li>
        <li>{t('import.hintFormats')}</li>
        <li>{t('import.hintNothingYet')}</li>
      </ul>
      <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="import-form">
        <Field
          id="import-file"
          label={t('import.fileLabel')}
          hint={t('import.fileTypesHint', {
            csv: formatNumber(Math.round(MAX_CSV_BYTES / 1024)),
            xlsx: formatNumber(Math.round(MAX_XLSX_BYTES / 1024 / 1024)),
          })}
          error={fileError ?? submit.fields.file ?? submit.fields.csv}
        >
          {(control) => (
            <input
              {...control}
              data-testid="import-file"
              type="file"
              accept=".csv,.xlsx,.txt,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
