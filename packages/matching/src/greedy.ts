/**
 * Greedy baseline, for comparison only: take feasible pairs by decreasing score (ties: lower mentee, then
 * lower mentor index) whenever the mentee is still free and the mentor still has room.
 */
import { buildGraph, type Instance, SCORE_SCALE } from './instance.ts'

export interface GreedyResult {
  pairs: Array<[number, number]>
  matched: number
  total: number
}

export function greedy(instance: Instance): GreedyResult {
  const g = buildGraph(instance)
  const { m, n, e, rowStart, col, w, maxW, cap } = g
  // CSR positions are sorted by (mentee, decreasing weight, mentor): among equal weights, by mentee then mentor;
  // so a stable sort by decreasing weight gives the greedy order.
  const order = new Float64Array(e)
  if ((maxW + 1) * e < 2 ** 53) {
    for (let p = 0; p < e; p++) order[p] = (maxW - (w[p] as number)) * e + p
    order.sort()
  } else {
    const idx = Array.from({ length: e }, (_, p) => p)
    idx.sort((x, y) => (w[y] as number) - (w[x] as number) || x - y)
    for (let p = 0; p < e; p++) order[p] = idx[p] as number
  }
  const packed = (maxW + 1) * e < 2 ** 53
  const rowOf = new Int32Array(e)
  for (let i = 0; i < m; i++) {
    for (let p = rowStart[i] as number; p < (rowStart[i + 1] as number); p++) rowOf[p] = i
  }
  const mate = new Int32Array(m).fill(-1)
  const load = new Int32Array(n)
  let totalUnits = 0
  for (let t = 0; t < e; t++) {
    const key = order[t] as number
    const p = packed ? key % e : key
    const i = rowOf[p] as number
    const j = col[p] as number
    if ((mate[i] as number) >= 0 || (load[j] as number) >= (cap[j] as number)) continue
    mate[i] = j
    load[j] = (load[j] as number) + 1
    totalUnits += w[p] as number
  }
  const pairs: Array<[number, number]> = []
  for (let i = 0; i < m; i++) if ((mate[i] as number) >= 0) pairs.push([i, mate[i] as number])
  return { pairs, matched: pairs.length, total: (totalUnits * g.unit) / SCORE_SCALE }
}
