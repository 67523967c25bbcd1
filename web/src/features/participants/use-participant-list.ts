import { usePages } from '../../kit/use-pages'
import { fresh, ok, params } from '../../lib/client'
import { participantsRoute } from './participant'

const PAGE_SIZE = 50

/** The first page for the filters (again on `reload()`), and `loadMore()` for the next one. */
export function useParticipantList(slug: string, program: string, filters: string) {
  return usePages(`${slug}/${program}?${filters}`, (cursor, signal) => {
    const query = { ...Object.fromEntries(new URLSearchParams(filters)), limit: String(PAGE_SIZE) }
    return ok(
      participantsRoute.$get(
        { param: params({ org: slug, program }), query: cursor ? { ...query, cursor } : query },
        fresh(signal),
      ),
    )
  })
}

export type ParticipantList = ReturnType<typeof useParticipantList>
