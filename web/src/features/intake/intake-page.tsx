import { useEffect, useRef, useState } from 'preact/hooks'
import { useI18n, useTitle } from '../../i18n/context'
import { directionOf, LOCALES, languageName } from '../../i18n/i18n'
import { LoadError, Loading, useLoad } from '../../kit/load'
import { ApiError } from '../../lib/api'
import { fresh, ok, params } from '../../lib/client'
import { isolate } from '../../lib/text'
import { ApplicationForm } from './application-form'
import { intakeRoute } from './intake'

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
  // A new language: ask again for the consent text in it. The answers typed so far stay.
  const shown = useRef(locale)
  useEffect(() => {
    if (shown.current === locale) return
    shown.current = locale
    reload()
  }, [locale, reload])
  const [sentTo, setSentTo] = useState<string | null>(null)
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
  if (sentTo !== null) {
    return (
      <div class="page intake" data-testid="intake-done">
        <p class="intake__icon" aria-hidden="true">
          ✓
        </p>
        <h1>{t('intake.doneTitle')}</h1>
        <p class="lead">{t('intake.doneBody', { program: isolate(form.program.name) })}</p>
        <p>
          {t('intake.doneEmail')}{' '}
          <bdi dir="ltr" class="nowrap">
            {sentTo}
          </bdi>
        </p>
        <p>{t('intake.doneNext')}</p>
      </div>
    )
  }

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
      <ApplicationForm form={form} org={props.org} onSent={setSentTo} onConsentChanged={reload} />
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
