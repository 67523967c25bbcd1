/**
 * Exact maximum-weight bipartite b-matching (a mentee takes one mentor, mentor j takes at most capacity[j]).
 *
 * Primal–dual successive shortest augmenting paths on the sparse graph. Every node has a dual price (u_i for
 * mentees, v_j for mentors) with slack u_i + v_j - w_ij >= 0 on every edge and 0 on matched edges; searches
 * are Dijkstra over slacks with an indexed binary heap over typed arrays, stopping at the first mentor with
 * room. Mentors are never replicated: a mentor node carries its capacity and slots holding its mentees. Rows
 * are sorted by decreasing weight, so bids and searches stop reading a row as soon as the rest cannot matter.
 *
 * 1. Start: auction-style bids (Jonker–Volgenant's augmenting row reduction, with capacity as slots).
 * 2. Phase 1, one search per mentee still free.
 *    - mode 'score': a search may also end when a mentee's price reaches 0 (leaving it unmatched is as good),
 *      so the result maximises the total score; the prices are the LP duals.
 *    - mode 'participation' (most matched mentees, then best total): searches end only at a mentor with room,
 *      which yields a maximum-cardinality matching, optimal outside the region Z reachable from unmatched
 *      mentees. A failed search freezes its region for good (it can never carry an augmenting path).
 * 3. Phase 2 (participation): Z alone is re-solved from the mentor side, where every Z mentor must stay full
 *    and mentees are optional. The certificate is then a lexicographic dual (level, price) per node.
 * docs/decisions/005-matching-algorithm.md has the reasoning; `checkCertificate` the optimality argument.
 *
 * Written for the first call in a fresh process (a CLI run, a Worker's queue consumer), which V8 runs mostly
 * unoptimised: both phases use the same search code on a `Side` (one orientation of the graph), so phase 2
 * reuses code already warmed up by phase 1; weights, prices and distances are Int32Arrays whenever they provably
 * fit (see `Graph.small`); loops read few properties and allocate nothing.
 */
import { siftDown, siftUp } from './heap.ts'
import {
  buildGraph,
  decodeKeys,
  decodeKeysFloat,
  type Graph,
  type Instance,
  type Mode,
  type Numbers,
  SCORE_SCALE,
  sortRows,
} from './instance.ts'

export interface SolveOptions {
  /** 'participation' (default): most matched mentees, then highest total. 'score': highest total score. */
  mode?: Mode
}

/**
 * Optimality certificate: lexicographic LP duals. Node x carries (level[x], price[x]); prices are integers in
 * score units (score × scale). For every feasible pair (i, j) with score units w:
 * (level_i + level_j, price_i + price_j) >=lex (a, w), where a = 1 in participation mode and 0 in score mode,
 * with equality on matched pairs; every (level, price) >=lex (0, 0), and it is (0, 0) for unmatched mentees and
 * for mentors with spare capacity. In score mode all levels are 0 and this is plain LP duality.
 */
export interface Duals {
  scale: number
  menteeLevel: Uint8Array
  mentorLevel: Uint8Array
  menteePrice: Float64Array
  mentorPrice: Float64Array
}

export interface SolveStats {
  /** Shortest-path searches run (phase 1 + phase 2). */
  searches: number
  /** Mentees matched by the start (bids), before any search. */
  startMatched: number
  /** Mentees and mentors in the region re-solved by phase 2 (participation mode). */
  regionMentees: number
  regionMentors: number
  /** Estimated peak working set of the solver's typed arrays, in bytes (the input itself excluded). */
  workingSetBytes: number
}

export interface Solution {
  mode: Mode
  /** [mentee, mentor] pairs, sorted by mentee. */
  pairs: Array<[number, number]>
  matched: number
  /** Sum of the scores of the chosen pairs (exact at a resolution of 1 / scale). */
  total: number
  /** The same total in integer score units. */
  totalUnits: number
  duals: Duals
  stats: SolveStats
}

