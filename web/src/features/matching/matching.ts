import { type Answer, ok, params, v1 } from '../../lib/client'

/** Match runs, proposals and matches as the API answers them. */
export const programRoute = v1.orgs[':org'].programs[':program']
export const runsRoute = programRoute['match-runs']
export const runRoute = runsRoute[':run']
export const matchesRoute = programRoute.matches
export const matchRoute = matchesRoute[':match']

export type MatchRun = Answer<typeof runRoute.$get>
export type RunStats = NonNullable<MatchRun['stats']>
export type Proposal = Answer<typeof runRoute.proposals.$get>['items'][number]
export type ExplanationItem = Proposal['explanation'][number]
export type Person = Proposal['mentee']
export type Unmatched = Answer<typeof runRoute.unmatched.$get>['items'][number]
export type Match = Answer<typeof matchRoute.$get>
export type EndRequest = NonNullable<Match['endRequests']['mentee']>
export type Side = 'mentee' | 'mentor'

/** Whether someone asked to end this (not yet ended) match. */
export const endRequested = (m: { status: string; endRequests: Record<Side, EndRequest | null> }) =>
  m.status !== 'ended' && (m.endRequests.mentee !== null || m.endRequests.mentor !== null)

/** The requests to end a match, the newcomer's first. */
export function endRequestsOf(match: {
  endRequests: Record<Side, EndRequest | null>
}): { side: Side; request: EndRequest }[] {
  const sides: Side[] = ['mentee', 'mentor']
  return sides.flatMap((side) => {
    const request = match.endRequests[side]
    return request ? [{ side, request }] : []
  })
}

/** The earliest request to end, if any: it prefills the coordinator's end form. */
export const firstRequest = (match: { endRequests: Record<Side, EndRequest | null> }) =>
  endRequestsOf(match).sort((a, b) => a.request.at.localeCompare(b.request.at))[0] ?? null

/** The latest run of a program, or null before the first. */
export const latestRun = async (slug: string, program: string, signal?: AbortSignal) =>
  (
    await ok(
      runsRoute.$get({ param: params({ org: slug, program }), query: { limit: '1' } }, { init: { signal } }),
    )
  ).items[0] ?? null
