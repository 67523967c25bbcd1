import * as v from 'valibot'
import { participantFactory, programFactory } from '../../factory'
import { jsonResponse, problem } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { pendingPortalInvitation } from '../portal/service'
import { ProgramParam } from '../programs/schema'
import { participantExportRoutes } from './csv.routes'
import {
  CreateParticipantBody,
  ListQuery,
  ParticipantDetailOut,
  ParticipantOut,
  ParticipantParam,
  ProtectedBody,
  PurposeQuery,
  ScreeningBody,
  UpdateParticipantBody,
} from './schema'
import { participantScope } from './scope'
import {
  getScreening,
  insertParticipant,
  listParticipantsPage,
  participantHistory,
  participantOut,
  participantRow,
  readProtected,
  screeningOut,
  screeningState,
  updateParticipant,
  updateScreening,
  writeProtected,
} from './service'

/** One participant: mounted at …/participants/:participant, after `participantScope()` loaded them. */
const participantItemRoutes = participantFactory
  .createApp()
  .get(
    '/',
    guard('participants:read', {
      tags: ['participants'],
      summary: 'A participant’s profile, with screening state for mentors, history and portal state',
      responses: { 200: jsonResponse('The participant', ParticipantDetailOut) },
    }),
    validate('param', ParticipantParam),
    async (c) => {
      const { scope, program, participant: p } = c.var
      const screening = p.role === 'mentor' ? await getScreening(scope.db, scope.tenantId, p) : null
      return c.json({
        ...participantOut(p),
        screening: screening ? screeningOut(screening, screeningState(screening, program, scope.now)) : null,
        history: await participantHistory(scope, p.id),
        portalInvitation:
          p.userId === null
            ? await pendingPortalInvitation(c.var.db.control(), scope.tenantId, p.id, scope.now)
            : null,
      })
    },
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
  .patch(
    '/screening',
    guard('participants:manage', {
      tags: ['screening'],
      summary:
        'Record mentor screening: references, background check, training, safety acknowledgement, approval',
      responses: {
        200: jsonResponse(
          'Screening with state',
          v.object({ matchable: v.boolean(), missing: v.array(v.string()) }),
        ),
        409: problem('Approval with requirements missing'),
      },
    }),
    validate('param', ParticipantParam),
    validate('json', ScreeningBody),
    async (c) =>
      c.json(await updateScreening(c.var.scope, c.var.program, c.var.participant, c.req.valid('json'))),
  )
  .get(
    '/protected',
    guard('participants:protected', {
      tags: ['participants'],
      summary: 'Read protected fields (audited with the purpose given)',
      responses: {
        200: jsonResponse('Decrypted fields', v.object({ fields: v.record(v.string(), v.unknown()) })),
        503: problem('No encryption key configured'),
      },
    }),
    validate('param', ParticipantParam),
    validate('query', PurposeQuery),
    async (c) =>
      c.json(
        await readProtected(
          c.var.scope,
          c.var.config.PROTECTED_FIELDS_KEY,
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
      responses: {
        200: jsonResponse('Fields now stored', v.object({ fields: v.array(v.string()) })),
        503: problem('No encryption key configured'),
      },
    }),
    validate('param', ParticipantParam),
    validate('json', ProtectedBody),
    async (c) =>
      c.json(
        await writeProtected(
          c.var.scope,
          c.var.config.PROTECTED_FIELDS_KEY,
          c.var.program,
          c.var.participant,
          c.req.valid('json'),
        ),
      ),
  )

/**
 * Participants of a program: mounted at /orgs/:org/programs/:program/participants. The CSV export
 * (`/export`) is registered before the `/:participant` room, so it is never read as a participant id.
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
        200: jsonResponse(
          'One page',
          v.object({ items: v.array(ParticipantOut), nextCursor: v.nullable(v.string()) }),
        ),
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
  .route('/', participantExportRoutes)
  .use('/:participant/*', participantScope())
  .route('/:participant', participantItemRoutes)
