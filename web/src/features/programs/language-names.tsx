import { useI18n } from '../../i18n/context'
import { languageList, parseCodes } from '../../lib/text'

/** "Arabic, Ukrainian": the names of the language codes typed so far, for a field's hint. */
export function LanguageNames(props: { codes: string }) {
  const { t, locale } = useI18n()
  const codes = parseCodes(props.codes)
  if (codes.length === 0) return null
  return (
    <span class="field__names" data-testid="language-names">
      {t('field.languagesRead')} {languageList(locale, codes)}
    </span>
  )
}
