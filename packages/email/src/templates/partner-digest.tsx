/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The partner digest (decision 037): aggregate figures of an organization's programs for one week or month, sent to
 * a partner's contacts in the partner's language. Every figure comes from the indicators service, already
 * suppressed: a suppressed figure is written as words ("not shown"), never as a number.
 */
import { type EmailLocale, emailHtml, fill, type RenderedEmail, unsubscribeFooter } from './layout'

/** The lines of a digest (the same list as `DIGEST_LINES` in @tandem/vocab, which this package does not depend on). */
export type DigestLine =
  | 'activeMatches'
  | 'newMatches'
  | 'meetingsPerMatch'
  | 'goalsMoved'
  | 'eventAttendance'
export type PartnerCadence = 'weekly' | 'monthly'

/** One figure: a number, or suppressed (then `value` is null and is never shown). */
export interface DigestValue {
  value: number | null
  suppressed: boolean
}

/** One line of the digest: its figure in the month before and in the latest month. */
export interface DigestFigure {
  line: DigestLine
  previous: DigestValue
  latest: DigestValue
}

/** One survey indicator (named in the reader's language by the caller), the month before and the latest month. */
export interface DigestTrend {
  label: string
  previous: DigestValue
  latest: DigestValue
}

export interface PartnerDigestParams {
  /** The contact's name (a preview: the coordinator's). */
  name: string
  org: string
  partner: string
  cadence: PartnerCadence
  /** The latest month that has ended, `YYYY-MM`: figures are published for whole months only (decision 036). */
  month: string
  /** The month before it, `YYYY-MM`. */
  previousMonth: string
  /** Names of the programs it covers. */
  programs: readonly string[]
  minimumCellSize: number
  figures: readonly DigestFigure[]
  trends: readonly DigestTrend[]
  /** The signed page that shows the same digest. */
  viewOnline: string
  /** The contact's unsubscribe page; absent in a coordinator's preview (it is not theirs to stop). */
  unsubscribe?: string
}

type Words = {
  subject: Record<PartnerCadence, string>
  preview: string
  greeting: string
  intro: string
  allPrograms: string
  caption: string
  figure: string
  notShown: string
  suppressed: string
  trends: string
  monthsOnly: string
  button: string
  why: Record<PartnerCadence, string>
  previewNote: string
  lines: Record<DigestLine, string>
}

