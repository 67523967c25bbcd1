import { defineConfig } from 'vitest/config'

// Browser and HTTP tests against a real `wrangler dev` (workerd, local D1 and Queues, static assets).
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['./support/dev-server.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
