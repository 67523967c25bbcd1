import { describe, expect, it } from 'vitest'
import { binder } from './bind'

describe('binder', () => {
  it('reads the value under the key and hands back only that key', () => {
    const changes: object[] = []
    const bind = binder({ from: '2026-01', to: '' }, (patch) => changes.push(patch))
    const from = bind('from')
    expect(from.value).toBe('2026-01')
    from.onValue('2026-02')
    bind('to').onValue('2026-03')
    expect(changes).toEqual([{ from: '2026-02' }, { to: '2026-03' }])
  })
})
