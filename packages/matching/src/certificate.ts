/**
 * Independent optimality checker. It reads only the instance, the pairs, the reported totals and the duals;
 * it shares no code with the solver except the score-to-units rounding (`scoreUnits`).
 *
 * Lexicographic LP duality. Give each pair the weight (a, w_ij), a = 1 in participation mode (count, then
 * score) and 0 in score mode, compared lexicographically. If every node x has a dual (level_x, price_x) and
 *   (1) (level_i + level_j, price_i + price_j) >=lex (a, w_ij) for every feasible pair,
 *   (2) (level_x, price_x) >=lex (0, 0) for every node,
 * then for ANY fractional matching x: sum_e x_e (a, w_e) <=lex sum_i D_i + sum_j cap_j D_j (weak duality holds
 * because lexicographic order on Z^2 is compatible with addition and non-negative scaling). If moreover
 *   (3) (1) holds with equality on matched pairs, and
 *   (4) D = (0, 0) for unmatched mentees and for mentors with spare capacity,
 * the matching attains that bound, so (a × matched, total) is lexicographically maximal: in participation
 * mode no matching has more pairs, and none with as many pairs has a higher total; in score mode no matching
 * has a higher total. Every value is an integer below 2^52 (checked), so the arithmetic is exact; the
 * objective sums use BigInt.
 */
import { type Instance, SCORE_SCALE, scoreUnits } from './instance.ts'
import type { Solution } from './solver.ts'

export interface CertificateReport {
  ok: boolean
  /** First problems found (at most 20). */
  errors: string[]
}

type Checkable = Pick<Solution, 'mode' | 'pairs' | 'matched' | 'total' | 'duals'>

const SAFE = 2 ** 51

