import { render } from 'preact'
import { App } from './app'
import { applyToDocument, detectLocale, loadCatalog, SOURCE_LOCALE } from './i18n/i18n'
import en from './i18n/locales/en'
import './styles.css'

const root = document.getElementById('app')
if (!root) throw new Error('index.html must contain <div id="app">')

// Pick the language before the first render (saved choice, else the browser's), set <html lang dir>
// right away so the layout never flips after painting, then render once its catalog is loaded.
const locale = detectLocale()
applyToDocument(locale)

loadCatalog(locale)
  .then((catalog) => ({ locale, catalog }))
  .catch(() => {
    applyToDocument(SOURCE_LOCALE)
    return { locale: SOURCE_LOCALE, catalog: en }
  })
  .then((initial) => render(<App {...initial} />, root))
