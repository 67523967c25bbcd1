declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    /** test/fixtures/* by file name, base64 (read by vitest.config.ts). */
    TEST_FIXTURES: Record<string, string>
    /** wrangler.toml as committed (read by vitest.config.ts). */
    TEST_WRANGLER_TOML: string
    /** The second D1 database (vitest.config.ts): placement `d1:DB_EU`. */
    DB_EU: D1Database
    /** A D1 database one migration behind (vitest.config.ts, apply-migrations.ts). */
    DB_BEHIND: D1Database
    RESEND_API_KEY?: string
    /** A fixed signing secret for the Resend webhook (vitest.config.ts). */
    RESEND_WEBHOOK_SECRET?: string
  }
}

declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index')
  }
}
