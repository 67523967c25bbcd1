import type { ProblemCode } from '@tandem/vocab'
import { resolver } from 'hono-openapi'
import type * as v from 'valibot'

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

export const jsonResponse = <S extends v.GenericSchema>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema: resolver(schema) } },
})

/** A kind of single-use link from email, named by the stem of its problem codes (`check-in`: `check-in-used`, …). */
type LinkKind = {
  [C in ProblemCode]: C extends `${infer K}-used` ? (`${K}-expired` extends ProblemCode ? K : never) : never
}[ProblemCode]

/**
 * The problems of a single-use link from email (a check-in, an event invitation, a survey link): no such link,
 * already answered, expired (`expired` says when), too many requests from one address.
 */
export const linkProblems = (link: string, kind: LinkKind, expired: string) => ({
  404: problem(`No such ${link} (a damaged or forged link)`),
  409: problem(`Already answered (\`${kind}-used\`)`),
  410: problem(`${expired} (\`${kind}-expired\`)`),
  429: problem('Too many requests from this address; see Retry-After'),
})