/**
 * One orientation of the bipartite graph, as the searches see it: they start at a row and end at a column with
 * room; column c holds at most cap[c] rows in its slots slotRow[slotStart[c] .. slotStart[c] + cnt[c]).
 * Slack of a pair: rowPrice + colPrice - w >= 0. Phase 1: rows are mentees (the graph's CSR), columns mentors.
 * Phase 2: rows are the mentors of the region Z, columns mentees (capacity 1).
 *
 * A class rather than object literals: V8 throws away optimised code that reads fields of an object literal
 * when the same literal creates a second object (the fields stop being constant), which would happen when
 * phase 2 builds its side, and again at every later solve.
 */
class Side {
  rowStart: Int32Array
  col: Int32Array
  w: Numbers
  rowPrice: Numbers
  colPrice: Numbers
  cap: Int32Array
  cnt: Int32Array
  slotStart: Int32Array
  /** Row held by each slot, and the CSR position of that pair. */
  slotRow: Int32Array
  slotEdge: Int32Array
  /** Column each row last joined (-1: none) and the CSR position: a mentee's mentor, in phase 1. */
  rowMate: Int32Array
  rowEdge: Int32Array

  constructor(
    rowStart: Int32Array,
    col: Int32Array,
    w: Numbers,
    rowPrice: Numbers,
    colPrice: Numbers,
    cap: Int32Array,
    slotStart: Int32Array,
    slots: number,
    rowMate: Int32Array,
    rowEdge: Int32Array,
  ) {
    this.rowStart = rowStart
    this.col = col
    this.w = w
    this.rowPrice = rowPrice
    this.colPrice = colPrice
    this.cap = cap
    this.cnt = new Int32Array(cap.length)
    this.slotStart = slotStart
    this.slotRow = new Int32Array(slots)
    this.slotEdge = new Int32Array(slots)
    this.rowMate = rowMate
    this.rowEdge = rowEdge
  }
}

/** Solves an instance exactly. Throws `InstanceError` for invalid input. Deterministic. */
export function solve(instance: Instance, options: SolveOptions = {}): Solution {
  const mode: Mode = options.mode ?? 'participation'
  if (mode !== 'participation' && mode !== 'score') {
    throw new TypeError(`mode must be 'participation' or 'score' (got ${String(mode)})`)
  }
  const g = buildGraph(instance)
  const { m, n } = g
  const score = mode === 'score'
  const mentees = createSide(g)
  const startMatched = startBids(mentees, m, numbers(g.small, m))
  const s = new Search(Math.max(m, n), g.small)
  const one = phaseOne(mentees, s, m, score)
  let searches = one
  let regionMentees = 0
  let regionMentors = 0
  let twoBytes = 0
  const menteeLevel = new Uint8Array(m)
  const mentorLevel = new Uint8Array(n)
  if (!score) {
    const two = phaseTwo(g, mentees, s)
    searches += two.searches
    twoBytes = two.bytes
    for (let i = 0; i < m; i++) {
      if (s.deadRow[i] === 1) regionMentees++
      else menteeLevel[i] = 1
    }
    for (let j = 0; j < n; j++) {
      if (s.dead[j] === 1) {
        regionMentors++
        mentorLevel[j] = 1
      }
    }
  }
  const { rowMate: mate, rowEdge: matePos } = mentees
  const pairs: Array<[number, number]> = []
  let totalW = 0
  for (let i = 0; i < m; i++) {
    const j = mate[i] as number
    if (j >= 0) {
      pairs.push([i, j])
      totalW += g.w[matePos[i] as number] as number
    }
  }
  // Back to score units (weights are in steps of g.unit units).
  const totalUnits = totalW * g.unit
  const menteePrice = scaled(mentees.rowPrice, g)
  const mentorPrice = scaled(mentees.colPrice, g)
  // Prices, mates, slots, the bids' scratch (counted as still alive), levels, the returned prices; the search
  // scratch (max(m, n) entries per array; b bytes per number).
  const b = g.small ? 4 : 8
  const workBytes = (2 * b + 25) * m + (b + 17) * n + 8 * mentees.slotRow.length + 4
  const searchBytes = (2 * b + 42) * Math.max(m, n)
  return {
    mode,
    pairs,
    matched: pairs.length,
    total: totalUnits / SCORE_SCALE,
    totalUnits,
    duals: { scale: SCORE_SCALE, menteeLevel, mentorLevel, menteePrice, mentorPrice },
    stats: {
      searches,
      startMatched,
      regionMentees,
      regionMentors,
      workingSetBytes: Math.max(g.bytes + g.buildBytes, g.bytes + workBytes + searchBytes + twoBytes),
    },
  }
}

