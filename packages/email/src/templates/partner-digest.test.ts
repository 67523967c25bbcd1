import { describe, expect, it } from 'vitest'
import { emailLocales, partnerDigestEmail } from '../index'
import { partnerDigestWords } from './partner-digest'

const evil = '<script>&"'
const digest = (locale: (typeof emailLocales)[number], unsubscribe?: string) =>
  partnerDigestEmail(locale, {
    name: evil,
    org: evil,
    partner: evil,
    cadence: 'weekly',
    month: '2026-11',
    previousMonth: '2026-10',
    programs: [evil],
    minimumCellSize: 5,
    figures: [
      {
        line: 'activeMatches',
        previous: { value: 8, suppressed: false },
        latest: { value: 10, suppressed: false },
      },
      // A suppressed cell carries no value; one that did must still never be written.
      {
        line: 'newMatches',
        previous: { value: 8, suppressed: false },
        latest: { value: 2, suppressed: true },
      },
    ],
    trends: [
      { label: evil, previous: { value: null, suppressed: true }, latest: { value: 3.5, suppressed: false } },
    ],
    viewOnline: `https://tandem.test/digest?token=t&n=${evil}`,
    unsubscribe,
  })

describe('the partner digest', () => {
  it('writes a suppressed figure as words in every language, never its number, in an accessible table', () => {
    for (const locale of emailLocales) {
      const mail = digest(locale, 'https://tandem.test/unsubscribe?token=u')
      const words = partnerDigestWords(locale)
      const line = mail.text.split('\n').find((l) => l.startsWith(`- ${words.lines.newMatches}:`)) ?? ''
      // The latest month's figure: after the month's name (which holds digits of its year).
      const latest = line.slice(line.lastIndexOf(';') + 1)
      expect(latest, locale).toContain(words.notShown)
      expect(latest.replace(/[0-9٠-٩۰-۹]{4}/, ''), locale).not.toMatch(/[2٢۲]/)
      expect(mail.html, locale).toContain('<caption')
      expect(mail.html, locale).toContain('<th scope="row"')
      expect(mail.html, locale).toContain('<th scope="col"')
      expect(mail.html, locale).toContain(`dir="${locale === 'ar' || locale === 'fa' ? 'rtl' : 'ltr'}"`)
      expect(mail.html, locale).not.toContain('<script>')
      expect(mail.html, locale).toContain('&lt;script&gt;&amp;&quot;')
      expect(mail.text, locale).toContain('https://tandem.test/unsubscribe?token=u')
    }
  })

  it('marks a preview as one and leaves the unsubscribe out', () => {
    const mail = digest('en')
    expect(mail.subject.startsWith('Preview: ')).toBe(true)
    expect(mail.text).toContain('It was sent only to you.')
    expect(mail.text).not.toContain('/unsubscribe')
    expect(mail.text).toContain('- New tandems: October 2026 8; November 2026 not shown')
  })
})
