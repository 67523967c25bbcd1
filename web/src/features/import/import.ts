import type { RefObject } from 'preact'
import { type Answer, v1 } from '../../lib/client'
import type { ProgramData } from '../programs/program-page'

/** An import as the API answers it: the dry run (`POST …/imports`) and its state (`GET …/imports/{import}`). */
export const importsRoute = v1.orgs[':org'].programs[':program'].imports
export const importRoute = importsRoute[':import']
export type Preview = Answer<typeof importsRoute.$post>
export type ImportState = Answer<typeof importRoute.$get>

/** What every step of the wizard gets: the program, and the ref of its heading (focused on arrival). */
export interface StepProps {
  data: ProgramData
  headingRef: RefObject<HTMLHeadingElement | null>
}

/** How many rows have problems (a row can have several). */
export const errorRowCount = (preview: Pick<ImportState, 'errors'>) =>
  new Set(preview.errors.map((e) => e.row)).size
