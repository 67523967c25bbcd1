/**
 * Exact maximum-weight bipartite b-matching (a mentee takes one mentor, mentor j takes at most capacity[j]).
 *
 * Primal–dual successive shortest augmenting paths on the sparse graph. Every node has a dual price (u_i for
 * mentees, v_j for mentors) with slack u_i + v_j - w_ij >= 0 on every edge and 0 on matched edges; searches
 * are Dijkstra over slacks with an indexed binary heap over typed arrays, stopping at the first mentor with
 * room. Mentors are never replicated: a mentor node carries its capacity and the list of its mentees.
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
 * The work is split into small functions on purpose: V8 optimises small hot functions much sooner than one
 * large one, which matters for the first call in a fresh isolate.
 */
import { siftDown, siftUp } from './heap.ts'
import { buildGraph, type Graph, type Instance, type Mode, SCORE_SCALE } from './instance.ts'

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

/** Graph, primal and dual state shared by the phases. */
interface Work {
  m: number
  n: number
  cap: Int32Array
  rowStart: Int32Array
  col: Int32Array
  w: Float64Array
  u: Float64Array
  v: Float64Array
  /** Mentor of each mentee, or -1, and the CSR position of that edge. */
  mate: Int32Array
  matePos: Int32Array
  /** Number of mentees of each mentor; they sit in slotRow[slotStart[j] .. slotStart[j] + cnt[j]). */
  cnt: Int32Array
  slotStart: Int32Array
  slotRow: Int32Array
  slotPos: Int32Array
}

/** Solves an instance exactly. Throws `InstanceError` for invalid input. Deterministic. */
export function solve(instance: Instance, options: SolveOptions = {}): Solution {
  const mode: Mode = options.mode ?? 'participation'
  if (mode !== 'participation' && mode !== 'score') {
    throw new TypeError(`mode must be 'participation' or 'score' (got ${String(mode)})`)
  }
  const g = buildGraph(instance)
  const { m, n } = g
  const wk = createWork(g)
  const score = mode === 'score'
  const startMatched = startBids(wk)
  const one = phaseOne(wk, score)
  let searches = one.searches
  let regionMentees = 0
  let regionMentors = 0
  let twoBytes = 0
  const menteeLevel = new Uint8Array(m)
  const mentorLevel = new Uint8Array(n)
  if (!score) {
    const two = phaseTwo(wk, one.deadRow, one.dead)
    searches += two.searches
    twoBytes = two.bytes
    for (let i = 0; i < m; i++) {
      if (one.deadRow[i] === 1) regionMentees++
      else menteeLevel[i] = 1
    }
    for (let j = 0; j < n; j++) {
      if (one.dead[j] === 1) {
        regionMentors++
        mentorLevel[j] = 1
      }
    }
  }
  const pairs: Array<[number, number]> = []
  let totalUnits = 0
  for (let i = 0; i < m; i++) {
    const j = wk.mate[i] as number
    if (j >= 0) {
      pairs.push([i, j])
      totalUnits += g.w[wk.matePos[i] as number] as number
    }
  }
  checkExact(wk.u)
  checkExact(wk.v)
  // Prices, mates, slots, levels; plus the bids' scratch (16 bytes per mentee), counted as still alive.
  const workBytes = 40 * m + 16 * n + 4 * (wk.slotRow.length + 1) + m + n
  return {
    mode,
    pairs,
    matched: pairs.length,
    total: totalUnits / SCORE_SCALE,
    totalUnits,
    duals: { scale: SCORE_SCALE, menteeLevel, mentorLevel, menteePrice: wk.u, mentorPrice: wk.v },
    stats: {
      searches,
      startMatched,
      regionMentees,
      regionMentors,
      workingSetBytes: Math.max(g.bytes + g.buildBytes, g.bytes + workBytes + one.bytes + twoBytes),
    },
  }
}

function checkExact(prices: Float64Array): void {
  const limit = 2 ** 51
  for (let k = 0; k < prices.length; k++) {
    const x = prices[k] as number
    if (!Number.isInteger(x) || Math.abs(x) > limit) throw new Error(`internal: dual price ${x} is not exact`)
  }
}

