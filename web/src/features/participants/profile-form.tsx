import { ACCESS_NEEDS, DAY_PARTS, DAYS, SETTLEMENT_NEEDS } from '@tandem/vocab'
import { useEffect } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Availability } from '../../kit/availability'
import { Button } from '../../kit/button'
import { Checkboxes, YesBox } from '../../kit/choices'
import { FormFooter } from '../../kit/form'
import { TextField } from '../../kit/inputs'
import { useForm } from '../../kit/use-form'
import { ok } from '../../lib/client'
import { needLabel, type PlainKey } from '../../lib/labels'
import { languageRowPaths, toggled } from '../../lib/lists'
import { useVocabulary } from '../programs/vocabulary'
import { type ParticipantView, participantRoute } from './participant'
import { CapacitySelect, NeighborhoodField, PersonFields } from './person-fields'
import { missingError, missingProfile, PROFILE_PATHS, profileChanges, profileValues } from './profile'

/** The two lists of needs, each a group of boxes. */
const NEEDS: readonly {
  key: 'settlementNeeds' | 'accessNeeds'
  id: string
  legend: PlainKey
  options: readonly string[]
}[] = [
  {
    key: 'settlementNeeds',
    id: 'profile-settlement-needs',
    legend: 'participant.settlementNeeds',
    options: SETTLEMENT_NEEDS,
  },
  {
    key: 'accessNeeds',
    id: 'profile-access-needs',
    legend: 'participant.accessNeeds',
    options: ACCESS_NEEDS,
  },
]

/**
 * The profile's edit form: the fields the API lets a coordinator change (name, contact, languages, interests,
 * work, availability, neighborhood, needs, a mentor's capacity). Only what changed is sent.
 */
export function ProfileForm(props: ParticipantView & { onClose: () => void }) {
  const { t } = useI18n()
  const vocabulary = useVocabulary()
  const p = props.data.record
  const { program } = props.data
  const profile = useForm(
    () => profileValues(p),
    (v) => [...PROFILE_PATHS, ...languageRowPaths(v.languages)],
  )
  const { formRef, values, set, field, submit } = profile
  const interests = [...new Set([...program.interests, ...p.interests])]

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select')?.focus()
  }, [formRef])

  const onSubmit = (event: Event) => {
    event.preventDefault()
    submit.run(async () => {
      const missing = missingProfile(values)
      if (missing.length > 0) throw missingError(missing, t('form.missing'))
      const change = profileChanges(p, values)
      if (Object.keys(change).length === 0) {
        props.notify(t('participant.profileUnchanged'))
      } else {
        await ok(participantRoute.$patch({ param: props.param, json: change }))
        props.notify(t('participant.profileSaved'))
        props.reload()
      }
      props.onClose()
    })
  }

  return (
    <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="profile-form">
      <PersonFields idPrefix="profile" form={profile} programLanguages={program.languages} />
      <YesBox
        id="profile-interpretation"
        legend={t('participant.interpretation')}
        label={t('participant.interpretationYes')}
        name="wantsInterpretation"
        {...field('wantsInterpretation')}
      />
      {interests.length > 0 && (
        <Checkboxes
          id="profile-interests"
          legend={t('participant.interests')}
          class="choices--inline"
          name="interests"
          error={submit.fields.interests}
          options={interests}
          labelOf={vocabulary.interest}
          testid={(code) => `profile-interest-${code}`}
          checked={(code) => values.interests.includes(code)}
          onToggle={(code, on) => set('interests', toggled(values.interests, code, on))}
        />
      )}
      <TextField
        id="profile-sector"
        label={t('participant.sector')}
        hint={t('enroll.optional')}
        maxLength={80}
        {...field('sector')}
      />
      <Availability
        idPrefix="profile"
        legend={t('participant.availability')}
        days={DAYS}
        parts={DAY_PARTS}
        selected={values.availability}
        error={submit.fields.availability}
        onToggle={(slot, on) => set('availability', toggled(values.availability, slot, on))}
      />
      <NeighborhoodField idPrefix="profile" {...field('neighborhood')} />
      {NEEDS.map(({ key, id, legend, options }) => (
        <Checkboxes
          key={key}
          id={id}
          legend={t(legend)}
          name={key}
          error={submit.fields[key]}
          options={options}
          labelOf={(need) => needLabel(t, need)}
          testid={(need) => `profile-need-${need}`}
          checked={(need) => values[key].includes(need)}
          onToggle={(need, on) => set(key, toggled(values[key], need, on))}
        />
      ))}
      {p.role === 'mentor' && <CapacitySelect idPrefix="profile" {...field('capacity')} />}
      <FormFooter
        submit={submit}
        labels={[t('participant.profileSave'), t('common.saving')]}
        testid="profile-save"
      >
        <Button testid="profile-cancel" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>
      </FormFooter>
    </form>
  )
}
