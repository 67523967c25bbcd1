import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderPermissionsDoc } from '../scripts/permissions-doc'

describe('docs/permissions.md', () => {
  it('matches the permission table in code (run `pnpm docs:permissions` after changing it)', () => {
    const onDisk = readFileSync(new URL('../docs/permissions.md', import.meta.url), 'utf8')
    expect(onDisk).toBe(renderPermissionsDoc())
  })
})
