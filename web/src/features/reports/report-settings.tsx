import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import type { Translate } from '../../i18n/types'
import { Checkboxes, YesBox } from '../../kit/choices'
import { NumberField } from '../../kit/inputs'
import { Load, useLoad } from '../../kit/load'
import { ApiError } from '../../lib/api'
import { describeError } from '../../lib/errors'
import { measureLabel } from './measure-label'
import { CHART_MEASURES, getReportSettings, type ReportSettings, saveReportSettings } from './reports'

/** Owners and admins: the smallest group shown and what the public page publishes. */
export function PublishSettings(props: { slug: string }) {
  const { t } = useI18n()
  const { state, reload } = useLoad(`${props.slug}/report-settings`, (signal) =>
    getReportSettings(props.slug, signal),
  )
  return (
    <Load state={state}>
      {(settings) => <SettingsForm slug={props.slug} settings={settings} onSaved={() => reload()} t={t} />}
    </Load>
  )
}

function SettingsForm(props: { slug: string; settings: ReportSettings; onSaved: () => void; t: Translate }) {
  const { t, slug, settings } = props
  const [minimum, setMinimum] = useState(String(settings.minimumCellSize))
  const [enabled, setEnabled] = useState(settings.impactPage.enabled)
  const [measures, setMeasures] = useState<string[]>(settings.impactPage.measures)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [fieldError, setFieldError] = useState<string | undefined>()
  const submit = async (event: Event) => {
    event.preventDefault()
    setMessage(null)
    setFieldError(undefined)
    try {
      await saveReportSettings(slug, {
        minimumCellSize: Number(minimum),
        impactPage: { enabled, measures: measures as ReportSettings['impactPage']['measures'] },
      })
      setMessage({ ok: true, text: t('reports.saved') })
      props.onSaved()
    } catch (reason) {
      const field = reason instanceof ApiError ? reason.fieldError('minimumCellSize') : undefined
      if (field) setFieldError(field)
      else setMessage({ ok: false, text: describeError(reason, t) })
    }
  }
  return (
    <section class="section card" aria-labelledby="report-settings">
      <h2 id="report-settings">{t('reports.settings')}</h2>
      <form class="form" onSubmit={submit} data-testid="report-settings-form">
        <NumberField
          id="report-minimum"
          label={t('reports.minimumCellSize')}
          hint={t('reports.minimumHint')}
          min={3}
          max={50}
          value={minimum}
          error={fieldError}
          onValue={setMinimum}
        />
        <YesBox
          id="report-public"
          legend={t('reports.publicPage')}
          label={t('reports.publicPage')}
          value={enabled}
          onValue={setEnabled}
        />
        {enabled && (
          <Checkboxes
            id="report-public-measures"
            name="report-public-measures"
            legend={t('reports.publicMeasures')}
            options={CHART_MEASURES}
            labelOf={(m) => measureLabel(t, m)}
            checked={(m) => measures.includes(m)}
            onToggle={(m, on) => setMeasures(on ? [...measures, m] : measures.filter((x) => x !== m))}
          />
        )}
        {settings.impactPath && (
          <p>
            <a href={settings.impactPath} data-testid="report-public-link">
              {t('reports.publicLink')}
            </a>
          </p>
        )}
        {message && (
          <p
            class={message.ok ? 'alert alert--success' : 'alert alert--error'}
            role={message.ok ? 'status' : 'alert'}
          >
            {message.text}
          </p>
        )}
        <button class="button" type="submit" data-testid="report-settings-save">
          {t('reports.save')}
        </button>
      </form>
    </section>
  )
}
