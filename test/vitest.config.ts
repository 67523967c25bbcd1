import { defineConfig } from 'vitest/config'

// Browser and HTTP tests against a real `wrangler dev` (workerd, local D1 and Queues, static assets).
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['./support/dev-server.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A page settles after a request to workerd: on a busy 2-core machine that can take more than vitest's 1 s.
    // Waiting longer for the same state changes no assertion.
    expect: { poll: { timeout: 5_000 } },
    fileParallelism: false,
  },
})
