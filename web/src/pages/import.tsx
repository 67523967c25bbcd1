import type { RefObject } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { apiGet, apiSend } from '../api'
import { describeError, Field, FormAlert, SubmitButton, useSubmit } from '../components/form'
import { ProgramPage } from '../components/program-page'
import { useI18n } from '../i18n/context'
import {
  type OrgProgram,
  type ParticipantRole,
  participantRoleLabel,
  programApi,
  programPath,
} from '../programs'

/** `GET …/imports/{import}` */
interface ImportState {
  id: string
  programId: string
  status: 'previewed' | 'applying' | 'done' | 'failed' | 'cancelled'
  totalRows: number
  validRows: number
  appliedRows: number
  skippedRows: number
  /** Percent of the valid rows handled so far. */
  progress: number
  errors: { row: number; column: string | null; message: string }[]
  errorCount: number
  warnings: { column: string; message: string }[]
  failure: string | null
  expiresAt: string
  createdAt: string
  updatedAt: string
}

/** `POST …/imports`: the dry run. */
interface Preview extends ImportState {
  rows: { row: number; action: 'create'; displayName: string; role: string }[]
}

/** The API takes at most 1 MB per request; the file travels inside JSON, so leave room. */
const MAX_FILE_BYTES = 900 * 1024
const POLL_MS = 1000
/** Rows to create listed in the preview (the rest are counted). */
const SHOWN_ROWS = 200

type Step =
  | { kind: 'choose' }
  | { kind: 'preview'; preview: Preview }
  | { kind: 'applying'; state: ImportState }
  | { kind: 'finished'; state: ImportState }

/** `/orgs/{org}/programs/{program}/import`: CSV file → preview (dry run) → confirm → progress → summary. */
export default function ImportWizard(props: { org: string; program: string }) {
  const { t } = useI18n()
  return (
    <ProgramPage org={props.org} program={props.program} title={t('import.title')}>
      {(data) => <Wizard data={data} />}
    </ProgramPage>
  )
}

function Wizard(props: { data: OrgProgram }) {
  const { t } = useI18n()
  const [step, setStep] = useState<Step>({ kind: 'choose' })
  const heading = useRef<HTMLHeadingElement>(null)
  // Each step starts with its heading focused, so screen readers announce where the person is.
  useEffect(() => {
    heading.current?.focus()
  }, [step.kind])

  const steps = ['choose', 'preview', 'applying', 'finished'] as const
  const current = steps.indexOf(step.kind)
  const labels = [t('import.step1'), t('import.step2'), t('import.step3'), t('import.step4')]

  return (
    <>
      <ol class="steps" aria-label={t('import.steps')}>
        {labels.map((label, index) => (
          <li
            key={label}
            class={`steps__item ${index === current ? 'steps__current' : index < current ? 'steps__done' : ''}`}
            aria-current={index === current ? 'step' : undefined}
          >
            {label}
          </li>
        ))}
      </ol>
      {step.kind === 'choose' && (
        <ChooseFile
          data={props.data}
          headingRef={heading}
          onPreview={(preview) => setStep({ kind: 'preview', preview })}
        />
      )}
      {step.kind === 'preview' && (
        <PreviewStep
          data={props.data}
          preview={step.preview}
          headingRef={heading}
          onBack={() => setStep({ kind: 'choose' })}
          onApplying={(state) => setStep({ kind: 'applying', state })}
        />
      )}
      {step.kind === 'applying' && (
        <Progress
          data={props.data}
          initial={step.state}
          headingRef={heading}
          onFinished={(state) => setStep({ kind: 'finished', state })}
        />
      )}
      {step.kind === 'finished' && (
        <Summary
          data={props.data}
          state={step.state}
          headingRef={heading}
          onAgain={() => setStep({ kind: 'choose' })}
        />
      )}
    </>
  )
}

interface StepProps {
  data: OrgProgram
  headingRef: RefObject<HTMLHeadingElement | null>
}

