// Prints the raw and gzip size of every JS and CSS file in dist/assets and fails the build when
// the initial JavaScript (scripts and modulepreloads referenced by dist/index.html) exceeds the
// budget. Lazy chunks (routes, non-English catalogs) are listed but not counted as initial. No dependencies: node:zlib's gzip is close enough to what the CDN sends.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BUDGET_GZIP_BYTES = 60 * 1024

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const assets = join(dist, 'assets')
const html = readFileSync(join(dist, 'index.html'), 'utf8')

// Initial files: <script src>, <link rel="modulepreload" href> (JS) and <link rel="stylesheet" href> (CSS).
const initial = new Set()
for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
  const isScript = tag.startsWith('<script')
  const rel = tag.match(/\brel=["']?([\w-]+)/)?.[1]
  if (!isScript && rel !== 'modulepreload' && rel !== 'stylesheet') continue
  const url = tag.match(/\b(?:src|href)=["']?([^"'\s>]+)/)?.[1]
  if (url && /\.(?:m?js|css)$/.test(url)) initial.add(url.replace(/^\//, ''))
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`
const rows = readdirSync(assets)
  .filter((name) => /\.(?:m?js|css)$/.test(name))
  .sort()
  .map((name) => {
    const content = readFileSync(join(assets, name))
    const path = relative(dist, join(assets, name)).split('\\').join('/')
    return {
      path,
      raw: content.length,
      gzip: gzipSync(content, { level: 9 }).length,
      initial: initial.has(path),
    }
  })

const width = Math.max(...rows.map((row) => row.path.length), 'file'.length)
console.log(`\n${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}  initial`)
for (const row of rows) {
  console.log(
    `${row.path.padEnd(width)}  ${kb(row.raw).padStart(10)}  ${kb(row.gzip).padStart(10)}  ${row.initial ? 'yes' : ''}`,
  )
}

const missing = [...initial].filter((path) => !rows.some((row) => row.path === path))
if (missing.length > 0) {
  console.error(`\nindex.html references files not found in dist/assets: ${missing.join(', ')}`)
  process.exit(1)
}

const sum = (list, key) => list.reduce((total, row) => total + row[key], 0)
const initialJs = rows.filter((row) => row.initial && !row.path.endsWith('.css'))
const initialCss = rows.filter((row) => row.initial && row.path.endsWith('.css'))
const initialJsGzip = sum(initialJs, 'gzip')
console.log(
  `\ninitial JS:  ${kb(sum(initialJs, 'raw'))} raw, ${kb(initialJsGzip)} gzip (budget ${kb(BUDGET_GZIP_BYTES)} gzip)`,
)
console.log(`initial CSS: ${kb(sum(initialCss, 'raw'))} raw, ${kb(sum(initialCss, 'gzip'))} gzip`)
console.log(`all JS+CSS:  ${kb(sum(rows, 'raw'))} raw, ${kb(sum(rows, 'gzip'))} gzip`)

if (initialJs.length === 0) {
  console.error('\nNo initial script found in dist/index.html.')
  process.exit(1)
}
if (initialJsGzip > BUDGET_GZIP_BYTES) {
  console.error(`\nInitial JS is over budget by ${kb(initialJsGzip - BUDGET_GZIP_BYTES)} gzip.`)
  process.exit(1)
}
