// Writes the API's type declarations (AppType and what it names) for the web client's typecheck:
// node_modules/.cache/api-types/workers/api/src/app.d.ts. The Worker's source cannot be checked inside the web
// program (Workers globals clash with the DOM's, and its JSX is hono/jsx), so it is compiled here with its own
// settings (tsconfig.api.json) and only its declarations are emitted. The Worker's own typecheck reports its errors.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const web = dirname(dirname(fileURLToPath(import.meta.url)))
const configPath = join(web, 'tsconfig.api.json')
const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile)
if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'))
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, web, undefined, configPath)
const program = ts.createProgram(parsed.fileNames, parsed.options)
program.emit(undefined, undefined, undefined, true)
if (!ts.sys.fileExists(join(parsed.options.outDir ?? '', 'workers/api/src/app.d.ts'))) {
  console.error('api-types: the API declarations could not be written')
  process.exit(1)
}