function createWork(g: Graph): Work {
  const { m, n, cap, deg } = g
  // Each mentor keeps its current mentees in a slot block of size min(capacity, degree).
  const slotStart = new Int32Array(n + 1)
  for (let j = 0; j < n; j++) {
    slotStart[j + 1] = (slotStart[j] as number) + Math.min(cap[j] as number, deg[j] as number)
  }
  return {
    m,
    n,
    cap,
    rowStart: g.rowStart,
    col: g.col,
    w: g.w,
    u: new Float64Array(m),
    v: new Float64Array(n),
    mate: new Int32Array(m).fill(-1),
    matePos: new Int32Array(m),
    cnt: new Int32Array(n),
    slotStart,
    slotRow: new Int32Array(slotStart[n] as number),
    slotPos: new Int32Array(m),
  }
}

function addSlot(wk: Work, j: number, i: number, p: number): void {
  const c = wk.cnt[j] as number
  const k = (wk.slotStart[j] as number) + c
  wk.slotRow[k] = i
  wk.slotPos[i] = k
  wk.cnt[j] = c + 1
  wk.mate[i] = j
  wk.matePos[i] = p
}

function removeSlot(wk: Work, j: number, i: number): void {
  const { slotRow, slotPos } = wk
  const k = slotPos[i] as number
  const c = (wk.cnt[j] as number) - 1
  const last = (wk.slotStart[j] as number) + c
  const moved = slotRow[last] as number
  slotRow[k] = moved
  slotPos[moved] = k
  wk.cnt[j] = c
  wk.mate[i] = -1
}

// ---------------------------------------------------------------------------------------------------------
// Start: bids.

interface Bids {
  /** Price paid for its slot by each matched mentee. */
  price: Float64Array
  /** Whether the last bid strictly preferred its mentor (then the evicted mentee bids at once). */
  strict: boolean
}

/**
 * A bounded auction-style pass (Jonker–Volgenant's augmenting row reduction, with mentor capacity handled as
 * slots). A free mentee bids for its most profitable mentor (profit w - v), paying "w - second best profit",
 * so it stays indifferent; a full mentor gives up its cheapest slot. v_j is the cheapest slot price of j
 * (0 while j has room) and only rises, so every matched mentee keeps u_i = w_ij - v_j >= its profit
 * elsewhere: duals feasible, matched pairs tight, v_j = 0 for mentors with room, u_i >= 0. That is all the
 * searches need. Leaving a mentee unmatched counts as an option of profit 0. Returns the number matched.
 */
function startBids(wk: Work): number {
  const { m } = wk
  const bids: Bids = { price: new Float64Array(m), strict: false }
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
        const evicted = bid(wk, bids, i)
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
  return startDuals(wk)
}

/** One bid by mentee i. Returns the mentee it evicted, or -1. */
function bid(wk: Work, bids: Bids, i: number): number {
  const { rowStart, col, w, v, cap, cnt } = wk
  const price = bids.price
  const b = rowStart[i + 1] as number
  let best1 = Number.NEGATIVE_INFINITY
  let best2 = 0
  let p1 = -1
  let roomy = false // whether the best mentor so far has room
  for (let p = rowStart[i] as number; p < b; p++) {
    const j = col[p] as number
    if (cap[j] === 0) continue
    const profit = (w[p] as number) - (v[j] as number)
    // Among equally profitable mentors prefer one with room (avoids ping-pong between tied mentees).
    if (profit > best1 || (profit === best1 && !roomy && (cnt[j] as number) < (cap[j] as number))) {
      if (best1 > best2) best2 = best1
      best1 = profit
      p1 = p
      roomy = (cnt[j] as number) < (cap[j] as number)
    } else if (profit > best2) best2 = profit
  }
  if (p1 < 0 || best1 <= 0) return -1
  const j = col[p1] as number
  const c = cnt[j] as number
  let evicted = -1
  if (c < (cap[j] as number)) {
    addSlot(wk, j, i, p1)
  } else {
    const { slotRow } = wk
    const k0 = wk.slotStart[j] as number
    let kMin = k0
    for (let k = k0 + 1; k < k0 + c; k++) {
      if ((price[slotRow[k] as number] as number) < (price[slotRow[kMin] as number] as number)) kMin = k
    }
    evicted = slotRow[kMin] as number
    removeSlot(wk, j, evicted)
    addSlot(wk, j, i, p1)
  }
  price[i] = (w[p1] as number) - best2
  bids.strict = best1 > best2
  if ((cnt[j] as number) === (cap[j] as number)) {
    const { slotRow } = wk
    const k0 = wk.slotStart[j] as number
    const k1 = k0 + (cnt[j] as number)
    let low = Number.POSITIVE_INFINITY
    for (let k = k0; k < k1; k++) {
      const x = price[slotRow[k] as number] as number
      if (x < low) low = x
    }
    v[j] = low
  }
  return evicted
}