function numbers(small: boolean, length: number): Numbers {
  return small ? new Int32Array(length) : new Float64Array(length)
}

/**
 * Prices in score units. Also a tripwire: prices are shortest-path potentials, within 2 × (m + n) × maxW
 * (see `Graph.small`); anything beyond twice that means a bug (or, with Int32Arrays, an overflow).
 */
function scaled(prices: Numbers, g: Graph): Float64Array {
  const out = new Float64Array(prices.length)
  const limit = 4 * (g.m + g.n + 2) * Math.max(g.maxW, 1)
  for (let k = 0; k < prices.length; k++) {
    const x = prices[k] as number
    if (!(Math.abs(x) <= limit)) throw new Error(`internal: dual price ${x} out of range`)
    out[k] = x * g.unit + 0 // (+ 0: no negative zero)
  }
  return out
}

/** Phase 1's side: rows are mentees, columns mentors with a slot block of size min(capacity, degree). */
function createSide(g: Graph): Side {
  const { m, n, cap, deg } = g
  const slotStart = new Int32Array(n + 1)
  for (let j = 0; j < n; j++) {
    slotStart[j + 1] = (slotStart[j] as number) + Math.min(cap[j] as number, deg[j] as number)
  }
  const mate = new Int32Array(m).fill(-1)
  return new Side(
    g.rowStart,
    g.col,
    g.w,
    numbers(g.small, m),
    numbers(g.small, n),
    cap,
    slotStart,
    slotStart[n] as number,
    mate,
    new Int32Array(m),
  )
}

// ---------------------------------------------------------------------------------------------------------
// Start: bids.

class Bids {
  /** Price paid for its slot by each matched mentee. */
  price: Numbers
  /** Whether the last bid strictly preferred its mentor (then the evicted mentee bids at once). */
  strict = false

  constructor(price: Numbers) {
    this.price = price
  }
}

/**
 * A bounded auction-style pass (Jonker–Volgenant's augmenting row reduction, with mentor capacity handled as
 * slots). A free mentee bids for its most profitable mentor (profit w - v), paying "w - second best profit",
 * so it stays indifferent; a full mentor gives up its cheapest slot. v_j is the cheapest slot price of j
 * (0 while j has room) and only rises, so every matched mentee keeps u_i = w_ij - v_j >= its profit
 * elsewhere: duals feasible, matched pairs tight, v_j = 0 for mentors with room, u_i >= 0. That is all the
 * searches need. Leaving a mentee unmatched counts as an option of profit 0. Returns the number matched.
 */
function startBids(side: Side, m: number, price: Numbers): number {
  const bids = new Bids(price)
  let queue = new Int32Array(m)
  let next = new Int32Array(m)
  let qn = 0
  for (let i = 0; i < m; i++) queue[qn++] = i
  let budget = 4 * m + 16
  for (let pass = 0; pass < 2 && qn > 0 && budget > 0; pass++) {
    let nn = 0
    for (let q = 0; q < qn && budget > 0; q++) {
      let i = queue[q] as number
      while (budget-- > 0) {
        const evicted = bid(side, bids, i)
        if (evicted < 0) break
        if (bids.strict) {
          i = evicted
        } else {
          next[nn++] = evicted
          break
        }
      }
    }
    const t = queue
    queue = next
    next = t
    qn = nn
  }
  return startDuals(side, m)
}

