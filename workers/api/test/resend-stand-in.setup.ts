import type { TestProject } from 'vitest/node'
import { startStandInProcess } from './stand-in-process'

/**
 * Vitest global setup: one stand-in for the Worker tests, in a Node process of its own (resend-stand-in.main.ts),
 * so its arrival times are not held back by the test runner's event loop.
 */
export default async function setup(project: TestProject) {
  const { url, stop } = await startStandInProcess(
    'Resend',
    new URL('./resend-stand-in.main.ts', import.meta.url),
  )
  project.provide('resendBaseUrl', url)
  return stop
}

declare module 'vitest' {
  export interface ProvidedContext {
    resendBaseUrl: string
  }
}
