import { AUDIT_ACTIONS } from '@tandem/vocab'
import { describe, expect, it } from 'vitest'
import { createTranslator } from '../../i18n/i18n'
import ar from '../../i18n/locales/ar'
import de from '../../i18n/locales/de'
import en from '../../i18n/locales/en'
import es from '../../i18n/locales/es'
import fa from '../../i18n/locales/fa'
import uk from '../../i18n/locales/uk'
import { arabicT, englishT } from '../../lib/test-translator'
import { isolate } from '../../lib/text'
import type { AuditEntry } from './audit'
import { describeAudit } from './audit-text'

const entry = (
  action: string,
  names: AuditEntry['names'],
  meta: AuditEntry['meta'] = null,
  actor: string | null = 'Ana',
): AuditEntry => ({
  id: '1',
  // Also actions this client does not know (from a newer API).
  action: action as AuditEntry['action'],
  actor: actor ? { id: 'u1', name: actor } : null,
  targetType: null,
  targetId: null,
  meta,
  names,
  createdAt: '2027-03-01T10:00:00.000Z',
})

describe('describeAudit', () => {
  it('writes every kind of audit entry as a sentence, in every language', () => {
    for (const [locale, catalog] of Object.entries({ en, ar, de, es, fa, uk })) {
      const t = createTranslator(locale, catalog)
      for (const action of AUDIT_ACTIONS) {
        const said = describeAudit(t, locale, entry(action, { participant: 'P', program: 'Q' }))
        expect(said.text, `${locale} ${action}`).not.toContain(action)
        expect(said.text, `${locale} ${action}`).not.toMatch(/\{\w+\}/)
      }
    }
  })

  it('writes who did what to whom as a sentence, names isolated', () => {
    const ended = describeAudit(
      englishT,
      'en',
      entry('match.ended', { mentee: 'Samira', mentor: 'Jonas' }, { reason: 'completed' }),
    )
    expect(ended).toEqual({
      text: `${isolate('Ana')} ended the match of ${isolate('Samira')} and ${isolate('Jonas')} (${englishT('match.end.completed')}).`,
      detail: null,
    })
    expect(describeAudit(englishT, 'en', entry('program.created', { program: 'Welcome' })).text).toBe(
      `${isolate('Ana')} created the program ${isolate('Welcome')}.`,
    )
    expect(
      describeAudit(
        englishT,
        'en',
        entry('member.role_changed', { member: 'Bo' }, { from: 'mentor', to: 'admin' }),
      ).text,
    ).toBe(
      `${isolate('Ana')} changed the role of ${isolate('Bo')} from ${englishT('role.mentor')} to ${englishT('role.admin')}.`,
    )
  })

  it('says which rules an override broke and the reason given', () => {
    const said = describeAudit(
      englishT,
      'en',
      entry(
        'match.created',
        { mentee: 'Samira', mentor: 'Jonas' },
        {
          manual: true,
          overridden: 'no_shared_language,too_far',
          overrideReason: 'An interpreter joins them',
        },
      ),
    )
    expect(said.text).toBe(
      `${isolate('Ana')} matched ${isolate('Samira')} with ${isolate('Jonas')} by hand, overriding: ${englishT('pair.failure.no_shared_language')}, ${englishT('pair.failure.too_far')}.`,
    )
    expect(said.detail).toBe(`Reason given: “${isolate('An interpreter joins them')}”`)
    expect(
      describeAudit(englishT, 'en', entry('match.created', { mentee: 'S', mentor: 'J' }, { overridden: '' }))
        .text,
    ).toBe(`${isolate('Ana')} matched ${isolate('S')} with ${isolate('J')} by hand.`)
  })

  it('counts in words, and says “someone” for a name that is gone', () => {
    expect(
      describeAudit(englishT, 'en', entry('participants.imported', { program: 'P' }, { created: 1 })).text,
    ).toBe(`${isolate('Ana')} imported 1 person into the program ${isolate('P')}.`)
    expect(
      describeAudit(englishT, 'en', entry('participant.applied', { program: 'P' }, null, null)).text,
    ).toBe(`Someone applied through the form of the program ${isolate('P')}.`)
  })

  it('names an action it does not know by its code, and never reads the prototype', () => {
    expect(describeAudit(englishT, 'en', entry('something.new', {})).text).toBe(
      `${isolate('Ana')}: something.new`,
    )
    expect(describeAudit(englishT, 'en', entry('constructor', {})).text).toBe(
      `${isolate('Ana')}: constructor`,
    )
  })

  it('writes Arabic sentences from the Arabic catalog', () => {
    const text = describeAudit(
      arabicT,
      'ar',
      entry('match.paused', { mentee: 'Samira', mentor: 'Jonas' }),
    ).text
    expect(text).toMatch(/[\u0600-\u06FF]/)
    expect(text).toContain(isolate('Samira'))
    expect(text).not.toMatch(/\{\w+\}/)
  })
})
