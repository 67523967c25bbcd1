import type { ProgramStatus } from '@tandem/vocab'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { SubmitForm } from '../../kit/form'
import { Section } from '../../kit/section'
import { useForm } from '../../kit/use-form'
import { ok, params, v1 } from '../../lib/client'
import { programPath } from '../../lib/paths'
import { parseCodes } from '../../lib/text'
import { ProgramBasics } from './program-basics'

/** "New program": name, description, languages (codes, their names read back) and status; then its settings. */
export function NewProgramForm(props: { slug: string }) {
  const { t } = useI18n()
  const { route } = useLocation()
  const form = useForm({ name: '', description: '', languages: '', status: 'draft' as ProgramStatus }, [
    'name',
    'description',
    'languages',
    'status',
  ])
  const { values, field, submit } = form

  const onSubmit = () => {
    submit.run(async () => {
      const json = {
        name: values.name.trim(),
        description: values.description.trim(),
        languages: parseCodes(values.languages.toLowerCase()),
        status: values.status,
      }
      const created = await ok(v1.orgs[':org'].programs.$post({ param: params({ org: props.slug }), json }))
      route(`${programPath(props.slug, created.id, '/settings')}?created=1`)
    })
  }

  return (
    <Section id="new-program-heading" heading={t('programs.new')} intro={t('programs.newIntro')}>
      <SubmitForm
        form={form}
        class="form card"
        name="new-program"
        onSubmit={onSubmit}
        labels={[t('programs.create'), t('programs.creating')]}
      >
        <ProgramBasics idPrefix="new-program" field={field} descriptionRows={3} />
      </SubmitForm>
    </Section>
  )
}
