import { describe, expect, it } from 'vitest'
import { englishT } from '../../lib/test-translator'
import { checklist, missingLabel } from './screening'

describe('screening', () => {
  it('ticks the checklist from what is still missing', () => {
    expect(checklist({ missing: ['background_check_expired', 'training:basics'], approvedAt: null })).toEqual(
      {
        references: true,
        check: false,
        training: false,
        safety: true,
        approval: false,
      },
    )
  })

  it('names what is missing, a training module by its title', () => {
    const modules = [{ id: 'basics', title: 'Basics' }]
    expect(missingLabel(englishT, 'training:basics', modules)).toBe(
      englishT('screening.missing.training', { module: 'Basics' }),
    )
    expect(missingLabel(englishT, 'references', modules)).toBe(englishT('screening.missing.references'))
    expect(missingLabel(englishT, 'new_requirement', modules)).toBe('new_requirement')
  })
})
