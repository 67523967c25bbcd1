import { matches, participants, programs, screenings } from '@tandem/db'
import type { FirstStep } from '@tandem/vocab'
import { desc, eq, isNotNull } from 'drizzle-orm'
import type { Scope } from '../../factory'
import { inTenant } from '../../lib/sql'

/**
 * A new organization's first steps, each ticked from its own data: a program exists; someone is in a
 * program (applied through its form, imported or added); a mentor's screening was approved; a match was made.
 */
export async function firstSteps({ db, tenantId }: Scope) {
  // One round trip for the four reads (a batch), not four.
  const [recent, people, screened, matched] = await db.batch([
    db
      .select({ id: programs.id, name: programs.name, status: programs.status })
      .from(programs)
      .where(eq(programs.tenantId, tenantId))
      .orderBy(desc(programs.createdAt), desc(programs.id))
      .limit(20),
    // `limit(1)`: drizzle's `.get()` alone reads every row of the organization and keeps the first (10,000 at city scale).
    db.select({ id: participants.id }).from(participants).where(eq(participants.tenantId, tenantId)).limit(1),
    db
      .select({ id: screenings.participantId })
      .from(screenings)
      .where(inTenant(screenings, tenantId, isNotNull(screenings.approvedAt)))
      .limit(1),
    db.select({ id: matches.id }).from(matches).where(eq(matches.tenantId, tenantId)).limit(1),
  ])
  const done: Record<FirstStep, boolean> = {
    program: recent.length > 0,
    form: people.length > 0,
    mentors: screened.length > 0,
    match: matched.length > 0,
  }
  return {
    steps: (Object.keys(done) as FirstStep[]).map((step) => ({ step, done: done[step] })),
    program: recent.find((p) => p.status === 'active') ?? recent[0] ?? null,
  }
}
