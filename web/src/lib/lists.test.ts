import { describe, expect, it } from 'vitest'
import { languageRowPaths, rowPaths, toggled } from './lists'

describe('lists', () => {
  it('toggles an item without repeats', () => {
    expect(toggled(['a'], 'a', true)).toEqual(['a'])
    expect(toggled(['a'], 'b', true)).toEqual(['a', 'b'])
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b'])
  })

  it('names the field paths of the rows of a list', () => {
    expect(rowPaths('references', [{}, {}], ['name', 'status'])).toEqual([
      'references.0.name',
      'references.0.status',
      'references.1.name',
      'references.1.status',
    ])
    expect(languageRowPaths([{}])).toEqual(['languages.0.code', 'languages.0.level'])
  })
})
