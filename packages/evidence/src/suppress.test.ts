import { describe, expect, it } from 'vitest'
import { effectiveMinimum, type Figure, type PeriodCell, suppress, suppressionReasons } from './suppress'

const P = '2026-03'
const fig = (measure: string, by: Figure['group']['by'], value: string, n: number, v = n): Figure => ({
  period: P,
  group: { by, value },
  measure,
  value: v,
  n,
})
const shown = (cells: PeriodCell[]) =>
  Object.fromEntries(cells.map((c) => [`${c.measure}|${c.group.value}`, c.suppressed ? null : c.n]))

/**
 * An attacker who knows how the lines add up (each breakdown to its total, parts to their measure) and fills in
 * any line with exactly one unknown, again and again. Returns what they learn of the hidden cells.
 */
function attack(cells: PeriodCell[], lines: Line[]): Record<string, number> {
  const known = new Map<string, number>()
  for (const c of cells) if (!c.suppressed) known.set(`${c.measure}|${c.group.value}`, c.n as number)
  return fillIn(known, lines)
}

type Line = { total: string; members: string[] }

/** The attacker's method on what they know (filled in place): every line with one unknown, until none is left. */
function fillIn(known: Map<string, number>, lines: Line[]): Record<string, number> {
  const learned: Record<string, number> = {}
  let progress = true
  while (progress) {
    progress = false
    for (const line of lines) {
      const unknown = [line.total, ...line.members].filter((k) => !known.has(k))
      if (unknown.length !== 1) continue
      const [k] = unknown as [string]
      const sumMembers = line.members.reduce((s, m) => s + (known.get(m) ?? 0), 0)
      const value = k === line.total ? sumMembers : (known.get(line.total) as number) - sumMembers
      known.set(k, value)
      learned[k] = value
      progress = true
    }
  }
  return learned
}

describe('the minimum', () => {
  it('never goes below 3, defaults to 5', () => {
    expect(effectiveMinimum(2)).toBe(3)
    expect(effectiveMinimum(0)).toBe(3)
    expect(effectiveMinimum(null)).toBe(5)
    expect(effectiveMinimum(7)).toBe(7)
  })

  it('hides a cell of fewer people than the minimum, zero included, and shows the rest exactly', () => {
    const cells = suppress([fig('applications', 'all', 'all', 4), fig('matches-new', 'all', 'all', 5)], {
      minimumCellSize: 5,
    })
    expect(cells).toEqual([
      {
        period: P,
        group: { by: 'all', value: 'all' },
        measure: 'applications',
        value: null,
        n: null,
        suppressed: true,
      },
      {
        period: P,
        group: { by: 'all', value: 'all' },
        measure: 'matches-new',
        value: 5,
        n: 5,
        suppressed: false,
      },
    ])
    expect(suppress([fig('applications', 'all', 'all', 0)], { minimumCellSize: 5 })[0]?.suppressed).toBe(true)
    // An organization asking for 2 still gets 3.
    expect(suppress([fig('applications', 'all', 'all', 2)], { minimumCellSize: 2 })[0]?.suppressed).toBe(true)
  })
})

