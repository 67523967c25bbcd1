declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    /** test/fixtures/* by file name, base64 (read by vitest.config.ts). */
    TEST_FIXTURES: Record<string, string>
    RESEND_API_KEY?: string
  }
}

declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index')
  }
}
