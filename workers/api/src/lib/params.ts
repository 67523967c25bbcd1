import * as v from 'valibot'
import { issueError } from './field-errors'
import { Problem } from './problem'
import { Id, OrgSlug } from './schema'

/** A row id from a path parameter, for the middleware that loads it: a malformed id is a 400 naming the parameter. */
export function idParam(name: string, value: string | undefined): string {
  const id = v.safeParse(Id, value)
  if (id.success) return id.output
  throw new Problem('invalid-request', {
    detail: '1 field failed validation.',
    errors: [{ ...issueError('param', id.issues[0]), path: name }],
  })
}

/** The path of one participant (`/orgs/:org/programs/:program/participants/:participant`), for every room below it. */
export const ParticipantParam = v.object({ org: OrgSlug, program: Id, participant: Id })
