import { useI18n, useTitle } from '../../i18n/context'
import { LinkStatus } from '../../kit/link-status'
import { useTokenLink } from '../../kit/use-token-link'
import { ok, params } from '../../lib/client'
import { digestLineLabel } from '../../lib/labels'
import { isolate } from '../../lib/text'
import { type Digest, digestRoute } from './partners'

type Value = Digest['figures'][number]['latest']

/**
 * `/digest?token=…`: a partner digest's "view online" page (decision 037). No sign-in: the signed link names the
 * one digest; opening it changes nothing. The digest's figures (computed again when opened), in a table with a caption and header
 * cells; a suppressed figure reads "not shown", never a number. In the digest's own language (its direction).
 */
export default function DigestPage() {
  const { t } = useI18n()
  useTitle(t('digest.title'))
  const { link } = useTokenLink(
    (token) => ok(digestRoute.$get({ param: params({ token }) })),
    t('digest.missing'),
  )
  if (link.state !== 'ready') {
    return (
      <div class="page">
        <h1>{t('digest.title')}</h1>
        <LinkStatus link={link} testid="digest" failed={t('digest.failed')} loading={t('digest.checking')} />
      </div>
    )
  }
  return <DigestView digest={link.data} />
}

function DigestView(props: { digest: Digest }) {
  const { t, locale } = useI18n()
  const d = props.digest
  const month = (m: string) =>
    new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${m}-01T00:00:00Z`),
    )
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  const show = (v: Value) =>
    v.suppressed || v.value === null ? t('digest.notShown') : number.format(v.value)
  const rows = [
    ...d.figures.map((f) => ({ label: digestLineLabel(t, f.line), ...f })),
    ...d.trends.map((r) => ({ ...r, line: r.label })),
  ]
  return (
    <div class="page" data-testid="digest">
      <h1>
        <bdi>{d.partner}</bdi>
      </h1>
      <p class="lead">{t('digest.intro', { org: isolate(d.organization), partner: isolate(d.partner) })}</p>
      <p>
        {t('digest.programs', {
          programs: d.programs.length ? d.programs.map(isolate).join(', ') : t('partner.allPrograms'),
        })}
      </p>
      <div class="table-wrap">
        <table class="table" data-testid="digest-table">
          <caption>{t('digest.caption', { month: month(d.month) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('digest.figure')}</th>
              <th scope="col">{month(d.previousMonth)}</th>
              <th scope="col">{month(d.month)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.line} data-testid={`digest-${r.line}`}>
                <th scope="row">{r.label}</th>
                <td>{show(r.previous)}</td>
                <td>{show(r.latest)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="aside">{t('digest.suppressed', { n: number.format(d.minimumCellSize) })}</p>
    </div>
  )
}
