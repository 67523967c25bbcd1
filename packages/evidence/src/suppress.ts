import { type IndicatorBreakdown, type IndicatorCell, MINIMUM_CELL_SIZE } from '@tandem/vocab'

/**
 * A raw figure before it leaves Tandem: `n` is how many people (or tandems) it counts, `value` what is shown
 * (a count, a rate, an average). Measures named `family.part` (e.g. `closures.moved-away`) are parts of the
 * measure `family` of the same group and period: their `n` add up to it.
 */
export interface Figure {
  /** The grid period it covers, `YYYY-MM` (see periods.ts). */
  period: string
  group: { by: IndicatorBreakdown; value: string }
  measure: string
  value: number
  n: number
  /**
   * For a share (`value` = 100 × count / n): how many of the `n` it counts, and the measure that publishes that count
   * (if any). A share gives its count back exactly (count = value × n / 100), so it is hidden whenever the count, or
   * the rest of `n`, is fewer than the minimum, or the count's own cell is hidden.
   */
  numerator?: { count: number; measure?: string }
  /**
   * The programs it covers: absent for every program of the organization, else one program's id. The figures of
   * each program add up to the figure for every program (people of no program are left out of them), so one
   * suppression over all of them keeps an answer for one program from being subtracted from an answer for all.
   */
  program?: string
}

/** A figure as it leaves Tandem: a suppressed cell carries neither value nor n. */
export type PeriodCell = IndicatorCell & { period: string }

/** The minimum an organization asked for, never below the floor (3) nor above the ceiling. */
export function effectiveMinimum(minimumCellSize: number | null | undefined): number {
  const k = Number.isFinite(minimumCellSize)
    ? Math.floor(minimumCellSize as number)
    : MINIMUM_CELL_SIZE.default
  return Math.min(MINIMUM_CELL_SIZE.ceiling, Math.max(MINIMUM_CELL_SIZE.floor, k))
}

/** Why a cell is hidden: too few people itself, or hidden so that another hidden cell cannot be recomputed. */
export type SuppressionReason = 'small' | 'complementary'

/**
 * One additive line of a table: `total.n` is the sum of the members' `n` (a breakdown and its `all` cell, or a
 * measure's parts and the measure). People the members leave out (total minus the members) are a hidden member
 * of their own: a residual nobody publishes.
 */
interface Line {
  total: number
  members: number[]
}

const ALL_PROGRAMS = '*'
const keyOf = (period: string, measure: string, by: string, value: string, program = ALL_PROGRAMS) =>
  `${period}\u0000${measure}\u0000${by}\u0000${value}\u0000${program}`
const figureKey = (f: Figure, measure = f.measure) =>
  keyOf(f.period, measure, f.group.by, f.group.value, f.program)

function linesOf(figures: readonly Figure[]): Line[] {
  const at = new Map<string, number>()
  figures.forEach((f, i) => {
    at.set(figureKey(f), i)
  })
  const lines = new Map<string, Line>()
  const add = (lineKey: string, total: number | undefined, member: number) => {
    if (total === undefined || total === member) return
    let line = lines.get(lineKey)
    if (!line) {
      line = { total, members: [] }
      lines.set(lineKey, line)
    }
    line.members.push(member)
  }
  figures.forEach((f, i) => {
    const program = f.program ?? ALL_PROGRAMS
    // The breakdown of a measure adds up to its `all` cell.
    if (f.group.by !== 'all')
      add(
        `g\u0000${f.period}\u0000${f.measure}\u0000${f.group.by}\u0000${program}`,
        at.get(keyOf(f.period, f.measure, 'all', 'all', f.program)),
        i,
      )
    // The parts of a measure add up to the measure, in every group.
    const dot = f.measure.indexOf('.')
    if (dot > 0) {
      const family = f.measure.slice(0, dot)
      add(
        `m\u0000${f.period}\u0000${family}\u0000${f.group.by}\u0000${f.group.value}\u0000${program}`,
        at.get(keyOf(f.period, family, f.group.by, f.group.value, f.program)),
        i,
      )
    }
    // Each program's figure is part of the figure for every program.
    if (f.program !== undefined) {
      const all = keyOf(f.period, f.measure, f.group.by, f.group.value)
      add(`p\u0000${all}`, at.get(all), i)
    }
  })
  return [...lines.values()]
}

/**
 * Small-cell suppression with complementary suppression (the one implementation every exit uses: the API, the
 * reports page and its CSV, the public page, partner digests).
 *
 * 1. Primary: a cell counting fewer than `minimumCellSize` people (floor 3) is hidden, zero included.
 * 2. Complementary: in every additive line (a breakdown with its total; a measure's parts with the measure; each
 *    program's figure with the same figure for every program, when figures per program are given), a
 *    line that hides exactly one thing (a cell, its total, or the people left out of the breakdown when there are
 *    some) would let that thing be recomputed by subtraction; so the smallest visible member is hidden too, or the
 *    total when no member is left. People left out of a breakdown (not stated) count as hidden, and as too few
 *    when they are fewer than the minimum. Repeated over all lines until nothing changes (a hidden cell can open another
 *    line).
 *
 * Figures are never changed, only hidden: what is shown is exact.
 */
export function suppress(
  figures: readonly Figure[],
  options: { minimumCellSize: number | null | undefined },
): PeriodCell[] {
  const k = effectiveMinimum(options.minimumCellSize)
  const reasons = suppressionReasons(figures, k)
  return figures.map((f, i) =>
    reasons[i]
      ? { period: f.period, group: f.group, measure: f.measure, value: null, n: null, suppressed: true }
      : { period: f.period, group: f.group, measure: f.measure, value: f.value, n: f.n, suppressed: false },
  )
}

/** For each figure, why it is hidden, or null when it may be shown (`k` is the effective minimum). */
export function suppressionReasons(figures: readonly Figure[], k: number): (SuppressionReason | null)[] {
  const reasons: (SuppressionReason | null)[] = figures.map((f) =>
    f.n < k || (f.numerator && (f.numerator.count < k || f.n - f.numerator.count < k)) ? 'small' : null,
  )
  const lines = linesOf(figures)
  const at = new Map<string, number>()
  figures.forEach((f, i) => {
    at.set(figureKey(f), i)
  })
  let changed = true
  while (changed) {
    changed = false
    for (const line of lines) {
      const total = figures[line.total] as Figure
      const sum = line.members.reduce((s, i) => s + (figures[i] as Figure).n, 0)
      const residual = total.n - sum
      const hiddenMembers = line.members.filter((i) => reasons[i] !== null).length
      const hidden = hiddenMembers + (reasons[line.total] ? 1 : 0) + (residual > 0 ? 1 : 0)
      // One unknown in a line is recomputed by subtraction; it is harmless only when it is people left out of the
      // breakdown who are many enough themselves.
      if (hidden !== 1 || (hiddenMembers === 0 && !reasons[line.total] && residual >= k)) continue
      const visible = line.members
        .filter((i) => reasons[i] === null)
        .sort((a, b) => (figures[a] as Figure).n - (figures[b] as Figure).n || a - b)
      const next = visible[0] ?? (reasons[line.total] === null ? line.total : undefined)
      if (next === undefined) continue
      reasons[next] = 'complementary'
      changed = true
    }
    // A share whose count is hidden would give the count back: hide the share too (and go round again).
    figures.forEach((f, i) => {
      if (reasons[i] !== null || !f.numerator?.measure) return
      const count = at.get(figureKey(f, f.numerator.measure))
      if (count !== undefined && reasons[count] !== null) {
        reasons[i] = 'complementary'
        changed = true
      }
    })
  }
  return reasons
}
