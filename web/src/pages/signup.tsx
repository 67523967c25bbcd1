import { useMemo, useRef, useState } from 'preact/hooks'
import { type ApiError, apiSend } from '../api'
import { Field, FormAlert, SubmitButton, useSubmit } from '../components/form'
import { useI18n, useTitle } from '../i18n/context'
import { languageName } from '../i18n/i18n'
import { isolate, ORG_LANGUAGES, type Organization } from '../org'

/** Countries most programs are in; any other is entered as its ISO 3166-1 alpha-2 code. */
const COUNTRIES = 'AT AU BE CA CH CZ DE DK EG ES FI FR GB GR IE IT JO LB NL NO PL PT SE TR UA US'.split(' ')
const OTHER_COUNTRY = 'other'

const PATHS = [
  'organization.name',
  'organization.slug',
  'organization.kind',
  'organization.country',
  'organization.timezone',
  'organization.defaultLocale',
  'admin.name',
  'admin.email',
] as const

/** "Stadt München – Welcome!" → "stadt-munchen-welcome": a-z, 0-9 and single hyphens, at most 40. */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
}

function regionNames(locale: string): (code: string) => string {
  try {
    const names = new Intl.DisplayNames([locale], { type: 'region' })
    return (code) => names.of(code) ?? code
  } catch {
    return (code) => code
  }
}

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

/** The region of the browser's language (`de-AT` → `AT`), if it is one of the listed countries. */
function browserCountry(): string {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const region = /^[a-z]{2,3}-([A-Z]{2})\b/i.exec(tag ?? '')?.[1]?.toUpperCase()
    if (region && COUNTRIES.includes(region)) return region
  }
  return ''
}

interface Form {
  name: string
  slug: string
  kind: '' | Organization['kind']
  country: string
  countryCode: string
  timezone: string
  defaultLocale: string
  adminName: string
  adminEmail: string
}

