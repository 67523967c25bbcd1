/**
 * A realistic city for match runs: a 24 km × 24 km area around Berlin's centre, people in 14 neighbourhood
 * clusters, newcomer communities of Zipf sizes, every mentor speaking German natively and ~45% of newcomers some
 * German, 2–4 interests, 3–7 of 21 weekly slots, 1–3 settlement needs, 95% with a location.
 */
import {
  type CefrLevel,
  type Database,
  matchExclusions,
  matches,
  newId,
  participants,
  programs,
  screenings,
  searchTextOf,
} from '@tandem/db'
import { eq } from 'drizzle-orm'

/** mulberry32, as the engine's benchmark: small, fast, deterministic. */
let state = 20261127
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T
const some = <T>(xs: readonly T[], k: number) => {
  const out = new Set<T>()
  while (out.size < Math.min(k, xs.length)) out.add(pick(xs))
  return [...out]
}
/** Newcomer communities with Zipf-distributed sizes. */
const communities = ['ar', 'uk', 'fa', 'ti', 'so', 'ru', 'tr', 'ku', 'es', 'prs', 'ps']
const zipf = communities.map((_, k) => 1 / (k + 1))
const zipfTotal = zipf.reduce((a, b) => a + b, 0)
const community = () => {
  let t = rand() * zipfTotal
  for (let k = 0; k < communities.length; k++) {
    t -= zipf[k] as number
    if (t <= 0) return communities[k] as string
  }
  return communities.at(-1) as string
}
const interests = [
  'football',
  'cooking',
  'music',
  'cycling',
  'chess',
  'gardening',
  'it',
  'crafts',
  'reading',
].concat(['hiking', 'dance', 'films', 'languages', 'parenting', 'volunteering', 'photography'])
const needs = ['housing', 'education', 'health_care', 'services', 'documentation', 'employment']
const sectors = ['health', 'construction', 'education', 'it', 'logistics', 'retail', 'care', 'hospitality']
const slots = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].flatMap((d) =>
  ['am', 'pm', 'eve'].map((p) => `${d}-${p}`),
)

// A 24 km × 24 km city around Berlin's centre, people in 14 neighbourhood clusters (σ 1.6 km).
const CENTRE = { lat: 52.52, lon: 13.405 }
let hoods: { x: number; y: number }[] = []
const place = () => {
  const h = pick(hoods)
  const r = Math.sqrt(-2 * Math.log(1 - rand())) * 1.6
  const a = 2 * Math.PI * rand()
  const x = h.x + r * Math.cos(a) - 12
  const y = h.y + r * Math.sin(a) - 12
  return {
    lat: CENTRE.lat + y / 111.2,
    lon: CENTRE.lon + x / (111.32 * Math.cos((CENTRE.lat * Math.PI) / 180)),
  }
}

/**
 * Adds one program of a realistic city to a tenant: `mentees` newcomers and `mentors` mentors with approved
 * screenings (3% of checks expired since), 300 mentors already mentoring someone and 500 rejected pairs.
 * Deterministic (fixed seed). Used by `pnpm bench:match-run` and `pnpm seed:city`.
 */
