/**
 * Where the app's pages are (`/orgs/{org}/programs/{program}`); every segment is URL-encoded. The API's
 * paths come from the typed client (`lib/client.ts`).
 */

const segment = encodeURIComponent

/** `/orgs/{org}` plus an optional sub-path. */
export const orgPath = (slug: string, rest = '') => `/orgs/${segment(slug)}${rest}`
/** The participant portal: a mentor's or newcomer's own tandems. */
export const portalPath = (slug: string) => orgPath(slug, '/my')
export const membersPath = (slug: string) => orgPath(slug, '/members')
/** The organization's audit log. */
export const auditPath = (slug: string) => orgPath(slug, '/audit')
export const reportsPath = (slug: string) => orgPath(slug, '/reports')
/** The organization's email log (and suppression list), optionally of one status. */
export const emailsPath = (slug: string, status?: string) =>
  orgPath(slug, status ? `/emails?status=${segment(status)}` : '/emails')
/** A member's own email preferences in the organization. */
export const emailPreferencesPath = (slug: string) => orgPath(slug, '/email-preferences')
/** `/orgs/{org}/programs` */
export const programsPath = (slug: string) => orgPath(slug, '/programs')
/** `/orgs/{org}/programs/{program}` plus an optional sub-path. */
export const programPath = (slug: string, program: string, rest = '') =>
  `${programsPath(slug)}/${segment(program)}${rest}`
export const participantPath = (slug: string, program: string, participant: string) =>
  programPath(slug, program, `/participants/${segment(participant)}`)
/** The match board of a program. */
export const boardPath = (slug: string, program: string) => programPath(slug, program, '/matching')
export const matchPath = (slug: string, program: string, match: string) =>
  programPath(slug, program, `/matches/${segment(match)}`)
/** The safeguarding concerns of a program (coordinators), and one of them. */
export const concernsPath = (slug: string, program: string) => programPath(slug, program, '/concerns')
export const concernPath = (slug: string, program: string, concern: string) =>
  programPath(slug, program, `/concerns/${segment(concern)}`)
/** The public intake form. */
export const intakePath = (slug: string, program: string) => `/apply/${segment(slug)}/${segment(program)}`

/** The organization in a path (`/orgs/{slug}/...`), if any. */
export function currentOrgSlug(path: string): string | undefined {
  const match = /^\/orgs\/([^/]+)/.exec(path)
  return match?.[1] ? decodeURIComponent(match[1]) : undefined
}

/** The application form's links and QR codes, one per language. */
export const formLinksPath = (slug: string, program: string) => programPath(slug, program, '/form')
/** The printable flyer of the application form in one language. */
export const flyerPath = (slug: string, program: string, locale: string) =>
  programPath(slug, program, `/form/print/${segment(locale)}`)

/** The organization's events, or one program's. */
export const eventsPath = (slug: string, program?: string) =>
  program ? programPath(slug, program, '/events') : orgPath(slug, '/events')
/** One event (of a program or of the organization). */
export const eventPath = (slug: string, event: string) => orgPath(slug, `/events/${segment(event)}`)

/** The organization's partners (who get digests). */
export const partnersPath = (slug: string) => orgPath(slug, '/partners')
