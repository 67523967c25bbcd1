import { type ComponentChildren, createContext } from 'preact'
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { type Answer, fresh, ok, v1 } from '../../lib/client'

/**
 * The signed-in person, shared by the header and the pages: a small context over `GET /api/v1/me`.
 * The session itself is an HttpOnly cookie the client never sees; it only asks the API who it is.
 */

/** `GET /api/v1/me`, and the body of `POST auth/verify` and `POST invitations/accept`. */
export type Me = Answer<typeof v1.me.$get>
export type Membership = Me['memberships'][number]

export interface Session {
  /** `loading` until the first `/me` answer. A failed `/me` (401, offline) counts as signed out. */
  status: 'loading' | 'signedIn' | 'signedOut'
  me: Me | null
  /** Asks `/me` again (after signing in or out, or accepting an invitation) and resolves with the answer. */
  reload: () => Promise<Me | null>
  /** `POST auth/sign-out`, then reloads `/me`. Rejects with an ApiError if the sign-out failed. */
  signOut: () => Promise<void>
}

const SessionContext = createContext<Session>({
  status: 'loading',
  me: null,
  reload: async () => null,
  signOut: async () => {},
})

export const useSession = () => useContext(SessionContext)

export function SessionProvider(props: { children: ComponentChildren }) {
  const [state, setState] = useState<Pick<Session, 'status' | 'me'>>({ status: 'loading', me: null })
  // Only the latest /me request may write the state (a reload after sign-in beats an older one).
  const latest = useRef(0)

  const reload = useCallback(async () => {
    const request = ++latest.current
    let me: Me | null = null
    try {
      me = await ok(v1.me.$get(undefined, fresh()))
    } catch {
      // 401: not signed in. Anything else (offline, server error): treat as signed out for now.
    }
    if (request === latest.current) setState({ status: me ? 'signedIn' : 'signedOut', me })
    return me
  }, [])

  const signOut = useCallback(async () => {
    try {
      await ok(v1.auth['sign-out'].$post())
    } finally {
      await reload()
    }
  }, [reload])

  useEffect(() => {
    reload()
  }, [reload])

  const value = useMemo<Session>(() => ({ ...state, reload, signOut }), [state, reload, signOut])
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>
}
