import * as v from 'valibot'

/**
 * The Worker's environment, read in one place. Bindings and vars are typed by `wrangler types`
 * (worker-configuration.d.ts); secrets are added here because they never live in wrangler.toml.
 */
export type Bindings = Env & {
  /** Secret. When absent, email goes to the dev mailbox instead of Resend. */
  RESEND_API_KEY?: string
  /** Secret: the signing secret of the Resend webhook (`whsec_…`). Without it, delivery events are refused (404). */
  RESEND_WEBHOOK_SECRET?: string
  /** Secret: 32 random bytes, base64. The master key protected fields are encrypted under. */
  PROTECTED_FIELDS_KEY?: string
  /** Secret, during a key rotation only: the master key before the current one, read but never written with. */
  PROTECTED_FIELDS_KEY_PREVIOUS?: string
  /** Secret: the bearer token of the operator's routes (`/api/v1/operator/…`); without it they answer 404. */
  OPERATOR_TOKEN?: string
  /** Secret: at least 32 characters. Signs unsubscribe links (decision 024). */
  EMAIL_LINK_SECRET?: string
}

/** Signs unsubscribe links outside production when no secret is set. Production refuses to run with it. */
export const DEV_EMAIL_LINK_SECRET = 'tandem-development-only-email-link-secret'

const ConfigSchema = v.object({
  APP_ENV: v.picklist(['development', 'test', 'production']),
  EMAIL_FROM: v.pipe(v.string(), v.minLength(3)),
  RESEND_BASE_URL: v.pipe(v.string(), v.url()),
  RESEND_API_KEY: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Provider calls per second for the whole deployment (decision 022). */
  RESEND_RATE_PER_SECOND: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+(\.\d+)?$/, 'a number of calls per second'),
      v.transform(Number),
      v.minValue(0.1),
      v.maxValue(100),
    ),
    '2',
  ),
  RESEND_WEBHOOK_SECRET: v.optional(
    v.pipe(v.string(), v.regex(/^(whsec_)?[A-Za-z0-9+/]{16,}={0,2}$/, 'must be whsec_ followed by base64')),
  ),
  PROTECTED_FIELDS_KEY: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64')),
  ),
  PROTECTED_FIELDS_KEY_PREVIOUS: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64')),
  ),
  OPERATOR_TOKEN: v.optional(v.pipe(v.string(), v.minLength(32))),
  /**
   * The placement of organizations that ask for EU residency at sign-up (decision 044), e.g. `d1:DB_EU` (a D1
   * database created with the EU jurisdiction) or `libsql:<name>`; unset: EU residency is not offered.
   */
  EU_PLACEMENT: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^(d1:DB_[A-Z0-9_]{1,40}|libsql:[a-z0-9][a-z0-9-]{0,62})$/, 'a placement name'),
    ),
  ),
  /** Where links in scheduled email point (the cron has no request to take the origin from). */
  APP_ORIGIN: v.pipe(
    v.string(),
    v.url(),
    v.transform((u) => new URL(u).origin),
  ),
  EMAIL_LINK_SECRET: v.optional(v.pipe(v.string(), v.minLength(32)), DEV_EMAIL_LINK_SECRET),
})

export type Config = v.InferOutput<typeof ConfigSchema>

const cache = new WeakMap<object, Config>()

/** Validated configuration; a misconfigured deployment fails loudly on its first request. */
export function readConfig(env: Bindings): Config {
  let config = cache.get(env)
  if (!config) {
    const result = v.safeParse(ConfigSchema, {
      APP_ENV: env.APP_ENV,
      EMAIL_FROM: env.EMAIL_FROM,
      RESEND_BASE_URL: env.RESEND_BASE_URL,
      RESEND_API_KEY: env.RESEND_API_KEY || undefined,
      RESEND_RATE_PER_SECOND:
        env.RESEND_RATE_PER_SECOND === undefined || env.RESEND_RATE_PER_SECOND === ''
          ? undefined
          : String(env.RESEND_RATE_PER_SECOND),
      RESEND_WEBHOOK_SECRET: env.RESEND_WEBHOOK_SECRET || undefined,
      PROTECTED_FIELDS_KEY: env.PROTECTED_FIELDS_KEY || undefined,
      PROTECTED_FIELDS_KEY_PREVIOUS: env.PROTECTED_FIELDS_KEY_PREVIOUS || undefined,
      OPERATOR_TOKEN: env.OPERATOR_TOKEN || undefined,
      EU_PLACEMENT: env.EU_PLACEMENT || undefined,
      APP_ORIGIN: env.APP_ORIGIN,
      EMAIL_LINK_SECRET: env.EMAIL_LINK_SECRET || undefined,
    })
    if (!result.success) {
      const fields = result.issues.map((i) => v.getDotPath(i) ?? '(root)').join(', ')
      throw new Error(`Invalid Worker configuration: ${fields}`)
    }
    config = result.output
    if (config.APP_ENV === 'production' && !config.RESEND_API_KEY) {
      // Never fall back to the dev mailbox in production: email would silently stay in the database.
      throw new Error('Invalid Worker configuration: RESEND_API_KEY is required when APP_ENV is production')
    }
    if (config.APP_ENV === 'production' && config.EMAIL_LINK_SECRET === DEV_EMAIL_LINK_SECRET) {
      // Anyone could forge unsubscribe links signed with the published development key.
      throw new Error(
        'Invalid Worker configuration: EMAIL_LINK_SECRET is required when APP_ENV is production',
      )
    }
    if (config.APP_ENV === 'production' && !isPublicHttps(config.APP_ORIGIN)) {
      // Every link in email would point at a machine nobody else can reach (the committed default is localhost).
      throw new Error(
        'Invalid Worker configuration: APP_ORIGIN must be the public https address when APP_ENV is production',
      )
    }
    cache.set(env, config)
  }
  return config
}

function isPublicHttps(origin: string): boolean {
  const url = new URL(origin)
  return url.protocol === 'https:' && !/^(localhost|127\.|\[::1\]$|0\.0\.0\.0$)/.test(url.hostname)
}
