import * as v from 'valibot'
import { Problem } from './problem'
import { Id } from './schema'

/** A row id from a path parameter, for the middleware that loads it: a malformed id is a 400 naming the parameter. */
export function idParam(name: string, value: string | undefined): string {
  const id = v.safeParse(Id, value)
  if (id.success) return id.output
  throw new Problem('invalid-request', {
    detail: '1 field failed validation.',
    errors: [{ location: 'param', path: name, message: id.issues[0].message }],
  })
}
