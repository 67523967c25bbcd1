import { Hono } from 'hono'
import * as v from 'valibot'
import type { AppContext } from '../../app'
import { describeTenantRoute, jsonResponse, problem } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { actorId, requirePermission, type TenantVariables } from '../../middleware/tenant'
import { pendingPortalInvitation } from '../portal/service'
import { ProgramParam } from '../programs/schema'
import { getProgram } from '../programs/service'
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
import {
  getParticipant,
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

type TenantContext = AppContext & { Variables: TenantVariables }
const base = '/programs/:program/participants'

/** Participants of a program: mounted under /api/v1/orgs/:org. */
export const participantRoutes = new Hono<TenantContext>()
  .get(
    base,
    describeTenantRoute('participants:read', {
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
    requirePermission('participants:read'),
    validate('param', ProgramParam),
    validate('query', ListQuery),
    async (c) => {
      const program = await getProgram(c.var.tdb, c.var.tenant.id, c.req.valid('param').program)
      return c.json(await listParticipantsPage(c.var.tdb, c.var.tenant.id, program.id, c.req.valid('query')))
    },
  )
  .post(
    base,
    describeTenantRoute('participants:manage', {
      tags: ['participants'],
      summary: 'Enroll a participant',
      responses: { 201: jsonResponse('The participant', ParticipantOut) },
    }),
    requirePermission('participants:manage'),
    validate('param', ProgramParam),
    validate('json', CreateParticipantBody),
    async (c) => {
      const now = new Date()
      const program = await getProgram(c.var.tdb, c.var.tenant.id, c.req.valid('param').program)
      const row = participantRow(c.var.tenant.id, program.id, c.req.valid('json'), 'coordinator', now)
      await c.var.tdb.batch([...insertParticipant(c.var.tdb, row, actorId(c), now)])
      return c.json(participantOut(row), 201)
    },
  )
  .get(
    `${base}/:participant`,
    describeTenantRoute('participants:read', {
      tags: ['participants'],
      summary: 'A participant’s profile, with screening state for mentors, history and portal state',
      responses: { 200: jsonResponse('The participant', ParticipantDetailOut) },
    }),
    requirePermission('participants:read'),
    validate('param', ParticipantParam),
    async (c) => {
      const { program: programId, participant: id } = c.req.valid('param')
      const program = await getProgram(c.var.tdb, c.var.tenant.id, programId)
      const p = await getParticipant(c.var.tdb, c.var.tenant.id, program.id, id)
      const screening = p.role === 'mentor' ? await getScreening(c.var.tdb, c.var.tenant.id, p) : null
      return c.json({
        ...participantOut(p),
        screening: screening ? screeningOut(screening, screeningState(screening, program, new Date())) : null,
        history: await participantHistory(c.var.tdb, c.var.tenant.id, p.id),
        portalInvitation:
          p.userId === null
            ? await pendingPortalInvitation(c.var.db.control(), c.var.tenant.id, p.id, new Date())
            : null,
      })
    },
  )
  .patch(
    `${base}/:participant`,
    describeTenantRoute('participants:manage', {
      tags: ['participants'],
      summary: 'Edit a participant or move them to another status',
      description:
        'Status pipeline: applied → screening → ready → matched → paused → exited (exit needs a reason). Mentors become ready only when screening is complete and unexpired.',
      responses: {
        200: jsonResponse('The participant', ParticipantOut),
        409: problem('Not an allowed status change'),
      },
    }),
    requirePermission('participants:manage'),
    validate('param', ParticipantParam),
    validate('json', UpdateParticipantBody),
    async (c) => {
      const { program: programId, participant: id } = c.req.valid('param')
      const program = await getProgram(c.var.tdb, c.var.tenant.id, programId)
      const p = await getParticipant(c.var.tdb, c.var.tenant.id, program.id, id)
      return c.json(
        await updateParticipant(c.var.tdb, program, p, actorId(c), c.req.valid('json'), new Date()),
      )
    },
  )
  .patch(
    `${base}/:participant/screening`,
    describeTenantRoute('participants:manage', {
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
    requirePermission('participants:manage'),
    validate('param', ParticipantParam),
    validate('json', ScreeningBody),
    async (c) => {
      const { program: programId, participant: id } = c.req.valid('param')
      const program = await getProgram(c.var.tdb, c.var.tenant.id, programId)
      const p = await getParticipant(c.var.tdb, c.var.tenant.id, program.id, id)
      return c.json(await updateScreening(c.var.tdb, program, p, actorId(c), c.req.valid('json'), new Date()))
    },
  )
  .get(
    `${base}/:participant/protected`,
    describeTenantRoute('participants:protected', {
      tags: ['participants'],
      summary: 'Read protected fields (audited with the purpose given)',
      responses: {
        200: jsonResponse('Decrypted fields', v.object({ fields: v.record(v.string(), v.unknown()) })),
        503: problem('No encryption key configured'),
      },
    }),
    requirePermission('participants:protected'),
    validate('param', ParticipantParam),
    validate('query', PurposeQuery),
    async (c) => {
      const { program: programId, participant: id } = c.req.valid('param')
      const program = await getProgram(c.var.tdb, c.var.tenant.id, programId)
      const p = await getParticipant(c.var.tdb, c.var.tenant.id, program.id, id)
      return c.json(
        await readProtected(
          c.var.tdb,
          c.var.config.PROTECTED_FIELDS_KEY,
          p,
          actorId(c),
          c.req.valid('query').purpose,
          new Date(),
        ),
      )
    },
  )
  .put(
    `${base}/:participant/protected`,
    describeTenantRoute('participants:protected', {
      tags: ['participants'],
      summary: 'Write protected fields (encrypted at rest; null removes a field)',
      responses: {
        200: jsonResponse('Fields now stored', v.object({ fields: v.array(v.string()) })),
        503: problem('No encryption key configured'),
      },
    }),
    requirePermission('participants:protected'),
    validate('param', ParticipantParam),
    validate('json', ProtectedBody),
    async (c) => {
      const { program: programId, participant: id } = c.req.valid('param')
      const program = await getProgram(c.var.tdb, c.var.tenant.id, programId)
      const p = await getParticipant(c.var.tdb, c.var.tenant.id, program.id, id)
      return c.json(
        await writeProtected(
          c.var.tdb,
          c.var.config.PROTECTED_FIELDS_KEY,
          program,
          p,
          actorId(c),
          c.req.valid('json'),
          new Date(),
        ),
      )
    },
  )