export async function seedCity(
  db: Database,
  options: {
    tenantId: string
    name: string
    mentees?: number
    mentors?: number
    status?: 'draft' | 'active'
  },
): Promise<{ programId: string; mentees: number; mentors: number }> {
  // The same city every time: the generator restarts from its seed.
  state = 20261127
  hoods = Array.from({ length: 14 }, () => ({ x: 3 + rand() * 18, y: 3 + rand() * 18 }))
  const MENTEES = options.mentees ?? 10_000
  const MENTORS = options.mentors ?? 5_000
  const tenant = { id: options.tenantId }
  const programId = newId()
  await db.insert(programs).values({
    id: programId,
    tenantId: tenant.id,
    name: options.name,
    ...(options.status ? { status: options.status } : {}),
    languages: ['de', ...communities],
    matchingSettings: {
      weights: { language: 7, needs: 8, availability: 6, proximity: 4, interests: 5, sector: 3 },
      minMentorLevel: 'B2',
      minMenteeLevel: 'A2',
      maxDistanceKm: 3,
      minOverlapSlots: 1,
    },
  })
  const now = new Date()
  const day = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10)
  const person = (role: 'mentor' | 'mentee', k: number) => {
    const languages: { code: string; level: CefrLevel }[] = []
    if (role === 'mentor') {
      languages.push({ code: 'de', level: 'native' })
      if (rand() < 0.35) languages.push({ code: community(), level: pick(['native', 'C1', 'B2'] as const) })
      if (rand() < 0.1) {
        const code = community()
        if (!languages.some((l) => l.code === code)) languages.push({ code, level: 'B2' })
      }
    } else {
      languages.push({ code: community(), level: 'native' })
      if (rand() < 0.45) {
        const r = rand()
        languages.push({ code: 'de', level: r < 0.4 ? 'B2' : r < 0.75 ? 'A2' : 'A1' })
      }
    }
    const displayName = `${role === 'mentor' ? 'Mentor' : 'Newcomer'} ${k}`
    // Reserved test domain: accepting a proposal in the dev server sends both introductions to the dev mailbox.
    const email = `${role}-${k}@city.example`
    return {
      id: newId(),
      tenantId: tenant.id,
      programId,
      role,
      displayName,
      email,
      preferredLocale: languages[0]?.code ?? 'de',
      languages,
      interests: some(interests, 2 + Math.floor(rand() * 3)),
      sector: rand() < 0.6 ? pick(sectors) : null,
      availability: some(slots, 3 + Math.floor(rand() * 5)),
      location: rand() < 0.95 ? place() : null,
      settlementNeeds: some(
        needs,
        role === 'mentor' ? 2 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 3),
      ),
      capacity: role === 'mentor' ? 1 + Math.floor(rand() * 3) : 1,
      status: 'ready' as const,
      searchText: searchTextOf({ displayName, email, neighborhood: null }),
      // Enrolled over the past year: the pool is ordered by waiting time.
      createdAt: new Date(now.getTime() - Math.floor(rand() * 365) * 86_400_000 - k),
    }
  }
  const mentees = Array.from({ length: MENTEES }, (_, k) => person('mentee', k))
  const mentors = Array.from({ length: MENTORS }, (_, k) => person('mentor', k))
  for (const rows of [mentees, mentors]) {
    for (let k = 0; k < rows.length; k += 200) await db.insert(participants).values(rows.slice(k, k + 200))
  }
  const screeningRows = mentors.map((m) => ({
    participantId: m.id,
    tenantId: tenant.id,
    references: [
      { name: 'Ref A', relation: 'employer', status: 'received' as const, receivedOn: day(-40) },
      { name: 'Ref B', relation: 'neighbour', status: 'received' as const, receivedOn: day(-35) },
    ],
    checkStatus: 'clear' as const,
    checkedOn: day(-30),
    // 3% expired since approval: they must stay out of the pool.
    checkExpiresOn: rand() < 0.03 ? day(-1) : day(300),
    safetyAckVersion: '2026-11',
    safetyAckAt: now,
    approvedAt: now,
    updatedAt: now,
  }))
  for (let k = 0; k < screeningRows.length; k += 200) {
    await db.insert(screenings).values(screeningRows.slice(k, k + 200))
  }
  // 300 mentors already mentor someone (one place taken), 500 pairs were rejected before.
  const earlier = Array.from({ length: 300 }, (_, k) => ({
    id: newId(),
    tenantId: tenant.id,
    programId,
    menteeId: (mentees[k] as { id: string }).id,
    mentorId: (mentors[k] as { id: string }).id,
    status: 'active' as const,
    startedAt: now,
  }))
  for (let k = 0; k < earlier.length; k += 100) await db.insert(matches).values(earlier.slice(k, k + 100))
  for (const m of earlier)
    await db.update(participants).set({ status: 'matched' }).where(eq(participants.id, m.menteeId))
  const rejected = Array.from({ length: 500 }, () => ({
    tenantId: tenant.id,
    menteeId: pick(mentees).id,
    mentorId: pick(mentors).id,
    reason: 'bench',
  }))
  await db.insert(matchExclusions).values(rejected).onConflictDoNothing()
  return { programId, mentees: MENTEES, mentors: MENTORS }
}
