import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { Choice, ChoiceGroup } from '../../kit/choices'
import { FormAlert, SubmitButton } from '../../kit/form'
import { CodeSelect, CodesField, NumberField, TextArea, TextField } from '../../kit/inputs'
import { Notice } from '../../kit/notice'
import { useForm } from '../../kit/use-form'
import { apiSend } from '../../lib/api'
import { intakeFieldLabel, programStatusLabel, protectedFieldLabel } from '../../lib/labels'
import { intakePath, programApi } from '../../lib/paths'
import { INTAKE_FIELDS, PROGRAM_STATUSES, PROTECTED_FIELDS } from '../../lib/vocabulary'
import { canManagePrograms } from '../org/roles'
import { LanguageNames } from './language-names'
import { MatchingSettings } from './matching-settings'
import type { Program } from './program'
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
  const {
    formRef,
    values: form,
    setValues: setForm,
    set,
    field,
    submit,
  } = useForm(() => toForm(program), settingsPaths)
  const [notice, setNotice] = useState(props.created ? t('settings.created') : '')
  const f = submit.fields

  const onSubmit = (event: Event) => {
    event.preventDefault()
    setNotice('')
    const body = toBody(form)
    submit.run(async () => {
      await apiSend<Program>('PATCH', programApi(organization.slug, program.id), body)
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
          <TextField
            id="settings-name"
            label={t('settings.name')}
            required
            maxLength={120}
            {...field('name')}
          />
          <TextArea
            id="settings-description"
            label={t('settings.description')}
            hint={t('settings.descriptionHint')}
            rows={4}
            maxLength={2000}
            {...field('description')}
          />
          <CodeSelect
            id="settings-status"
            label={t('settings.status')}
            hint={t('settings.statusHint')}
            options={PROGRAM_STATUSES}
            labelOf={(option) => programStatusLabel(t, option)}
            {...field('status')}
          />
          <CodesField
            id="settings-languages"
            label={t('settings.languages')}
            hint={
              <>
                {t('settings.languagesHint')} <LanguageNames codes={form.languages} />
              </>
            }
            error={f.languages}
            required
            value={form.languages}
            onValue={(languages) => set('languages', languages)}
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
          <NumberField
            id="settings-cadence"
            label={t('settings.cadence')}
            hint={t('settings.cadenceHint')}
            min={1}
            max={90}
            {...field('meetingCadenceDays')}
          />
          <NumberField
            id="settings-commitment"
            label={t('settings.commitment')}
            hint={t('settings.commitmentHint')}
            min={1}
            max={36}
            {...field('minCommitmentMonths')}
          />
          <NumberField
            id="settings-renewal"
            label={t('settings.renewal')}
            hint={t('settings.renewalHint')}
            min={0}
            max={365}
            {...field('renewalWindowDays')}
          />
        </fieldset>

        <fieldset disabled={!canEdit}>
          <legend>{t('settings.intake')}</legend>
          <ChoiceGroup
            id="settings-intake-fields"
            legend={t('settings.intakeFields')}
            hint={t('settings.intakeFieldsHint')}
            error={f.intakeFields}
          >
            {INTAKE_FIELDS.map((field) => (
              <Choice
                key={field}
                name="intakeFields"
                value={field}
                testid={`intake-field-${field}`}
                checked={form.intakeFields[field]}
                label={intakeFieldLabel(t, field)}
                onChange={(checked) => set('intakeFields', { ...form.intakeFields, [field]: checked })}
              />
            ))}
          </ChoiceGroup>
          <ChoiceGroup
            id="settings-protected"
            legend={t('settings.protected')}
            hint={t('settings.protectedHint')}
            error={f.protectedFields}
          >
            <p class="alert alert--warning" data-testid="protected-warning">
              {t('settings.protectedWarning')}
            </p>
            {PROTECTED_FIELDS.map((field) => (
              <Choice
                key={field}
                name="protectedFields"
                value={field}
                testid={`protected-field-${field}`}
                checked={form.protectedFields.includes(field)}
                label={protectedFieldLabel(t, field)}
                onChange={(checked) =>
                  set(
                    'protectedFields',
                    checked
                      ? [...form.protectedFields, field]
                      : form.protectedFields.filter((x) => x !== field),
                  )
                }
              />
            ))}
          </ChoiceGroup>
        </fieldset>

        <TrainingModules
          disabled={!canEdit}
          rows={form.trainingModules}
          errors={f}
          onChange={(rows) => set('trainingModules', rows)}
        />

        <MatchingSettings
          disabled={!canEdit}
          custom={form.customMatching}
          value={form.matching}
          errors={f}
          onCustom={(custom) => set('customMatching', custom)}
          onChange={(change) =>
            setForm((current) => ({ ...current, matching: { ...current.matching, ...change } }))
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
    </section>
  )
}
