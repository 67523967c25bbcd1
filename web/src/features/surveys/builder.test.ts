import { describe, expect, it } from 'vitest'
import {
  addOption,
  addQuestion,
  type BuilderValues,
  builderOf,
  createBody,
  emptyTexts,
  moveOption,
  moveQuestion,
  newBuilder,
  patchBody,
  removeOption,
  removeQuestion,
  stillMissing,
  suggestCode,
  updateOption,
  updateQuestion,
} from './builder'
import type { SurveyItem } from './surveys'

const keys = (v: BuilderValues) => v.questions.map((q) => q.key)
const texts = (en: string, ar = '') => ({ ...emptyTexts(), en, ar })
const texted = (v: BuilderValues, key: number, en: string, ar = '') =>
  updateQuestion(v, key, { text: texts(en, ar) })

describe('survey builder', () => {
  it('turns a Likert and a single-choice question into the body the API takes', () => {
    let v = addQuestion(addQuestion(newBuilder('en'), 'likert'), 'single')
    v = { ...v, title: { ...v.title, en: '  Monthly check ', ar: 'فحص شهري' }, anonymous: false }
    const [likert, single] = keys(v) as [number, number]
    v = texted(v, likert, 'I feel at home here')
    v = updateQuestion(v, likert, { required: true })
    v = texted(v, single, 'How often do you meet?')
    const [a, b] = (v.questions[1]?.options ?? []).map((o) => o.key) as [number, number]
    v = updateOption(v, single, a, { label: texts('Every week') })
    v = updateOption(v, single, b, { label: texts('Every week') })
    expect(createBody(v)).toEqual({
      kind: 'pulse',
      audience: 'mentees',
      anonymous: false,
      title: { en: 'Monthly check', ar: 'فحص شهري' },
      questions: [
        { code: 'i-feel-at-home-here', type: 'likert', text: { en: 'I feel at home here' }, required: true },
        {
          code: 'how-often-do-you-meet',
          type: 'single',
          text: { en: 'How often do you meet?' },
          required: false,
          // Two options with the same label still get codes of their own.
          options: [
            { code: 'every-week', label: { en: 'Every week' } },
            { code: 'every-week-2', label: { en: 'Every week' } },
          ],
        },
      ],
    })
    expect(stillMissing(v)).toEqual([])
  })

  it('makes codes from the text unless typed, and from the position for texts without latin letters', () => {
    expect(suggestCode('Ich fühle mich zu Hause', 'question-1')).toBe('ich-fuhle-mich-zu-hause')
    expect(suggestCode('أشعر أنني في بيتي', 'question-1')).toBe('question-1')
    expect(suggestCode('3 wishes', 'question-2')).toBe('question-2-3-wishes')
    let v = addQuestion(newBuilder('ar'))
    const [q] = keys(v) as [number]
    v = updateQuestion(v, q, { text: texts('At home', 'أشعر أنني في بيتي') })
    expect(createBody(v).questions[0]?.code).toBe('question-1')
    v = updateQuestion(v, q, { code: 'belonging', codeFixed: true })
    expect(createBody(v).questions[0]?.code).toBe('belonging')
  })

  it('adds, reorders and removes questions and options, and sends options only for choices', () => {
    let v = addQuestion(addQuestion(addQuestion(newBuilder('en'), 'likert'), 'number'), 'text')
    const [l, n, t] = keys(v) as [number, number, number]
    v = moveQuestion(v, t, -1)
    expect(keys(v)).toEqual([l, t, n])
    v = moveQuestion(v, l, -1) // the first stays first
    v = moveQuestion(v, n, 1) // the last stays last
    expect(keys(v)).toEqual([l, t, n])
    v = removeQuestion(v, t)
    expect(keys(v)).toEqual([l, n])

    // A number question becoming multiple choice gets two options; a third is added, moved up, one removed.
    v = updateQuestion(v, n, { type: 'multiple' })
    v = addOption(v, n)
    const [o1, o2, o3] = (v.questions[1]?.options ?? []).map((o) => o.key) as [number, number, number]
    expect(new Set([l, n, o1, o2, o3]).size).toBe(5)
    v = moveOption(v, n, o3, -1)
    v = removeOption(v, n, o1)
    expect((v.questions[1]?.options ?? []).map((o) => o.key)).toEqual([o3, o2])
    // Back to a number: the options are kept in the form but not sent.
    v = updateQuestion(v, n, { type: 'number' })
    expect(v.questions[1]?.options).toHaveLength(2)
    expect(createBody(v).questions[1]).not.toHaveProperty('options')
  })

  it('names what is still missing', () => {
    let v = newBuilder('en')
    expect(stillMissing(v)).toEqual([{ what: 'title' }, { what: 'questions' }])
    v = addQuestion({ ...v, title: { ...v.title, de: 'Umfrage' } }, 'single')
    const [q] = keys(v) as [number]
    v = removeOption(v, q, v.questions[0]?.options[0]?.key as number)
    v = texted(v, q, '', 'سؤال')
    expect(stillMissing(v)).toEqual([
      { what: 'options', question: 1 },
      { what: 'option', question: 1, option: 1 },
    ])
  })

  it('keeps a saved survey’s codes and sends anonymity only when it changed', () => {
    const saved = {
      title: { en: 'Pulse', de: 'Puls' },
      kind: 'pulse',
      audience: 'mentors',
      anonymous: true,
      questions: [
        {
          code: 'support',
          type: 'single',
          text: { en: 'Did you get support?' },
          required: true,
          options: [
            { code: 'yes', label: { en: 'Yes' } },
            { code: 'no', label: { en: 'No' } },
          ],
        },
      ],
    } as unknown as SurveyItem
    let v = builderOf(saved, 'en')
    v = addQuestion(v, 'text')
    v = texted(v, v.questions[1]?.key as number, 'Anything else?')
    v = updateQuestion(v, v.questions[0]?.key as number, {
      text: texts('Support?'),
    })
    const body = patchBody(v, saved)
    expect(body).not.toHaveProperty('anonymous')
    expect(body.title).toEqual({ en: 'Pulse', de: 'Puls' })
    expect(body.questions.map((q) => q.code)).toEqual(['support', 'anything-else'])
    expect(body.questions[0]?.options?.map((o) => o.code)).toEqual(['yes', 'no'])
    expect(patchBody({ ...v, anonymous: false }, saved)).toHaveProperty('anonymous', false)
  })
})
