import { can } from '@tandem/vocab'
import { useEffect, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { NumberField, TextField } from '../../kit/inputs'
import { Notice } from '../../kit/notice'
import { ApiError } from '../../lib/api'
import { type Answer, fresh, ok, params } from '../../lib/client'
import { describeError } from '../../lib/errors'
import { type Organization, orgRoute } from '../org/org'
import type { Role } from '../org/roles'
import { fileNameOf, saveFile } from './download'
import { PurposeField } from './purpose-field'

type Settings = Answer<(typeof orgRoute)['data-protection']['$get']>
type Field = 'exitedParticipantMonths' | 'emailLogDays' | 'purpose' | 'confirm'

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text))

/**
 * The organization's data protection (owners): how long personal data is kept, the whole organization as an
 * archive, and deleting the organization (its address typed first). docs/data-protection.md explains each.
 */
export function OrgDataPanel(props: { organization: Organization; role: Role }) {
  const { t } = useI18n()
  const { slug } = props.organization
  const param = params({ org: slug })
  const [settings, setSettings] = useState<Settings | null>(null)
  const [months, setMonths] = useState('')
  const [days, setDays] = useState('')
  const [purpose, setPurpose] = useState('')
  const [confirm, setConfirm] = useState('')
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState('')
  const [error, setError] = useState<{ field?: Field; message: string } | null>(null)
  const allowed = can(props.role, 'data:manage')

  useEffect(() => {
    if (!allowed) return
    const controller = new AbortController()
    ok(orgRoute['data-protection'].$get({ param }, fresh(controller.signal)))
      .then((s) => {
        setSettings(s)
        setMonths(s.exitedParticipantMonths?.toString() ?? '')
        setDays(s.emailLogDays?.toString() ?? '')
      })
      .catch(() => undefined)
    return () => controller.abort()
  }, [slug, allowed])
  if (!allowed) return null

  const act = async (work: () => Promise<void>, fields: Field[]) => {
    setBusy(true)
    setError(null)
    setNotice('')
    try {
      await work()
    } catch (reason) {
      const field = reason instanceof ApiError ? fields.find((f) => reason.fieldError(f)) : undefined
      setError(
        field && reason instanceof ApiError
          ? { field, message: reason.fieldError(field) ?? '' }
          : { message: describeError(reason, t) },
      )
    } finally {
      setBusy(false)
    }
  }
  const fieldError = (field: Field) => (error?.field === field ? error.message : undefined)

  const save = (event: Event) => {
    event.preventDefault()
    void act(async () => {
      const saved = await ok(
        orgRoute['data-protection'].$put({
          param,
          json: { exitedParticipantMonths: numberOrNull(months), emailLogDays: numberOrNull(days) },
        }),
      )
      setSettings(saved)
      setNotice(t('dataProtection.saved'))
    }, ['exitedParticipantMonths', 'emailLogDays'])
  }

  const archive = (event: Event) => {
    event.preventDefault()
    void act(async () => {
      const response = await orgRoute.archive.$get({ param, query: { purpose: purpose.trim() } }, fresh())
      if (!response.ok) await ok(Promise.resolve(response))
      saveFile(fileNameOf(response, `${slug}-archive.json`), await response.blob(), 'application/json')
      setNotice(t('rights.downloaded'))
    }, ['purpose'])
  }

  const remove = (event: Event) => {
    event.preventDefault()
    void act(async () => {
      const answer = await ok(orgRoute.deletion.$post({ param, json: { confirm } }))
      setSettings(answer)
    }, ['confirm'])
  }

  return (
    <section class="section" aria-labelledby="data-protection-heading" data-testid="org-data-protection">
      <h2 id="data-protection-heading">{t('dataProtection.heading')}</h2>
      <Notice testid="data-protection-notice">{notice}</Notice>
      {error && !error.field && (
        <p class="alert alert--error" role="alert">
          {error.message}
        </p>
      )}
      <form class="form card" onSubmit={save} data-testid="retention-form">
        <h3>{t('dataProtection.retention')}</h3>
        <NumberField
          id="retention-months"
          required={false}
          label={t('dataProtection.exitedMonths')}
          hint={t('dataProtection.keepHint')}
          min={1}
          max={120}
          error={fieldError('exitedParticipantMonths')}
          value={months}
          onValue={setMonths}
        />
        <NumberField
          id="retention-days"
          required={false}
          label={t('dataProtection.emailDays')}
          hint={t('dataProtection.keepHint')}
          min={1}
          max={3650}
          error={fieldError('emailLogDays')}
          value={days}
          onValue={setDays}
        />
        <button class="button" type="submit" disabled={busy || !settings} data-testid="retention-save">
          {t('dataProtection.save')}
        </button>
      </form>
      <form class="form card" onSubmit={archive} data-testid="archive-form">
        <h3>{t('dataProtection.archive')}</h3>
        <p>{t('dataProtection.archiveIntro')}</p>
        <PurposeField
          id="archive-purpose"
          error={fieldError('purpose')}
          value={purpose}
          onValue={setPurpose}
        />
        <button class="button button--secondary" type="submit" disabled={busy} data-testid="archive-download">
          {t('dataProtection.download')}
        </button>
      </form>
      <form class="form card" onSubmit={remove} data-testid="deletion-form">
        <h3>{t('dataProtection.delete')}</h3>
        {settings?.deletionRequestedAt ? (
          <p class="alert alert--warning" data-testid="deletion-requested">
            {t('dataProtection.deletionRequested')}
          </p>
        ) : (
          <>
            <p class="alert alert--warning">{t('dataProtection.deleteWarning')}</p>
            <TextField
              id="deletion-confirm"
              label={t('dataProtection.confirmSlug', { slug })}
              autocomplete="off"
              error={fieldError('confirm')}
              value={confirm}
              onValue={setConfirm}
            />
            <button
              class="button button--danger"
              type="submit"
              disabled={busy || confirm.trim() !== slug}
              data-testid="deletion-submit"
            >
              {t('dataProtection.deleteButton')}
            </button>
          </>
        )}
      </form>
    </section>
  )
}
