/** One message in the local dev mailbox (GET /api/dev/mailbox, newest first). */
export interface Mail {
  id: string
  to: string
  subject: string
  text: string
  html: string
  links: string[]
  createdAt: string
}

export async function listMailbox(baseUrl: string): Promise<Mail[]> {
  const res = await fetch(`${baseUrl}/api/dev/mailbox?limit=200`)
  if (!res.ok) throw new Error(`GET /api/dev/mailbox answered ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { items: Mail[] }).items
}

/**
 * Waits for the newest message to `to` that `match` accepts and that is not in `seen` (ids of
 * messages that were already there). Email is delivered through the queue, so it takes a moment.
 */
export async function waitForMail(
  baseUrl: string,
  to: string,
  options: { match?: (mail: Mail) => boolean; seen?: ReadonlySet<string>; timeoutMs?: number } = {},
): Promise<Mail> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000)
  for (;;) {
    const mail = (await listMailbox(baseUrl)).find(
      (m) =>
        m.to.toLowerCase() === to.toLowerCase() && !options.seen?.has(m.id) && (options.match?.(m) ?? true),
    )
    if (mail) return mail
    if (Date.now() > deadline) throw new Error(`no email to ${to} arrived within the timeout`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** The first link in a message whose path starts with `path` (e.g. `/sign-in/verify`). */
export function linkTo(mail: Mail, path: string): string {
  const link = mail.links.find((l) => new URL(l).pathname === path)
  if (!link) throw new Error(`the email "${mail.subject}" has no ${path} link: ${mail.links.join(', ')}`)
  return link
}
