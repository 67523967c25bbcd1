import type { InferRequestType } from 'hono/client'
import type { RefObject } from 'preact'
import { useSubmit } from '../../kit/form'
import { ok } from '../../lib/client'
import { type ParticipantView, participantRoute } from '../participants/participant'
import type { Screening } from './screening'

/** What a screening form may change (the API's `PATCH …/screening` body). */
type ScreeningChange = InferRequestType<typeof participantRoute.screening.$patch>['json']

/** `PATCH …/screening` through a form's submit, then reload the participant (the status may have moved with it). */
export const saveScreening = (
  view: ParticipantView,
  submit: { run: (request: () => Promise<void>) => Promise<boolean> },
  body: ScreeningChange,
  message: string,
) =>
  submit.run(async () => {
    await ok(participantRoute.screening.$patch({ param: view.param, json: body }))
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
  const save = (body: ScreeningChange, message: string) => saveScreening(view, submit, body, message)
  return { submit, save }
}

export interface ScreeningProps extends ParticipantView {
  screening: Screening
}
