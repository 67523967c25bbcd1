import type { RefObject } from 'preact'
import type { ProgramData } from '../programs/program-page'

/** `GET …/imports/{import}` */
export interface ImportState {
  id: string
  programId: string
  status: 'previewed' | 'applying' | 'done' | 'failed' | 'cancelled'
  totalRows: number
  validRows: number
  appliedRows: number
  skippedRows: number
  /** Percent of the valid rows handled so far. */
  progress: number
  errors: { row: number; column: string | null; message: string }[]
  errorCount: number
  warnings: { column: string; message: string }[]
  failure: string | null
  expiresAt: string
  createdAt: string
  updatedAt: string
}

/** `POST …/imports`: the dry run. */
export interface Preview extends ImportState {
  rows: { row: number; action: 'create'; displayName: string; role: string }[]
}

/** What every step of the wizard gets: the program, and the ref of its heading (focused on arrival). */
export interface StepProps {
  data: ProgramData
  headingRef: RefObject<HTMLHeadingElement | null>
}

/** The API takes at most 1 MB per request; the file travels inside JSON, so leave room. */
export const MAX_FILE_BYTES = 900 * 1024

/** How many rows have problems (a row can have several). */
export const errorRowCount = (preview: Pick<ImportState, 'errors'>) =>
  new Set(preview.errors.map((e) => e.row)).size
