import { defineConfig } from 'vitest/config'

// Unit tests of the pure helpers (src/**/*.test.ts), beside them, in plain Node: no DOM, no browser.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
