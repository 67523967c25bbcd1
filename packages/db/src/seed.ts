import { and, eq } from 'drizzle-orm'
import type { Database } from './client'
import { newId } from './ids'
import { insertProgramWithParticipants } from './repo/programs'
import { countTenants, insertTenant } from './repo/tenants'
import { type LanguageSkill, memberships, participants, screenings, tenantLimits, users } from './schema'

export const DEMO_SLUG = 'demo-city'
export const DEMO_OWNER_EMAIL = 'coordinator@demo-city.example'

type Person = {
  name: string
  locale: string
  languages: LanguageSkill[]
  interests: string[]
  neighborhood: string
  capacity?: number
}

const mentors: Person[] = [
  {
    name: 'Jonas Weber',
    locale: 'de',
    languages: [
      { code: 'de', level: 'native' },
      { code: 'en', level: 'C1' },
    ],
    interests: ['football', 'cycling', 'it'],
    neighborhood: 'Altstadt',
    capacity: 2,
  },
  {
    name: 'Layla Haddad',
    locale: 'ar',
    languages: [
      { code: 'ar', level: 'native' },
      { code: 'de', level: 'C2' },
      { code: 'en', level: 'B2' },
    ],
    interests: ['cooking', 'parenting', 'health'],
    neighborhood: 'Nordviertel',
    capacity: 3,
  },
  {
    name: 'Olena Kovalenko',
    locale: 'uk',
    languages: [
      { code: 'uk', level: 'native' },
      { code: 'ru', level: 'C1' },
      { code: 'de', level: 'B2' },
    ],
    interests: ['education', 'music'],
    neighborhood: 'Südpark',
    capacity: 2,
  },
  {
    name: 'Marco Rossi',
    locale: 'es',
    languages: [
      { code: 'es', level: 'C1' },
      { code: 'de', level: 'native' },
    ],
    interests: ['cycling', 'crafts', 'jobs'],
    neighborhood: 'Altstadt',
  },
  {
    name: 'Farid Ahmadi',
    locale: 'fa',
    languages: [
      { code: 'fa', level: 'native' },
      { code: 'prs', level: 'native' },
      { code: 'de', level: 'C1' },
    ],
    interests: ['football', 'jobs', 'documents'],
    neighborhood: 'Weststadt',
    capacity: 2,
  },
  {
    name: 'Ingrid Schulz',
    locale: 'de',
    languages: [
      { code: 'de', level: 'native' },
      { code: 'en', level: 'B2' },
    ],
    interests: ['gardening', 'reading', 'housing'],
    neighborhood: 'Nordviertel',
  },
  {
    name: 'Sara Nguyen',
    locale: 'en',
    languages: [
      { code: 'en', level: 'native' },
      { code: 'de', level: 'C1' },
      { code: 'es', level: 'B1' },
    ],
    interests: ['it', 'music', 'education'],
    neighborhood: 'Südpark',
    capacity: 2,
  },
  {
    name: 'Yusuf Demir',
    locale: 'de',
    languages: [
      { code: 'tr', level: 'native' },
      { code: 'de', level: 'native' },
      { code: 'ar', level: 'B1' },
    ],
    interests: ['cooking', 'football', 'jobs'],
    neighborhood: 'Weststadt',
  },
]

const mentees: Person[] = [
  {
    name: 'Amal Khalil',
    locale: 'ar',
    languages: [
      { code: 'ar', level: 'native' },
      { code: 'de', level: 'A2' },
    ],
    interests: ['cooking', 'parenting'],
    neighborhood: 'Nordviertel',
  },
  {
    name: 'Omar Al-Sayed',
    locale: 'ar',
    languages: [
      { code: 'ar', level: 'native' },
      { code: 'en', level: 'B1' },
    ],
    interests: ['football', 'it', 'jobs'],
    neighborhood: 'Altstadt',
  },
  {
    name: 'Nour Hamdan',
    locale: 'ar',
    languages: [{ code: 'ar', level: 'native' }],
    interests: ['health', 'education'],
    neighborhood: 'Weststadt',
  },
  {
    name: 'Kateryna Bondarenko',
    locale: 'uk',
    languages: [
      { code: 'uk', level: 'native' },
      { code: 'en', level: 'B2' },
    ],
    interests: ['education', 'music'],
    neighborhood: 'Südpark',
  },
  {
    name: 'Dmytro Shevchenko',
    locale: 'uk',
    languages: [
      { code: 'uk', level: 'native' },
      { code: 'ru', level: 'native' },
      { code: 'de', level: 'A1' },
    ],
    interests: ['cycling', 'jobs'],
    neighborhood: 'Altstadt',
  },
  {
    name: 'Zahra Rahimi',
    locale: 'fa',
    languages: [
      { code: 'prs', level: 'native' },
      { code: 'fa', level: 'native' },
    ],
    interests: ['documents', 'housing'],
    neighborhood: 'Weststadt',
  },
  {
    name: 'Mohammad Karimi',
    locale: 'fa',
    languages: [
      { code: 'fa', level: 'native' },
      { code: 'en', level: 'A2' },
    ],
    interests: ['football', 'jobs'],
    neighborhood: 'Nordviertel',
  },
  {
    name: 'Lucía Fernández',
    locale: 'es',
    languages: [
      { code: 'es', level: 'native' },
      { code: 'en', level: 'B1' },
    ],
    interests: ['crafts', 'education'],
    neighborhood: 'Südpark',
  },
  {
    name: 'Carlos Mendoza',
    locale: 'es',
    languages: [{ code: 'es', level: 'native' }],
    interests: ['jobs', 'cycling'],
    neighborhood: 'Altstadt',
  },
  {
    name: 'Hiba Mansour',
    locale: 'ar',
    languages: [
      { code: 'ar', level: 'native' },
      { code: 'fr', level: 'B2' },
    ],
    interests: ['health', 'parenting'],
    neighborhood: 'Nordviertel',
  },
  {
    name: 'Iryna Melnyk',
    locale: 'uk',
    languages: [{ code: 'uk', level: 'native' }],
    interests: ['gardening', 'housing'],
    neighborhood: 'Nordviertel',
  },
  {
    name: 'Ali Hosseini',
    locale: 'fa',
    languages: [
      { code: 'fa', level: 'native' },
      { code: 'de', level: 'A2' },
    ],
    interests: ['it', 'music'],
    neighborhood: 'Südpark',
  },
]

