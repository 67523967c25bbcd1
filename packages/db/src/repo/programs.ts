import { and, asc, eq, gt, type SQL } from 'drizzle-orm'
import type { Database } from '../client'
import { newId } from '../ids'
import { type NewParticipant, type Participant, type Program, participants, programs } from '../schema'

/**
 * Tenant-scoped data access: every function takes the tenant id first and puts it in the WHERE
 * clause, so a row of another tenant is simply not found.
 */
export async function findProgram(
  db: Database,
  tenantId: string,
  programId: string,
): Promise<Program | undefined> {
  return db
    .select()
    .from(programs)
    .where(and(eq(programs.tenantId, tenantId), eq(programs.id, programId)))
    .get()
}

export async function listPrograms(db: Database, tenantId: string): Promise<Program[]> {
  return db.select().from(programs).where(eq(programs.tenantId, tenantId)).orderBy(asc(programs.name))
}

/** One participant of one program, or undefined when it is not in this tenant's program. */
export async function findParticipant(
  db: Database,
  tenantId: string,
  programId: string,
  participantId: string,
): Promise<Participant | undefined> {
  return db
    .select()
    .from(participants)
    .where(
      and(
        eq(participants.tenantId, tenantId),
        eq(participants.programId, programId),
        eq(participants.id, participantId),
      ),
    )
    .get()
}

/**
 * One page of a program's participants ordered by id (keyset), starting after `cursor`; `where` adds the
 * caller's filters. The Worker's list, search and export go through this function.
 */
export async function listParticipants(
  db: Database,
  tenantId: string,
  programId: string,
  options: { cursor?: string; limit: number; where?: SQL[] },
): Promise<Participant[]> {
  const conditions = [
    eq(participants.tenantId, tenantId),
    eq(participants.programId, programId),
    ...(options.where ?? []),
  ]
  if (options.cursor) conditions.push(gt(participants.id, options.cursor))
  return db
    .select()
    .from(participants)
    .where(and(...conditions))
    .orderBy(asc(participants.id))
    .limit(options.limit)
}

/** Inserts a program and its participants atomically (one batch: all or nothing). */
export async function insertProgramWithParticipants(
  db: Database,
  tenantId: string,
  program: Omit<typeof programs.$inferInsert, 'tenantId'>,
  people: Omit<NewParticipant, 'tenantId' | 'programId'>[],
): Promise<Program> {
  const programRow = { ...program, tenantId, id: program.id ?? newId() }
  const insertProgram = db.insert(programs).values(programRow).returning()
  const inserts = people.map((p) =>
    db.insert(participants).values({ ...p, tenantId, programId: programRow.id, searchText: searchTextOf(p) }),
  )
  const [created] = await db.batch([insertProgram, ...inserts])
  const row = (created as Program[])[0]
  if (!row) throw new Error('insert returned no row')
  return row
}

/** What text search matches: name, email and neighborhood, lowercased. */
export function searchTextOf(p: {
  displayName: string
  email?: string | null
  neighborhood?: string | null
}): string {
  return [p.displayName, p.email ?? '', p.neighborhood ?? ''].join(' ').toLocaleLowerCase()
}