function ChooseFile(props: StepProps & { onPreview: (preview: Preview) => void }) {
  const { t, formatNumber } = useI18n()
  const { organization, program } = props.data
  const formRef = useRef<HTMLFormElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [role, setRole] = useState<ParticipantRole | ''>('')
  const [fileError, setFileError] = useState<string | undefined>()
  const submit = useSubmit(['csv', 'role'], { formRef })

  const onSubmit = async (event: Event) => {
    event.preventDefault()
    setFileError(undefined)
    if (!file) {
      setFileError(t('import.noFile'))
      document.getElementById('import-file')?.focus()
      return
    }
    if (file.size > MAX_FILE_BYTES) {
      setFileError(t('import.tooBig', { size: formatNumber(Math.round(MAX_FILE_BYTES / 1024)) }))
      document.getElementById('import-file')?.focus()
      return
    }
    submit.run(async () => {
      // Read as UTF-8 text in the browser; the server detects the separator and drops a byte-order mark.
      const csv = await file.text()
      const preview = await apiSend<Preview>('POST', programApi(organization.slug, program.id, '/imports'), {
        csv,
        ...(role ? { role } : {}),
      })
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
        <Field
          id="import-role"
          label={t('import.role')}
          hint={t('import.roleHint')}
          error={submit.fields.role}
        >
          {(control) => (
            <select
              {...control}
              data-testid="import-role"
              value={role}
              onChange={(event) => setRole(event.currentTarget.value as ParticipantRole | '')}
            >
              <option value="">{t('import.roleFromFile')}</option>
              <option value="mentee">{participantRoleLabel(t, 'mentee')}</option>
              <option value="mentor">{participantRoleLabel(t, 'mentor')}</option>
            </select>
          )}
        </Field>
        <FormAlert message={submit.message} />
        <SubmitButton
          busy={submit.busy}
          label={t('import.check')}
          busyLabel={t('import.checking')}
          testid="import-check"
        />
      </form>
      <p>
        <a href={programPath(organization.slug, program.id)}>{t('import.backToList')}</a>
      </p>
    </section>
  )
}

function PreviewStep(
  props: StepProps & { preview: Preview; onBack: () => void; onApplying: (state: ImportState) => void },
) {
  const { t } = useI18n()
  const { organization, program } = props.data
  const { preview } = props
  const [busy, setBusy] = useState<'apply' | 'cancel' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const url = programApi(organization.slug, program.id, `/imports/${encodeURIComponent(preview.id)}`)
  const errorRows = new Set(preview.errors.map((e) => e.row)).size

  const apply = async () => {
    setBusy('apply')
    setError(null)
    try {
      props.onApplying(await apiSend<ImportState>('POST', `${url}/apply`))
    } catch (reason) {
      setError(describeError(reason, t))
      setBusy(null)
    }
  }

  const cancel = async () => {
    setBusy('cancel')
    setError(null)
    try {
      await apiSend('DELETE', url)
    } catch {
      // Nothing was created either way; an unused preview expires by itself.
    }
    props.onBack()
  }

  return (
    <section aria-labelledby="import-preview-heading" data-testid="import-preview">
      <h2 id="import-preview-heading" ref={props.headingRef} tabIndex={-1}>
        {t('import.previewHeading')}
      </h2>
      <p class="alert alert--spaced" data-testid="import-nothing-yet">
        {t('import.nothingYet')}
      </p>
      <dl class="facts" data-testid="import-counts">
        <div>
          <dt>{t('import.rowsInFile')}</dt>
          <dd data-testid="import-total">{preview.totalRows}</dd>
        </div>
        <div>
          <dt>{t('import.rowsToCreate')}</dt>
          <dd data-testid="import-valid">{preview.validRows}</dd>
        </div>
        <div>
          <dt>{t('import.rowsWithErrors')}</dt>
          <dd data-testid="import-error-rows">{errorRows}</dd>
        </div>
      </dl>

      {preview.warnings.length > 0 && (
        <section class="section" aria-labelledby="import-warnings-heading">
          <h3 id="import-warnings-heading">{t('import.warnings')}</h3>
          <ul data-testid="import-warnings">
            {preview.warnings.map((w) => (
              <li key={`${w.column}:${w.message}`}>
                <bdi>{w.column}</bdi>: <span lang="en">{w.message}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {preview.errors.length > 0 && (
        <section class="section" aria-labelledby="import-errors-heading">
          <h3 id="import-errors-heading">{t('import.errors', { count: preview.errorCount })}</h3>
          <p>{t('import.errorsIntro')}</p>
          <table class="table" data-testid="import-errors">
            <thead>
              <tr>
                <th scope="col">{t('import.row')}</th>
                <th scope="col">{t('import.column')}</th>
                <th scope="col">{t('import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.errors.map((e, index) => (
                <tr
                  // The same row can have several problems.
                  key={`${e.row}:${index}`}
                  data-testid="import-error"
                  data-row={e.row}
                  data-column={e.column ?? ''}
                >
                  <td data-label={t('import.row')}>{e.row}</td>
                  <td data-label={t('import.column')}>
                    {e.column ? <bdi>{e.column}</bdi> : t('import.wholeRow')}
                  </td>
                  <td data-label={t('import.problem')}>
                    <span lang="en" dir="ltr">
                      {e.message}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.errorCount > preview.errors.length && (
            <p>{t('import.moreErrors', { count: preview.errorCount - preview.errors.length })}</p>
          )}
        </section>
      )}

      {preview.rows.length > 0 && (
        <section class="section" aria-labelledby="import-rows-heading">
          <h3 id="import-rows-heading">{t('import.toCreate', { count: preview.validRows })}</h3>
          <table class="table" data-testid="import-rows">
            <thead>
              <tr>
                <th scope="col">{t('import.row')}</th>
                <th scope="col">{t('members.name')}</th>
                <th scope="col">{t('participants.role')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, SHOWN_ROWS).map((r) => (
                <tr key={r.row} data-testid="import-row" data-row={r.row}>
                  <td data-label={t('import.row')}>{r.row}</td>
                  <td data-label={t('members.name')}>
                    <bdi>{r.displayName}</bdi>
                  </td>
                  <td data-label={t('participants.role')}>{participantRoleLabel(t, r.role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.rows.length > SHOWN_ROWS && (
            <p>{t('import.moreRows', { count: preview.rows.length - SHOWN_ROWS })}</p>
          )}
        </section>
      )}

      {preview.validRows === 0 && <p data-testid="import-none-valid">{t('import.noneValid')}</p>}
      {error && (
        <p class="alert alert--error" role="alert" data-testid="form-error">
          {error}
        </p>
      )}
      <div class="actions">
        {preview.validRows > 0 && (
          <button
            type="button"
            class="button"
            data-testid="import-apply"
            disabled={busy !== null}
            onClick={apply}
          >
            {busy === 'apply' ? t('import.starting') : t('import.apply', { count: preview.validRows })}
          </button>
        )}
        <button
          type="button"
          class="button button--secondary"
          data-testid="import-cancel"
          disabled={busy !== null}
          onClick={cancel}
        >
          {t('import.otherFile')}
        </button>
      </div>
    </section>
  )
}

function Progress(props: StepProps & { initial: ImportState; onFinished: (state: ImportState) => void }) {
  const { t } = useI18n()
  const { organization, program } = props.data
  const [state, setState] = useState(props.initial)
  const [error, setError] = useState<string | null>(null)
  const onFinished = useRef(props.onFinished)
  onFinished.current = props.onFinished
  const url = programApi(organization.slug, program.id, `/imports/${encodeURIComponent(props.initial.id)}`)

  // Poll until the import is done (or failed); a failed request is retried on the next tick.
  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const controller = new AbortController()
    const tick = async () => {
      try {
        const next = await apiGet<ImportState>(url, { signal: controller.signal, cache: 'no-store' })
        if (stopped) return
        setState(next)
        setError(null)
        if (next.status !== 'applying') {
          // Let the bar show 100% for a moment before the summary replaces it.
          timer = setTimeout(() => onFinished.current(next), next.status === 'done' ? 600 : 0)
          return
        }
      } catch (reason) {
        if (stopped) return
        setError(describeError(reason, t))
      }
      timer = setTimeout(tick, POLL_MS)
    }
    timer = setTimeout(tick, POLL_MS / 2)
    return () => {
      stopped = true
      controller.abort()
      clearTimeout(timer)
    }
  }, [url, t])

  const handled = state.appliedRows + state.skippedRows
  return (
    <section aria-labelledby="import-progress-heading" data-testid="import-progress">
      <h2 id="import-progress-heading" ref={props.headingRef} tabIndex={-1}>
        {t('import.progressHeading')}
      </h2>
      <p>{t('import.progressIntro')}</p>
      <label for="import-progress-bar" class="progress__label">
        {t('import.progressLabel')}
      </label>
      <progress
        id="import-progress-bar"
        class="progress"
        data-testid="import-progress-bar"
        max={100}
        value={state.progress}
      >
        {state.progress}%
      </progress>
      <p role="status" data-testid="import-progress-text" data-progress={state.progress}>
        {t('import.progressText', { percent: state.progress, done: handled, total: state.validRows })}
      </p>
      {error && <p class="alert alert--error">{error}</p>}
    </section>
  )
}

function Summary(props: StepProps & { state: ImportState; onAgain: () => void }) {
  const { t } = useI18n()
  const { organization, program } = props.data
  const { state } = props
  const ok = state.status === 'done'
  return (
    <section aria-labelledby="import-summary-heading" data-testid="import-summary" data-status={state.status}>
      <h2 id="import-summary-heading" ref={props.headingRef} tabIndex={-1}>
        {ok ? t('import.doneHeading') : t('import.failedHeading')}
      </h2>
      <progress
        class="progress"
        data-testid="import-summary-progress"
        max={100}
        value={state.progress}
        aria-label={t('import.progressLabel')}
      >
        {state.progress}%
      </progress>
      <p
        class={`alert alert--spaced ${ok ? 'alert--ok' : 'alert--error'}`}
        role="status"
        data-testid="import-summary-text"
      >
        {ok
          ? t('import.doneText', { count: state.appliedRows })
          : t('import.failedText', { count: state.appliedRows })}
      </p>
      {state.skippedRows > 0 && (
        <p data-testid="import-skipped">{t('import.skipped', { count: state.skippedRows })}</p>
      )}
      {state.failure && (
        <p class="alert alert--error">
          <span lang="en">{state.failure}</span>
        </p>
      )}
      <div class="actions">
        <a
          class="button button--link"
          href={programPath(organization.slug, program.id)}
          data-testid="import-back"
        >
          {t('import.toList')}
        </a>
        <button type="button" class="button button--secondary" onClick={props.onAgain}>
          {t('import.another')}
        </button>
      </div>
    </section>
  )
}