/**
 * Seeds the demo organization (a city welcome program with mentors and mentees in five languages)
 * when the database holds no tenant yet. Returns whether it seeded. Grows as features arrive.
 */
export async function seedDemo(db: Database): Promise<boolean> {
  if ((await countTenants(db)) > 0) return false
  const tenant = await insertTenant(db, {
    slug: DEMO_SLUG,
    name: 'Demo City Welcome Network',
    kind: 'city',
    country: 'DE',
    timezone: 'Europe/Berlin',
    defaultLocale: 'de',
  })
  const now = new Date()
  const ownerId = newId()
  await db.batch([
    db.insert(users).values({ id: ownerId, email: DEMO_OWNER_EMAIL, name: 'Demo Coordinator', locale: 'en' }),
    db.insert(memberships).values({ tenantId: tenant.id, userId: ownerId, role: 'owner' }),
    // The demo is shown and tried out at length (and the browser tests work in it): its limits are raised as an
    // operator raises a real organization's (decision 033); new organizations keep the conservative ones.
    db.insert(tenantLimits).values({
      tenantId: tenant.id,
      programs: 500,
      importPreviewsPerHour: 500,
      importPreviewBytes: 200_000_000,
      matchRunsPerHour: 500,
      note: 'Demo organization: raised for demonstrations and the browser tests',
      updatedAt: now,
    }),
  ])
  const people = [
    ...mentors.map((p) => ({ ...p, role: 'mentor' as const, status: 'ready' as const })),
    ...mentees.map((p) => ({ ...p, role: 'mentee' as const, status: 'applied' as const })),
  ]
  const program = await insertProgramWithParticipants(
    db,
    tenant.id,
    {
      name: 'Welcome Tandems 2027',
      goalAreas: ['housing', 'school', 'health_care', 'papers', 'work', 'career', 'civic_life'],
      interests: [
        'football',
        'cycling',
        'it',
        'cooking',
        'parenting',
        'health',
        'education',
        'music',
        'crafts',
        'jobs',
        'documents',
        'gardening',
        'reading',
        'housing',
      ],
      intakeFields: {
        phone: true,
        sector: true,
        availability: true,
        location: false,
        demographics: true,
        settlementNeeds: true,
        accessNeeds: true,
      },
      trainingModules: [
        { id: 'safeguarding', title: 'Safeguarding and boundaries' },
        { id: 'intercultural', title: 'Intercultural communication' },
      ],
      protectedFields: ['residenceStatus'],
      description:
        'Newcomers and long-time residents meet every two weeks for six months: housing, school, health care, papers and work.',
      status: 'active',
      languages: ['de', 'en', 'ar', 'uk', 'fa', 'prs', 'es'],
    },
    people.map((p) => ({
      role: p.role,
      displayName: p.name,
      email: `${p.name
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z ]/g, '')
        .replaceAll(' ', '.')}@example.org`,
      preferredLocale: p.locale,
      languages: p.languages,
      interests: p.interests,
      neighborhood: p.neighborhood,
      status: p.status,
      capacity: p.capacity ?? 1,
      source: 'seed' as const,
    })),
  )
  // Mentors marked ready have a complete, approved screening; one check expires soon (dashboard panel).
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10)
  const seededMentors = await db
    .select({ id: participants.id, name: participants.displayName })
    .from(participants)
    .where(and(eq(participants.programId, program.id), eq(participants.role, 'mentor')))
  const [first, ...rest] = seededMentors.map((m, i) =>
    db.insert(screenings).values({
      participantId: m.id,
      tenantId: tenant.id,
      references: [
        { name: 'Reference one', relation: 'employer', status: 'received', receivedOn: day(-60) },
        { name: 'Reference two', relation: 'neighbor', status: 'received', receivedOn: day(-55) },
      ],
      checkStatus: 'clear',
      checkProviderRef: `DEMO-${i + 1}`,
      checkedOn: day(-45),
      checkExpiresOn: i === 0 ? day(30) : day(320),
      trainingCompleted: { safeguarding: day(-40), intercultural: day(-35) },
      safetyAckVersion: '2026-11',
      safetyAckAt: now,
      approvedBy: ownerId,
      approvedAt: now,
      updatedAt: now,
    }),
  )
  if (first) await db.batch([first, ...rest])
  return true
}
