import { useI18n } from '../../i18n/context'
import { directionOf, LOCALES, languageName } from '../../i18n/i18n'

/** A labelled <select> of languages, each named in its own language. */
export function LocaleSwitcher() {
  const { locale, pending, setLocale, t } = useI18n()
  return (
    <div class="locale-switcher">
      <label for="locale-switcher">{t('locale.label')}</label>
      <select
        id="locale-switcher"
        data-testid="locale-switcher"
        value={pending ?? locale}
        aria-busy={pending ? 'true' : undefined}
        onChange={(event) => {
          // A failed load (offline) keeps the current language; the select snaps back.
          setLocale(event.currentTarget.value).catch(() => {})
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code} dir={directionOf(code)}>
            {languageName(code)}
          </option>
        ))}
      </select>
    </div>
  )
}