const words: Record<EmailLocale, Words> = {
  en: {
    subject: { weekly: '{org}: weekly digest for {partner}', monthly: '{org}: monthly digest for {partner}' },
    preview: 'Preview',
    greeting: 'Hello {name},',
    intro:
      'This is how the mentoring programs of {org} went in {period} ({programs}). Every figure is a total: none of them names or describes anyone.',
    allPrograms: 'all programs',
    caption: 'Figures for {period}, beside the month before',
    figure: 'Figure',
    notShown: 'not shown',
    suppressed:
      'Figures that count fewer than {n} people are not shown (nor any figure they could be worked out from), so that nobody can be recognized.',
    trends: 'Survey results (averages)',
    monthsOnly:
      'Figures are published for whole months only, so that nobody can be recognized by comparing two periods: each weekly digest shows the latest month that has ended.',
    button: 'View this digest online',
    why: {
      weekly: 'You get this digest every Monday because {org} added you as a contact of {partner}.',
      monthly:
        'You get this digest on the 1st of each month because {org} added you as a contact of {partner}.',
    },
    previewNote: 'This is a preview of the digest {partner} gets. It was sent only to you.',
    lines: {
      activeMatches: 'Active tandems',
      newMatches: 'New tandems',
      meetingsPerMatch: 'Meetings per active tandem',
      goalsMoved: 'Goals moved forward',
      eventAttendance: 'People at group activities',
    },
  },
  ar: {
    subject: { weekly: '{org}: الملخص الأسبوعي لـ {partner}', monthly: '{org}: الملخص الشهري لـ {partner}' },
    preview: 'معاينة',
    greeting: 'مرحبًا {name}،',
    intro:
      'هكذا سارت برامج الإرشاد في {org} خلال {period} ({programs}). كل رقم هنا مجموع: لا يذكر أيٌّ منها أحدًا ولا يصفه.',
    allPrograms: 'كل البرامج',
    caption: 'أرقام {period} إلى جانب الشهر الذي قبله',
    figure: 'البيان',
    notShown: 'غير معروض',
    suppressed:
      'لا تُعرض الأرقام التي تعدّ أقل من {n} أشخاص (ولا أي رقم يمكن حسابها منه)، حتى لا يمكن التعرّف على أحد.',
    trends: 'نتائج الاستبيانات (متوسطات)',
    monthsOnly:
      'تُنشر الأرقام لأشهر كاملة فقط، حتى لا يمكن التعرّف على أحد بمقارنة فترتين: يعرض كل ملخص أسبوعي آخر شهر انتهى.',
    button: 'اعرض هذا الملخص على الإنترنت',
    why: {
      weekly: 'يصلك هذا الملخص كل يوم اثنين لأن {org} أضافتك جهةَ اتصال لدى {partner}.',
      monthly: 'يصلك هذا الملخص في اليوم الأول من كل شهر لأن {org} أضافتك جهةَ اتصال لدى {partner}.',
    },
    previewNote: 'هذه معاينة للملخص الذي يصل إلى {partner}. أُرسلت إليك وحدك.',
    lines: {
      activeMatches: 'شراكات نشطة',
      newMatches: 'شراكات جديدة',
      meetingsPerMatch: 'لقاءات لكل شراكة نشطة',
      goalsMoved: 'أهداف تقدّمت',
      eventAttendance: 'الحاضرون في الأنشطة الجماعية',
    },
  },
  de: {
    subject: {
      weekly: '{org}: Wochenübersicht für {partner}',
      monthly: '{org}: Monatsübersicht für {partner}',
    },
    preview: 'Vorschau',
    greeting: 'Hallo {name},',
    intro:
      'so liefen die Mentoring-Programme von {org} im Zeitraum {period} ({programs}). Jede Zahl ist eine Summe: keine nennt oder beschreibt eine Person.',
    allPrograms: 'alle Programme',
    caption: 'Zahlen für {period}, neben dem Monat davor',
    figure: 'Kennzahl',
    notShown: 'nicht angezeigt',
    suppressed:
      'Zahlen, die weniger als {n} Personen zählen, werden nicht angezeigt (und auch keine, aus der sie sich errechnen ließen), damit niemand erkannt werden kann.',
    trends: 'Umfrageergebnisse (Durchschnitte)',
    monthsOnly:
      'Zahlen werden nur für ganze Monate veröffentlicht, damit niemand durch den Vergleich zweier Zeiträume erkannt werden kann: jede Wochenübersicht zeigt den letzten abgeschlossenen Monat.',
    button: 'Diese Übersicht online ansehen',
    why: {
      weekly:
        'Sie bekommen diese Übersicht jeden Montag, weil {org} Sie als Kontakt von {partner} eingetragen hat.',
      monthly:
        'Sie bekommen diese Übersicht am 1. jedes Monats, weil {org} Sie als Kontakt von {partner} eingetragen hat.',
    },
    previewNote: 'Dies ist eine Vorschau der Übersicht, die {partner} bekommt. Sie ging nur an Sie.',
    lines: {
      activeMatches: 'Laufende Tandems',
      newMatches: 'Neue Tandems',
      meetingsPerMatch: 'Treffen pro laufendem Tandem',
      goalsMoved: 'Vorangekommene Ziele',
      eventAttendance: 'Teilnehmende an Gruppenaktivitäten',
    },
  },
  uk: {
    subject: {
      weekly: '{org}: щотижневий огляд для {partner}',
      monthly: '{org}: щомісячний огляд для {partner}',
    },
    preview: 'Попередній перегляд',
    greeting: 'Вітаємо, {name}!',
    intro:
      'Ось як пройшли програми наставництва {org} за період {period} ({programs}). Кожне число — це сума: жодне не називає й не описує конкретну людину.',
    allPrograms: 'усі програми',
    caption: 'Показники за {period} поруч із попереднім місяцем',
    figure: 'Показник',
    notShown: 'не показано',
    suppressed:
      'Числа, що охоплюють менше ніж {n} осіб, не показано (як і будь-яке число, з якого їх можна вирахувати), щоб нікого не можна було впізнати.',
    trends: 'Результати опитувань (середні)',
    monthsOnly:
      'Показники публікуються лише за повні місяці, щоб нікого не можна було впізнати, порівнявши два періоди: кожен щотижневий огляд показує останній завершений місяць.',
    button: 'Переглянути цей огляд онлайн',
    why: {
      weekly: 'Ви отримуєте цей огляд щопонеділка, бо {org} додала вас як контакт {partner}.',
      monthly: 'Ви отримуєте цей огляд 1-го числа кожного місяця, бо {org} додала вас як контакт {partner}.',
    },
    previewNote: 'Це попередній перегляд огляду, який отримує {partner}. Його надіслано лише вам.',
    lines: {
      activeMatches: 'Активні пари',
      newMatches: 'Нові пари',
      meetingsPerMatch: 'Зустрічі на одну активну пару',
      goalsMoved: 'Цілі, що просунулися',
      eventAttendance: 'Учасники групових заходів',
    },
  },
  fa: {
    subject: { weekly: '{org}: گزارش هفتگی برای {partner}', monthly: '{org}: گزارش ماهانه برای {partner}' },
    preview: 'پیش‌نمایش',
    greeting: 'سلام {name}،',
    intro:
      'برنامه‌های همراهی {org} در {period} ({programs}) این‌گونه پیش رفت. هر عدد یک جمع کل است: هیچ‌کدام نام کسی را نمی‌برد یا کسی را توصیف نمی‌کند.',
    allPrograms: 'همهٔ برنامه‌ها',
    caption: 'اعداد {period} در کنار ماه پیش از آن',
    figure: 'شاخص',
    notShown: 'نمایش داده نمی‌شود',
    suppressed:
      'عددهایی که کمتر از {n} نفر را می‌شمارند نمایش داده نمی‌شوند (و نه هیچ عددی که بتوان آن‌ها را از آن به دست آورد)، تا هیچ‌کس شناسایی نشود.',
    trends: 'نتایج نظرسنجی‌ها (میانگین‌ها)',
    monthsOnly:
      'اعداد فقط برای ماه‌های کامل منتشر می‌شوند تا هیچ‌کس با مقایسهٔ دو دوره شناسایی نشود: هر گزارش هفتگی آخرین ماهِ تمام‌شده را نشان می‌دهد.',
    button: 'دیدن این گزارش به‌صورت آنلاین',
    why: {
      weekly:
        'این گزارش را هر دوشنبه دریافت می‌کنید، چون {org} شما را به‌عنوان فرد تماس {partner} ثبت کرده است.',
      monthly:
        'این گزارش را روز اول هر ماه دریافت می‌کنید، چون {org} شما را به‌عنوان فرد تماس {partner} ثبت کرده است.',
    },
    previewNote: 'این پیش‌نمایش گزارشی است که {partner} دریافت می‌کند. فقط برای شما فرستاده شد.',
    lines: {
      activeMatches: 'همراهی‌های فعال',
      newMatches: 'همراهی‌های تازه',
      meetingsPerMatch: 'دیدار به ازای هر همراهی فعال',
      goalsMoved: 'هدف‌هایی که پیش رفتند',
      eventAttendance: 'شرکت‌کنندگان در فعالیت‌های گروهی',
    },
  },
  es: {
    subject: {
      weekly: '{org}: resumen semanal para {partner}',
      monthly: '{org}: resumen mensual para {partner}',
    },
    preview: 'Vista previa',
    greeting: 'Hola, {name}:',
    intro:
      'Así fueron los programas de mentoría de {org} en {period} ({programs}). Cada cifra es un total: ninguna nombra ni describe a nadie.',
    allPrograms: 'todos los programas',
    caption: 'Cifras de {period}, junto al mes anterior',
    figure: 'Cifra',
    notShown: 'no se muestra',
    suppressed:
      'Las cifras que cuentan menos de {n} personas no se muestran (ni ninguna cifra de la que se puedan deducir), para que nadie pueda ser reconocido.',
    trends: 'Resultados de las encuestas (medias)',
    monthsOnly:
      'Las cifras se publican solo por meses completos, para que nadie pueda ser reconocido comparando dos periodos: cada resumen semanal muestra el último mes terminado.',
    button: 'Ver este resumen en línea',
    why: {
      weekly: 'Recibes este resumen cada lunes porque {org} te añadió como contacto de {partner}.',
      monthly: 'Recibes este resumen el día 1 de cada mes porque {org} te añadió como contacto de {partner}.',
    },
    previewNote: 'Esta es una vista previa del resumen que recibe {partner}. Solo se te ha enviado a ti.',
    lines: {
      activeMatches: 'Tándems activos',
      newMatches: 'Tándems nuevos',
      meetingsPerMatch: 'Encuentros por tándem activo',
      goalsMoved: 'Metas que avanzaron',
      eventAttendance: 'Personas en actividades de grupo',
    },
  },
}

