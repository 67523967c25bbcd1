import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { RadioGroup } from '../../kit/choices'
import { FormFooter } from '../../kit/form'
import { useForm } from '../../kit/use-form'
import { ok, params } from '../../lib/client'
import { participantRoleLabel } from '../../lib/labels'
import { languageRowPaths } from '../../lib/lists'
import type { ProgramData } from '../programs/program-page'
import { emptyEnroll, enrollBody, missingAnswers } from './enroll'
import { participantsRoute } from './participant'
import { CapacitySelect, NeighborhoodField, PersonFields } from './person-fields'
import { missingError } from './profile'

const ENROLL_PATHS = [
  'role',
  'displayName',
  'email',
  'phone',
  'preferredLocale',
  'languages',
  'neighborhood',
  'capacity',
]

/**
 * "Add a participant": role, name, contact, language for messages, languages with levels, neighborhood, capacity.
 * Nothing is chosen in advance (enroll.ts); required answers say so, and a missing one is named on its field.
 */
export function EnrollForm(props: { data: ProgramData; onEnrolled: (name: string, id: string) => void }) {
  const { t } = useI18n()
  const { organization, program } = props.data
  const [open, setOpen] = useState(false)
  const enroll = useForm(emptyEnroll, (values) => [...ENROLL_PATHS, ...languageRowPaths(values.languages)])
  const { formRef, values: form, setValues, field, submit } = enroll
  const required = t('form.required')

  if (!open) {
    return (
      <section class="section">
        <Button variant="primary" testid="enroll-open" onClick={() => setOpen(true)}>
          {t('enroll.open')}
        </Button>
      </section>
    )
  }

  const onSubmit = (event: Event) => {
    event.preventDefault()
    submit.run(async () => {
      const json = enrollBody(form)
      // A required choice is missing: named on its field, as the API would, without a request.
      if (!json) throw missingError(missingAnswers(form), t('form.missing'))
      const created = await ok(
        participantsRoute.$post({ param: params({ org: organization.slug, program: program.id }), json }),
      )
      setValues(emptyEnroll())
      props.onEnrolled(json.displayName, created.id)
    })
  }

  return (
    <section class="section" aria-labelledby="enroll-heading">
      <h2 id="enroll-heading">{t('enroll.heading')}</h2>
      <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="enroll-form">
        <RadioGroup
          id="enroll-role"
          legend={t('enroll.role')}
          hint={required}
          options={participantRoleLabel.codes}
          required
          testid={(role) => `enroll-role-${role}`}
          labelOf={(role) => participantRoleLabel(t, role)}
          {...field('role')}
        />
        <PersonFields idPrefix="enroll" form={enroll} programLanguages={program.languages} fresh />
        <NeighborhoodField idPrefix="enroll" {...field('neighborhood')} />
        {form.role === 'mentor' && <CapacitySelect idPrefix="enroll" fresh {...field('capacity')} />}
        <FormFooter
          submit={submit}
          labels={[t('enroll.submit'), t('enroll.submitting')]}
          testid="enroll-submit"
        >
          <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
        </FormFooter>
      </form>
    </section>
  )
}
