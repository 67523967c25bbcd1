import { describe, expect, it } from 'vitest'
import { present } from './client'

describe('present', () => {
  it('leaves out empty strings and nulls, keeps the rest', () => {
    expect(present({ status: '', q: 'ana', cursor: null, limit: '50' })).toEqual({ q: 'ana', limit: '50' })
  })
})
