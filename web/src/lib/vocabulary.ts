import {
  COMMON_TOPICS,
  type CommonTopic,
  DAY_PARTS,
  DAYS,
  humanizeCode,
  type LabelledVocabulary,
  parseSlot,
} from '@tandem/vocab'
import { dateTimeFormat } from '../i18n/i18n'
import type { Translate } from '../i18n/types'
import { keyed } from './labels'
import { listText } from './text'

/**
 * Program vocabularies in words: interests, goal areas and training modules by the program's own name in the
 * reader's language (set in its settings), else the name Tandem ships for a common code, else the code in words
 * (`health_care` → "Health care"); availability slots as weekday and part of the day.
 */

/** A program's own names: vocabulary → code → language → name (what the API answers as `labels`). */
export type VocabularyLabels = Partial<Record<LabelledVocabulary, Record<string, Record<string, string>>>>

const isCommonTopic = (code: string): code is CommonTopic => COMMON_TOPICS.some((topic) => topic === code)

/** The name Tandem ships for a common interest or goal area, else the code in words. */
export const topicLabel = (t: Translate, code: string): string =>
  isCommonTopic(code) ? t(`topic.${code}`) : humanizeCode(code)

/** An interest or goal area of a program in the reader's language. */
export function codeLabel(
  t: Translate,
  locale: string,
  labels: VocabularyLabels | undefined,
  vocabulary: 'interests' | 'goalAreas',
  code: string,
): string {
  return labels?.[vocabulary]?.[code]?.[locale] || topicLabel(t, code)
}

/** A training module's title in the reader's language: the program's name for it, else the title it was given. */
export function moduleTitle(
  locale: string,
  labels: VocabularyLabels | undefined,
  module: { id: string; title: string },
): string {
  return labels?.trainingModules?.[module.id]?.[locale] || module.title || humanizeCode(module.id)
}

/** 2024-01-01 was a Monday: the weekday's name in the reader's language. */
export function weekdayName(locale: string, day: (typeof DAYS)[number]): string {
  return dateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, 1 + DAYS.indexOf(day)),
  )
}

export const dayPartLabel = keyed({ am: 'slot.am', pm: 'slot.pm', eve: 'slot.eve' })

/** `mon-pm` → "Monday afternoon"; something that is not a slot shows as is. */
export function slotLabel(t: Translate, locale: string, slot: string): string {
  const parsed = parseSlot(slot)
  if (!parsed) return slot
  return t('slot.label', { day: weekdayName(locale, parsed.day), part: dayPartLabel(t, parsed.part) })
}

/** Slots grouped by day, in week order: "Monday: morning, evening; Saturday: afternoon". */
export function availabilityText(t: Translate, locale: string, slots: readonly string[]): string {
  const days: string[] = []
  for (const day of DAYS) {
    const parts = DAY_PARTS.filter((part) => slots.includes(`${day}-${part}`))
    if (parts.length === 0) continue
    days.push(
      t('slot.day', {
        day: weekdayName(locale, day),
        parts: listText(
          locale,
          parts.map((part) => dayPartLabel(t, part)),
        ),
      }),
    )
  }
  const others = slots.filter((slot) => !parseSlot(slot))
  return [...days, ...others].join('; ')
}
