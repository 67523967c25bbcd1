import { participantFactory, programFactory } from '../../factory'
import { jsonResponse, problem } from '../../lib/openapi'
import { ParticipantParam } from '../../lib/params'
import { masterKeysOf } from '../../lib/protected-fields'
import { Page } from '../../lib/schema'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { ProgramParam } from '../programs/schema'
import {
  CreateParticipantBody,
  ListQuery,
  ParticipantDetailOut,
  ParticipantOut,
  ProtectedBody,
  ProtectedOut,
  ProtectedWrittenOut,
  PurposeQuery,
  UpdateParticipantBody,
} from './schema'
import {
  insertParticipant,
  listParticipantsPage,
  participantDetail,
  participantOut,
  participantRow,
  readProtected,
  updateParticipant,
  writeProtected,
} from './service'

/**
 * One participant: mounted at …/participants/:participant, after `participantScope()` loaded them (the app
 * nests the participant's other rooms, screening and portal access, beside it).
 */
export const participantItemRoutes = participantFactory
  .createApp()
  .get(
    '/',
    guard('participants:read', {
      tags: ['participants'],
      summary: 'A participant’s profile, with screening state for mentors, history and portal state',
      responses: { 200: jsonResponse('The participant', ParticipantDetailOut) },
    }),
    validate('param', ParticipantParam),
    async (c) =>
      c.json(await participantDetail(c.var.scope, c.var.db.control(), c.var.program, c.var.participant)),
  )
  .patch(
    '/',
    guard('participants:manage', {
      tags: ['participants'],
      summary: 'Edit a participant or move them to another status',
      description:
        'Status pipeline: applied → screening → ready → matched → paused → exited (exit needs a reason). Mentors become ready only when screening is complete and unexpired.',
      responses: {
        200: jsonResponse('The participant', ParticipantOut),
        409: problem('Not an allowed status change'),
      },
    }),
    validate('param', ParticipantParam),
    validate('json', UpdateParticipantBody),
    async (c) =>
      c.json(await updateParticipant(c.var.scope, c.var.program, c.var.participant, c.req.valid('json'))),
  )
  .get(
    '/protected',
    guard('participants:protected', {
      tags: ['participants'],
      summary: 'Read protected fields (audited with the purpose given)',
      responses: {
        200: jsonResponse('Decrypted fields and their version', ProtectedOut),
        503: problem('No encryption key configured'),
      },
    }),
    validate('param', ParticipantParam),
    validate('query', PurposeQuery),
    async (c) =>
      c.json(
        await readProtected(
          c.var.scope,
          masterKeysOf(c.var.config),
          c.var.participant,
          c.req.valid('query').purpose,
        ),
      ),
  )
  .put(
    '/protected',
    guard('participants:protected', {
      tags: ['participants'],
      summary: 'Write protected fields (encrypted at rest; null removes a field)',
      description:
        'Send the `version` of the read as `expectedVersion`: when someone else wrote the fields meanwhile the answer is 409 `stale-write` and nothing changes. Writes that cross each other are refused the same way.',
      responses: {
        200: jsonResponse('Fields now stored, and their new version', ProtectedWrittenOut),
        409: problem('The fields changed since they were read (`stale-write`)'),
        503: problem('No encryption key configured'),
      },
    }),
    validate('param', ParticipantParam),
    validate('json', ProtectedBody),
    async (c) =>
      c.json(
        await writeProtected(
          c.var.scope,
          masterKeysOf(c.var.config),
          c.var.program,
          c.var.participant,
          c.req.valid('json'),
        ),
      ),
  )

/**
 * Participants of a program: mounted at /orgs/:org/programs/:program/participants. The app mounts the CSV
 * export (`/export`, csv.routes.ts) before the `/:participant` rooms, so it is never read as a participant id.
 */
export const participantRoutes = programFactory
  .createApp()
  .get(
    '/',
    guard('participants:read', {
      tags: ['participants'],
      summary: 'List participants (filters, search, cursor pagination)',
      description:
        'Filters: role, status (comma-separated), language (BCP 47 code), neighborhood, need; `q` searches name, email and neighborhood. Pages follow `nextCursor`.',
      responses: {
        200: jsonResponse('One page', Page(ParticipantOut)),
      },
    }),
    validate('param', ProgramParam),
    validate('query', ListQuery),
    async (c) => c.json(await listParticipantsPage(c.var.scope, c.var.program.id, c.req.valid('query'))),
  )
  .post(
    '/',
    guard('participants:manage', {
      tags: ['participants'],
      summary: 'Enroll a participant',
      responses: { 201: jsonResponse('The participant', ParticipantOut) },
    }),
    validate('param', ProgramParam),
    validate('json', CreateParticipantBody),
    async (c) => {
      const { db, tenantId, actorId, now } = c.var.scope
      const row = participantRow(tenantId, c.var.program.id, c.req.valid('json'), 'coordinator', now)
      await db.batch([...insertParticipant(db, row, actorId, now)])
      return c.json(participantOut(row), 201)
    },
  )
