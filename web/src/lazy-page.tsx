import type { FunctionComponent } from 'preact'
import lazy from 'preact-iso/lazy'
import { PageError } from './features/shell/page-error'

const ChunkLoadError = () => <PageError reason="load" />

/**
 * A route component loaded on first visit, from its own chunk (not part of the initial bundle).
 * Use it for every page except the home page: `const About = lazyPage(() => import('./features/shell/about'))`.
 * If the chunk cannot be fetched (offline, or a deploy replaced it) the route shows a reload prompt.
 */
export function lazyPage<Props>(load: () => Promise<{ default: FunctionComponent<Props> }>) {
  return lazy<FunctionComponent<Props>>(() =>
    load().then(
      (module) => module.default,
      () => ChunkLoadError,
    ),
  )
}