/** One bid by mentee i. Returns the mentee it evicted, or -1. */
function bid(side: Side, bids: Bids, i: number): number {
  const { rowStart, col, w, colPrice: v, cap, cnt } = side
  const price = bids.price
  const b = rowStart[i + 1] as number
  let best1 = Number.NEGATIVE_INFINITY
  let best2 = 0
  let p1 = -1
  let roomy = false // whether the best mentor so far has room
  for (let p = rowStart[i] as number; p < b; p++) {
    const wp = w[p] as number
    // The row is sorted by decreasing weight and prices are >= 0, so no later profit exceeds wp: stop once
    // wp can neither beat the second best nor tie a best without room (a best of -inf or <= 0 bids nothing).
    if (wp < best2 || (wp === best2 && (best1 !== best2 || roomy))) break
    const j = col[p] as number
    const c = cap[j] as number
    if (c === 0) continue
    const profit = wp - (v[j] as number)
    // Among equally profitable mentors prefer one with room (avoids ping-pong between tied mentees).
    if (profit > best1 || (profit === best1 && !roomy && (cnt[j] as number) < c)) {
      if (best1 > best2) best2 = best1
      best1 = profit
      p1 = p
      roomy = (cnt[j] as number) < c
    } else if (profit > best2) best2 = profit
  }
  if (p1 < 0 || best1 <= 0) return -1
  const { slotStart, slotRow, slotEdge, rowMate, rowEdge } = side
  const j = col[p1] as number
  const k0 = slotStart[j] as number
  const c = cnt[j] as number
  let k = k0 + c
  let evicted = -1
  if (c < (cap[j] as number)) {
    cnt[j] = c + 1
  } else {
    // Full: the bid replaces the cheapest slot.
    k = k0
    for (let t = k0 + 1; t < k0 + c; t++) {
      if ((price[slotRow[t] as number] as number) < (price[slotRow[k] as number] as number)) k = t
    }
    evicted = slotRow[k] as number
    rowMate[evicted] = -1
  }
  slotRow[k] = i
  slotEdge[k] = p1
  rowMate[i] = j
  rowEdge[i] = p1
  price[i] = (w[p1] as number) - best2
  bids.strict = best1 > best2
  const filled = cnt[j] as number
  if (filled === (cap[j] as number)) {
    let low = Number.POSITIVE_INFINITY
    for (let t = k0; t < k0 + filled; t++) {
      const x = price[slotRow[t] as number] as number
      if (x < low) low = x
    }
    v[j] = low
  }
  return evicted
}

/** Duals after the bids: u_i = w - v on matched pairs, best profit (at least 0) for free mentees. */
function startDuals(side: Side, m: number): number {
  const { rowStart, col, w, rowPrice: u, colPrice: v, cap, rowMate: mate, rowEdge: matePos } = side
  let matched = 0
  for (let i = 0; i < m; i++) {
    const j = mate[i] as number
    if (j >= 0) {
      matched++
      u[i] = (w[matePos[i] as number] as number) - (v[j] as number)
      continue
    }
    let best = 0
    const b = rowStart[i + 1] as number
    for (let p = rowStart[i] as number; p < b; p++) {
      const wp = w[p] as number
      if (wp <= best) break // sorted row, prices >= 0: nothing later is more profitable
      const profit = wp - (v[col[p] as number] as number)
      if (profit > best) best = profit
    }
    u[i] = best
  }
  // Mentors without capacity took no bids: give them a price that covers their edges.
  let zeroCap = false
  for (let j = 0; j < cap.length; j++) if (cap[j] === 0) zeroCap = true
  for (let i = 0; zeroCap && i < m; i++) {
    const b = rowStart[i + 1] as number
    for (let p = rowStart[i] as number; p < b; p++) {
      const j = col[p] as number
      if (cap[j] !== 0) continue
      const need = (w[p] as number) - (u[i] as number)
      if (need > (v[j] as number)) v[j] = need
    }
  }
  return matched
}

// ---------------------------------------------------------------------------------------------------------
// Searches (both phases).

/**
 * Scratch space of the searches, allocated once for both phases (max(m, n) entries per array) and stamped per
 * search instead of cleared. mark[c]: < lab unseen, lab labelled, lab + 1 settled, DEAD frozen (phase 1). Stamps
 * are small integers (Int32Array, DEAD the largest small integer), which V8 reads without allocating.
 */
