import { defineConfig } from 'vitest/config'

// Unit tests of the pure helpers (src/**/*.test.ts), beside them, in plain Node: no DOM, no browser.
export default defineConfig({
  // Binary fixtures (a workbook) are imported as data URLs: `import url from './x.xlsx?inline'`.
  assetsInclude: ['**/*.xlsx'],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
