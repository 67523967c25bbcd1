import { can } from '@tandem/vocab'
import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { TextField } from '../../kit/inputs'
import { ApiError } from '../../lib/api'
import { fresh, ok } from '../../lib/client'
import { describeError } from '../../lib/errors'
import { programPath } from '../../lib/paths'
import { type ParticipantView, participantRoute } from '../participants/participant'
import { fileNameOf, saveFile } from './download'
import { PurposeField } from './purpose-field'

/**
 * A participant's data-protection rights (owners, admins): download everything held about them (with a purpose,
 * audited), and erase them — irreversible, so their name must be typed first.
 */
export function RightsPanel(props: ParticipantView) {
  const { t } = useI18n()
  const { route } = useLocation()
  const { organization, program, record, role } = props.data
  const [purpose, setPurpose] = useState('')
  const [confirm, setConfirm] = useState('')
  const [busy, setBusy] = useState<'export' | 'erase' | null>(null)
  const [error, setError] = useState<{ field?: 'purpose' | 'confirm'; message: string } | null>(null)
  if (!can(role, 'participants:rights')) return null
  const name = record.displayName

  const fail = (reason: unknown, field: 'purpose' | 'confirm') => {
    const message = reason instanceof ApiError ? reason.fieldError(field) : undefined
    setError(message ? { field, message } : { message: describeError(reason, t) })
  }

  const download = async (event: Event) => {
    event.preventDefault()
    setBusy('export')
    setError(null)
    try {
      const response = await participantRoute['data-export'].$get(
        { param: props.param, query: { purpose: purpose.trim() } },
        fresh(),
      )
      const data = await ok(Promise.resolve(response.clone()))
      saveFile(
        fileNameOf(response, `participant-${record.id}.json`),
        JSON.stringify(data, null, 2),
        'application/json',
      )
      props.notify(t('rights.downloaded'))
    } catch (reason) {
      fail(reason, 'purpose')
    } finally {
      setBusy(null)
    }
  }

  const erase = async (event: Event) => {
    event.preventDefault()
    setBusy('erase')
    setError(null)
    try {
      await ok(participantRoute.erasure.$post({ param: props.param, json: { confirm } }))
      route(programPath(organization.slug, program.id, '/participants'))
    } catch (reason) {
      fail(reason, 'confirm')
      setBusy(null)
    }
  }

  return (
    <section class="section" aria-labelledby="rights-heading" data-testid="rights-panel">
      <h2 id="rights-heading">{t('rights.heading')}</h2>
      <form class="form card" onSubmit={download} data-testid="rights-export-form">
        <p>{t('rights.exportIntro')}</p>
        <PurposeField
          id="rights-purpose"
          error={error?.field === 'purpose' ? error.message : undefined}
          value={purpose}
          onValue={setPurpose}
        />
        <button
          class="button button--secondary"
          type="submit"
          disabled={busy !== null}
          data-testid="rights-export"
        >
          {busy === 'export' ? t('common.loading') : t('rights.download')}
        </button>
      </form>
      <form class="form card" onSubmit={erase} data-testid="rights-erase-form">
        <h3>{t('rights.eraseHeading')}</h3>
        <p class="alert alert--warning">{t('rights.eraseWarning')}</p>
        <TextField
          id="rights-confirm"
          label={t('rights.confirmName', { name })}
          error={error?.field === 'confirm' ? error.message : undefined}
          autocomplete="off"
          value={confirm}
          onValue={setConfirm}
        />
        {error && !error.field && (
          <p class="alert alert--error" role="alert">
            {error.message}
          </p>
        )}
        <button
          class="button button--danger"
          type="submit"
          disabled={busy !== null || confirm.trim() !== name.trim()}
          aria-busy={busy === 'erase' ? 'true' : undefined}
          data-testid="rights-erase"
        >
          {t('rights.erase')}
        </button>
      </form>
    </section>
  )
}
