/** What a page knows about data it asked for. */
export type Loaded<T> = { kind: 'loading' } | { kind: 'ok'; data: T } | { kind: 'error'; error: unknown }

/**
 * Two loads as one: an error of either (the first one's first), else loading while either is,
 * else both values.
 */
export function bothLoaded<A, B>(a: Loaded<A>, b: Loaded<B>): Loaded<[A, B]> {
  if (a.kind === 'error') return a
  if (b.kind === 'error') return b
  if (a.kind === 'loading' || b.kind === 'loading') return { kind: 'loading' }
  return { kind: 'ok', data: [a.data, b.data] }
}
