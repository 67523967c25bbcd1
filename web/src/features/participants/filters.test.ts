import { describe, expect, it } from 'vitest'
import { filterQuery, readFilters, toggleStatus } from './filters'

describe('participant filters', () => {
  it('reads the filters from the query string, trimmed, and writes back only those set', () => {
    const filters = readFilters({ role: ' mentor ', q: 'ana', other: 'x' })
    expect(filters).toEqual({
      role: 'mentor',
      status: '',
      language: '',
      neighborhood: '',
      need: '',
      q: 'ana',
    })
    expect(filterQuery(filters)).toBe('role=mentor&q=ana')
    expect(filterQuery(readFilters({}))).toBe('')
  })

  it('keeps the statuses in their own order', () => {
    expect(toggleStatus('', 'ready', true)).toBe('ready')
    expect(toggleStatus('ready', 'applied', true)).toBe('applied,ready')
    expect(toggleStatus('applied,ready', 'applied', false)).toBe('ready')
  })
})
