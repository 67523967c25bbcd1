import { useI18n } from '../../i18n/context'
import { TextField } from '../../kit/inputs'

/** Why a download of personal data is made (it is audited with it): 5–200 characters, no names. */
export function PurposeField(props: {
  id: string
  error: string | undefined
  value: string
  onValue: (value: string) => void
}) {
  const { t } = useI18n()
  return (
    <TextField
      id={props.id}
      label={t('protected.purpose')}
      hint={t('rights.purposeHint')}
      error={props.error}
      required
      minLength={5}
      maxLength={200}
      value={props.value}
      onValue={props.onValue}
    />
  )
}