describe('complementary suppression against totals', () => {
  const genderLine = {
    total: 'applications|all',
    members: ['applications|woman', 'applications|man', 'applications|other'],
  }

  it('hides the next-smallest cell of a breakdown, so a hidden one cannot be recomputed from the total', () => {
    const figures = [
      fig('applications', 'all', 'all', 22),
      fig('applications', 'gender', 'woman', 12),
      fig('applications', 'gender', 'man', 8),
      fig('applications', 'gender', 'other', 2),
    ]
    const cells = suppress(figures, { minimumCellSize: 5 })
    expect(shown(cells)).toEqual({
      'applications|all': 22,
      'applications|woman': 12,
      'applications|man': null,
      'applications|other': null,
    })
    expect(attack(cells, [genderLine])).toEqual({})
    // Without the complementary rule the attacker would learn the 2 (the attack above is not empty-handed).
    const primaryOnly = cells.map((c) =>
      c.group.value === 'man' ? { ...c, n: 8, value: 8, suppressed: false } : c,
    )
    expect(attack(primaryOnly, [genderLine])).toEqual({ 'applications|other': 2 })
  })

  it('hides a large cell too when it is the only other one (zero counts are hidden as well)', () => {
    const cells = suppress(
      [
        fig('applications', 'all', 'all', 9),
        fig('applications', 'role', 'mentee', 9),
        fig('applications', 'role', 'mentor', 0),
      ],
      { minimumCellSize: 5 },
    )
    expect(shown(cells)).toEqual({
      'applications|all': 9,
      'applications|mentee': null,
      'applications|mentor': null,
    })
    expect(
      attack(cells, [{ total: 'applications|all', members: ['applications|mentee', 'applications|mentor'] }]),
    ).toEqual({})
  })

  it('treats people the breakdown leaves out (not stated) as a hidden cell when they are few', () => {
    // 22 people, 12 + 8 stated: the 2 left out would be 22 − 12 − 8.
    const cells = suppress(
      [
        fig('applications', 'all', 'all', 22),
        fig('applications', 'gender', 'woman', 12),
        fig('applications', 'gender', 'man', 8),
      ],
      { minimumCellSize: 5 },
    )
    expect(shown(cells)).toEqual({
      'applications|all': 22,
      'applications|woman': 12,
      'applications|man': null,
    })
    // Many left out are no secret.
    const many = suppress(
      [
        fig('applications', 'all', 'all', 30),
        fig('applications', 'gender', 'woman', 12),
        fig('applications', 'gender', 'man', 8),
      ],
      { minimumCellSize: 5 },
    )
    expect(many.every((c) => !c.suppressed)).toBe(true)
  })

  it('suppresses recursively across a two-way table (reasons × groups) until nothing can be recomputed', () => {
    // Closures by reason (parts of `closures`) and by gender, with both margins.
    const table: Record<string, Record<string, number>> = {
      woman: { completed: 9, 'moved-away': 2, 'no-contact': 6 },
      man: { completed: 7, 'moved-away': 6, 'no-contact': 5 },
    }
    const figures: Figure[] = []
    const lines: { total: string; members: string[] }[] = []
    const reasons = ['completed', 'moved-away', 'no-contact']
    for (const [g, row] of Object.entries(table)) {
      figures.push(
        fig(
          'closures',
          'gender',
          g,
          Object.values(row).reduce((a, b) => a + b, 0),
        ),
      )
      for (const r of reasons) figures.push(fig(`closures.${r}`, 'gender', g, row[r] as number))
      lines.push({ total: `closures|${g}`, members: reasons.map((r) => `closures.${r}|${g}`) })
    }
    figures.push(fig('closures', 'all', 'all', 35))
    for (const r of reasons)
      figures.push(fig(`closures.${r}`, 'all', 'all', (table.woman?.[r] ?? 0) + (table.man?.[r] ?? 0)))
    lines.push({ total: 'closures|all', members: reasons.map((r) => `closures.${r}|all`) })
    lines.push({ total: 'closures|all', members: ['closures|woman', 'closures|man'] })
    for (const r of reasons)
      lines.push({ total: `closures.${r}|all`, members: [`closures.${r}|woman`, `closures.${r}|man`] })

    const cells = suppress(figures, { minimumCellSize: 5 })
    const hidden = cells.filter((c) => c.suppressed).map((c) => `${c.measure}|${c.group.value}`)
    expect(hidden).toContain('closures.moved-away|woman')
    expect(hidden.length).toBeGreaterThanOrEqual(4)
    expect(attack(cells, lines)).toEqual({})
  })
})

