import { useEffect, useMemo, useState } from 'preact/hooks'
import { useI18n, useTitle } from '../../i18n/context'
import { languageName } from '../../i18n/i18n'
import { Field, SubmitForm } from '../../kit/form'
import { CodeSelect, EmailField, TextField } from '../../kit/inputs'
import { useForm } from '../../kit/use-form'
import type { ApiError } from '../../lib/api'
import { ok, v1 } from '../../lib/client'
import { describeError } from '../../lib/errors'
import { isolate, suggestSlug } from '../../lib/text'
import { ORG_LANGUAGES, type Organization, orgLanguage } from '../org/org'
import {
  countryChoices,
  countryOf,
  OTHER_COUNTRY,
  SIGNUP_PATHS,
  type SignupForm,
  signupBody,
} from './signup-form'

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? ''
  } catch {
    return ''
  }
}

function timeZones(): readonly string[] {
  try {
    return Intl.supportedValuesOf('timeZone')
  } catch {
    return []
  }
}

export default function Signup() {
  const { t, locale } = useI18n()
  useTitle(t('signup.title'))
  const [slugEdited, setSlugEdited] = useState(false)
  const [done, setDone] = useState<{ organization: Organization; email: string } | null>(null)
  const initial = (): SignupForm => ({
    name: '',
    slug: '',
    kind: '',
    country: countryOf(navigator.languages ?? [navigator.language]),
    countryCode: '',
    timezone: browserTimeZone(),
    defaultLocale: orgLanguage(locale),
    residency: 'default',
    adminName: '',
    adminEmail: '',
  })
  const {
    formRef,
    values: form,
    setValues: setForm,
    set,
    field,
    submit,
  } = useForm(initial, SIGNUP_PATHS, {
    // 409: the slug is taken. Show it on the slug field even if the problem names no field.
    onError: (error: ApiError) =>
      error.status === 409 ? { 'organization.slug': describeError(error, t) } : undefined,
  })

  // EU residency is offered only when this deployment keeps organizations' data in an EU database too.
  const [residencies, setResidencies] = useState<readonly ('default' | 'eu')[]>(['default'])
  useEffect(() => {
    ok(v1.signup.options.$get())
      .then((options) => setResidencies(options.residencies))
      .catch(() => setResidencies(['default']))
  }, [])

  const countries = useMemo(() => new Map(countryChoices(locale).map((c) => [c.code, c.name])), [locale])
  const zones = useMemo(timeZones, [])

  if (done) {
    return (
      <div class="page" data-testid="signup-done">
        <h1>{t('signup.doneTitle')}</h1>
        <p class="lead">
          {t('signup.doneBody', { org: isolate(done.organization.name) })}{' '}
          <bdi class="nowrap" dir="ltr">
            {done.email}
          </bdi>
        </p>
        <p>{t('signup.doneNext')}</p>
        <p>
          {t('signup.doneNoEmail')} <a href="/sign-in">{t('signup.doneSignIn')}</a>
        </p>
      </div>
    )
  }

  const onSubmit = () => {
    const body = signupBody(form)
    if (!body) return
    submit.run(async () => {
      // The page's language: the sign-in email goes in it (the person has no language of their own yet).
      const result = await ok(v1.signup.$post({ json: { ...body, locale } }))
      setDone({ organization: result.organization, email: body.admin.email })
    })
  }

  const f = submit.fields
  const isOther = form.country === OTHER_COUNTRY
  const choose = { label: t('form.choose'), disabled: true }
  const kinds = { city: t('signup.kindCity'), ngo: t('signup.kindNgo'), other: t('signup.kindOther') }

  return (
    <div class="page">
      <h1>{t('signup.title')}</h1>
      <p class="lead">{t('signup.intro')}</p>
      <SubmitForm
        form={{ formRef, submit }}
        name="signup"
        onSubmit={onSubmit}
        labels={[t('signup.submit'), t('signup.submitting')]}
      >
        <fieldset>
          <legend>{t('signup.orgSection')}</legend>
          <TextField
            id="org-name"
            testid="signup-name"
            label={t('signup.name')}
            error={f['organization.name']}
            required
            maxLength={120}
            autocomplete="organization"
            value={form.name}
            onValue={(name) =>
              setForm((current) => ({
                ...current,
                name,
                slug: slugEdited ? current.slug : suggestSlug(name),
              }))
            }
          />
          <TextField
            id="org-slug"
            testid="signup-slug"
            label={t('signup.slug')}
            hint={
              <>
                {t('signup.slugHint')}{' '}
                <bdi class="nowrap" dir="ltr">
                  /orgs/{form.slug || '…'}
                </bdi>
              </>
            }
            error={f['organization.slug']}
            dir="ltr"
            required
            minLength={3}
            maxLength={40}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            autocapitalize="none"
            autocomplete="off"
            spellcheck={false}
            value={form.slug}
            onValue={(slug) => {
              setSlugEdited(true)
              set('slug', slug.toLowerCase())
            }}
          />
          <CodeSelect
            id="org-kind"
            testid="signup-kind"
            label={t('signup.kind')}
            required
            empty={choose}
            options={['city', 'ngo', 'other'] as const}
            labelOf={(kind) => kinds[kind]}
            {...field('kind', 'organization.kind')}
          />
          <CodeSelect
            id="org-country"
            testid="signup-country"
            label={t('signup.country')}
            error={isOther ? undefined : f['organization.country']}
            required
            empty={choose}
            options={[...countries.keys(), OTHER_COUNTRY]}
            labelOf={(code) => countries.get(code) ?? t('signup.countryOther')}
            value={form.country}
            onValue={(country) => set('country', country)}
          />
          {isOther && (
            <TextField
              id="org-country-code"
              testid="signup-country-code"
              class="input--short"
              label={t('signup.countryCode')}
              hint={t('signup.countryCodeHint')}
              error={f['organization.country']}
              dir="ltr"
              required
              minLength={2}
              maxLength={2}
              pattern="[A-Za-z]{2}"
              autocapitalize="characters"
              autocomplete="country"
              spellcheck={false}
              value={form.countryCode}
              onValue={(code) => set('countryCode', code.toUpperCase())}
            />
          )}
          <Field
            id="org-timezone"
            label={t('signup.timezone')}
            hint={t('signup.timezoneHint')}
            error={f['organization.timezone']}
          >
            {(control) => (
              <input
                {...control}
                data-testid="signup-timezone"
                type="text"
                dir="ltr"
                required
                list={zones.length > 0 ? 'time-zones' : undefined}
                autocapitalize="none"
                autocomplete="off"
                spellcheck={false}
                value={form.timezone}
                onInput={(event) => set('timezone', event.currentTarget.value)}
              />
            )}
          </Field>
          {zones.length > 0 && (
            <datalist id="time-zones">
              {zones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          )}
          <CodeSelect
            id="org-language"
            testid="signup-language"
            label={t('signup.language')}
            hint={t('signup.languageHint')}
            options={ORG_LANGUAGES}
            labelOf={languageName}
            lang
            {...field('defaultLocale', 'organization.defaultLocale')}
          />
          {residencies.includes('eu') && (
            <CodeSelect
              id="org-residency"
              testid="signup-residency"
              label={t('signup.residency')}
              hint={t('signup.residencyHint')}
              options={residencies}
              labelOf={(r) => (r === 'eu' ? t('signup.residencyEu') : t('signup.residencyDefault'))}
              {...field('residency', 'organization.residency')}
            />
          )}
        </fieldset>

        <fieldset>
          <legend>{t('signup.adminSection')}</legend>
          <TextField
            id="admin-name"
            testid="signup-admin-name"
            label={t('signup.adminName')}
            required
            maxLength={120}
            autocomplete="name"
            {...field('adminName', 'admin.name')}
          />
          <EmailField
            id="admin-email"
            testid="signup-admin-email"
            label={t('signup.adminEmail')}
            hint={t('signup.adminEmailHint')}
            required
            autocomplete="email"
            {...field('adminEmail', 'admin.email')}
          />
        </fieldset>
      </SubmitForm>
      <p class="aside">
        {t('signup.haveAccount')} <a href="/sign-in">{t('signup.signIn')}</a>
      </p>
    </div>
  )
}