/** A grid month (`YYYY-MM`) by name in the reader's language: "November 2026". */
export function monthName(locale: EmailLocale, month: string) {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  )
}

/** The words of the digest (its page in the web client shows the same figures with its own catalog). */
export const partnerDigestWords = (locale: EmailLocale) => words[locale]

/**
 * The digest: a greeting, what it covers, a small table of figures (a caption, header cells with scope: the line,
 * the month before, the latest month), the survey results when there are any, the "view online" button, why it
 * comes, and the unsubscribe line (a contact's email; a preview has none). A suppressed figure reads "not shown"
 * in the reader's language; its value is never written.
 */
export function partnerDigestEmail(locale: EmailLocale, params: PartnerDigestParams): RenderedEmail {
  const t = words[locale]
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  const show = (v: DigestValue) => (v.suppressed || v.value === null ? t.notShown : number.format(v.value))
  const period = monthName(locale, params.month)
  const before = monthName(locale, params.previousMonth)
  const programs = params.programs.length ? params.programs.join(', ') : t.allPrograms
  const p = { name: params.name, org: params.org, partner: params.partner, period, programs }
  const preview = params.unsubscribe === undefined
  const subject = `${preview ? `${t.preview}: ` : ''}${fill(t.subject[params.cadence], p)}`
  const head = [...(preview ? [fill(t.previewNote, p)] : []), fill(t.greeting, p), fill(t.intro, p)]
  const tables = [
    {
      caption: fill(t.caption, p),
      rows: params.figures.map((f) => ({
        label: t.lines[f.line],
        previous: show(f.previous),
        latest: show(f.latest),
      })),
    },
    ...(params.trends.length
      ? [
          {
            caption: t.trends,
            rows: params.trends.map((r) => ({
              label: r.label,
              previous: show(r.previous),
              latest: show(r.latest),
            })),
          },
        ]
      : []),
  ]
  const note = fill(t.suppressed, { n: number.format(params.minimumCellSize) })
  const after = [note, ...(params.cadence === 'weekly' ? [t.monthsOnly] : [])]
  const why = fill(t.why[params.cadence], p)
  const footer = params.unsubscribe ? unsubscribeFooter(locale, params.unsubscribe) : undefined
  const cell = 'padding:.3em .8em;border-bottom:1px solid #d1d5db;text-align:start'
  return {
    subject,
    text: [
      ...head,
      ...tables.map(
        (table) =>
          `${table.caption}\n${table.rows
            .map((r) => `- ${r.label}: ${before} ${r.previous}; ${period} ${r.latest}`)
            .join('\n')}`,
      ),
      ...after,
      `${t.button}: ${params.viewOnline}`,
      why,
      ...(footer ? [footer.text] : []),
    ].join('\n\n'),
    html: emailHtml(
      locale,
      <>
        {head.map((line) => (
          <p>{line}</p>
        ))}
        {tables.map((table) => (
          <table style="border-collapse:collapse;margin:1em 0">
            <caption style="text-align:start;font-weight:bold;padding-bottom:.4em">{table.caption}</caption>
            <thead>
              <tr>
                <th scope="col" style={cell}>
                  {t.figure}
                </th>
                <th scope="col" style={cell}>
                  {before}
                </th>
                <th scope="col" style={cell}>
                  {period}
                </th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr>
                  <th scope="row" style={`${cell};font-weight:normal`}>
                    {r.label}
                  </th>
                  <td style={cell}>{r.previous}</td>
                  <td style={cell}>{r.latest}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        {after.map((line) => (
          <p style="font-size:.9em">{line}</p>
        ))}
        <p>
          <a
            href={params.viewOnline}
            style="display:inline-block;padding:.6em 1.2em;background:#1d4ed8;color:#fff;border-radius:.4em;text-decoration:none"
          >
            {t.button}
          </a>
        </p>
        <p>{why}</p>
        {footer?.html}
      </>,
    ),
  }
}
