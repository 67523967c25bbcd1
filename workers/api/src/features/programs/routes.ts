import * as v from 'valibot'
import { programFactory, tenantFactory } from '../../factory'
import { jsonResponse, problem } from '../../lib/openapi'
import { checkProgramQuota } from '../../lib/quotas'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { withinQuota } from '../../middleware/quota'
import { OrgParam } from '../orgs/schema'
import { CreateProgramBody, ProgramOut, ProgramParam, UpdateProgramBody } from './schema'
import { createProgram, listProgramsOf, programOut, updateProgram } from './service'

/**
 * Programs of one organization, mounted at /orgs/:org/programs. The program of `/:program` routes is loaded
 * by `programScope()` where the app nests this room.
 */
export const programRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    guard('programs:read', {
      tags: ['programs'],
      summary: 'List programs',
      responses: { 200: jsonResponse('Programs by name', v.object({ items: v.array(ProgramOut) })) },
    }),
    validate('param', OrgParam),
    async (c) => c.json({ items: await listProgramsOf(c.var.scope) }),
  )
  .post(
    '/',
    guard('programs:manage', {
      tags: ['programs'],
      summary: 'Create a program',
      description:
        'An organization holds at most as many programs as its limit allows (new organizations: a few; an operator raises it).',
      responses: {
        201: jsonResponse('The program', ProgramOut),
        409: problem(
          'The organization holds as many programs as its limit allows (`programs-quota-reached`)',
        ),
      },
    }),
    validate('param', OrgParam),
    validate('json', CreateProgramBody),
    withinQuota(checkProgramQuota),
    async (c) => c.json(await createProgram(c.var.scope, c.req.valid('json')), 201),
  )

/** One program: mounted at /orgs/:org/programs/:program, after `programScope()`. */
export const programItemRoutes = programFactory
  .createApp()
  .get(
    '/',
    guard('programs:read', {
      tags: ['programs'],
      summary: 'A program and its settings',
      responses: { 200: jsonResponse('The program', ProgramOut) },
    }),
    validate('param', ProgramParam),
    async (c) => c.json(programOut(c.var.program)),
  )
  .patch(
    '/',
    guard('programs:manage', {
      tags: ['programs'],
      summary: 'Change a program’s settings',
      responses: { 200: jsonResponse('The program', ProgramOut) },
    }),
    validate('param', ProgramParam),
    validate('json', UpdateProgramBody),
    async (c) => c.json(await updateProgram(c.var.scope, c.var.program, c.req.valid('json'))),
  )
