/**
 * The stand-in as a process of its own (started by the tests' global setup): its clock and event loop belong to
 * no test runner, as the provider's do, so the arrival times it records (and the rate it measures) are not
 * delayed by the runner's own work. Prints its URL on the first line; ends when its stdin closes.
 */
const { startResendStandIn } = (await import(
  new URL('./resend-stand-in.ts', import.meta.url).href
)) as typeof import('./resend-stand-in')

const standIn = await startResendStandIn()
process.stdout.write(`${standIn.url}\n`)
const stop = () => void standIn.close().then(() => process.exit(0))
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
