import { ApiError } from '../../lib/api'
import { type Answer, v1 } from '../../lib/client'
import type { VocabularyLabels } from '../../lib/vocabulary'

/** `GET /api/v1/orgs/{org}/my/matches`: what a mentor or mentee sees of their own matches. */
export const myMatchesRoute = v1.orgs[':org'].my.matches
export type MyMatch = Answer<typeof myMatchesRoute.$get>['items'][number]
/** A person's own request to end one of their matches. */
export const endRequestRoute = myMatchesRoute[':match']['end-request']

/**
 * What the portal's parts of one tandem (its meetings, its goals) know of it: where it is, the program's goal areas
 * (a meeting's topics, the areas a goal can move to) and its names for them, and whether the tandem still runs (an
 * ended one's meetings and goals can be read, not added to).
 */
export interface MyTandem {
  slug: string
  match: string
  goalAreas: readonly string[]
  labels?: VocabularyLabels | undefined
  open: boolean
}

/** The service keeps no notes right now (no encryption key configured): the request can go without one. */
export class NotesUnavailable extends Error {}

/**
 * Sends a change of the person's own request. When the tandem changed meanwhile (a coordinator ended it: 409) or
 * is no longer theirs (404), that is not an error of theirs: the page reloads and says so in their language
 * (the API's problem texts are English).
 */
export async function sendOwn(request: () => Promise<unknown>, onStale: () => void): Promise<boolean> {
  try {
    await request()
    return true
  } catch (error) {
    if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
      onStale()
      return false
    }
    if (error instanceof ApiError && error.status === 503) throw new NotesUnavailable()
    throw error
  }
}