export default function Signup() {
  const { t, locale } = useI18n()
  useTitle(t('signup.title'))
  const formRef = useRef<HTMLFormElement>(null)
  const [slugEdited, setSlugEdited] = useState(false)
  const [done, setDone] = useState<{ organization: Organization; email: string } | null>(null)
  const [form, setForm] = useState<Form>(() => ({
    name: '',
    slug: '',
    kind: '',
    country: browserCountry(),
    countryCode: '',
    timezone: browserTimeZone(),
    defaultLocale: (ORG_LANGUAGES as readonly string[]).includes(locale) ? locale : 'en',
    adminName: '',
    adminEmail: '',
  }))
  const submit = useSubmit(PATHS, {
    formRef,
    // 409: the slug is taken. Show it on the slug field even if the problem names no field.
    onError: (error: ApiError) =>
      error.status === 409 ? { 'organization.slug': error.detail ?? t('signup.slugTaken') } : undefined,
  })

  const countries = useMemo(() => {
    const name = regionNames(locale)
    return COUNTRIES.map((code) => ({ code, name: name(code) })).sort((a, b) =>
      a.name.localeCompare(b.name, locale),
    )
  }, [locale])
  const zones = useMemo(timeZones, [])

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))

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

  const onSubmit = (event: Event) => {
    event.preventDefault()
    const country = (form.country === OTHER_COUNTRY ? form.countryCode : form.country).trim().toUpperCase()
    const body = {
      organization: {
        name: form.name.trim(),
        slug: form.slug.trim(),
        kind: form.kind,
        country,
        timezone: form.timezone.trim(),
        defaultLocale: form.defaultLocale,
      },
      admin: { name: form.adminName.trim(), email: form.adminEmail.trim() },
    }
    submit.run(async () => {
      const result = await apiSend<{ organization: Organization }>('POST', '/api/v1/signup', body)
      setDone({ organization: result.organization, email: body.admin.email })
    })
  }

  const f = submit.fields
  const isOther = form.country === OTHER_COUNTRY

  return (
    <div class="page">
      <h1>{t('signup.title')}</h1>
      <p class="lead">{t('signup.intro')}</p>
      <form ref={formRef} class="form" onSubmit={onSubmit} data-testid="signup-form">
        <fieldset>
          <legend>{t('signup.orgSection')}</legend>
          <Field id="org-name" label={t('signup.name')} error={f['organization.name']}>
            {(control) => (
              <input
                {...control}
                data-testid="signup-name"
                type="text"
                required
                maxLength={120}
                autocomplete="organization"
                value={form.name}
                onInput={(event) => {
                  const name = event.currentTarget.value
                  setForm((current) => ({
                    ...current,
                    name,
                    slug: slugEdited ? current.slug : suggestSlug(name),
                  }))
                }}
              />
            )}
          </Field>
          <Field
            id="org-slug"
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
          >
            {(control) => (
              <input
                {...control}
                data-testid="signup-slug"
                type="text"
                dir="ltr"
                required
                minLength={3}
                maxLength={40}
                pattern="[a-z0-9]+(-[a-z0-9]+)*"
                autocapitalize="none"
                autocomplete="off"
                spellcheck={false}
                value={form.slug}
                onInput={(event) => {
                  setSlugEdited(true)
                  set('slug', event.currentTarget.value.toLowerCase())
                }}
              />
            )}
          </Field>
          <Field id="org-kind" label={t('signup.kind')} error={f['organization.kind']}>
            {(control) => (
              <select
                {...control}
                data-testid="signup-kind"
                required
                value={form.kind}
                onChange={(event) => set('kind', event.currentTarget.value as Form['kind'])}
              >
                <option value="" disabled>
                  {t('form.choose')}
                </option>
                <option value="city">{t('signup.kindCity')}</option>
                <option value="ngo">{t('signup.kindNgo')}</option>
                <option value="other">{t('signup.kindOther')}</option>
              </select>
            )}
          </Field>
          <Field
            id="org-country"
            label={t('signup.country')}
            error={isOther ? undefined : f['organization.country']}
          >
            {(control) => (
              <select
                {...control}
                data-testid="signup-country"
                required
                value={form.country}
                onChange={(event) => set('country', event.currentTarget.value)}
              >
                <option value="" disabled>
                  {t('form.choose')}
                </option>
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
                <option value={OTHER_COUNTRY}>{t('signup.countryOther')}</option>
              </select>
            )}
          </Field>
          {isOther && (
            <Field
              id="org-country-code"
              label={t('signup.countryCode')}
              hint={t('signup.countryCodeHint')}
              error={f['organization.country']}
            >
              {(control) => (
                <input
                  {...control}
                  data-testid="signup-country-code"
                  class="input--short"
                  type="text"
                  dir="ltr"
                  required
                  minLength={2}
                  maxLength={2}
                  pattern="[A-Za-z]{2}"
                  autocapitalize="characters"
                  autocomplete="country"
                  spellcheck={false}
                  value={form.countryCode}
                  onInput={(event) => set('countryCode', event.currentTarget.value.toUpperCase())}
                />
              )}
            </Field>
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
          <Field
            id="org-language"
            label={t('signup.language')}
            hint={t('signup.languageHint')}
            error={f['organization.defaultLocale']}
          >
            {(control) => (
              <select
                {...control}
                data-testid="signup-language"
                value={form.defaultLocale}
                onChange={(event) => set('defaultLocale', event.currentTarget.value)}
              >
                {ORG_LANGUAGES.map((code) => (
                  <option key={code} value={code} lang={code}>
                    {languageName(code)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t('signup.adminSection')}</legend>
          <Field id="admin-name" label={t('signup.adminName')} error={f['admin.name']}>
            {(control) => (
              <input
                {...control}
                data-testid="signup-admin-name"
                type="text"
                required
                maxLength={120}
                autocomplete="name"
                value={form.adminName}
                onInput={(event) => set('adminName', event.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            id="admin-email"
            label={t('signup.adminEmail')}
            hint={t('signup.adminEmailHint')}
            error={f['admin.email']}
          >
            {(control) => (
              <input
                {...control}
                data-testid="signup-admin-email"
                type="email"
                dir="ltr"
                required
                maxLength={254}
                autocomplete="email"
                spellcheck={false}
                value={form.adminEmail}
                onInput={(event) => set('adminEmail', event.currentTarget.value)}
              />
            )}
          </Field>
        </fieldset>

        <FormAlert message={submit.message} />
        <SubmitButton
          busy={submit.busy}
          label={t('signup.submit')}
          busyLabel={t('signup.submitting')}
          testid="signup-submit"
        />
      </form>
      <p class="aside">
        {t('signup.haveAccount')} <a href="/sign-in">{t('signup.signIn')}</a>
      </p>
    </div>
  )
}
