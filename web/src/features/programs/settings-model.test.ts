import { DEFAULT_MATCHING } from '@tandem/vocab'
import { describe, expect, it } from 'vitest'
import type { Program } from './program'
import { settingsPaths, toBody, toForm } from './settings-model'

const program: Program = {
  id: 'p',
  name: 'Welcome',
  description: '',
  status: 'draft',
  languages: ['ar', 'uk'],
  goalAreas: [],
  interests: ['music'],
  meetingCadenceDays: 14,
  minCommitmentMonths: 6,
  intakeFields: { phone: true },
  trainingModules: [{ id: 'basics', title: 'Basics' }],
  matchingSettings: null,
  renewalWindowDays: 30,
  protectedFields: [],
  labels: { interests: { music: { ar: 'موسيقى' } }, goalAreas: {}, trainingModules: {} },
  consentVersion: 'v1',
  safetyGuidelinesVersion: 'v1',
  createdAt: '2024-01-01T00:00:00Z',
}

describe('program settings form', () => {
  it('starts from the program, with the standard matching settings when it has none', () => {
    const form = toForm(program)
    expect(form.languages).toBe('ar, uk')
    expect(form.intakeFields.phone).toBe(true)
    expect(form.intakeFields.sector).toBe(false)
    expect(form.customMatching).toBe(false)
    expect(form.matching.weights.needs).toBe(String(DEFAULT_MATCHING.weights.needs))
  })

  it('sends numbers, codes and no matching settings unless the program has its own', () => {
    const form = { ...toForm(program), languages: 'AR, de, ar', meetingCadenceDays: '' }
    const body = toBody(form)
    expect(body.languages).toEqual(['ar', 'de'])
    expect(body.meetingCadenceDays).toBeNaN()
    expect(body.matchingSettings).toBeNull()
    const custom = toBody({
      ...form,
      customMatching: true,
      matching: { ...form.matching, maxDistanceKm: ' ' },
    })
    expect(custom.matchingSettings?.maxDistanceKm).toBeNull()
    expect(custom.matchingSettings?.weights.language).toBe(DEFAULT_MATCHING.weights.language)
  })

  it('lists a path for every training module', () => {
    expect(settingsPaths(toForm(program))).toContain('trainingModules.0.id')
  })

  it('sends names only for the codes the lists still have, without empty ones', () => {
    const form = toForm(program)
    expect(form.labels.interests).toEqual({ music: { ar: 'موسيقى' } })
    const body = toBody({
      ...form,
      interests: 'music, chess',
      labels: {
        interests: {
          music: { ar: ' موسيقى ', de: '  ' },
          chess: { de: 'Schach' },
          cooking: { de: 'Kochen' },
        },
        goalAreas: {},
        trainingModules: { basics: { uk: 'Основи' } },
      },
    })
    expect(body.labels).toEqual({
      interests: { music: { ar: 'موسيقى' }, chess: { de: 'Schach' } },
      goalAreas: {},
      trainingModules: { basics: { uk: 'Основи' } },
    })
    expect(settingsPaths(form)).toContain('labels.interests.music.ar')
  })
})