class Search {
  // per column
  dist: Numbers
  mark: Int32Array
  pred: Int32Array
  predEdge: Int32Array
  heap: Int32Array
  hpos: Int32Array
  size = 0
  setCols: Int32Array
  nCols = 0
  // per row; rowMark[r] === lab: settled in the current search
  setRows: Int32Array
  setRowD: Numbers
  via: Int32Array
  viaSlot: Int32Array
  rowMark: Int32Array
  nRows = 0
  lab = 0
  /** Nearest labelled column with room (never expanded) and its distance. */
  spare = -1
  bestS = Number.POSITIVE_INFINITY
  /** Score mode: the distance at which row bestVia's price would reach 0. */
  bestVia = -1
  bestT = Number.POSITIVE_INFINITY
  /** Phase 1, participation: the frozen region Z (mentors, mentees). */
  dead: Uint8Array
  deadRow: Uint8Array

  constructor(size: number, small: boolean) {
    this.dist = numbers(small, size)
    this.mark = new Int32Array(size)
    this.pred = new Int32Array(size)
    this.predEdge = new Int32Array(size)
    this.heap = new Int32Array(size)
    this.hpos = new Int32Array(size)
    this.setCols = new Int32Array(size)
    this.setRows = new Int32Array(size)
    this.setRowD = numbers(small, size)
    this.via = new Int32Array(size)
    this.viaSlot = new Int32Array(size)
    this.rowMark = new Int32Array(size)
    this.dead = new Uint8Array(size)
    this.deadRow = new Uint8Array(size)
  }
}

const DEAD = 2 ** 30 - 1

/** Phase 1: one search per free mentee, in index order. Returns the number of searches. */
function phaseOne(side: Side, s: Search, m: number, drop: boolean): number {
  const mate = side.rowMate
  let searches = 0
  for (let r = 0; r < m; r++) {
    if ((mate[r] as number) >= 0) continue
    searches++
    search(side, s, r, drop)
    finishSearch(side, s, r, drop)
  }
  return searches
}

/**
 * Dijkstra from row r until the nearest event: a column with room, or (drop) a row's price reaching 0. A row
 * is reached through a column holding it, at the column's distance, and scanned at once.
 */
function search(side: Side, s: Search, r: number, drop: boolean): void {
  const { rowPrice, cnt, slotStart, slotRow } = side
  const { dist, mark, heap, hpos, setCols, setRows, setRowD, via, viaSlot, rowMark } = s
  if (s.lab >= DEAD - 2) restamp(s) // after half a billion searches
  s.lab += 2
  const lab = s.lab
  const settled = lab + 1
  s.size = 0
  s.spare = -1
  s.bestS = Number.POSITIVE_INFINITY
  s.bestVia = -1
  s.bestT = Number.POSITIVE_INFINITY
  rowMark[r] = lab
  setRows[0] = r
  setRowD[0] = 0
  let nRows = 1
  let nCols = 0
  let scanned = 0
  explore: for (;;) {
    while (scanned < nRows) {
      const i = setRows[scanned] as number
      const di = setRowD[scanned] as number
      scanned++
      if (drop) {
        const t = di + (rowPrice[i] as number)
        if (t < s.bestT) {
          s.bestT = t
          s.bestVia = i
        }
      }
      if (relaxRow(side, s, i, di)) break explore
    }
    const size = s.size
    if (size === 0) break
    const c = heap[0] as number
    const dc = dist[c] as number
    if (dc >= s.bestS || (drop && dc > s.bestT)) break
    s.size = size - 1
    if (size > 1) {
      heap[0] = heap[size - 1] as number
      siftDown(heap, hpos, dist, size - 1, 0)
    }
    mark[c] = settled
    setCols[nCols++] = c
    const k0 = slotStart[c] as number
    const k1 = k0 + (cnt[c] as number)
    for (let k = k0; k < k1; k++) {
      const i = slotRow[k] as number
      if (rowMark[i] === lab) continue // phase 2: a mentor already reached through another of its mentees
      rowMark[i] = lab
      via[i] = c
      viaSlot[i] = k
      setRows[nRows] = i
      setRowD[nRows] = dc
      nRows++
    }
  }
  s.nRows = nRows
  s.nCols = nCols
}

