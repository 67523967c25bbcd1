/** The seeded demo organization and its owner (packages/db/src/seed.ts). */
export const DEMO = { slug: 'demo-city', ownerEmail: 'coordinator@demo-city.example' } as const
