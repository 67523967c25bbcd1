import * as v from 'valibot'

export const Email = v.pipe(
  v.string('Enter an email address.'),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, 'An email address has at most 254 characters.'),
  v.email('Enter a valid email address.'),
)

export const RequestSignInBody = v.object({ email: Email })

export const VerifyBody = v.union(
  [
    v.object({ token: v.pipe(v.string(), v.regex(/^[a-z2-9]{24}$/, 'This sign-in link is not valid.')) }),
    v.object({
      email: Email,
      code: v.pipe(
        v.string('Enter the 6-digit code.'),
        v.trim(),
        v.regex(/^\d{6}$/, 'Enter the 6-digit code.'),
      ),
    }),
  ],
  'Send either a token or an email with a code.',
)

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
