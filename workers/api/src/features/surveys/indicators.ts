import { type Database, surveyResponses, surveys } from '@tandem/db'
import type { CohortAttribute, IndicatorBreakdown, SurveyKind } from '@tandem/vocab'
import { and, gte, lte } from 'drizzle-orm'
import { inIds, inTenant } from '../../lib/sql'

/** One raw figure, before suppression (the indicators service suppresses small cells). */
export interface SurveyFigure {
  group: { by: IndicatorBreakdown; value: string }
  measure: string
  value: number
  n: number
}

const KINDS: readonly SurveyKind[] = ['baseline', 'exit']

const columnOf: Record<CohortAttribute, keyof typeof surveyResponses.$inferSelect> = {
  role: 'role',
  program: 'program',
  languageGroup: 'languageGroup',
  ageBand: 'ageBand',
  gender: 'gender',
  arrivalBand: 'arrivalBand',
  neighborhoodGroup: 'neighborhoodGroup',
}

const dayOf = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10))

/**
 * Survey indicators (decision 035), raw and unsuppressed: per Likert question code, the mean answer at baseline
 * and at exit (`survey.<code>.baseline`, `survey.<code>.exit`) per group of `by`, with `n` the number of answers.
 * Baseline and exit pair up by question code across a program's surveys. Only the cohort groups stored with each
 * answer are used (already `other` where a group was too small among the survey's invitees). Surveys go to
 * tandems, so by `approach` every answer is `one-to-one`. `from`/`to` are days (inclusive) of the answers.
 */
export async function surveyFigures(
  db: Database,
  tenantId: string,
  options: { programIds: readonly string[]; from: string | Date; to: string | Date; by: IndicatorBreakdown },
): Promise<SurveyFigure[]> {
  if (options.programIds.length === 0) return []
  const list = await db
    .select({ id: surveys.id, kind: surveys.kind, questions: surveys.questions })
    .from(surveys)
    .where(inTenant(surveys, tenantId, inIds(surveys.programId, [...options.programIds])))
  const asked = list.filter((s) => KINDS.includes(s.kind))
  if (asked.length === 0) return []
  const rows = await db
    .select()
    .from(surveyResponses)
    .where(
      and(
        inTenant(
          surveyResponses,
          tenantId,
          inIds(
            surveyResponses.surveyId,
            asked.map((s) => s.id),
          ),
        ),
        gte(surveyResponses.day, dayOf(options.from)),
        lte(surveyResponses.day, dayOf(options.to)),
      ),
    )
  const byId = new Map(asked.map((s) => [s.id, s]))
  const sums = new Map<string, { group: string; measure: string; sum: number; n: number }>()
  for (const r of rows) {
    const survey = byId.get(r.surveyId)
    if (!survey) continue
    const group =
      options.by === 'all'
        ? 'all'
        : options.by === 'approach'
          ? 'one-to-one'
          : String(r[columnOf[options.by]])
    for (const q of survey.questions) {
      const x = r.answers[q.code]
      if (q.type !== 'likert' || typeof x !== 'number') continue
      const measure = `survey.${q.code}.${survey.kind}`
      const key = `${group}\u0000${measure}`
      const cell = sums.get(key) ?? { group, measure, sum: 0, n: 0 }
      cell.sum += x
      cell.n += 1
      sums.set(key, cell)
    }
  }
  return [...sums.values()]
    .sort((a, b) => a.measure.localeCompare(b.measure) || a.group.localeCompare(b.group))
    .map((c) => ({
      group: { by: options.by, value: c.group },
      measure: c.measure,
      value: Math.round((c.sum / c.n) * 100) / 100,
      n: c.n,
    }))
}