/** Duals after the bids: u_i = w - v on matched pairs, best profit (at least 0) for free mentees. */
function startDuals(wk: Work): number {
  const { m, rowStart, col, w, u, v, cap, mate, matePos } = wk
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
      const profit = (w[p] as number) - (v[col[p] as number] as number)
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
// Phase 1: searches from free mentees.

/** Scratch space of the mentee-side searches. mark[j]: < lab unseen, lab labelled, lab + 1 settled, DEAD. */
interface MenteeSearch {
  dist: Float64Array
  mark: Uint32Array
  pred: Int32Array
  predPos: Int32Array
  heap: Int32Array
  hpos: Int32Array
  size: number
  setCols: Int32Array
  nCols: number
  setRows: Int32Array
  setRowD: Float64Array
  nRows: number
  lab: number
  /** Nearest labelled mentor with room (never expanded) and its distance. */
  spare: number
  bestS: number
  /** Score mode: the distance at which mentee bestVia's price would reach 0. */
  bestVia: number
  bestT: number
  dead: Uint8Array
  deadRow: Uint8Array
}

const DEAD = 0xffffffff

function phaseOne(
  wk: Work,
  drop: boolean,
): { searches: number; bytes: number; dead: Uint8Array; deadRow: Uint8Array } {
  const { m, n, mate } = wk
  const s: MenteeSearch = {
    dist: new Float64Array(n),
    mark: new Uint32Array(n),
    pred: new Int32Array(n),
    predPos: new Int32Array(n),
    heap: new Int32Array(n),
    hpos: new Int32Array(n),
    size: 0,
    setCols: new Int32Array(n),
    nCols: 0,
    setRows: new Int32Array(m),
    setRowD: new Float64Array(m),
    nRows: 0,
    lab: 0,
    spare: -1,
    bestS: 0,
    bestVia: -1,
    bestT: 0,
    dead: new Uint8Array(n),
    deadRow: new Uint8Array(m),
  }
  let searches = 0
  for (let r = 0; r < m; r++) {
    if ((mate[r] as number) >= 0) continue
    searches++
    searchFromMentee(wk, s, r, drop)
    finishMenteeSearch(wk, s, r, drop)
  }
  return { searches, bytes: 37 * n + 13 * m, dead: s.dead, deadRow: s.deadRow }
}

/** Dijkstra from free mentee r until the nearest event (mentor with room, or a price reaching 0). */
function searchFromMentee(wk: Work, s: MenteeSearch, r: number, drop: boolean): void {
  const { u, cnt, slotStart, slotRow } = wk
  const { dist, mark, heap, hpos, setCols, setRows, setRowD } = s
  s.lab += 2
  const settled = s.lab + 1
  s.size = 0
  s.spare = -1
  s.bestS = Number.POSITIVE_INFINITY
  s.bestVia = -1
  s.bestT = Number.POSITIVE_INFINITY
  setRows[0] = r
  setRowD[0] = 0
  let nRows = 1
  let nCols = 0
  let scanned = 0
  search: for (;;) {
    while (scanned < nRows) {
      const i = setRows[scanned] as number
      const di = setRowD[scanned] as number
      scanned++
      if (drop) {
        const t = di + (u[i] as number)
        if (t < s.bestT) {
          s.bestT = t
          s.bestVia = i
        }
      }
      if (relaxMentee(wk, s, i, di)) break search
    }
    const size = s.size
    if (size === 0) break
    const j = heap[0] as number
    const dj = dist[j] as number
    if (dj >= s.bestS || (drop && dj > s.bestT)) break
    s.size = size - 1
    if (size > 1) {
      heap[0] = heap[size - 1] as number
      siftDown(heap, hpos, dist, size - 1, 0)
    }
    mark[j] = settled
    setCols[nCols++] = j
    const k0 = slotStart[j] as number
    const k1 = k0 + (cnt[j] as number)
    for (let k = k0; k < k1; k++) {
      setRows[nRows] = slotRow[k] as number
      setRowD[nRows] = dj
      nRows++
    }
  }
  s.nRows = nRows
  s.nCols = nCols
}

/** Relaxes the edges of mentee i, settled at distance di. True when a mentor with room is at distance di. */
function relaxMentee(wk: Work, s: MenteeSearch, i: number, di: number): boolean {
  const { rowStart, col, w, v, cnt, cap } = wk
  const { mark, dist, pred, predPos, heap, hpos } = s
  const lab = s.lab
  let size = s.size
  let bestS = s.bestS
  let stop = false
  const base = di + (wk.u[i] as number)
  const b = rowStart[i + 1] as number
  for (let p = rowStart[i] as number; p < b; p++) {
    const j = col[p] as number
    const mj = mark[j] as number
    if (mj > lab) continue
    const nd = base + (v[j] as number) - (w[p] as number)
    if (mj === lab && nd >= (dist[j] as number)) continue
    dist[j] = nd
    pred[j] = i
    predPos[j] = p
    if ((cnt[j] as number) < (cap[j] as number)) {
      // A mentor with room ends the search; it is never expanded, so it stays out of the heap.
      mark[j] = lab
      if (nd < bestS) {
        bestS = nd
        s.spare = j
        if (nd === di) {
          stop = true // nothing can be closer
          break
        }
      }
      continue
    }
    if (mj !== lab) {
      mark[j] = lab
      heap[size] = j
      siftUp(heap, hpos, dist, size)
      size++
    } else {
      siftUp(heap, hpos, dist, hpos[j] as number)
    }
  }
  s.size = size
  s.bestS = bestS
  return stop
}

/** Applies the search outcome: dual update and augmentation, or (participation) freezing a failed region. */
function finishMenteeSearch(wk: Work, s: MenteeSearch, r: number, drop: boolean): void {
  const { u, v, mate } = wk
  const { dist, setCols, setRows, setRowD, nCols, nRows, pred, predPos } = s
  let delta: number
  let end: number
  if (s.spare >= 0 && s.bestS <= s.bestT) {
    delta = s.bestS
    end = s.spare
  } else if (drop) {
    delta = s.bestT
    end = -1
  } else {
    // No augmenting path: r stays unmatched and the explored region is frozen for good.
    const { dead, deadRow, mark } = s
    for (let k = 0; k < nRows; k++) deadRow[setRows[k] as number] = 1
    for (let k = 0; k < nCols; k++) {
      const j = setCols[k] as number
      dead[j] = 1
      mark[j] = DEAD
    }
    return
  }
  // Dual update: settled nodes move by (delta - distance); pairs along the search tree become tight.
  for (let k = 0; k < nCols; k++) {
    const j = setCols[k] as number
    v[j] = (v[j] as number) + delta - (dist[j] as number)
  }
  for (let k = 0; k < nRows; k++) {
    const i = setRows[k] as number
    u[i] = (u[i] as number) - (delta - (setRowD[k] as number))
  }
  if (end < 0) {
    // Mentee bestVia's price reached 0: it leaves its mentor, which the path then refills.
    const t = s.bestVia
    if (t === r) return
    end = mate[t] as number
    removeSlot(wk, end, t)
  }
  // Augment along the predecessor chain from mentor `end` back to r.
  let j = end
  for (;;) {
    const i = pred[j] as number
    const prev = mate[i] as number
    if (prev >= 0) removeSlot(wk, prev, i)
    addSlot(wk, j, i, predPos[j] as number)
    if (i === r) break
    j = prev
  }
}

// ---------------------------------------------------------------------------------------------------------
// Phase 2 (participation): the frozen region Z, from the mentor side.

/** Z as a mentor-side CSR plus the scratch space of its searches. markM as in phase 1, over mentees. */
interface MentorSearch {
  zStart: Int32Array
  zRow: Int32Array
  zPos: Int32Array
  distM: Float64Array
  markM: Uint32Array
  predM: Int32Array
  predQ: Int32Array
  heap: Int32Array
  hpos: Int32Array
  size: number
  setI: Int32Array
  nI: number
  rowDone: Int32Array
  via: Int32Array
  setJ: Int32Array
  setJD: Float64Array
  nJ: number
  lab: number
  stamp: number
  /** Nearest labelled free mentee (never expanded) and its distance. */
  target: number
  bestF: number
}

/**
 * Every Z mentor is full in every maximum matching and only ever holds Z mentees, and every edge of a Z
 * mentee leads to a Z mentor; so the best matching of Z is a maximum-weight assignment that fills every Z
 * mentor slot with optional Z mentees. Solved from scratch: all Z mentees free with price 0, a greedy start
 * per mentor (`regionStart`), then one search per missing slot, ending at the first free mentee reached.
 * Free mentees keep price 0 throughout; mentor prices may become negative (their level is 1).
 */
function phaseTwo(wk: Work, deadRow: Uint8Array, dead: Uint8Array): { searches: number; bytes: number } {
  const { m, n, cap, rowStart, col, u, mate, cnt } = wk
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
  const zRow = new Int32Array(ez)
  const zPos = new Int32Array(ez)
  const fill = zStart.slice(0, n)
  for (let i = 0; i < m; i++) {
    if (deadRow[i] !== 1) continue
    const j = mate[i] as number
    if (j >= 0) {
      cnt[j] = (cnt[j] as number) - 1
      mate[i] = -1
    }
    u[i] = 0
    const b = rowStart[i + 1] as number
    for (let p = rowStart[i] as number; p < b; p++) {
      const jj = col[p] as number
      const q = fill[jj] as number
      zRow[q] = i
      zPos[q] = p
      fill[jj] = q + 1
    }
  }
  // Start (the mentor slot lists are not used any more).
  const order: number[] = []
  for (let j = 0; j < n; j++) {
    if (dead[j] !== 1) continue
    if (cnt[j] !== 0) throw new Error('internal: region mentor holds a mentee from outside the region')
    regionStart(wk, zStart, zRow, zPos, j, order)
  }
  const z: MentorSearch = {
    zStart,
    zRow,
    zPos,
    distM: new Float64Array(m),
    markM: new Uint32Array(m),
    predM: new Int32Array(m),
    predQ: new Int32Array(m),
    heap: new Int32Array(m),
    hpos: new Int32Array(m),
    size: 0,
    setI: new Int32Array(m),
    nI: 0,
    rowDone: new Int32Array(n),
    via: new Int32Array(n),
    setJ: new Int32Array(n),
    setJD: new Float64Array(n),
    nJ: 0,
    lab: 0,
    stamp: 0,
    target: -1,
    bestF: 0,
  }
  let searches = 0
  for (let j0 = 0; j0 < n; j0++) {
    if (dead[j0] !== 1) continue
    while ((cnt[j0] as number) < (cap[j0] as number)) {
      searches++
      searchFromMentor(wk, z, j0)
      finishMentorSearch(wk, z, j0)
    }
  }
  return { searches, bytes: 2 * zStart.byteLength + 8 * ez + 32 * m + 20 * n }
}

/**
 * Start for Z mentor j: rank its candidates by profit w_ij - u_i (ties: lower index) and take the longest
 * prefix of free mentees, up to its capacity; v_j = profit of the first candidate not taken (so every edge of
 * j is feasible) and the taken mentees get u_i = w_ij - v_j >= 0 (tight). Prices u only rise, so mentors
 * handled earlier stay feasible. The searches fill whatever is left.
 */
function regionStart(
  wk: Work,
  zStart: Int32Array,
  zRow: Int32Array,
  zPos: Int32Array,
  j: number,
  order: number[],
): void {
  const { u, v, w, mate, matePos, cap, cnt } = wk
  const a = zStart[j] as number
  const b = zStart[j + 1] as number
  const c = cap[j] as number
  const profit = (q: number): number => (w[zPos[q] as number] as number) - (u[zRow[q] as number] as number)
  // The ranking: a few selection scans for small capacities, one sort otherwise.
  order.length = 0
  if (c <= 8) {
    let lastQ = -1
    let lastP = Number.POSITIVE_INFINITY
    for (let t = 0; t <= c; t++) {
      let bestQ = -1
      let bestP = Number.NEGATIVE_INFINITY
      for (let q = a; q < b; q++) {
        const x = profit(q)
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
    order.sort((x, y) => profit(y) - profit(x) || x - y)
  }
  let k = 0
  while (k < order.length && k < c && (mate[zRow[order[k] as number] as number] as number) < 0) k++
  const price = k < order.length ? profit(order[k] as number) : k > 0 ? profit(order[k - 1] as number) : 0
  v[j] = price
  for (let t = 0; t < k; t++) {
    const q = order[t] as number
    const i = zRow[q] as number
    mate[i] = j
    matePos[i] = zPos[q] as number
    u[i] = (w[zPos[q] as number] as number) - price
  }
  cnt[j] = k
}

/** Dijkstra from Z mentor j0 (one slot short) until the nearest free mentee. */
function searchFromMentor(wk: Work, z: MentorSearch, j0: number): void {
  const { mate } = wk
  const { distM, markM, heap, hpos, setI, rowDone, via, setJ, setJD } = z
  z.lab += 2
  z.stamp++
  const settled = z.lab + 1
  const stamp = z.stamp
  z.size = 0
  z.nI = 0
  z.target = -1
  z.bestF = Number.POSITIVE_INFINITY
  setJ[0] = j0
  setJD[0] = 0
  rowDone[j0] = stamp
  let nJ = 1
  let scanned = 0
  search: for (;;) {
    while (scanned < nJ) {
      const j = setJ[scanned] as number
      const dj = setJD[scanned] as number
      scanned++
      if (relaxMentor(wk, z, j, dj)) break search
    }
    const size = z.size
    if (size === 0) break
    const i = heap[0] as number
    const di = distM[i] as number
    if (di >= z.bestF) break
    z.size = size - 1
    if (size > 1) {
      heap[0] = heap[size - 1] as number
      siftDown(heap, hpos, distM, size - 1, 0)
    }
    if (markM[i] === settled) continue
    markM[i] = settled
    setI[z.nI++] = i
    const j = mate[i] as number
    if (rowDone[j] === stamp) continue
    rowDone[j] = stamp
    via[j] = i
    setJ[nJ] = j
    setJD[nJ] = di
    nJ++
  }
  z.nJ = nJ
  if (z.target < 0) throw new Error('internal: a region mentor cannot be filled')
}

/** Relaxes the Z edges of mentor j, settled at distance dj. True when a free mentee is at distance dj. */
function relaxMentor(wk: Work, z: MentorSearch, j: number, dj: number): boolean {
  const { u, w, mate } = wk
  const { zStart, zRow, zPos, distM, markM, predM, predQ, heap, hpos, setI } = z
  const lab = z.lab
  const settled = lab + 1
  let size = z.size
  let bestF = z.bestF
  let stop = false
  const base = dj + (wk.v[j] as number)
  const b = zStart[j + 1] as number
  for (let q = zStart[j] as number; q < b; q++) {
    const i = zRow[q] as number
    const mi = markM[i] as number
    if (mi > lab) continue
    if (mate[i] === j) {
      // j's own mentees move with it (their price rises as v_j falls), keeping those pairs tight.
      markM[i] = settled
      setI[z.nI++] = i
      distM[i] = dj
      if (mi === lab) siftUp(heap, hpos, distM, hpos[i] as number)
      continue
    }
    const nd = base + (u[i] as number) - (w[zPos[q] as number] as number)
    if (mi === lab && nd >= (distM[i] as number)) continue
    distM[i] = nd
    predM[i] = j
    predQ[i] = q
    if ((mate[i] as number) < 0) {
      markM[i] = lab
      if (nd < bestF) {
        bestF = nd
        z.target = i
        if (nd === dj) {
          stop = true
          break
        }
      }
      continue
    }
    if (mi !== lab) {
      markM[i] = lab
      heap[size] = i
      siftUp(heap, hpos, distM, size)
      size++
    } else {
      siftUp(heap, hpos, distM, hpos[i] as number)
    }
  }
  z.size = size
  z.bestF = bestF
  return stop
}

function finishMentorSearch(wk: Work, z: MentorSearch, j0: number): void {
  const { u, v, mate, matePos, cnt } = wk
  const { distM, setI, nI, setJ, setJD, nJ, predM, predQ, zPos, via } = z
  const delta = z.bestF
  for (let k = 0; k < nJ; k++) {
    const j = setJ[k] as number
    v[j] = (v[j] as number) - (delta - (setJD[k] as number))
  }
  for (let k = 0; k < nI; k++) {
    const i = setI[k] as number
    u[i] = (u[i] as number) + delta - (distM[i] as number)
  }
  let cur = z.target
  for (;;) {
    const j = predM[cur] as number
    mate[cur] = j
    matePos[cur] = zPos[predQ[cur] as number] as number
    if (j === j0) break
    cur = via[j] as number
  }
  cnt[j0] = (cnt[j0] as number) + 1
}
