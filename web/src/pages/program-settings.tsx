import { useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { apiSend } from '../api'
import { Breadcrumbs } from '../components/breadcrumbs'
import { Choice, ChoiceGroup, LanguageNames } from '../components/fields'
import { Field, FormAlert, SubmitButton, useSubmit } from '../components/form'
import { LoadError, Loading, useLoad } from '../components/load'
import { useI18n, useTitle } from '../i18n/context'
import {
  CEFR_LEVELS,
  type CefrLevel,
  CRITERIA,
  type Criterion,
  canManagePrograms,
  criterionLabel,
  DEFAULT_MATCHING,
  INTAKE_FIELDS,
  type IntakeField,
  intakeFieldLabel,
  intakePath,
  levelLabel,
  loadOrgProgram,
  type MatchingSettings,
  type OrgProgram,
  PROGRAM_STATUSES,
  PROTECTED_FIELDS,
  type Program,
  type ProgramStatus,
  type ProtectedField,
  parseCodes,
  programApi,
  programPath,
  programStatusLabel,
  programsPath,
  protectedFieldLabel,
} from '../programs'
import { orgPath } from '../session'

/** `/orgs/{org}/programs/{program}/settings`: every setting of a program in one form. */
export default function ProgramSettings(props: { org: string; program: string }) {
  const { t } = useI18n()
  const { query } = useLocation()
  const key = `${props.org}/${props.program}`
  const { state, reload } = useLoad(key, (signal) => loadOrgProgram(props.org, props.program, signal))
  useTitle(state.kind === 'ok' ? `${t('settings.title')} · ${state.data.program.name}` : t('settings.title'))

  return (
    <div class="page">
      {state.kind === 'ok' && (
        <Breadcrumbs
          items={[
            { href: orgPath(props.org), label: state.data.organization.name },
            { href: programsPath(props.org), label: t('programs.title') },
            { href: programPath(props.org, props.program), label: state.data.program.name },
          ]}
        />
      )}
      <h1>{t('settings.title')}</h1>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError error={state.error} notFound={t('program.notFound')} />}
      {state.kind === 'ok' && (
        // A fresh form for each loaded version of the program.
        <SettingsForm
          key={state.data.program.id}
          data={state.data}
          created={query.created === '1'}
          onSaved={reload}
        />
      )}
    </div>
  )
}

interface ModuleRow {
  key: number
  id: string
  title: string
  /** The id was typed by hand: stop suggesting one from the title. */
  idEdited: boolean
}

interface MatchingForm {
  weights: Record<Criterion, string>
  minMentorLevel: CefrLevel
  minMenteeLevel: CefrLevel
  maxDistanceKm: string
  minOverlapSlots: string
}

interface Form {
  name: string
  description: string
  status: ProgramStatus
  languages: string
  goalAreas: string
  interests: string
  meetingCadenceDays: string
  minCommitmentMonths: string
  renewalWindowDays: string
  intakeFields: Record<IntakeField, boolean>
  trainingModules: ModuleRow[]
  protectedFields: ProtectedField[]
  customMatching: boolean
  matching: MatchingForm
}

function toForm(program: Program): Form {
  const matching: MatchingSettings = program.matchingSettings ?? DEFAULT_MATCHING
  return {
    name: program.name,
    description: program.description,
    status: program.status,
    languages: program.languages.join(', '),
    goalAreas: program.goalAreas.join(', '),
    interests: program.interests.join(', '),
    meetingCadenceDays: String(program.meetingCadenceDays),
    minCommitmentMonths: String(program.minCommitmentMonths),
    renewalWindowDays: String(program.renewalWindowDays),
    intakeFields: Object.fromEntries(
      INTAKE_FIELDS.map((field) => [field, program.intakeFields[field] === true]),
    ) as Record<IntakeField, boolean>,
    trainingModules: program.trainingModules.map((m, index) => ({ key: index, ...m, idEdited: true })),
    protectedFields: [...program.protectedFields],
    customMatching: program.matchingSettings !== null,
    matching: {
      weights: Object.fromEntries(
        CRITERIA.map((c) => [c, String(matching.weights[c] ?? DEFAULT_MATCHING.weights[c] ?? 0)]),
      ) as Record<Criterion, string>,
      minMentorLevel: matching.minMentorLevel,
      minMenteeLevel: matching.minMenteeLevel,
      maxDistanceKm: matching.maxDistanceKm === null ? '' : String(matching.maxDistanceKm),
      minOverlapSlots: String(matching.minOverlapSlots),
    },
  }
}

/** "Safeguarding basics" → "safeguarding-basics" (a-z, 0-9, - and _; at most 40). */
function suggestModuleId(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
}

