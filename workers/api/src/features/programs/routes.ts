import { Hono } from 'hono'
import * as v from 'valibot'
import type { AppContext } from '../../app'
import { describeTenantRoute, jsonResponse } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { actorId, requirePermission, type TenantVariables } from '../../middleware/tenant'
import { OrgParam } from '../orgs/schema'
import { CreateProgramBody, ProgramOut, ProgramParam, UpdateProgramBody } from './schema'
import { createProgram, getProgram, listProgramsOf, programOut, updateProgram } from './service'

type TenantContext = AppContext & { Variables: TenantVariables }

/** Programs of one organization: mounted under /api/v1/orgs/:org. */
export const programRoutes = new Hono<TenantContext>()
  .get(
    '/programs',
    describeTenantRoute('programs:read', {
      tags: ['programs'],
      summary: 'List programs',
      responses: { 200: jsonResponse('Programs by name', v.object({ items: v.array(ProgramOut) })) },
    }),
    requirePermission('programs:read'),
    validate('param', OrgParam),
    async (c) => c.json({ items: await listProgramsOf(c.var.tdb, c.var.tenant.id) }),
  )
  .post(
    '/programs',
    describeTenantRoute('programs:manage', {
      tags: ['programs'],
      summary: 'Create a program',
      responses: { 201: jsonResponse('The program', ProgramOut) },
    }),
    requirePermission('programs:manage'),
    validate('param', OrgParam),
    validate('json', CreateProgramBody),
    async (c) =>
      c.json(
        await createProgram(c.var.tdb, c.var.tenant.id, actorId(c), c.req.valid('json'), new Date()),
        201,
      ),
  )
  .get(
    '/programs/:program',
    describeTenantRoute('programs:read', {
      tags: ['programs'],
      summary: 'A program and its settings',
      responses: { 200: jsonResponse('The program', ProgramOut) },
    }),
    requirePermission('programs:read'),
    validate('param', ProgramParam),
    async (c) =>
      c.json(programOut(await getProgram(c.var.tdb, c.var.tenant.id, c.req.valid('param').program))),
  )
  .patch(
    '/programs/:program',
    describeTenantRoute('programs:manage', {
      tags: ['programs'],
      summary: 'Change a program’s settings',
      responses: { 200: jsonResponse('The program', ProgramOut) },
    }),
    requirePermission('programs:manage'),
    validate('param', ProgramParam),
    validate('json', UpdateProgramBody),
    async (c) =>
      c.json(
        await updateProgram(
          c.var.tdb,
          c.var.tenant.id,
          actorId(c),
          c.req.valid('param').program,
          c.req.valid('json'),
          new Date(),
        ),
      ),
  )
