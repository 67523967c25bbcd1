import type { ProgramStatus } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { CodeSelect, CodesField, TextArea, TextField } from '../../kit/inputs'
import { programStatusLabel } from '../../lib/labels'
import { LanguageNames } from './language-names'

interface Basics {
  name: string
  description: string
  status: ProgramStatus
  languages: string
}

type Bind = <K extends keyof Basics>(
  key: K,
) => { value: Basics[K]; onValue(value: Basics[K]): void; error: string | undefined }

/** A program's name, description, status and languages (codes, their names read back): new or in its settings. */
export function ProgramBasics(props: {
  idPrefix: 'new-program' | 'settings'
  field: Bind
  descriptionRows: number
  statusHint?: string
}) {
  const { t } = useI18n()
  const { field } = props
  const id = (name: string) => `${props.idPrefix}-${name}`
  const languages = field('languages')
  return (
    <>
      <TextField id={id('name')} label={t('settings.name')} required maxLength={120} {...field('name')} />
      <TextArea
        id={id('description')}
        label={t('settings.description')}
        hint={t('settings.descriptionHint')}
        rows={props.descriptionRows}
        maxLength={2000}
        {...field('description')}
      />
      <CodeSelect
        id={id('status')}
        label={t('settings.status')}
        hint={props.statusHint}
        codes={programStatusLabel}
        {...field('status')}
      />
      <CodesField
        id={id('languages')}
        label={t('settings.languages')}
        hint={
          <>
            {t('settings.languagesHint')} <LanguageNames codes={languages.value} />
          </>
        }
        required
        {...languages}
      />
    </>
  )
}
