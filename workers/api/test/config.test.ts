import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { readConfig } from '../src/env'

/** The `[vars]` of wrangler.toml as committed: what a deploy gets when nobody overrides anything. */
function committedVars(): Record<string, string> {
  const section = /^\[vars\]\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(env.TEST_WRANGLER_TOML)?.[1] ?? ''
  return Object.fromEntries([...section.matchAll(/^([A-Z_]+) = "(.*)"$/gm)].map((m) => [m[1], m[2]]))
}

describe('deploy configuration', () => {
  it('is production unless local development says otherwise, so a forgotten setting cannot keep email in the database', () => {
    const vars = committedVars()
    expect(vars.APP_ENV).toBe('production')
    // Deployed as committed, with no secrets: the Worker refuses to run rather than keep email in the database.
    const deployed = { ...env, ...vars, RESEND_API_KEY: undefined, EMAIL_LINK_SECRET: undefined }
    expect(() => readConfig(deployed)).toThrow(/RESEND_API_KEY is required/)
    // With the provider key but the published development link secret: refused too.
    expect(() => readConfig({ ...deployed, RESEND_API_KEY: 're_live' })).toThrow(
      /EMAIL_LINK_SECRET is required/,
    )
    // With both secrets but the committed localhost origin: every email link would point nowhere, so refused too.
    const secrets = {
      RESEND_API_KEY: 're_live',
      EMAIL_LINK_SECRET: 'a production secret of at least 32 characters',
    }
    expect(vars.APP_ORIGIN).toBe('http://localhost:8787')
    expect(() => readConfig({ ...deployed, ...secrets })).toThrow(
      /APP_ORIGIN must be the public https address/,
    )
    expect(() => readConfig({ ...deployed, ...secrets, APP_ORIGIN: 'http://tandem.example.org' })).toThrow(
      /APP_ORIGIN must be the public https address/,
    )
    // What `pnpm run deploy` sets (docs/deploy.md): runs.
    expect(readConfig({ ...deployed, ...secrets, APP_ORIGIN: 'https://tandem.example.org' }).APP_ORIGIN).toBe(
      'https://tandem.example.org',
    )
    // Local development is the explicit override (scripts/tandem.mjs dev, the browser tests, the benchmarks).
    expect(readConfig({ ...deployed, APP_ENV: 'development' }).APP_ENV).toBe('development')
  })
})
