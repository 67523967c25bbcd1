import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { directionOf, languageName } from '../../i18n/i18n'
import { Button } from '../../kit/button'
import { flyerPath, programPath } from '../../lib/paths'
import { languageLabel, languageList } from '../../lib/text'
import { type ProgramData, programPanelPage } from '../programs/program-page'
import { formLanguages, formUrl } from './form-links'
import { QrCode } from './qr-code'

/**
 * `/orgs/{org}/programs/{program}/form`: the public application form's link for each of the program's languages,
 * to copy and share (WhatsApp groups, emails) or to print on a flyer with a QR code (shelters, language schools).
 */
export default programPanelPage('formLinks.title', FormLinksPanel)

function FormLinksPanel(props: { data: ProgramData }) {
  const { t, locale } = useI18n()
  const { organization, program } = props.data
  const { languages, missing } = formLanguages(program.languages)
  return (
    <>
      <p class="lead">{t('formLinks.intro')}</p>
      {program.status !== 'active' && (
        <p class="alert alert--warning" data-testid="form-links-closed">
          {t('formLinks.closed')}{' '}
          <a href={programPath(organization.slug, program.id, '/settings')}>{t('programs.settings')}</a>
        </p>
      )}
      <ul class="form-links" data-testid="form-links">
        {languages.map(({ locale: code, codes }) => (
          <FormLink key={code} slug={organization.slug} program={program.id} locale={code} codes={codes} />
        ))}
      </ul>
      {missing.length > 0 && (
        <p class="muted" data-testid="form-links-missing">
          {t('formLinks.missing', { languages: languageList(locale, missing) })}
        </p>
      )}
    </>
  )
}

/** One language: its QR code, the link with a copy button, and its flyer. */
function FormLink(props: { slug: string; program: string; locale: string; codes: string[] }) {
  const { t, locale: ui } = useI18n()
  const url = formUrl(window.location.origin, props.slug, props.program, props.locale)
  const name = languageLabel(ui, props.locale)
  const own = languageName(props.locale)
  const headingId = `form-link-${props.locale}-heading`
  const inputId = `form-link-${props.locale}`
  return (
    <li class="card form-link" data-testid="form-link" data-locale={props.locale}>
      <h2 id={headingId} class="form-link__heading">
        {name}
        {own.toLocaleLowerCase(ui) !== name.toLocaleLowerCase(ui) && (
          <>
            {' '}
            <span class="muted" lang={props.locale} dir={directionOf(props.locale)}>
              ({own})
            </span>
          </>
        )}
      </h2>
      {props.codes.some((code) => code !== props.locale) && (
        <p class="muted" data-testid={`form-link-for-${props.locale}`}>
          {t('formLinks.for', { languages: languageList(ui, props.codes) })}
        </p>
      )}
      <div class="form-link__body">
        <QrCode
          text={url}
          label={t('formLinks.qrLabel', { language: name })}
          class="qr--small"
          testid={`form-link-qr-${props.locale}`}
        />
        <div class="form-link__text">
          <label for={inputId}>{t('formLinks.link')}</label>
          <input
            id={inputId}
            class="form-link__url"
            type="url"
            readOnly
            dir="ltr"
            value={url}
            data-testid={`form-link-url-${props.locale}`}
            onFocus={(event) => event.currentTarget.select()}
          />
          <div class="actions">
            <CopyButton text={url} inputId={inputId} describedBy={headingId} locale={props.locale} />
            <a
              class="button button--secondary button--link"
              href={flyerPath(props.slug, props.program, props.locale)}
              aria-describedby={headingId}
              data-testid={`form-link-print-${props.locale}`}
            >
              {t('formLinks.print')}
            </a>
          </div>
        </div>
      </div>
    </li>
  )
}

/** Copies the link; where the browser does not allow it, selects the link so the person can copy it. */
function CopyButton(props: { text: string; inputId: string; describedBy: string; locale: string }) {
  const { t } = useI18n()
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text)
      setState('copied')
    } catch {
      const input = document.getElementById(props.inputId)
      if (input instanceof HTMLInputElement) {
        input.focus()
        input.select()
      }
      setState('failed')
    }
  }
  return (
    <>
      <Button
        testid={`form-link-copy-${props.locale}`}
        describedBy={props.describedBy}
        onClick={() => {
          copy().catch(() => setState('failed'))
        }}
      >
        {t('formLinks.copy')}
      </Button>
      <span role="status" class="form-link__status" data-testid={`form-link-copied-${props.locale}`}>
        {state === 'copied' ? t('formLinks.copied') : state === 'failed' ? t('formLinks.copyFailed') : ''}
      </span>
    </>
  )
}
