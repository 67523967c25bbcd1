import { describe, expect, it } from 'vitest'
import { ariaSort, nextSort, readSort, withSort } from './sort'

describe('participants table order', () => {
  it('reads only the orders the API knows', () => {
    expect(readSort('-name')).toBe('-name')
    expect(readSort('waiting')).toBe('waiting')
    expect(readSort('age')).toBeNull()
    expect(readSort(undefined)).toBeNull()
  })

  it('sorts a new column ascending, and the same column the other way on the next click', () => {
    expect(nextSort(null, 'name')).toBe('name')
    expect(nextSort('name', 'name')).toBe('-name')
    expect(nextSort('-name', 'name')).toBe('name')
    expect(nextSort('-name', 'status')).toBe('status')
  })

  it('marks only the sorted column for assistive technology', () => {
    expect(ariaSort('waiting', 'waiting')).toBe('ascending')
    expect(ariaSort('-waiting', 'waiting')).toBe('descending')
    expect(ariaSort('-waiting', 'name')).toBeUndefined()
    expect(ariaSort(null, 'name')).toBeUndefined()
  })

  it('keeps the filters and puts the order after them', () => {
    expect(withSort('role=mentor', '-status')).toBe('role=mentor&sort=-status')
    expect(withSort('', 'name')).toBe('sort=name')
    expect(withSort('role=mentor', null)).toBe('role=mentor')
  })
})
