import { useI18n } from '../../i18n/context'
import type { MessageKey } from '../../i18n/types'
import { Button } from '../../kit/button'
import { DataTable } from '../../kit/data-table'
import { FactList } from '../../kit/fact-list'
import { FormAlert } from '../../kit/form'
import { useAction } from '../../kit/use-action'
import { ok, params } from '../../lib/client'
import { participantRoleLabel } from '../../lib/labels'
import { errorRowCount, type ImportState, importRoute, type Preview, type StepProps } from './import'
import type { Source } from './upload'

/** Rows to create listed in the preview (the rest are counted). */
const SHOWN_ROWS = 200

/** How the server read a CSV file's bytes. */
const encodingLabel = {
  'utf-8': 'import.encodingUtf8',
  'utf-16le': 'import.encodingUtf16',
  'utf-16be': 'import.encodingUtf16',
  'windows-1252': 'import.encodingWindows1252',
} as const satisfies Record<NonNullable<Preview['encoding']>, MessageKey>

/** Step 2: what the file would do, with nothing created yet; then "Add N people" or another file. */
export function PreviewStep(
  props: StepProps & {
    preview: Preview
    source: Source
    onBack: () => void
    onApplying: (state: ImportState) => void
  },
) {
  const { t } = useI18n()
  const { organization, program } = props.data
  const { preview, source } = props
  // A coordinator can spot a wrong guess here: the encoding read, or the workbook's sheet.
  const readAs =
    source.kind === 'xlsx' ? (
      <>
        {t('import.readAsSheet')} <bdi>{source.sheet}</bdi>
      </>
    ) : preview.encoding ? (
      t(encodingLabel[preview.encoding])
    ) : null
  const action = useAction<'apply' | 'cancel'>()
  const param = params({ org: organization.slug, program: program.id, import: preview.id })

  const apply = () =>
    action.run('apply', async () => props.onApplying(await ok(importRoute.apply.$post({ param }))))

  const cancel = () =>
    action.run('cancel', async () => {
      try {
        await ok(importRoute.$delete({ param }))
      } catch {
        // Nothing was created either way; an unused preview expires by itself.
      }
      props.onBack()
    })

  return (
    <section aria-labelledby="import-preview-heading" data-testid="import-preview">
      <h2 id="import-preview-heading" ref={props.headingRef} tabIndex={-1}>
        {t('import.previewHeading')}
      </h2>
      <p class="alert alert--spaced" data-testid="import-nothing-yet">
        {t('import.nothingYet')}
      </p>
      <FactList
        testid="import-counts"
        facts={[
          { label: t('import.rowsInFile'), value: String(preview.totalRows), testid: 'import-total' },
          { label: t('import.rowsToCreate'), value: String(preview.validRows), testid: 'import-valid' },
          {
            label: t('import.rowsWithErrors'),
            value: String(errorRowCount(preview)),
            testid: 'import-error-rows',
          },
          { label: t('import.readAs'), value: readAs, testid: 'import-read-as' },
        ]}
      />
      {preview.encoding === 'windows-1252' && (
        <p class="alert alert--warning" data-testid="import-encoding-hint">
          {t('import.encodingGuessHint')}
        </p>
      )}
      {source.kind === 'xlsx' && source.sheetCount > 1 && (
        <p class="alert alert--warning" data-testid="import-other-sheets">
          {t('import.otherSheets', { count: source.sheetCount - 1 })}
        </p>
      )}

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
          <DataTable
            testid="import-errors"
            rows={preview.errors}
            // The same row can have several problems.
            rowKey={(e, index) => `${e.row}:${index}`}
            rowData={(e) => ({
              'data-testid': 'import-error',
              'data-row': e.row,
              'data-column': e.column ?? '',
            })}
            columns={[
              { label: t('import.row'), cell: (e) => e.row },
              {
                label: t('import.column'),
                cell: (e) => (e.column ? <bdi>{e.column}</bdi> : t('import.wholeRow')),
              },
              {
                label: t('import.problem'),
                cell: (e) => (
                  <span lang="en" dir="ltr">
                    {e.message}
                  </span>
                ),
              },
            ]}
          />
          {preview.errorCount > preview.errors.length && (
            <p>{t('import.moreErrors', { count: preview.errorCount - preview.errors.length })}</p>
          )}
        </section>
      )}

      {preview.rows.length > 0 && (
        <section class="section" aria-labelledby="import-rows-heading">
          <h3 id="import-rows-heading">{t('import.toCreate', { count: preview.validRows })}</h3>
          <DataTable
            testid="import-rows"
            rows={preview.rows.slice(0, SHOWN_ROWS)}
            rowKey={(r) => r.row}
            rowData={(r) => ({ 'data-testid': 'import-row', 'data-row': r.row })}
            columns={[
              { label: t('import.row'), cell: (r) => r.row },
              { label: t('members.name'), cell: (r) => <bdi>{r.displayName}</bdi> },
              { label: t('participants.role'), cell: (r) => participantRoleLabel(t, r.role) },
            ]}
          />
          {preview.rows.length > SHOWN_ROWS && (
            <p>{t('import.moreRows', { count: preview.rows.length - SHOWN_ROWS })}</p>
          )}
        </section>
      )}

      {preview.validRows === 0 && <p data-testid="import-none-valid">{t('import.noneValid')}</p>}
      <FormAlert message={action.error} />
      <div class="actions">
        {preview.validRows > 0 && (
          <Button variant="primary" testid="import-apply" disabled={action.busy !== null} onClick={apply}>
            {action.busy === 'apply' ? t('import.starting') : t('import.apply', { count: preview.validRows })}
          </Button>
        )}
        <Button testid="import-cancel" disabled={action.busy !== null} onClick={cancel}>
          {t('import.otherFile')}
        </Button>
      </div>
    </section>
  )
}
