import { INTAKE_FIELDS, PROTECTED_FIELDS } from '@tandem/vocab'
import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { Checkboxes } from '../../kit/choices'
import { FormAlert, SubmitButton } from '../../kit/form'
import { CodesField, NumberField } from '../../kit/inputs'
import { Notice } from '../../kit/notice'
import { useForm } from '../../kit/use-form'
import { ok, params } from '../../lib/client'
import { intakeFieldLabel, protectedFieldLabel } from '../../lib/labels'
import { toggled } from '../../lib/lists'
import { formLinksPath, intakePath } from '../../lib/paths'
import { canManagePrograms } from '../org/roles'
import { LabelsEditor } from './labels-editor'
import { MatchingSettings } from './matching-settings'
import { type Program, programRoute } from './program'
import { ProgramBasics } from './program-basics'
import { type ProgramData, ProgramPage } from './program-page'
import { settingsPaths, toBody, toForm } from './settings-model'
import { TrainingModules } from './training-modules'

/** `/orgs/{org}/programs/{program}/settings`: every setting of a program in one form. */
export default function ProgramSettings(props: { program: string }) {
  const { t } = useI18n()
  const { query } = useLocation()
  return (
    <ProgramPage program={props.program} title={t('settings.title')}>
      {(data, reload) => (
        // A fresh form for each loaded version of the program.
        <SettingsForm key={data.program.id} data={data} created={query.created === '1'} onSaved={reload} />
      )}
    </ProgramPage>
  )
}

function SettingsForm(props: { data: ProgramData; created: boolean; onSaved: () => void }) {
  const { t } = useI18n()
  const { organization, program, role } = props.data
  const canEdit = canManagePrograms(role)
  const settings = useForm(() => toForm(program), settingsPaths)
  const { formRef, values: form, set, field, submit } = settings
  const [notice, setNotice] = useState(props.created ? t('settings.created') : '')
  const f = submit.fields

  const onSubmit = (event: Event) => {
    event.preventDefault()
    setNotice('')
    const body = toBody(form)
    submit.run(async () => {
      await ok(
        programRoute.$patch({ param: params({ org: organization.slug, program: program.id }), json: body }),
      )
      setNotice(t('settings.saved'))
      props.onSaved()
    })
  }

  return (
    <>
      <Notice testid="settings-notice">{notice}</Notice>
      <IntakeLink slug={organization.slug} program={program} />
      <form ref={formRef} class="form" onSubmit={onSubmit} data-testid="settings-form">
        <fieldset disabled={!canEdit}>
          <legend>{t('settings.basics')}</legend>
          <ProgramBasics
            idPrefix="settings"
            field={field}
            descriptionRows={4}
            statusHint={t('settings.statusHint')}
          />
          <CodesField
            id="settings-goals"
            label={t('settings.goalAreas')}
            hint={t('settings.codesHint')}
            {...field('goalAreas')}
          />
          <CodesField
            id="settings-interests"
            label={t('settings.interests')}
            hint={t('settings.codesHint')}
            {...field('interests')}
          />
        </fieldset>

        <fieldset disabled={!canEdit}>
          <legend>{t('settings.rhythm')}</legend>
          {(
            [
              ['cadence', 'meetingCadenceDays', 1, 90, t('settings.cadence'), t('settings.cadenceHint')],
              [
                'commitment',
                'minCommitmentMonths',
                1,
                36,
                t('settings.commitment'),
                t('settings.commitmentHint'),
              ],
              ['renewal', 'renewalWindowDays', 0, 365, t('settings.renewal'), t('settings.renewalHint')],
            ] as const
          ).map(([id, key, min, max, label, hint]) => (
            <NumberField
              key={id}
              id={`settings-${id}`}
              label={label}
              hint={hint}
              min={min}
              max={max}
              {...field(key)}
            />
          ))}
        </fieldset>

        <fieldset disabled={!canEdit}>
          <legend>{t('settings.intake')}</legend>
          <Checkboxes
            id="settings-intake-fields"
            legend={t('settings.intakeFields')}
            hint={t('settings.intakeFieldsHint')}
            error={f.intakeFields}
            name="intakeFields"
            options={INTAKE_FIELDS}
            labelOf={(field) => intakeFieldLabel(t, field)}
            testid={(field) => `intake-field-${field}`}
            checked={(field) => form.intakeFields[field]}
            onToggle={(field, on) => set('intakeFields', { ...form.intakeFields, [field]: on })}
          />
          <Checkboxes
            id="settings-protected"
            legend={t('settings.protected')}
            hint={t('settings.protectedHint')}
            error={f.protectedFields}
            name="protectedFields"
            options={PROTECTED_FIELDS}
            labelOf={(field) => protectedFieldLabel(t, field)}
            testid={(field) => `protected-field-${field}`}
            checked={(field) => form.protectedFields.includes(field)}
            onToggle={(field, on) => set('protectedFields', toggled(form.protectedFields, field, on))}
          >
            <p class="alert alert--warning" data-testid="protected-warning">
              {t('settings.protectedWarning')}
            </p>
          </Checkboxes>
        </fieldset>

        <TrainingModules
          disabled={!canEdit}
          rows={form.trainingModules}
          errors={f}
          onChange={(rows) => set('trainingModules', rows)}
        />

        <LabelsEditor
          disabled={!canEdit}
          form={form}
          errors={f}
          onChange={(labels) => set('labels', labels)}
        />

        <MatchingSettings
          disabled={!canEdit}
          custom={form.customMatching}
          value={form.matching}
          errors={f}
          onCustom={(custom) => set('customMatching', custom)}
          onChange={(change) =>
            settings.setValues((current) => ({ ...current, matching: { ...current.matching, ...change } }))
          }
        />

        <FormAlert message={submit.message} />
        {canEdit ? (
          <SubmitButton
            busy={submit.busy}
            labels={[t('settings.save'), t('settings.saving')]}
            testid="settings-save"
          />
        ) : (
          <p class="muted">{t('settings.readOnly')}</p>
        )}
      </form>
    </>
  )
}

/** The public application form's address, while the program is open. */
function IntakeLink(props: { slug: string; program: Program }) {
  const { t } = useI18n()
  const path = intakePath(props.slug, props.program.id)
  return (
    <section class="card section" aria-labelledby="intake-link-heading">
      <h2 id="intake-link-heading">{t('settings.intakeLink')}</h2>
      {props.program.status === 'active' ? (
        <p>
          {t('settings.intakeLinkHint')}{' '}
          <a href={path} data-testid="intake-link">
            <bdi dir="ltr">{`${location.origin}${path}`}</bdi>
          </a>
        </p>
      ) : (
        <p>{t('settings.intakeLinkInactive')}</p>
      )}
      <p>
        <a href={formLinksPath(props.slug, props.program.id)} data-testid="form-links-link">
          {t('settings.intakeLinks')}
        </a>
      </p>
    </section>
  )
}
