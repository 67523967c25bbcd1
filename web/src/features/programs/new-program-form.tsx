import type { ProgramStatus } from '@tandem/vocab'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { FormFooter } from '../../kit/form'
import { useForm } from '../../kit/use-form'
import { ok, params, v1 } from '../../lib/client'
import { programPath } from '../../lib/paths'
import { parseCodes } from '../../lib/text'
import { ProgramBasics } from './program-basics'

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
    <section class="section" aria-labelledby="new-program-heading">
      <h2 id="new-program-heading">{t('programs.new')}</h2>
      <p>{t('programs.newIntro')}</p>
      <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="new-program-form">
        <ProgramBasics idPrefix="new-program" field={field} descriptionRows={3} />
        <FormFooter
          submit={submit}
          labels={[t('programs.create'), t('programs.creating')]}
          testid="new-program-submit"
        />
      </form>
    </section>
  )
}