/** Restarts the stamps at 0 (keeping frozen columns frozen). */
function restamp(s: Search): void {
  const { mark, rowMark } = s
  for (let k = 0; k < mark.length; k++) {
    if (mark[k] !== DEAD) mark[k] = 0
    rowMark[k] = 0
  }
  s.lab = 0
}

/** Relaxes the pairs of row i, settled at distance di. True when a column with room is at distance di. */
function relaxRow(side: Side, s: Search, i: number, di: number): boolean {
  const { rowStart, col, w, colPrice, cnt, cap } = side
  const { mark, dist, pred, predEdge, heap, hpos } = s
  const lab = s.lab
  let size = s.size
  let bestS = s.bestS
  let stop = false
  const base = di + (side.rowPrice[i] as number)
  const limitT = s.bestT
  const b = rowStart[i + 1] as number
  for (let p = rowStart[i] as number; p < b; p++) {
    // Column prices are >= 0, so nd >= base - w[p], which only grows along the sorted row: once it cannot beat
    // the best column with room, nor the price floor in score mode, the rest of the row is irrelevant (those
    // pairs keep a non-negative slack after the dual update, since nd >= delta).
    const low = base - (w[p] as number)
    if (low >= bestS || low > limitT) break
    const c = col[p] as number
    const mc = mark[c] as number
    if (mc > lab) continue
    const nd = low + (colPrice[c] as number)
    // A column this far can neither end the search nor be reached before it ends (same argument as above):
    // leaving it out saves the heap work for most of the columns a search sees.
    if (nd >= bestS || nd > limitT) continue
    if (mc === lab && nd >= (dist[c] as number)) continue
    dist[c] = nd
    pred[c] = i
    predEdge[c] = p
    if ((cnt[c] as number) < (cap[c] as number)) {
      // A column with room ends the search; it is never expanded, so it stays out of the heap.
      mark[c] = lab
      bestS = nd
      s.spare = c
      if (nd === di) {
        stop = true // nothing can be closer
        break
      }
      continue
    }
    if (mc !== lab) {
      mark[c] = lab
      heap[size] = c
      siftUp(heap, hpos, dist, size)
      size++
    } else {
      siftUp(heap, hpos, dist, hpos[c] as number)
    }
  }
  s.size = size
  s.bestS = bestS
  return stop
}

/**
 * Applies the search outcome: dual update and augmentation, or (phase 1, participation) freezing a failed
 * region. Returns false when no augmenting path exists.
 */
function finishSearch(side: Side, s: Search, r: number, drop: boolean): boolean {
  const { rowPrice, colPrice } = side
  const { dist, setCols, setRows, setRowD, nCols, nRows } = s
  let delta: number
  let target = -1
  let targetSlot = -1
  if (s.spare >= 0 && s.bestS <= s.bestT) {
    delta = s.bestS
    target = s.spare
  } else if (drop) {
    delta = s.bestT
  } else {
    // No augmenting path: r stays unmatched and the explored region is frozen for good.
    const { dead, deadRow, mark } = s
    for (let k = 0; k < nRows; k++) deadRow[setRows[k] as number] = 1
    for (let k = 0; k < nCols; k++) {
      const c = setCols[k] as number
      dead[c] = 1
      mark[c] = DEAD
    }
    return false
  }
  // Dual update: settled nodes move by (delta - distance); pairs along the search tree become tight.
  for (let k = 0; k < nCols; k++) {
    const c = setCols[k] as number
    colPrice[c] = (colPrice[c] as number) + delta - (dist[c] as number)
  }
  for (let k = 0; k < nRows; k++) {
    const i = setRows[k] as number
    rowPrice[i] = (rowPrice[i] as number) - (delta - (setRowD[k] as number))
  }
  if (target < 0) {
    // Row bestVia's price reached 0: it leaves its column, whose slot the path then refills.
    const t = s.bestVia
    if (t === r) return true
    target = s.via[t] as number
    targetSlot = s.viaSlot[t] as number
    side.rowMate[t] = -1
  }
  augment(side, s, r, target, targetSlot)
  return true
}

