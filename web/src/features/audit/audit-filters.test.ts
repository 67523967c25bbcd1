import { describe, expect, it } from 'vitest'
import { filtersOf, NO_FILTERS, queryOf, searchOf } from './audit-filters'

const actor = 'abcdefghijklmnopqrstuvwx'

describe('audit log filters in the address', () => {
  it('reads every filter from the address and writes it back the same way', () => {
    const filters = filtersOf({
      area: 'matching',
      action: 'match.created',
      actor,
      from: '2026-11-01',
      to: '2026-11-30',
    })
    expect(filters).toEqual({
      area: 'matching',
      action: 'match.created',
      actor,
      from: '2026-11-01',
      to: '2026-11-30',
    })
    const search = searchOf(filters)
    expect(search).toBe(`?area=matching&action=match.created&actor=${actor}&from=2026-11-01&to=2026-11-30`)
    expect(filtersOf(Object.fromEntries(new URLSearchParams(search)))).toEqual(filters)
  })

  it('drops what the API would refuse: unknown area or action, a malformed id or day', () => {
    expect(
      filtersOf({ area: 'secrets', action: 'match.stolen', actor: 'Robert', from: '1 May', to: '2026-13' }),
    ).toEqual(NO_FILTERS)
    expect(filtersOf({})).toEqual(NO_FILTERS)
  })

  it('asks the API (list and CSV export alike) for the filters that are set, and nothing else', () => {
    expect(queryOf(NO_FILTERS)).toEqual({})
    expect(searchOf(NO_FILTERS)).toBe('')
    expect(queryOf({ ...NO_FILTERS, action: 'member.removed', actor })).toEqual({
      action: 'member.removed',
      actor,
    })
  })
})
