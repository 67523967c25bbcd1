import { AUDIT_ACTIONS } from '@tandem/vocab'
import { describe, expect, it } from 'vitest'
import de from '../../i18n/locales/de'
import en from '../../i18n/locales/en'
import es from '../../i18n/locales/es'
import fa from '../../i18n/locales/fa'
import uk from '../../i18n/locales/uk'
import { arabicT, englishT } from '../../lib/test-translator'
import { describeAudit } from './audit-text'

describe('describeAudit', () => {
  it('writes every kind of audit entry as a sentence, in every language', () => {
    for (const action of AUDIT_ACTIONS) {
      const sentence = describeAudit(englishT, { action, meta: null })
      expect(sentence).not.toBe(action)
      expect(sentence).not.toMatch(/\{\w+\}/)
      expect(describeAudit(arabicT, { action, meta: null })).not.toBe(sentence)
      for (const catalog of [de, es, fa, uk]) expect(catalog).toHaveProperty([`auditEvent.${action}`])
      expect(en).toHaveProperty([`auditEvent.${action}`])
    }
  })

  it('puts the entry’s detail into words', () => {
    expect(
      describeAudit(englishT, { action: 'member.role_changed', meta: { from: 'coordinator', to: 'admin' } }),
    ).toBe(
      englishT('auditEvent.member.role_changed', {
        from: englishT('role.coordinator'),
        to: englishT('role.admin'),
      }),
    )
    expect(describeAudit(englishT, { action: 'match.ended', meta: { reason: 'completed' } })).toBe(
      englishT('auditEvent.match.ended', { reason: englishT('match.end.completed') }),
    )
  })

  it('shows an action from a newer API as is', () => {
    expect(describeAudit(englishT, { action: 'something.new', meta: null })).toBe('something.new')
  })
})
