import type { RefObject } from 'preact'
import { useSubmit } from '../../kit/form'
import { apiSend } from '../../lib/api'
import type { ParticipantView } from '../participants/participant'
import type { Screening } from './screening'

/** `PATCH …/screening` through a form's submit, then reload the participant (the status may have moved with it). */
export const saveScreening = (
  view: ParticipantView,
  submit: { run: (request: () => Promise<void>) => Promise<boolean> },
  body: Record<string, unknown>,
  message: string,
) =>
  submit.run(async () => {
    await apiSend<Screening>('PATCH', `${view.url}/screening`, body)
    view.notify(message)
    view.reload()
  })

/** A screening form's submit and `save(body, message)`. */
export function useScreeningSave(
  view: ParticipantView,
  paths: readonly string[],
  formRef: RefObject<HTMLElement | null>,
) {
  const submit = useSubmit(paths, { formRef })
  const save = (body: Record<string, unknown>, message: string) => saveScreening(view, submit, body, message)
  return { submit, save }
}

export interface ScreeningProps extends ParticipantView {
  screening: Screening
}