/**
 * Flips the path from column `target` back to row r: each row on it joins the column it was labelled from and
 * leaves the column it was reached through, taking over that column's slot from the row behind it. Only the
 * target gains a slot (or, with targetSlot >= 0, has one taken over).
 */
function augment(side: Side, s: Search, r: number, target: number, targetSlot: number): void {
  const { cnt, slotStart, slotRow, slotEdge, rowMate, rowEdge } = side
  const { pred, predEdge, via, viaSlot } = s
  let c = target
  let k = targetSlot
  if (k < 0) {
    k = (slotStart[c] as number) + (cnt[c] as number)
    cnt[c] = (cnt[c] as number) + 1
  }
  for (;;) {
    const i = pred[c] as number
    const p = predEdge[c] as number
    slotRow[k] = i
    slotEdge[k] = p
    rowMate[i] = c
    rowEdge[i] = p
    if (i === r) break
    c = via[i] as number
    k = viaSlot[i] as number
  }
}

// ---------------------------------------------------------------------------------------------------------
// Phase 2 (participation): the frozen region Z, from the mentor side.

/**
 * Every Z mentor is full in every maximum matching and only ever holds Z mentees, and every edge of a Z
 * mentee leads to a Z mentor; so the best matching of Z is a maximum-weight assignment that fills every Z
 * mentor slot with optional Z mentees. Solved from scratch on a `Side` whose rows are the Z mentors (their Z
 * pairs, sorted by decreasing weight) and whose columns are mentees of capacity 1: all Z mentees free with
 * price 0, a greedy start per mentor (`regionStart`), then one search per missing slot, ending at the first
 * free mentee reached. Mentee prices stay >= 0 and only rise; mentor prices may become negative (level 1).
 */
function phaseTwo(g: Graph, mentees: Side, s: Search): { searches: number; bytes: number } {
  const { m, n, rowStart, col, w, cap } = g
  const { rowPrice: u, colPrice: v, rowMate: mate, rowEdge: matePos } = mentees
  const { dead, deadRow } = s
  const zStart = new Int32Array(n + 1)
  let zRows = 0
  for (let i = 0; i < m; i++) {
    if (deadRow[i] !== 1) continue
    zRows++
    const b = rowStart[i + 1] as number
    for (let p = rowStart[i] as number; p < b; p++) {
      const j = col[p] as number
      if (dead[j] !== 1) throw new Error('internal: region is not closed')
      zStart[j + 1] = (zStart[j + 1] as number) + 1
    }
  }
  if (zRows === 0) return { searches: 0, bytes: zStart.byteLength }
  for (let j = 0; j < n; j++) zStart[j + 1] = (zStart[j + 1] as number) + (zStart[j] as number)
  const ez = zStart[n] as number
  // The Z pairs by mentor, sorted by decreasing weight (ties: mentee index) through keys like the graph's rows.
  let bits = 0
  while (2 ** bits < m) bits++
  const shift = 2 ** bits
  const intKeys = g.small && (g.maxW + 1) * shift <= 2 ** 31
  const keys = intKeys ? new Int32Array(ez) : new Float64Array(ez)
  const fill = zStart.slice(0, n)
  for (let i = 0; i < m; i++) {
    if (deadRow[i] !== 1) continue
    mate[i] = -1
    u[i] = 0
    const b = rowStart[i + 1] as number
    for (let p = rowStart[i] as number; p < b; p++) {
      const j = col[p] as number
      const q = fill[j] as number
      keys[q] = i - (w[p] as number) * shift
      fill[j] = q + 1
    }
  }
  sortRows(keys, zStart, n)
  let zCol: Int32Array
  let zW: Numbers
  if (keys instanceof Int32Array) {
    zCol = keys
    zW = new Int32Array(ez)
    decodeKeys(keys, zW, bits, 1, ez)
  } else {
    zCol = new Int32Array(ez)
    zW = g.small ? new Int32Array(ez) : keys
    decodeKeysFloat(keys, zCol, zW, shift, ez)
  }
  // Columns: mentees of capacity 1, slot i holds mentee i's mentor. Rows: mentors (rowMate/rowEdge unused).
  const slotStart = new Int32Array(m + 1)
  for (let i = 0; i <= m; i++) slotStart[i] = i
  const region = new Side(
    zStart,
    zCol,
    zW,
    v,
    u,
    new Int32Array(m).fill(1),
    slotStart,
    m,
    new Int32Array(n),
    new Int32Array(n),
  )
  // Searches below restart the stamps; the phase-1 marks (DEAD) referred to mentors.
  s.mark.fill(0)
  const held = new Int32Array(n)
  const order: number[] = []
  for (let j = 0; j < n; j++) {
    if (dead[j] === 1) held[j] = regionStart(region, j, cap[j] as number, order)
  }
  let searches = 0
  for (let j0 = 0; j0 < n; j0++) {
    if (dead[j0] !== 1) continue
    while ((held[j0] as number) < (cap[j0] as number)) {
      searches++
      search(region, s, j0, false)
      if (s.spare < 0) throw new Error('internal: a region mentor cannot be filled')
      finishSearch(region, s, j0, false)
      held[j0] = (held[j0] as number) + 1
    }
  }
  // Back to the mentees' side: each Z mentee's mentor, and the pair's position in the mentee's row.
  const { cnt, slotRow } = region
  for (let i = 0; i < m; i++) {
    if (deadRow[i] !== 1 || cnt[i] === 0) continue
    const j = slotRow[i] as number
    let p = rowStart[i] as number
    while (col[p] !== j) p++
    mate[i] = j
    matePos[i] = p
  }
  // The region's pairs (keys/mentees and weights), its sides' arrays, held counts.
  const b = g.small ? 4 : 8
  return { searches, bytes: 2 * zStart.byteLength + ez * (intKeys ? 4 + b : 12 + b) + 20 * m + 12 * n }
}

