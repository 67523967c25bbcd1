import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * Starts a stand-in (`main`, a TypeScript file run with Node's type stripping) as a process of its own, so the test
 * runner's event loop never sits between the Worker and the stand-in. Resolves with the first line it prints (its
 * URL) and a `stop()` that closes its stdin (the stand-in ends then) and waits for it to exit.
 */
export async function startStandInProcess(
  what: string,
  main: URL,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', fileURLToPath(main), ...args],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.once('error', reject)
    child.once('exit', (code) =>
      reject(new Error(`the ${what} stand-in ended (exit ${code}) before it listened`)),
    )
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      const line = out.split('\n')[0]
      if (out.includes('\n') && line) resolve(line.trim())
    })
  })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.stdin?.end()
    })
  return { url, stop }
}