describe('shares give their counts back', () => {
  const rate = (
    by: Figure['group']['by'],
    value: string,
    n: number,
    count: number,
    measure?: string,
  ): Figure => ({
    ...fig('closure-rate', by, value, n, Math.round((1000 * count) / n) / 10),
    numerator: { count, measure },
  })

  it('hides a share whose count (or the rest of its n) is fewer than the minimum', () => {
    const cells = suppress(
      [rate('all', 'all', 40, 12), rate('gender', 'woman', 20, 2), rate('gender', 'man', 20, 10)],
      { minimumCellSize: 5 },
    )
    // The women's 10% of 20 would tell that 2 tandems ended (fewer than 5); the men's share is then the only other
    // one in its line, and is hidden with it. 10 of 12 leaves 2 that did not end: hidden too.
    expect(cells.map((c) => c.suppressed)).toEqual([false, true, true])
    expect(suppress([rate('all', 'all', 12, 10)], { minimumCellSize: 5 })[0]?.suppressed).toBe(true)
  })

  it('hides a share when the cell publishing its count is hidden, for any reason', () => {
    const closures = [
      fig('closures', 'all', 'all', 14),
      fig('closures', 'gender', 'woman', 6),
      fig('closures', 'gender', 'man', 8),
    ]
    // Two people are left out of the breakdown (16 in all, 6 + 8 stated), so a count is hidden to protect them.
    const leftOut = [fig('closures', 'all', 'all', 16), ...closures.slice(1)]
    const shares = [
      rate('all', 'all', 60, 16, 'closures'),
      rate('gender', 'woman', 30, 6, 'closures'),
      rate('gender', 'man', 30, 8, 'closures'),
    ]
    const cells = suppress([...leftOut, ...shares], { minimumCellSize: 5 })
    const hidden = (measure: string, value: string) =>
      cells.find((c) => c.measure === measure && c.group.value === value)?.suppressed
    // The smallest count (women, 6) is hidden with the two left out…
    expect(hidden('closures', 'woman')).toBe(true)
    // …and so is the women's share, which would give back their 6.
    expect(hidden('closure-rate', 'woman')).toBe(true)
    expect(hidden('closure-rate', 'all')).toBe(false)
  })
})

describe('programs add up to the organization', () => {
  /** Applications by gender, for each program and for every program (the margin): a three-way table. */
  const table: Record<string, Record<string, number>> = {
    big: { woman: 12, man: 9 },
    small: { woman: 2, man: 7 },
    mid: { woman: 6, man: 8 },
  }
  const genders = ['woman', 'man']
  const figures: Figure[] = []
  const lines: { total: string; members: string[] }[] = []
  const key = (program: string, g: string) => `${program}|${g}`
  for (const [program, row] of Object.entries(table)) {
    figures.push({ ...fig('applications', 'all', 'all', (row.woman ?? 0) + (row.man ?? 0)), program })
    for (const g of genders) figures.push({ ...fig('applications', 'gender', g, row[g] as number), program })
    lines.push({ total: key(program, 'all'), members: genders.map((g) => key(program, g)) })
  }
  const sum = (g: string) =>
    Object.values(table).reduce(
      (s, row) => s + (g === 'all' ? (row.woman ?? 0) + (row.man ?? 0) : (row[g] ?? 0)),
      0,
    )
  figures.push(fig('applications', 'all', 'all', sum('all')))
  for (const g of genders) figures.push(fig('applications', 'gender', g, sum(g)))
  lines.push({ total: key('*', 'all'), members: genders.map((g) => key('*', g)) })
  for (const g of ['all', ...genders])
    lines.push({ total: key('*', g), members: Object.keys(table).map((program) => key(program, g)) })

  it('hides cells so that no answer for one program can be subtracted from the answer for every program', () => {
    const reasons = suppressionReasons(figures, 5)
    const known = new Map<string, number>()
    figures.forEach((f, i) => {
      if (!reasons[i]) known.set(key(f.program ?? '*', f.group.value), f.n)
    })
    // The small program's two women are hidden, and the attacker who fills in every line learns nothing.
    expect(known.has(key('small', 'woman'))).toBe(false)
    const learned = fillIn(known, lines)
    expect(learned).toEqual({})
    // The figures for every program are still shown: the cells hidden to protect the two are programs' cells.
    expect(known.get(key('*', 'woman'))).toBe(20)
    expect(known.get(key('*', 'all'))).toBe(44)
  })

  it('without the programs given, the same figures for every program are suppressed as before', () => {
    const margin = figures.filter((f) => f.program === undefined)
    expect(suppressionReasons(margin, 5)).toEqual(margin.map(() => null))
  })
})