/**
 * Start for Z mentor j: rank its candidates by profit w_ij - u_i (ties: row order) and take the longest
 * prefix of free mentees, up to its capacity c; v_j = profit of the first candidate not taken (so every pair
 * of j is feasible) and the taken mentees get u_i = w_ij - v_j >= their old price (tight). Prices u only
 * rise, so mentors handled earlier stay feasible. The searches fill whatever is left. Returns the number taken.
 */
function regionStart(z: Side, j: number, c: number, order: number[]): number {
  const { rowStart, col, w, rowPrice: v, colPrice: u, cnt, slotRow, slotEdge } = z
  const a = rowStart[j] as number
  const b = rowStart[j + 1] as number
  // The ranking: a few selection scans for small capacities, one sort otherwise.
  order.length = 0
  if (c <= 8) {
    let lastQ = -1
    let lastP = Number.POSITIVE_INFINITY
    for (let t = 0; t <= c; t++) {
      let bestQ = -1
      let bestP = Number.NEGATIVE_INFINITY
      for (let q = a; q < b; q++) {
        const wq = w[q] as number
        if (wq <= bestP) break // sorted row, prices u >= 0: no later profit can beat bestP
        const x = wq - (u[col[q] as number] as number)
        if ((x < lastP || (x === lastP && q > lastQ)) && x > bestP) {
          bestP = x
          bestQ = q
        }
      }
      if (bestQ < 0) break
      order.push(bestQ)
      lastQ = bestQ
      lastP = bestP
    }
  } else {
    for (let q = a; q < b; q++) order.push(q)
    order.sort((x, y) => regionProfit(z, y) - regionProfit(z, x) || x - y)
  }
  let k = 0
  while (k < order.length && k < c && cnt[col[order[k] as number] as number] === 0) k++
  const price =
    k < order.length
      ? regionProfit(z, order[k] as number)
      : k > 0
        ? regionProfit(z, order[k - 1] as number)
        : 0
  v[j] = price
  for (let t = 0; t < k; t++) {
    const q = order[t] as number
    const i = col[q] as number
    cnt[i] = 1
    slotRow[i] = j
    slotEdge[i] = q
    u[i] = (w[q] as number) - price
  }
  return k
}

function regionProfit(z: Side, q: number): number {
  return (z.w[q] as number) - (z.colPrice[z.col[q] as number] as number)
}
