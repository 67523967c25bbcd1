import { type Answer, ok, params, v1 } from '../../lib/client'

/** A program as the API answers `GET /api/v1/orgs/{org}/programs/{program}`. */
export const programRoute = v1.orgs[':org'].programs[':program']
export type Program = Answer<typeof programRoute.$get>
export type TrainingModule = Program['trainingModules'][number]

export const getProgram = (slug: string, program: string, signal: AbortSignal) =>
  ok(programRoute.$get({ param: params({ org: slug, program }) }, { init: { signal } }))
