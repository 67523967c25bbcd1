import { useI18n } from '../../i18n/context'
import { ChoiceGroup } from '../../kit/choices'
import { CodeSelect, NumberField } from '../../kit/inputs'
import { criterionLabel, levelLabel } from '../../lib/labels'
import { CEFR_LEVELS, CRITERIA } from '../../lib/vocabulary'
import type { MatchingForm } from './settings-model'

/** The program's own matching settings (weights, minimum levels, distance, overlap), or the standard ones. */
export function MatchingSettings(props: {
  disabled: boolean
  custom: boolean
  value: MatchingForm
  errors: Record<string, string>
  onCustom: (custom: boolean) => void
  onChange: (change: Partial<MatchingForm>) => void
}) {
  const { t } = useI18n()
  const { value, errors: f, onChange } = props
  const level = (option: string) => levelLabel(t, option)
  return (
    <fieldset disabled={props.disabled}>
      <legend>{t('settings.matching')}</legend>
      <label class="choice">
        <input
          class="choice__input"
          type="checkbox"
          data-testid="settings-custom-matching"
          checked={props.custom}
          onChange={(event) => props.onCustom(event.currentTarget.checked)}
        />
        <span>{t('settings.customMatching')}</span>
      </label>
      {f.matchingSettings && <p class="field__error">{f.matchingSettings}</p>}
      {props.custom ? (
        <>
          <ChoiceGroup id="settings-weights" legend={t('settings.weights')} hint={t('settings.weightsHint')}>
            {CRITERIA.map((c) => (
              <NumberField
                key={c}
                id={`settings-weight-${c}`}
                label={criterionLabel(t, c)}
                min={0}
                max={10}
                value={value.weights[c]}
                error={f[`matchingSettings.weights.${c}`]}
                onValue={(weight) => onChange({ weights: { ...value.weights, [c]: weight } })}
              />
            ))}
          </ChoiceGroup>
          <CodeSelect
            id="settings-mentor-level"
            label={t('settings.minMentorLevel')}
            options={CEFR_LEVELS}
            labelOf={level}
            value={value.minMentorLevel}
            error={f['matchingSettings.minMentorLevel']}
            onValue={(minMentorLevel) => minMentorLevel && onChange({ minMentorLevel })}
          />
          <CodeSelect
            id="settings-mentee-level"
            label={t('settings.minMenteeLevel')}
            options={CEFR_LEVELS}
            labelOf={level}
            value={value.minMenteeLevel}
            error={f['matchingSettings.minMenteeLevel']}
            onValue={(minMenteeLevel) => minMenteeLevel && onChange({ minMenteeLevel })}
          />
          <NumberField
            id="settings-distance"
            label={t('settings.maxDistance')}
            hint={t('settings.maxDistanceHint')}
            min={0}
            max={500}
            required={false}
            value={value.maxDistanceKm}
            error={f['matchingSettings.maxDistanceKm']}
            onValue={(maxDistanceKm) => onChange({ maxDistanceKm })}
          />
          <NumberField
            id="settings-overlap"
            label={t('settings.minOverlap')}
            hint={t('settings.minOverlapHint')}
            min={0}
            max={42}
            value={value.minOverlapSlots}
            error={f['matchingSettings.minOverlapSlots']}
            onValue={(minOverlapSlots) => onChange({ minOverlapSlots })}
          />
        </>
      ) : (
        <p class="field__hint">{t('settings.defaultMatching')}</p>
      )}
    </fieldset>
  )
}
