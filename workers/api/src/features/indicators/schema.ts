import {
  EVENT_SUPPORTS,
  INDICATOR_BREAKDOWNS,
  INDICATOR_MEASURES,
  type IndicatorMeasure,
  MATCH_END_REASONS,
  MINIMUM_CELL_SIZE,
} from '@tandem/vocab'
import * as v from 'valibot'
import { NOT_STATED } from './providers'

/** Every measure family the providers give (parts are `family.part`); the public page may publish any of them. */
export const MEASURE_FAMILIES = INDICATOR_MEASURES
export type MeasureFamily = IndicatorMeasure

/** The parts of a family the providers know in advance (goal areas are each program's own). */
export const MEASURE_PARTS = {
  closures: [...MATCH_END_REASONS, NOT_STATED],
  'supports-used': [...EVENT_SUPPORTS],
} as const

const Month = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month written YYYY-MM.'))

export const IndicatorQuery = v.object({
  program: v.optional(v.pipe(v.string(), v.maxLength(40))),
  from: v.optional(Month),
  to: v.optional(Month),
  by: v.optional(v.picklist(INDICATOR_BREAKDOWNS, 'Use all, approach or a cohort attribute.'), 'all'),
})

const Cell = v.object({
  period: v.string(),
  group: v.object({ by: v.picklist(INDICATOR_BREAKDOWNS), value: v.string() }),
  measure: v.string(),
  value: v.nullable(v.number()),
  n: v.nullable(v.number()),
  suppressed: v.boolean(),
})

export const IndicatorsOut = v.object({
  cells: v.array(Cell),
  minimumCellSize: v.number(),
  months: v.array(v.string()),
  by: v.picklist(INDICATOR_BREAKDOWNS),
  programIds: v.array(v.string()),
  measures: v.array(v.string()),
  /** The organization's programs by name, for a filter (names of programs identify nobody). */
  programs: v.array(v.object({ id: v.string(), name: v.string() })),
})

export const ImpactPage = v.object({
  enabled: v.boolean(),
  measures: v.pipe(v.array(v.picklist(MEASURE_FAMILIES, 'Use measures of the list.')), v.maxLength(20)),
})

export const ReportSettingsOut = v.object({
  minimumCellSize: v.number(),
  impactPage: ImpactPage,
  /** The public page's address when it is on. */
  impactPath: v.nullable(v.string()),
})

export const ReportSettingsBody = v.pipe(
  v.strictObject({
    minimumCellSize: v.optional(
      v.pipe(
        v.number(),
        v.integer(),
        v.minValue(MINIMUM_CELL_SIZE.floor, `Use at least ${MINIMUM_CELL_SIZE.floor}.`),
        v.maxValue(MINIMUM_CELL_SIZE.ceiling, `Use at most ${MINIMUM_CELL_SIZE.ceiling}.`),
      ),
    ),
    impactPage: v.optional(ImpactPage),
  }),
)

export const NeighborhoodImportBody = v.strictObject({
  /** The CSV text: columns `neighbourhood`, `period`, `measure`, `value` (and optionally `source`). */
  csv: v.pipe(v.string(), v.minLength(1), v.maxLength(500_000)),
  /** Where the figures come from, for rows without a `source` column. */
  source: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200)), ''),
})

export const NeighborhoodIndicatorOut = v.object({
  neighborhoodGroup: v.string(),
  period: v.string(),
  measure: v.string(),
  value: v.number(),
  source: v.string(),
})

export const NeighborhoodListOut = v.object({ items: v.array(NeighborhoodIndicatorOut) })
export const NeighborhoodImportOut = v.object({ imported: v.number() })