/** A number input's text as a number; NaN for empty or junk (the API then names the field). */
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))

function SettingsForm(props: { data: OrgProgram; created: boolean; onSaved: () => void }) {
  const { t } = useI18n()
  const { organization, program, role } = props.data
  const canEdit = canManagePrograms(role)
  const formRef = useRef<HTMLFormElement>(null)
  const nextKey = useRef(program.trainingModules.length)
  const [form, setForm] = useState<Form>(() => toForm(program))
  const [notice, setNotice] = useState(props.created ? t('settings.created') : '')
  const paths = [
    'name',
    'description',
    'status',
    'languages',
    'goalAreas',
    'interests',
    'meetingCadenceDays',
    'minCommitmentMonths',
    'renewalWindowDays',
    'intakeFields',
    'trainingModules',
    ...form.trainingModules.flatMap((_, i) => [`trainingModules.${i}.id`, `trainingModules.${i}.title`]),
    'protectedFields',
    'matchingSettings',
    ...CRITERIA.map((c) => `matchingSettings.weights.${c}`),
    'matchingSettings.minMentorLevel',
    'matchingSettings.minMenteeLevel',
    'matchingSettings.maxDistanceKm',
    'matchingSettings.minOverlapSlots',
  ]
  const submit = useSubmit(paths, { formRef })
  const f = submit.fields

  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((current) => ({ ...current, [key]: value }))
  const setModule = (index: number, change: Partial<ModuleRow>) =>
    setForm((current) => ({
      ...current,
      trainingModules: current.trainingModules.map((m, i) => (i === index ? { ...m, ...change } : m)),
    }))
  const setMatching = (change: Partial<MatchingForm>) =>
    setForm((current) => ({ ...current, matching: { ...current.matching, ...change } }))

  const onSubmit = (event: Event) => {
    event.preventDefault()
    setNotice('')
    const m = form.matching
    const maxDistance = m.maxDistanceKm.trim()
    const body = {
      name: form.name.trim(),
      description: form.description.trim(),
      status: form.status,
      languages: parseCodes(form.languages.toLowerCase()),
      goalAreas: parseCodes(form.goalAreas.toLowerCase()),
      interests: parseCodes(form.interests.toLowerCase()),
      meetingCadenceDays: num(form.meetingCadenceDays),
      minCommitmentMonths: num(form.minCommitmentMonths),
      renewalWindowDays: num(form.renewalWindowDays),
      intakeFields: form.intakeFields,
      trainingModules: form.trainingModules.map((row) => ({ id: row.id.trim(), title: row.title.trim() })),
      protectedFields: form.protectedFields,
      matchingSettings: form.customMatching
        ? {
            weights: Object.fromEntries(CRITERIA.map((c) => [c, num(m.weights[c])])),
            minMentorLevel: m.minMentorLevel,
            minMenteeLevel: m.minMenteeLevel,
            maxDistanceKm: maxDistance === '' ? null : num(maxDistance),
            minOverlapSlots: num(m.minOverlapSlots),
          }
        : null,
    }
    submit.run(async () => {
      await apiSend<Program>('PATCH', programApi(organization.slug, program.id), body)
      setNotice(t('settings.saved'))
      props.onSaved()
    })
  }

  const publicLink = `${location.origin}${intakePath(organization.slug, program.id)}`

  return (
    <>
      <p class="notice" role="status" data-testid="settings-notice">
        {notice}
      </p>
      <section class="card section" aria-labelledby="intake-link-heading">
        <h2 id="intake-link-heading">{t('settings.intakeLink')}</h2>
        {program.status === 'active' ? (
          <p>
            {t('settings.intakeLinkHint')}{' '}
            <a href={intakePath(organization.slug, program.id)} data-testid="intake-link">
              <bdi dir="ltr">{publicLink}</bdi>
            </a>
          </p>
        ) : (
          <p>{t('settings.intakeLinkInactive')}</p>
        )}
      </section>
      <form ref={formRef} class="form" onSubmit={onSubmit} data-testid="settings-form">
        <fieldset disabled={!canEdit}>
          <legend>{t('settings.basics')}</legend>
          <Field id="settings-name" label={t('settings.name')} error={f.name}>
            {(control) => (
              <input
                {...control}
                data-testid="settings-name"
                type="text"
                required
                maxLength={120}
                value={form.name}
                onInput={(event) => set('name', event.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            id="settings-description"
            label={t('settings.description')}
            hint={t('settings.descriptionHint')}
            error={f.description}
          >
            {(control) => (
              <textarea
                {...control}
                data-testid="settings-description"
                rows={4}
                maxLength={2000}
                value={form.description}
                onInput={(event) => set('description', event.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            id="settings-status"
            label={t('settings.status')}
            hint={t('settings.statusHint')}
            error={f.status}
          >
            {(control) => (
              <select
                {...control}
                data-testid="settings-status"
                value={form.status}
                onChange={(event) => set('status', event.currentTarget.value as ProgramStatus)}
              >
                {PROGRAM_STATUSES.map((option) => (
                  <option key={option} value={option}>
                    {programStatusLabel(t, option)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="settings-languages"
            label={t('settings.languages')}
            hint={
              <>
                {t('settings.languagesHint')} <LanguageNames codes={form.languages} />
              </>
            }
            error={f.languages}
          >
            {(control) => (
              <input
                {...control}
                data-testid="settings-languages"
                type="text"
                dir="ltr"
                required
                autocapitalize="none"
                autocomplete="off"
                spellcheck={false}
                value={form.languages}
                onInput={(event) => set('languages', event.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            id="settings-goals"
            label={t('settings.goalAreas')}
            hint={t('settings.codesHint')}
            error={f.goalAreas}
          >
            {(control) => (
              <input
                {...control}
                data-testid="settings-goals"
                type="text"
                dir="ltr"
                autocapitalize="none"
                autocomplete="off"
                spellcheck={false}
                value={form.goalAreas}
                onInput={(event) => set('goalAreas', event.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            id="settings-interests"
            label={t('settings.interests')}
            hint={t('settings.codesHint')}
            error={f.interests}
          >
            {(control) => (
              <input
                {...control}
                data-testid="settings-interests"
                type="text"
                dir="ltr"
                autocapitalize="none"
                autocomplete="off"
                spellcheck={false}
                value={form.interests}
                onInput={(event) => set('interests', event.currentTarget.value)}
              />
            )}
          </Field>
        </fieldset>

        <fieldset disabled={!canEdit}>
          <legend>{t('settings.rhythm')}</legend>
          <NumberField
            id="settings-cadence"
            label={t('settings.cadence')}
            hint={t('settings.cadenceHint')}
            min={1}
            max={90}
            value={form.meetingCadenceDays}
            error={f.meetingCadenceDays}
            onInput={(value) => set('meetingCadenceDays', value)}
          />
          <NumberField
            id="settings-commitment"
            label={t('settings.commitment')}
            hint={t('settings.commitmentHint')}
            min={1}
            max={36}
            value={form.minCommitmentMonths}
            error={f.minCommitmentMonths}
            onInput={(value) => set('minCommitmentMonths', value)}
          />
          <NumberField
            id="settings-renewal"
            label={t('settings.renewal')}
            hint={t('settings.renewalHint')}
            min={0}
            max={365}
            value={form.renewalWindowDays}
            error={f.renewalWindowDays}
            onInput={(value) => set('renewalWindowDays', value)}
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

        <fieldset disabled={!canEdit} data-testid="training-modules">
          <legend>{t('settings.training')}</legend>
          <p class="field__hint">{t('settings.trainingHint')}</p>
          {f.trainingModules && (
            <p class="field__error" data-testid="settings-training-error">
              {f.trainingModules}
            </p>
          )}
          {form.trainingModules.length === 0 && (
            <p data-testid="training-empty">{t('settings.trainingEmpty')}</p>
          )}
          <ol class="module-list">
            {form.trainingModules.map((row, index) => (
              <li key={row.key} class="module-row" data-testid="training-module">
                <Field
                  id={`module-${row.key}-title`}
                  label={t('settings.moduleTitle', { number: index + 1 })}
                  error={f[`trainingModules.${index}.title`]}
                >
                  {(control) => (
                    <input
                      {...control}
                      data-testid="module-title"
                      type="text"
                      required
                      maxLength={200}
                      value={row.title}
                      onInput={(event) => {
                        const title = event.currentTarget.value
                        setModule(index, row.idEdited ? { title } : { title, id: suggestModuleId(title) })
                      }}
                    />
                  )}
                </Field>
                <Field
                  id={`module-${row.key}-id`}
                  label={t('settings.moduleId', { number: index + 1 })}
                  hint={t('settings.moduleIdHint')}
                  error={f[`trainingModules.${index}.id`]}
                >
                  {(control) => (
                    <input
                      {...control}
                      data-testid="module-id"
                      type="text"
                      dir="ltr"
                      required
                      maxLength={40}
                      pattern="[a-z0-9_\-]{1,40}"
                      autocapitalize="none"
                      autocomplete="off"
                      spellcheck={false}
                      value={row.id}
                      onInput={(event) => setModule(index, { id: event.currentTarget.value, idEdited: true })}
                    />
                  )}
                </Field>
                <button
                  type="button"
                  class="button button--secondary button--small"
                  data-testid="module-remove"
                  onClick={() =>
                    set(
                      'trainingModules',
                      form.trainingModules.filter((_, i) => i !== index),
                    )
                  }
                >
                  {t('settings.moduleRemove', { number: index + 1 })}
                </button>
              </li>
            ))}
          </ol>
          <p>
            <button
              type="button"
              class="button button--secondary"
              data-testid="module-add"
              onClick={() => {
                const key = nextKey.current++
                set('trainingModules', [...form.trainingModules, { key, id: '', title: '', idEdited: false }])
                requestAnimationFrame(() => document.getElementById(`module-${key}-title`)?.focus())
              }}
            >
              {t('settings.moduleAdd')}
            </button>
          </p>
        </fieldset>

        <fieldset disabled={!canEdit}>
          <legend>{t('settings.matching')}</legend>
          <label class="choice">
            <input
              class="choice__input"
              type="checkbox"
              data-testid="settings-custom-matching"
              checked={form.customMatching}
              onChange={(event) => set('customMatching', event.currentTarget.checked)}
            />
            <span>{t('settings.customMatching')}</span>
          </label>
          {f.matchingSettings && <p class="field__error">{f.matchingSettings}</p>}
          {form.customMatching ? (
            <>
              <ChoiceGroup
                id="settings-weights"
                legend={t('settings.weights')}
                hint={t('settings.weightsHint')}
              >
                {CRITERIA.map((c) => (
                  <NumberField
                    key={c}
                    id={`settings-weight-${c}`}
                    label={criterionLabel(t, c)}
                    min={0}
                    max={10}
                    value={form.matching.weights[c]}
                    error={f[`matchingSettings.weights.${c}`]}
                    onInput={(value) => setMatching({ weights: { ...form.matching.weights, [c]: value } })}
                  />
                ))}
              </ChoiceGroup>
              <LevelField
                id="settings-mentor-level"
                label={t('settings.minMentorLevel')}
                value={form.matching.minMentorLevel}
                error={f['matchingSettings.minMentorLevel']}
                onChange={(value) => setMatching({ minMentorLevel: value })}
              />
              <LevelField
                id="settings-mentee-level"
                label={t('settings.minMenteeLevel')}
                value={form.matching.minMenteeLevel}
                error={f['matchingSettings.minMenteeLevel']}
                onChange={(value) => setMatching({ minMenteeLevel: value })}
              />
              <NumberField
                id="settings-distance"
                label={t('settings.maxDistance')}
                hint={t('settings.maxDistanceHint')}
                min={0}
                max={500}
                required={false}
                value={form.matching.maxDistanceKm}
                error={f['matchingSettings.maxDistanceKm']}
                onInput={(value) => setMatching({ maxDistanceKm: value })}
              />
              <NumberField
                id="settings-overlap"
                label={t('settings.minOverlap')}
                hint={t('settings.minOverlapHint')}
                min={0}
                max={42}
                value={form.matching.minOverlapSlots}
                error={f['matchingSettings.minOverlapSlots']}
                onInput={(value) => setMatching({ minOverlapSlots: value })}
              />
            </>
          ) : (
            <p class="field__hint">{t('settings.defaultMatching')}</p>
          )}
        </fieldset>

        <FormAlert message={submit.message} />
        {canEdit ? (
          <SubmitButton
            busy={submit.busy}
            label={t('settings.save')}
            busyLabel={t('settings.saving')}
            testid="settings-save"
          />
        ) : (
          <p class="muted">{t('settings.readOnly')}</p>
        )}
      </form>
    </>
  )
}

function NumberField(props: {
  id: string
  label: string
  hint?: string
  min: number
  max: number
  value: string
  error?: string | undefined
  required?: boolean
  onInput: (value: string) => void
}) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <input
          {...control}
          data-testid={props.id}
          class="input--number"
          type="number"
          inputMode="numeric"
          required={props.required ?? true}
          min={props.min}
          max={props.max}
          step={1}
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  )
}

function LevelField(props: {
  id: string
  label: string
  value: CefrLevel
  error?: string | undefined
  onChange: (value: CefrLevel) => void
}) {
  const { t } = useI18n()
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(control) => (
        <select
          {...control}
          data-testid={props.id}
          value={props.value}
          onChange={(event) => props.onChange(event.currentTarget.value as CefrLevel)}
        >
          {CEFR_LEVELS.map((level) => (
            <option key={level} value={level}>
              {levelLabel(t, level)}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
