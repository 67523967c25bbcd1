// Stand-in for `zod/v4/core` in the Worker bundle. hono-openapi's schema converters import every
// supported validation library lazily; Tandem validates with valibot only, so zod (≈ 730 KB) is
// aliased here (wrangler.toml [alias]) and its branch, never taken, would fail like a missing package.
throw new Error('zod is not part of the Tandem Worker; schemas are valibot')
