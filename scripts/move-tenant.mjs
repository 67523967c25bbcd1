#!/usr/bin/env node
// `pnpm ops:move`: move an organization's data to another placement (decision 044) through the Worker's operator
// routes, step by step until it is switched, printing progress; run again with --resume after an interruption.
//
//   OPERATOR_TOKEN=… pnpm ops:move -- <origin> <slug> <placement>     e.g. https://tandem.example.org city d1:DB_EU
//   OPERATOR_TOKEN=… pnpm ops:move -- <origin> --resume <move id>
//   OPERATOR_TOKEN=… pnpm ops:move -- <origin> --confirm <move id>    after checking it: deletes the old copy
//   OPERATOR_TOKEN=… pnpm ops:move -- <origin> --roll-back <move id>  before the switch: back where it was
const args = process.argv.slice(2).filter((a) => a !== '--')
const token = process.env.OPERATOR_TOKEN
const [origin, ...rest] = args
if (!origin || !token || rest.length < 2) {
  console.error(
    'usage: OPERATOR_TOKEN=… pnpm ops:move -- <origin> <slug> <placement> | --resume|--confirm|--roll-back <id>',
  )
  process.exit(2)
}
const call = async (method, path, body) => {
  const res = await fetch(new URL(`/api/v1/operator${path}`, origin), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!res.ok) {
    console.error(`${method} ${path}: ${res.status} ${await res.text()}`)
    process.exit(1)
  }
  return res.json()
}
const show = (m) => {
  const rows = Object.values(m.tables ?? {}).reduce((n, t) => n + (t.rows ?? 0), 0)
  console.log(`${m.id} ${m.state.padEnd(11)} table ${String(m.step).padStart(2)}, ${rows} rows copied`)
}

let move
if (rest[0] === '--confirm') move = await call('POST', `/moves/${rest[1]}/confirm`)
else if (rest[0] === '--roll-back') move = await call('POST', `/moves/${rest[1]}/roll-back`)
else {
  move =
    rest[0] === '--resume'
      ? await call('GET', `/moves/${rest[1]}`)
      : await call('POST', '/moves', { organization: rest[0], to: rest[1] })
  let last = ''
  while (move.state === 'copying' || move.state === 'verifying') {
    const now = `${move.state}:${move.step}`
    if (now !== last) show(move)
    last = now
    move = await call('POST', `/moves/${move.id}/step`)
  }
}
show(move)
if (move.error) console.log(`note: ${move.error}`)
if (move.state === 'switched')
  console.log(
    `switched: check the organization, then confirm with --confirm ${move.id} to delete the old copy`,
  )
process.exit(move.state === 'switched' || move.state === 'confirmed' ? 0 : 1)
