import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { FormFooter } from '../../kit/form'
import { CodeSelect, CodesField, TextArea, TextField } from '../../kit/inputs'
import { useForm } from '../../kit/use-form'
import { apiSend } from '../../lib/api'
import { programStatusLabel } from '../../lib/labels'
import { orgApi, programPath } from '../../lib/paths'
import { parseCodes } from '../../lib/text'
import { PROGRAM_STATUSES, type ProgramStatus } from '../../lib/vocabulary'
import { LanguageNames } from './language-names'
import type { Program } from './program'

/** "New program": name, description, languages (codes, their names read back) and status; then its settings. */
export function NewProgramForm(props: { slug: string }) {
  const { t } = useI18n()
  const { route } = useLocation()
  const { formRef, values, field, submit } = useForm(
    { name: '', description: '', languages: '', status: 'draft' as ProgramStatus },
    ['name', 'description', 'languages', 'status'],
  )

  const onSubmit = (event: Event) => {
    event.preventDefault()
    submit.run(async () => {
      const created = await apiSend<Program>('POST', orgApi(props.slug, '/programs'), {
        name: values.name.trim(),
        description: values.description.trim(),
        languages: parseCodes(values.languages.toLowerCase()),
        status: values.status,
      })
      route(`${programPath(props.slug, created.id, '/settings')}?created=1`)
    })
  }

  return (
    <section class="section" aria-labelledby="new-program-heading">
      <h2 id="new-program-heading">{t('programs.new')}</h2>
      <p>{t('programs.newIntro')}</p>
      <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="new-program-form">
        <TextField
          id="new-program-name"
          label={t('settings.name')}
          required
          maxLength={120}
          {...field('name')}
        />
        <TextArea
          id="new-program-description"
          label={t('settings.description')}
          hint={t('settings.descriptionHint')}
          rows={3}
          maxLength={2000}
          {...field('description')}
        />
        <CodesField
          id="new-program-languages"
          label={t('settings.languages')}
          hint={
            <>
              {t('settings.languagesHint')} <LanguageNames codes={values.languages} />
            </>
          }
          required
          {...field('languages')}
        />
        <CodeSelect
          id="new-program-status"
          label={t('settings.status')}
          options={PROGRAM_STATUSES}
          labelOf={(option) => programStatusLabel(t, option)}
          {...field('status')}
        />
        <FormFooter
          submit={submit}
          labels={[t('programs.create'), t('programs.creating')]}
          testid="new-program-submit"
        />
      </form>
    </section>
  )
}
