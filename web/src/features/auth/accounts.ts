/**
 * Who is signed in compared with the account a link or invitation is for (decision 019): a page never
 * replaces one account's session with another's without asking, and an invitation to an address that has an
 * account is accepted only as that account.
 */

/** `nobody` signed in, `them` (the same address), or `someone-else`. Addresses compare without case. */
export type SignedIn = 'nobody' | 'them' | 'someone-else'

export function signedInAs(me: { user: { email: string } } | null, email: string): SignedIn {
  if (!me) return 'nobody'
  return me.user.email.toLowerCase() === email.toLowerCase() ? 'them' : 'someone-else'
}

/**
 * The step the invitation page shows:
 * - `ask-switch`: a new account, but the browser is signed in as someone else: ask first;
 * - `new-account`: ask the name, then accept (creates the account and signs in);
 * - `accept`: the invited account is signed in: one click;
 * - `sign-in-first`: the address has an account that is not signed in here: send it a code first.
 */
export type AcceptStep = 'ask-switch' | 'new-account' | 'accept' | 'sign-in-first'

export function acceptStep(
  invitation: { account: 'new' | 'existing'; email: string },
  me: { user: { email: string } } | null,
  agreedToSwitch: boolean,
): AcceptStep {
  const who = signedInAs(me, invitation.email)
  if (who === 'them') return 'accept'
  if (invitation.account === 'existing') return 'sign-in-first'
  return who === 'someone-else' && !agreedToSwitch ? 'ask-switch' : 'new-account'
}

/** The name to show for the signed-in person: their name, else their address. */
export const displayNameOf = (me: { user: { name: string; email: string } }) => me.user.name || me.user.email
