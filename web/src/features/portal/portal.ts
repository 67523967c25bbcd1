import { ApiError, apiSend } from '../../lib/api'
import type { MatchStatus } from '../../lib/vocabulary'
import type { EndRequest } from '../matching/matching'

/** `GET /api/v1/orgs/{org}/my/matches`: what a mentor or mentee sees of their own match. */
export interface MyMatch {
  id: string
  program: { id: string; name: string }
  side: 'mentee' | 'mentor'
  status: MatchStatus
  partner: { firstName: string }
  startedAt: string
  endedAt: string | null
  myEndRequest: EndRequest | null
}

/** The service keeps no notes right now (no encryption key configured): the request can go without one. */
export class NotesUnavailable extends Error {}

/**
 * Sends a change of the person's own request. When the tandem changed meanwhile (a coordinator ended it: 409) or
 * is no longer theirs (404), that is not an error of theirs: the page reloads and says so in their language
 * (the API's problem texts are English).
 */
export async function sendOwn(
  method: 'POST' | 'DELETE',
  url: string,
  body: unknown,
  onStale: () => void,
): Promise<boolean> {
  try {
    await apiSend(method, url, body)
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
