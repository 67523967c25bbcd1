/**
 * Writes docs/permissions.md from the permission table in code (`pnpm docs:permissions`).
 * test/docs.test.ts fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { roles } from '../packages/db/src/schema/users'
import { grantableRoles, permissions } from '../workers/api/src/features/auth/permissions'

export function renderPermissionsDoc(): string {
  const header = `| permission | what it allows | ${roles.join(' | ')} |`
  const rule = `|---|---|${roles.map(() => ':-:').join('|')}|`
  const rows = Object.entries(permissions).map(([name, p]) => {
    const cells = roles.map((r) => ((p.roles as readonly string[]).includes(r) ? '✓' : '—'))
    return `| \`${name}\` | ${p.description} | ${cells.join(' | ')} |`
  })
  const grants = roles.map(
    (r) => `| ${r} | ${grantableRoles[r].length ? grantableRoles[r].join(', ') : '—'} |`,
  )
  return [
    '# Permissions',
    '',
    '<!-- Generated from packages/vocab/src/roles.ts by `pnpm docs:permissions`. Do not edit. -->',
    '',
    'Roles belong to a membership: one person can be a coordinator in one organization and a mentor in another.',
    'Every tenant route names one permission with `guard()`, which enforces it and documents it (`x-permission` in',
    '`/api/openapi.json`); a test calls every route as every role and checks it against this table.',
    '',
    header,
    rule,
    ...rows,
    '',
    '## Which roles a role may hand out',
    '',
    'By invitation or by changing a member’s role. Nobody may change or remove a member whose role they could not',
    'hand out, and an organization always keeps at least one owner.',
    '',
    '| role | may grant |',
    '|---|---|',
    ...grants,
    '',
    'Not signed in → `401`. Not a member of the organization in the path, or a resource of another organization → `404`',
    '(never `403`, so nothing reveals that it exists). A member whose role lacks the permission → `403`.',
    '',
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = fileURLToPath(new URL('../docs/permissions.md', import.meta.url))
  writeFileSync(target, renderPermissionsDoc())
  console.log(`wrote ${target}`)
}
