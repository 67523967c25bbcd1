/**
 * Every problem the API answers with has a stable `code` from this registry (RFC 9457 extension member; the
 * problem's `type` is `/api/docs#problem-<code>`). The web client maps each code to a message in every
 * language; the OpenAPI document lists them. Add a code here, not a new English sentence to match on.
 */
export const PROBLEMS = {
  // 400
  'invalid-request': {
    status: 400,
    title: 'Invalid request',
    about: 'One or more fields failed validation; see `errors`.',
  },
  'csv-unreadable': { status: 400, title: 'Invalid request', about: 'The uploaded CSV cannot be read.' },
  'csv-encoding-unsupported': {
    status: 400,
    title: 'Invalid request',
    about:
      'The uploaded file is not text in UTF-8, UTF-16 (with a byte-order mark) or Windows-1252; save it as CSV UTF-8.',
  },
  'sign-in-failed': {
    status: 400,
    title: 'Sign-in failed',
    about: 'The sign-in link or code is not valid any more.',
  },
  'sign-in-code-locked': {
    status: 400,
    title: 'Sign-in code locked',
    about: 'A wrong code was entered 5 times: the code is locked. Ask for a new one.',
  },
  'invitation-invalid': {
    status: 400,
    title: 'Invitation not valid',
    about: 'The invitation was used, revoked or has expired.',
  },
  'unsubscribe-link-invalid': {
    status: 400,
    title: 'Unsubscribe link not valid',
    about: 'The unsubscribe link is damaged or was not made by this service; nothing was changed.',
  },
  'email-essential': {
    status: 400,
    title: 'Invalid request',
    about: 'Sign-in, invitation and safeguarding email is essential and cannot be turned off.',
  },
  'residency-unavailable': {
    status: 400,
    title: 'Invalid request',
    about:
      'This deployment has no database in the region asked for; choose another or leave it to the default.',
  },
  // 401, 403
  unauthenticated: { status: 401, title: 'Unauthorized', about: 'Sign in first: this needs a session.' },
  forbidden: { status: 403, title: 'Forbidden', about: 'The caller’s role lacks the permission.' },
  'cross-site': { status: 403, title: 'Forbidden', about: 'Cross-site requests may not change anything.' },
  'role-not-grantable': {
    status: 403,
    title: 'Forbidden',
    about: 'The caller may not hand out or manage this role.',
  },
  'invitation-needs-sign-in': {
    status: 403,
    title: 'Forbidden',
    about:
      'The invitation is for an address that already has an account: accept it signed in as that account (a code sent to the address signs in).',
  },
  'webhook-signature-invalid': {
    status: 401,
    title: 'Unauthorized',
    about: 'The webhook’s signature, timestamp or id is missing, wrong or too old.',
  },
  // 404
  'not-found': {
    status: 404,
    title: 'Not Found',
    about: 'No such resource for the caller (also: another organization’s).',
  },
  'no-route': { status: 404, title: 'Not Found', about: 'No API route matches this method and path.' },
  'method-not-allowed': {
    status: 405,
    title: 'Method Not Allowed',
    about: 'The route does not take this method.',
  },
  // 409
  'move-conflict': {
    status: 409,
    title: 'Conflict',
    about:
      'The organization cannot be moved this way now: a move is under way, it is there already, the target holds an earlier copy, or the move is past this step.',
  },
  'slug-taken': { status: 409, title: 'Conflict', about: 'An organization already uses this address.' },
  'last-owner': { status: 409, title: 'Conflict', about: 'An organization needs at least one owner.' },
  'already-member': { status: 409, title: 'Conflict', about: 'This person is already a member.' },
  'already-invited': {
    status: 409,
    title: 'Conflict',
    about: 'This person already has a pending invitation.',
  },
  'email-not-retryable': {
    status: 409,
    title: 'Conflict',
    about:
      'Only an email that failed or died (retry limit reached) can be sent again, and only while its text is kept (7 days).',
  },
  'invitation-not-pending': {
    status: 409,
    title: 'Conflict',
    about: 'The invitation was accepted, revoked or has expired.',
  },
  'other-account-signed-in': {
    status: 409,
    title: 'Conflict',
    about:
      'This browser is signed in as someone else; send `switchAccount: true` to sign out of that account first.',
  },
  'consent-changed': {
    status: 409,
    title: 'Conflict',
    about: 'The consent text changed; read the new one and send again.',
  },
  'status-not-allowed': { status: 409, title: 'Conflict', about: 'Not an allowed status change.' },
  'mentor-not-cleared': {
    status: 409,
    title: 'Conflict',
    about: 'The mentor’s screening is incomplete or expired.',
  },
  'screening-incomplete': {
    status: 409,
    title: 'Conflict',
    about: 'Not every screening requirement is met.',
  },
  'screening-changed': {
    status: 409,
    title: 'Conflict',
    about: 'Someone else changed this screening meanwhile.',
  },
  'import-not-applicable': {
    status: 409,
    title: 'Conflict',
    about: 'The import was applied, cancelled, failed or expired.',
  },
  'run-in-progress': {
    status: 409,
    title: 'Conflict',
    about: 'The program already has a match run in progress.',
  },
  'decisions-refused': {
    status: 409,
    title: 'Conflict',
    about: 'Some decisions cannot be made now; nothing was saved.',
  },
  'participants-unavailable': {
    status: 409,
    title: 'Conflict',
    about: 'A person is not available for a match.',
  },
  'constraints-blocking': {
    status: 409,
    title: 'Conflict',
    about: 'The pair breaks constraints that cannot be overridden.',
  },
  'override-needed': {
    status: 409,
    title: 'Conflict',
    about: 'The pair breaks hard constraints; give an override reason.',
  },
  'match-changed': {
    status: 409,
    title: 'Conflict',
    about: 'The match changed meanwhile; reload and try again.',
  },
  'meeting-changed': {
    status: 409,
    title: 'Conflict',
    about: 'Someone changed this meeting meanwhile; reload and try again.',
  },
  'concern-changed': {
    status: 409,
    title: 'Conflict',
    about: 'The concern’s status changed meanwhile; reload and try again.',
  },
  'match-ended': { status: 409, title: 'Conflict', about: 'The match has already ended.' },
  'match-status-not-allowed': {
    status: 409,
    title: 'Conflict',
    about: 'Not an allowed match status change.',
  },
  'mentor-has-other-matches': {
    status: 409,
    title: 'Conflict',
    about: 'The mentor still has other tandems: end those first before they leave the program.',
  },
  'portal-already-linked': {
    status: 409,
    title: 'Conflict',
    about: 'This person already has access to the portal.',
  },
  'email-missing': { status: 409, title: 'Conflict', about: 'The person has no email address on record.' },
  'check-in-used': {
    status: 409,
    title: 'Conflict',
    about: 'This check-in link was already answered; each link records one answer.',
  },
  'event-closed': {
    status: 409,
    title: 'Conflict',
    about: 'The event was cancelled or has begun: replies are closed.',
  },
  'event-full': {
    status: 409,
    title: 'Conflict',
    about: 'Not enough free seats for the larger party; the reply stays as it was.',
  },
  'event-invitation-used': {
    status: 409,
    title: 'Conflict',
    about: 'This invitation link was already answered; each link records one reply.',
  },
  'member-role-mismatch': {
    status: 409,
    title: 'Conflict',
    about: 'The address belongs to a member with another role.',
  },
  'programs-quota-reached': {
    status: 409,
    title: 'Conflict',
    about:
      'The organization holds as many programs as its limit allows (new organizations start with a few); an operator can raise it.',
  },
  'import-storage-quota-reached': {
    status: 409,
    title: 'Conflict',
    about:
      'Import previews waiting to be applied hold as much data as the organization’s limit allows: apply or cancel some (unused previews expire after 24 hours).',
  },
  'survey-invitation-used': {
    status: 409,
    title: 'Conflict',
    about: 'This survey link was already answered; each link records one set of answers.',
  },
  'survey-has-answers': {
    status: 409,
    title: 'Conflict',
    about:
      'People answered this survey (or were invited): what it asks, and whether it is anonymous, can no longer change; only texts can (make a new survey instead).',
  },
  'stale-write': {
    status: 409,
    title: 'Conflict',
    about: 'Someone changed this meanwhile; reload, check their change and send yours again.',
  },
  // 410
  'check-in-expired': {
    status: 410,
    title: 'Gone',
    about: 'This check-in link has expired (links can be answered for 14 days).',
  },
  'event-invitation-expired': {
    status: 410,
    title: 'Gone',
    about: 'This invitation link has lapsed: the event has begun or was cancelled.',
  },
  'survey-invitation-expired': {
    status: 410,
    title: 'Gone',
    about: 'This survey link has expired (links work for 30 days) or the survey was closed.',
  },
  // 413, 415, 429
  'body-too-large': { status: 413, title: 'Content Too Large', about: 'Request bodies are limited to 1 MB.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported Media Type', about: 'Send the body as JSON.' },
  'rate-limited': { status: 429, title: 'Too Many Requests', about: 'Too many attempts; see Retry-After.' },
  'sign-in-codes-paused': {
    status: 429,
    title: 'Sign-in codes paused',
    about:
      'Too many wrong codes for this address within a day: codes are not taken until Retry-After (each pause twice as long as the one before, up to 30 days); the link in the email still signs in.',
  },
  'import-previews-rate-limited': {
    status: 429,
    title: 'Too Many Requests',
    about: 'The organization previewed as many imports this hour as its limit allows; see Retry-After.',
  },
  'match-runs-rate-limited': {
    status: 429,
    title: 'Too Many Requests',
    about: 'The organization started as many match runs this hour as its limit allows; see Retry-After.',
  },
  // 500, 503
  internal: { status: 500, title: 'Internal Server Error', about: 'Something went wrong on our side.' },
  'protected-data-unreadable': {
    status: 500,
    title: 'Protected data unreadable',
    about: 'Protected fields failed their integrity check.',
  },
  unavailable: { status: 503, title: 'Service Unavailable', about: 'Try again shortly.' },
  'database-behind': {
    status: 503,
    title: 'Upgrade in progress',
    about: 'The organization’s database is being upgraded to this version of Tandem; try again in a minute.',
  },
  'read-only': {
    status: 503,
    title: 'Changes paused',
    about:
      'The organization’s data is being moved to another database: it can be read, and changes are paused until the move ends (see Retry-After).',
  },
  'placement-unavailable': {
    status: 503,
    title: 'Service Unavailable',
    about: 'The organization’s database cannot be reached right now; try again shortly.',
  },
  'encryption-key-missing': {
    status: 503,
    title: 'Protected fields unavailable',
    about: 'No encryption key is configured.',
  },
  'encryption-key-unknown': {
    status: 503,
    title: 'Protected fields unavailable',
    about:
      'The data was sealed under an encryption key that is not configured any more (during a key rotation, keep the previous key configured until re-encryption is done).',
  },
} as const satisfies Record<string, { status: number; title: string; about: string }>

export type ProblemCode = keyof typeof PROBLEMS
export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[]
export type ProblemStatus = (typeof PROBLEMS)[ProblemCode]['status']

export const problemType = (code: ProblemCode) => `/api/docs#problem-${code}`
