import { useEffect, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { createTranslator, directionOf, loadCatalog, matchLocale, SOURCE_LOCALE } from '../../i18n/i18n'
import type { Translate } from '../../i18n/types'
import { Button } from '../../kit/button'
import { Loading } from '../../kit/load'
import { formLinksPath } from '../../lib/paths'
import { languageLabel } from '../../lib/text'
import { type ProgramData, ProgramPage } from '../programs/program-page'
import { formUrl } from './form-links'
import { QrCode } from './qr-code'

/**
 * `/orgs/{org}/programs/{program}/form/print/{lang}`: a flyer for the application form in one language, to print
 * (A4 or Letter): the program, a few words in that language, a large QR code and the address. Only the flyer is
 * printed; the page around it (in the coordinator's language) is not.
 */
export default function Flyer(props: { program: string; lang: string }) {
  const { t } = useI18n()
  return (
    <ProgramPage program={props.program} title={t('flyer.title')} ownHeading>
      {(data) => <FlyerView data={data} lang={props.lang} />}
    </ProgramPage>
  )
}

function FlyerView(props: { data: ProgramData; lang: string }) {
  const { t, locale: ui } = useI18n()
  const { organization, program } = props.data
  const locale = matchLocale(props.lang) ?? SOURCE_LOCALE
  // The flyer speaks its own language, whatever the coordinator's.
  const [flyerT, setFlyerT] = useState<{ locale: string; t: Translate } | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    loadCatalog(locale).then(
      (catalog) => {
        if (live) setFlyerT({ locale, t: createTranslator(locale, catalog) })
      },
      () => {
        if (live) setFailed(true)
      },
    )
    return () => {
      live = false
    }
  }, [locale])

  const url = formUrl(window.location.origin, organization.slug, program.id, locale)
  const { contactEmail, contactPhone } = organization
  return (
    <>
      <div class="no-print">
        <h1>{t('flyer.heading', { language: languageLabel(ui, locale) })}</h1>
        <p class="lead">{t('flyer.hint')}</p>
        <div class="actions">
          <Button variant="primary" testid="flyer-print" onClick={() => window.print()}>
            {t('flyer.print')}
          </Button>
          <a href={formLinksPath(organization.slug, program.id)}>{t('flyer.back')}</a>
        </div>
      </div>
      {failed && <p class="alert alert--error">{t('error.network')}</p>}
      {flyerT?.locale === locale ? (
        <article
          class="flyer"
          lang={locale}
          dir={directionOf(locale)}
          aria-labelledby="flyer-title"
          data-testid="flyer"
        >
          <p class="flyer__org">
            <bdi>{organization.name}</bdi>
          </p>
          <h2 class="flyer__title" id="flyer-title">
            <bdi>{program.name}</bdi>
          </h2>
          <p class="flyer__text">{flyerT.t('flyer.text')}</p>
          <QrCode text={url} label={flyerT.t('flyer.qrLabel')} class="qr--large" testid="flyer-qr" />
          <p class="flyer__scan">{flyerT.t('flyer.scan')}</p>
          <p class="flyer__or">
            {flyerT.t('flyer.orType')}{' '}
            <bdi dir="ltr" class="flyer__url">
              {url}
            </bdi>
          </p>
          {(contactEmail || contactPhone) && (
            <p class="flyer__contact">
              {flyerT.t('flyer.questions')}{' '}
              {[contactPhone, contactEmail]
                .filter((x): x is string => Boolean(x))
                .map((x, i) => (
                  <span key={x}>
                    {i > 0 && ' · '}
                    <bdi dir="ltr">{x}</bdi>
                  </span>
                ))}
            </p>
          )}
        </article>
      ) : (
        !failed && <Loading />
      )}
    </>
  )
}