/** Checks that `solution` is an optimum of `instance` for its mode, using only its dual certificate. */
export function checkCertificate(instance: Instance, solution: Checkable): CertificateReport {
  const errors: string[] = []
  const fail = (msg: string): void => {
    if (errors.length < 20) errors.push(msg)
  }
  const m = instance.mentees
  const n = instance.mentors
  const { duals, mode } = solution
  const a = mode === 'participation' ? 1 : mode === 'score' ? 0 : -1
  if (a < 0) fail(`unknown mode ${String(mode)}`)
  if (duals.scale !== SCORE_SCALE) fail(`scale must be ${SCORE_SCALE} (got ${duals.scale})`)
  const { menteeLevel, mentorLevel, menteePrice, mentorPrice } = duals
  if (menteeLevel.length !== m || menteePrice.length !== m) fail('mentee duals have the wrong length')
  if (mentorLevel.length !== n || mentorPrice.length !== n) fail('mentor duals have the wrong length')
  if (errors.length > 0) return { ok: false, errors }

  for (let i = 0; i < m; i++) {
    const p = menteePrice[i] as number
    if (!Number.isInteger(p) || Math.abs(p) > SAFE) fail(`mentee ${i}: price ${p} is not an exact integer`)
    const l = menteeLevel[i] as number
    if (l > 1 || (a === 0 && l !== 0)) fail(`mentee ${i}: level ${l} not allowed in ${mode} mode`)
  }
  for (let j = 0; j < n; j++) {
    const p = mentorPrice[j] as number
    if (!Number.isInteger(p) || Math.abs(p) > SAFE) fail(`mentor ${j}: price ${p} is not an exact integer`)
    const l = mentorLevel[j] as number
    if (l > 1 || (a === 0 && l !== 0)) fail(`mentor ${j}: level ${l} not allowed in ${mode} mode`)
  }
  if (errors.length > 0) return { ok: false, errors }

  // Primal feasibility of the pairs.
  const mateOf = new Int32Array(m).fill(-1)
  const load = new Int32Array(n)
  for (const pair of solution.pairs) {
    const [i, j] = pair
    if (!Number.isInteger(i) || i < 0 || i >= m || !Number.isInteger(j) || j < 0 || j >= n) {
      fail(`pair [${i}, ${j}] is out of range`)
      continue
    }
    if ((mateOf[i] as number) >= 0) fail(`mentee ${i} appears in more than one pair`)
    mateOf[i] = j
    load[j] = (load[j] as number) + 1
  }
  if (solution.matched !== solution.pairs.length) {
    fail(`matched is ${solution.matched} but there are ${solution.pairs.length} pairs`)
  }
  for (let j = 0; j < n; j++) {
    const c = instance.capacity[j] as number
    if ((load[j] as number) > c) fail(`mentor ${j} has ${load[j]} mentees but capacity ${c}`)
  }

  // Edge conditions (1) and (3); also finds the score of every matched pair.
  const found = new Uint8Array(m)
  let totalUnits = 0n
  const e = instance.edgeMentee.length
  for (let k = 0; k < e; k++) {
    const i = instance.edgeMentee[k] as number
    const j = instance.edgeMentor[k] as number
    const score = instance.edgeScore[k] as number
    if (!(Number.isInteger(i) && i >= 0 && i < m && Number.isInteger(j) && j >= 0 && j < n && score >= 0)) {
      fail(`edge ${k} of the instance is invalid`)
      continue
    }
    const wk = scoreUnits(score)
    const lv = (menteeLevel[i] as number) + (mentorLevel[j] as number)
    const pr = (menteePrice[i] as number) + (mentorPrice[j] as number)
    const cmp = lv !== a ? lv - a : pr - wk
    if (cmp < 0) fail(`pair (${i}, ${j}): dual constraint violated (${lv}, ${pr}) < (${a}, ${wk})`)
    if (mateOf[i] === j) {
      if (found[i] === 1) fail(`pair (${i}, ${j}) is listed twice in the instance`)
      found[i] = 1
      totalUnits += BigInt(wk)
      if (cmp !== 0) fail(`matched pair (${i}, ${j}) is not tight: (${lv}, ${pr}) vs (${a}, ${wk})`)
    }
  }

  // Node conditions (2) and (4), and the dual objective.
  let dualLevel = 0n
  let dualPrice = 0n
  for (let i = 0; i < m; i++) {
    const l = menteeLevel[i] as number
    const p = menteePrice[i] as number
    if (l === 0 && p < 0) fail(`mentee ${i}: dual (0, ${p}) is negative`)
    if ((mateOf[i] as number) >= 0) {
      if (found[i] !== 1) fail(`pair [${i}, ${mateOf[i]}] is not a feasible pair of the instance`)
    } else if (l !== 0 || p !== 0) {
      fail(`mentee ${i} is unmatched but its dual is (${l}, ${p}), not (0, 0)`)
    }
    dualLevel += BigInt(l)
    dualPrice += BigInt(p)
  }
  for (let j = 0; j < n; j++) {
    const l = mentorLevel[j] as number
    const p = mentorPrice[j] as number
    const c = instance.capacity[j] as number
    if (l === 0 && p < 0) fail(`mentor ${j}: dual (0, ${p}) is negative`)
    if ((load[j] as number) < c && (l !== 0 || p !== 0)) {
      fail(`mentor ${j} has spare capacity but its dual is (${l}, ${p}), not (0, 0)`)
    }
    dualLevel += BigInt(c) * BigInt(l)
    dualPrice += BigInt(c) * BigInt(p)
  }
  const matched = BigInt(solution.pairs.length)
  if (dualLevel !== BigInt(a) * matched || dualPrice !== totalUnits) {
    fail(
      `dual objective (${dualLevel}, ${dualPrice}) differs from primal (${BigInt(a) * matched}, ${totalUnits})`,
    )
  }
  if (solution.total !== Number(totalUnits) / SCORE_SCALE) {
    fail(`reported total ${solution.total} differs from the pairs' total ${Number(totalUnits) / SCORE_SCALE}`)
  }
  return { ok: errors.length === 0, errors }
}
