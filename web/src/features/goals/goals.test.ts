import { describe, expect, it } from 'vitest'
import { emptyGoal, goalBody, revisitBody, revisitOf } from './goals'

describe('goal bodies', () => {
  it('leave out an empty target date and send the cadence as a number', () => {
    expect(goalBody({ ...emptyGoal('housing'), title: 'Find a flat' })).toEqual({
      area: 'housing',
      title: 'Find a flat',
      revisitDays: 30,
    })
    expect(goalBody({ area: 'work', title: 'A job', targetDate: '2027-01-31', revisitDays: ' ' })).toEqual({
      area: 'work',
      title: 'A job',
      targetDate: '2027-01-31',
    })
  })

  it('send only what a revisit changes, and the note when there is one', () => {
    const goal = { status: 'open' as const, area: 'housing' }
    expect(revisitBody({ ...revisitOf(goal), note: '  ' }, goal)).toEqual({})
    expect(revisitBody({ note: ' Found it ', status: 'in-progress', area: 'work' }, goal)).toEqual({
      note: 'Found it',
      status: 'in-progress',
      area: 'work',
    })
  })
})
