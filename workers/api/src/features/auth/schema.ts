import * as v from 'valibot'
import { PageLocale } from '../../lib/schema'

export const Email = v.pipe(
  v.string('Enter an email address.'),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, 'An email address has at most 254 characters.'),
  v.email('Enter a valid email address.'),
)

export const RequestSignInBody = v.object({ email: Email, locale: PageLocale })

const LinkToken = v.pipe(v.string(), v.regex(/^[a-z2-9]{24}$/, 'This sign-in link is not valid.'))

/** Signing in while this browser is signed in as someone else ends that session: only when the person said so. */
export const SwitchAccount = v.optional(
  v.pipe(
    v.boolean(),
    v.description(
      'Set to true after the person agreed to sign out of the other account this browser is signed in as; without it such a request answers 409 `other-account-signed-in` and uses nothing up.',
    ),
  ),
)

export const VerifyBody = v.union(
  [
    v.object({ token: LinkToken, switchAccount: SwitchAccount }),
    v.object({
      email: Email,
      code: v.pipe(
        v.string('Enter the 6-digit code.'),
        v.trim(),
        v.regex(/^\d{6}$/, 'Enter the 6-digit code.'),
      ),
      switchAccount: SwitchAccount,
    }),
  ],
  'Send either a token or an email with a code.',
)

export const LinkBody = v.object({ token: LinkToken })

/** Who a sign-in link signs in (shown on the link's page before the person presses "Sign in"). */
export const LinkOut = v.object({ email: v.string() })

export const UserOut = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  locale: v.nullable(v.string()),
})

export const MembershipOut = v.object({
  organization: v.object({ slug: v.string(), name: v.string() }),
  role: v.string(),
})

export const MeOut = v.object({ user: UserOut, memberships: v.array(MembershipOut) })
