import { FIRST_STEPS } from '@tandem/vocab'
import * as v from 'valibot'

/** `GET /orgs/{org}/first-steps`: which of a new organization's first steps are done. */
export const FirstStepsOut = v.object({
  steps: v.array(v.object({ step: v.picklist(FIRST_STEPS), done: v.boolean() })),
  /** The program the steps after the first point at (the newest open one, else the newest); null before any. */
  program: v.nullable(v.object({ id: v.string(), name: v.string(), status: v.string() })),
})
