import { useEffect, useRef, useState } from 'preact/hooks'
import { useI18n, useTitle } from '../../i18n/context'
import { directionOf, LOCALES, languageName } from '../../i18n/i18n'
import { LoadError, Loading, useLoad } from '../../kit/load'
import { ApiError } from '../../lib/api'
import { fresh, ok, params } from '../../lib/client'
import { contactChannelLabel } from '../../lib/labels'
import { isolate } from '../../lib/text'
import { ApplicationForm, type Sent } from './application-form'
import { type IntakeForm, intakeRoute } from './intake'

/** `/apply/{org}/{program}`: the public application form. No account; in the language the person chooses. */
export default function Intake(props: { org: string; program: string }) {
  const { t, locale } = useI18n()
  const localeRef = useRef(locale)
  localeRef.current = locale
  const key = `${props.org}/${props.program}`
  const { state, reload } = useLoad(key, (signal) =>
    ok(
      intakeRoute.$get(
        { param: params({ org: props.org, program: props.program }), query: { locale: localeRef.current } },
        fresh(signal),
      ),
    ),
  )
  // A new language: ask again for the consent text in it. The answers typed so far stay. A link that named
  // the language (`?lang=ar`, from a flyer) follows the choice, so a reload keeps it.
  const shown = useRef(locale)
  useEffect(() => {
    if (shown.current === locale) return
    shown.current = locale
    const url = new URL(window.location.href)
    if (url.searchParams.has('lang')) {
      url.searchParams.set('lang', locale)
      window.history.replaceState(window.history.state, '', url)
    }
    reload()
  }, [locale, reload])
  const [sent, setSent] = useState<Sent | null>(null)
  useTitle(state.kind === 'ok' ? state.data.program.name : t('intake.title'))

  if (state.kind === 'loading') {
    return (
      <div class="page intake">
        <Loading />
      </div>
    )
  }
  if (state.kind === 'error') {
    const closed = state.error instanceof ApiError && state.error.status === 404
    return (
      <div class="page intake">
        <LanguageButtons locales={LOCALES} />
        <h1>{t('intake.title')}</h1>
        {closed ? (
          <p class="alert" data-testid="intake-closed">
            {t('intake.closed')}
          </p>
        ) : (
          <LoadError error={state.error} />
        )}
      </div>
    )
  }

  const form = state.data
  if (sent !== null) return <Done form={form} sent={sent} />

  return (
    <div class="page intake">
      <LanguageButtons locales={LOCALES.filter((code) => form.locales.some((offered) => offered === code))} />
      <p class="intake__org">
        <bdi>{form.organization.name}</bdi>
      </p>
      <h1 data-testid="intake-title">
        <bdi>{form.program.name}</bdi>
      </h1>
      {form.program.description && (
        <p class="lead">
          <bdi>{form.program.description}</bdi>
        </p>
      )}
      <p>{t('intake.intro')}</p>
      <ApplicationForm form={form} org={props.org} onSent={setSent} onConsentChanged={reload} />
    </div>
  )
}

/** The thank-you page: how the organization will reach the person, and how to reach the organization. */
function Done(props: { form: IntakeForm; sent: Sent }) {
  const { t } = useI18n()
  const { form, sent } = props
  const { name, contactEmail, contactPhone } = form.organization
  const address = (text: string) => (
    <bdi dir="ltr" class="nowrap">
      {text}
    </bdi>
  )
  return (
    <div class="page intake" data-testid="intake-done">
      <p class="intake__icon" aria-hidden="true">
        ✓
      </p>
      <h1>{t('intake.doneTitle')}</h1>
      <p class="lead">{t('intake.doneBody', { program: isolate(form.program.name) })}</p>
      {sent.email && (
        <p data-testid="intake-done-email">
          {t('intake.doneEmail')} {address(sent.email)}
        </p>
      )}
      {sent.phone && (
        <p data-testid="intake-done-phone">
          {sent.contactPreference && sent.contactPreference !== 'email'
            ? t('intake.doneContactBy', { channel: contactChannelLabel(t, sent.contactPreference) })
            : t('intake.doneContactAt')}{' '}
          {address(sent.phone)}
        </p>
      )}
      <p>{t('intake.doneNext')}</p>
      <section
        class="card intake__contact"
        aria-labelledby="intake-contact-heading"
        data-testid="intake-org-contact"
      >
        <h2 id="intake-contact-heading">{t('intake.doneQuestions', { org: isolate(name) })}</h2>
        {contactEmail || contactPhone ? (
          <ul class="link-list">
            {contactPhone && (
              <li>
                {t('intake.doneCall')}{' '}
                <a href={`tel:${contactPhone.replace(/[^+0-9]/g, '')}`} data-testid="intake-org-phone">
                  {address(contactPhone)}
                </a>
              </li>
            )}
            {contactEmail && (
              <li>
                {t('intake.doneWrite')}{' '}
                <a href={`mailto:${contactEmail}`} data-testid="intake-org-email">
                  {address(contactEmail)}
                </a>
              </li>
            )}
          </ul>
        ) : (
          <p>{t('intake.doneQuestionsNone')}</p>
        )}
      </section>
    </div>
  )
}

/** Big buttons, each language named in itself: the first thing on the page. */
function LanguageButtons(props: { locales: readonly string[] }) {
  const { t, locale, pending, setLocale } = useI18n()
  if (props.locales.length < 2) return null
  return (
    <nav class="intake__languages" aria-label={t('intake.chooseLanguage')}>
      <ul>
        {props.locales.map((code) => (
          <li key={code}>
            <button
              type="button"
              class={`language-button ${code === locale ? 'language-button--current' : ''}`}
              lang={code}
              dir={directionOf(code)}
              aria-pressed={code === locale ? 'true' : 'false'}
              aria-busy={pending === code ? 'true' : undefined}
              data-testid={`intake-language-${code}`}
              onClick={() => {
                setLocale(code).catch(() => {})
              }}
            >
              {languageName(code)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
