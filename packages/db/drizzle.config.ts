import { defineConfig } from 'drizzle-kit'

// drizzle-kit writes numbered SQL migrations into the top-level migrations/ folder,
// which wrangler (D1) and drizzle's libSQL migrator both apply.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/index.ts',
  out: '../../migrations',
})
