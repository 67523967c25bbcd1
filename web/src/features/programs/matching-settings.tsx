import { CRITERIA } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { ChoiceGroup } from '../../kit/choices'
import { CodeSelect, NumberField } from '../../kit/inputs'
import { criterionLabel, levelLabel } from '../../lib/labels'
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
  /** A matching setting bound to its control; the API names its errors `matchingSettings.<key>`. */
  const bind = <K extends 'minMentorLevel' | 'minMenteeLevel' | 'maxDistanceKm' | 'minOverlapSlots'>(
    key: K,
  ) => ({
    value: value[key],
    error: f[`matchingSettings.${key}`],
    onValue: (next: MatchingForm[K]) => {
      const change: Partial<MatchingForm> = {}
      change[key] = next
      onChange(change)
    },
  })
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
          {(
            [
              ['mentor', 'minMentorLevel', t('settings.minMentorLevel')],
              ['mentee', 'minMenteeLevel', t('settings.minMenteeLevel')],
            ] as const
          ).map(([who, key, label]) => (
            <CodeSelect
              key={key}
              id={`settings-${who}-level`}
              label={label}
              codes={levelLabel}
              {...bind(key)}
            />
          ))}
          {(
            [
              ['distance', 'maxDistanceKm', 500, t('settings.maxDistance'), t('settings.maxDistanceHint')],
              ['overlap', 'minOverlapSlots', 42, t('settings.minOverlap'), t('settings.minOverlapHint')],
            ] as const
          ).map(([id, key, max, label, hint]) => (
            <NumberField
              key={id}
              id={`settings-${id}`}
              label={label}
              hint={hint}
              min={0}
              max={max}
              // No distance: no limit.
              required={key !== 'maxDistanceKm'}
              {...bind(key)}
            />
          ))}
        </>
      ) : (
        <p class="field__hint">{t('settings.defaultMatching')}</p>
      )}
    </fieldset>
  )
}
