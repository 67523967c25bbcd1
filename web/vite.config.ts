import { defineConfig } from 'vite'

// The API Worker (`wrangler dev`) listens on 8787 and serves /api/*; in production the same Worker
// serves web/dist as static assets with single-page-app fallback, so the client always calls
// same-origin /api paths. Set TANDEM_API_URL to proxy to a Worker on another address.
const api = { '/api': { target: process.env.TANDEM_API_URL ?? 'http://localhost:8787' } }

export default defineConfig({
  // Vite 8 transforms TS/JSX with oxc. Point the automatic JSX runtime at Preact instead of React,
  // so no framework plugin is needed.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  server: { proxy: api },
  preview: { proxy: api },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The Worker serves dist/ as-is; no source maps in production assets.
    sourcemap: false,
  },
})
