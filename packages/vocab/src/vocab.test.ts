import { describe, expect, it } from 'vitest'
import {
  AUDIT_ACTIONS,
  COMMON_TOPICS,
  CRITERIA,
  can,
  canGrant,
  DEFAULT_MATCHING,
  FIELD_ERROR_CODES,
  GRANTABLE_ROLES,
  humanizeCode,
  NEXT_STATUSES,
  PARTICIPANT_EVENT_KINDS,
  PARTICIPANT_STATUSES,
  PERMISSIONS,
  PROBLEM_CODES,
  PROBLEMS,
  parseSlot,
  problemType,
  ROLES,
} from './index'

describe('vocabularies', () => {
  it('gives every participant status its allowed next statuses, all of them known and none itself', () => {
    expect(Object.keys(NEXT_STATUSES).sort()).toEqual([...PARTICIPANT_STATUSES].sort())
    for (const [from, next] of Object.entries(NEXT_STATUSES)) {
      for (const to of next) {
        expect(PARTICIPANT_STATUSES).toContain(to)
        expect(to).not.toBe(from)
      }
    }
  })

  it('weighs every criterion by default, within 0–10', () => {
    expect(Object.keys(DEFAULT_MATCHING.weights).sort()).toEqual([...CRITERIA].sort())
    for (const w of Object.values(DEFAULT_MATCHING.weights)) expect(w).toBeGreaterThanOrEqual(0)
  })
})

describe('roles and permissions', () => {
  it('answers from the table, and nobody grants a role above their own', () => {
    expect(can('coordinator', 'participants:manage')).toBe(true)
    expect(can('mentor', 'participants:read')).toBe(false)
    expect(can('mentee', 'portal:own')).toBe(true)
    expect(canGrant('coordinator', 'mentee')).toBe(true)
    expect(canGrant('coordinator', 'admin')).toBe(false)
    expect(canGrant('admin', 'owner')).toBe(false)
    for (const role of ROLES) for (const g of GRANTABLE_ROLES[role]) expect(ROLES).toContain(g)
    for (const p of Object.values(PERMISSIONS)) expect(p.roles.length).toBeGreaterThan(0)
  })
})

describe('problems', () => {
  it('has unique codes, each with an HTTP error status and a type that names it', () => {
    expect(new Set(PROBLEM_CODES).size).toBe(PROBLEM_CODES.length)
    for (const code of PROBLEM_CODES) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(PROBLEMS[code].status).toBeGreaterThanOrEqual(400)
      expect(problemType(code)).toBe(`/api/docs#problem-${code}`)
    }
  })
})

describe('program vocabularies in words', () => {
  it('writes a code nobody named in words', () => {
    expect(humanizeCode('health_care')).toBe('Health care')
    expect(humanizeCode('board-games')).toBe('Board games')
    expect(humanizeCode('__')).toBe('__')
  })

  it('reads availability slots', () => {
    expect(parseSlot('mon-pm')).toEqual({ day: 'mon', part: 'pm' })
    expect(parseSlot('mon-pm-x')).toBeNull()
    expect(parseSlot('noon')).toBeNull()
  })

  it('lists each code, history kind and audit action once', () => {
    for (const list of [COMMON_TOPICS, FIELD_ERROR_CODES, PARTICIPANT_EVENT_KINDS, AUDIT_ACTIONS]) {
      expect(new Set(list).size).toBe(list.length)
    }
  })
})
