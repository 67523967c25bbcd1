import { useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { apiGet, apiSend } from '../api'
import { Breadcrumbs } from '../components/breadcrumbs'
import { LanguageNames } from '../components/fields'
import { Field, FormAlert, SubmitButton, useSubmit } from '../components/form'
import { LoadError, Loading, useLoad } from '../components/load'
import { useI18n, useTitle } from '../i18n/context'
import { type Organization, type OrganizationWithRole, orgApi } from '../org'
import {
  canManagePrograms,
  languageLabel,
  listText,
  PROGRAM_STATUSES,
  type Program,
  type ProgramStatus,
  parseCodes,
  programPath,
  programStatusLabel,
} from '../programs'
import { orgPath, type Role } from '../session'

interface Data {
  organization: Organization
  role: Role
  programs: Program[]
}

async function loadAll(slug: string, signal: AbortSignal): Promise<Data> {
  const [org, programs] = await Promise.all([
    apiGet<OrganizationWithRole>(orgApi(slug), { signal }),
    apiGet<{ items: Program[] }>(orgApi(slug, '/programs'), { signal }),
  ])
  return { ...org, programs: programs.items }
}

/** `/orgs/{org}/programs`: the organization's programs and the "new program" form. */
export default function Programs(props: { org: string }) {
  const { t } = useI18n()
  const slug = props.org
  const { state } = useLoad(slug, (signal) => loadAll(slug, signal))
  useTitle(
    state.kind === 'ok' ? `${t('programs.title')} · ${state.data.organization.name}` : t('programs.title'),
  )

  return (
    <div class="page">
      {state.kind === 'ok' && (
        <Breadcrumbs items={[{ href: orgPath(slug), label: state.data.organization.name }]} />
      )}
      <h1>{t('programs.title')}</h1>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError error={state.error} notFound={t('org.notFound')} />}
      {state.kind === 'ok' && (
        <>
          <ProgramList data={state.data} />
          {canManagePrograms(state.data.role) && <NewProgramForm slug={slug} />}
        </>
      )}
    </div>
  )
}

function ProgramList(props: { data: Data }) {
  const { t, locale, formatDate } = useI18n()
  const { programs, organization } = props.data
  return (
    <section class="section" aria-labelledby="programs-heading">
      <h2 id="programs-heading">{t('programs.heading', { count: programs.length })}</h2>
      {programs.length === 0 ? (
        <p data-testid="programs-empty">{t('programs.empty')}</p>
      ) : (
        <table class="table" data-testid="programs-table">
          <thead>
            <tr>
              <th scope="col">{t('programs.name')}</th>
              <th scope="col">{t('programs.status')}</th>
              <th scope="col">{t('programs.languages')}</th>
              <th scope="col">{t('programs.created')}</th>
              <th scope="col">{t('members.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {programs.map((program) => (
              <tr
                key={program.id}
                data-testid="program-row"
                data-id={program.id}
                data-status={program.status}
              >
                <td data-label={t('programs.name')}>
                  <a href={programPath(organization.slug, program.id)} data-testid="program-link">
                    <bdi>{program.name}</bdi>
                  </a>
                </td>
                <td data-label={t('programs.status')}>
                  <span class={`badge badge--${program.status}`}>
                    {programStatusLabel(t, program.status)}
                  </span>
                </td>
                <td data-label={t('programs.languages')}>
                  {listText(
                    locale,
                    program.languages.map((code) => languageLabel(locale, code)),
                  )}
                </td>
                <td data-label={t('programs.created')}>
                  <time dateTime={program.createdAt}>
                    {formatDate(new Date(program.createdAt), { dateStyle: 'medium' })}
                  </time>
                </td>
                <td data-label={t('members.actions')}>
                  <a
                    href={programPath(organization.slug, program.id, '/settings')}
                    data-testid="program-settings-link"
                  >
                    {t('programs.settings')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function NewProgramForm(props: { slug: string }) {
  const { t } = useI18n()
  const { route } = useLocation()
  const formRef = useRef<HTMLFormElement>(null)
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [languages, setLanguages] = useState('')
  const [status, setStatus] = useState<ProgramStatus>('draft')
  const submit = useSubmit(['name', 'description', 'languages', 'status'], { formRef })

  const onSubmit = (event: Event) => {
    event.preventDefault()
    submit.run(async () => {
      const created = await apiSend<Program>('POST', orgApi(props.slug, '/programs'), {
        name: name.trim(),
        description: description.trim(),
        languages: parseCodes(languages.toLowerCase()),
        status,
      })
      route(`${programPath(props.slug, created.id, '/settings')}?created=1`)
    })
  }

  return (
    <section class="section" aria-labelledby="new-program-heading">
      <h2 id="new-program-heading">{t('programs.new')}</h2>
      <p>{t('programs.newIntro')}</p>
      <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="new-program-form">
        <Field id="new-program-name" label={t('settings.name')} error={submit.fields.name}>
          {(control) => (
            <input
              {...control}
              data-testid="new-program-name"
              type="text"
              required
              maxLength={120}
              value={name}
              onInput={(event) => setName(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="new-program-description"
          label={t('settings.description')}
          hint={t('settings.descriptionHint')}
          error={submit.fields.description}
        >
          {(control) => (
            <textarea
              {...control}
              data-testid="new-program-description"
              rows={3}
              maxLength={2000}
              value={description}
              onInput={(event) => setDescription(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="new-program-languages"
          label={t('settings.languages')}
          hint={
            <>
              {t('settings.languagesHint')} <LanguageNames codes={languages} />
            </>
          }
          error={submit.fields.languages}
        >
          {(control) => (
            <input
              {...control}
              data-testid="new-program-languages"
              type="text"
              dir="ltr"
              required
              autocapitalize="none"
              autocomplete="off"
              spellcheck={false}
              value={languages}
              onInput={(event) => setLanguages(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="new-program-status" label={t('settings.status')} error={submit.fields.status}>
          {(control) => (
            <select
              {...control}
              data-testid="new-program-status"
              value={status}
              onChange={(event) => setStatus(event.currentTarget.value as ProgramStatus)}
            >
              {PROGRAM_STATUSES.map((option) => (
                <option key={option} value={option}>
                  {programStatusLabel(t, option)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <FormAlert message={submit.message} />
        <SubmitButton
          busy={submit.busy}
          label={t('programs.create')}
          busyLabel={t('programs.creating')}
          testid="new-program-submit"
        />
      </form>
    </section>
  )
}
