import { useI18n } from '../../i18n/context'
import { LOCALES } from '../../i18n/i18n'
import { CodeSelect, ContactFields, TextField } from '../../kit/inputs'
import { languageLabel } from '../../lib/text'
import { LanguageList, type LanguageRow } from './language-list'

/** The answers both participant forms ask first (`EnrollValues` and `ProfileValues` share them). */
type TextKey = 'displayName' | 'email' | 'phone' | 'preferredLocale'

/** The part of `useForm()` these fields use: `field(key)` binds a text answer; `set` changes the language rows. */
interface Bound {
  value: string
  onValue: (value: string) => void
  error: string | undefined
}

export interface PersonForm {
  values: { preferredLocale: string; languages: LanguageRow[] }
  field: (key: TextKey) => Bound
  set: (key: 'languages', rows: LanguageRow[]) => void
  submit: { fields: Record<string, string> }
}

/**
 * Who the participant is and how to reach them, on "Add a participant" and on the profile's edit form: name,
 * email, phone, the language for messages and the languages spoken with their levels. The program's languages
 * come first among the choices. A new person (`fresh`) starts on "Choose…"; a profile keeps its language for
 * messages among the choices even if the program no longer offers it.
 */
export function PersonFields(props: {
  idPrefix: 'enroll' | 'profile'
  form: PersonForm
  programLanguages: readonly string[]
  fresh?: boolean
}) {
  const { t, locale } = useI18n()
  const { idPrefix, form } = props
  const { field } = form
  const required = t('form.required')
  const choices = [...new Set([...props.programLanguages, ...LOCALES])]
  const current = form.values.preferredLocale
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label={t('enroll.name')}
        hint={required}
        required
        maxLength={120}
        autocomplete="off"
        {...field('displayName')}
      />
      <ContactFields
        idPrefix={idPrefix}
        labels={[t('enroll.email'), t('enroll.phone')]}
        hint={t('enroll.optional')}
        email={field('email')}
        phone={field('phone')}
      />
      <CodeSelect
        id={`${idPrefix}-locale`}
        label={t('enroll.preferredLocale')}
        hint={`${required} ${t('enroll.preferredLocaleHint')}`}
        required
        empty={props.fresh ? { label: t('form.choose'), disabled: true } : undefined}
        options={choices.includes(current) || !current ? choices : [current, ...choices]}
        labelOf={(code) => languageLabel(locale, code)}
        {...field('preferredLocale')}
      />
      <LanguageList
        idPrefix={idPrefix}
        rows={form.values.languages}
        choices={choices}
        hint={required}
        errors={form.submit.fields}
        onChange={(rows) => form.set('languages', rows)}
      />
    </>
  )
}

/**
 * How many mentees a mentor takes at once (1–3). On "Add a participant" (`fresh`) it starts on "Choose…" and its
 * hint says it is required.
 */
export function CapacitySelect(props: { idPrefix: 'enroll' | 'profile'; fresh?: boolean } & Bound) {
  const { t } = useI18n()
  const { idPrefix, fresh, ...bound } = props
  const hint = t('enroll.capacityHint')
  return (
    <CodeSelect
      id={`${idPrefix}-capacity`}
      label={t('enroll.capacity')}
      hint={fresh ? `${t('form.required')} ${hint}` : hint}
      required
      empty={fresh ? { label: t('form.choose'), disabled: true } : undefined}
      options={['1', '2', '3']}
      labelOf={(n) => n}
      {...bound}
    />
  )
}

/** Where the person lives (optional, free text). */
export function NeighborhoodField(props: { idPrefix: 'enroll' | 'profile' } & Bound) {
  const { t } = useI18n()
  const { idPrefix, ...bound } = props
  return (
    <TextField
      id={`${idPrefix}-neighborhood`}
      label={t('participants.neighborhood')}
      hint={t('enroll.optional')}
      maxLength={80}
      {...bound}
    />
  )
}
