// The operator's re-encryption after a key rotation (decision 033): calls the Worker's operator route until
// nothing is left under the previous key.
//
//   OPERATOR_TOKEN=… node workers/api/scripts/re-encrypt.mjs https://tandem.example.org
const [origin] = process.argv.slice(2)
const token = process.env.OPERATOR_TOKEN
if (!origin || !token) {
  console.error('usage: OPERATOR_TOKEN=… node workers/api/scripts/re-encrypt.mjs <origin>')
  process.exit(2)
}
let total = 0
for (;;) {
  const res = await fetch(new URL('/api/v1/operator/re-encrypt', origin), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  })
  if (!res.ok) {
    console.error(`re-encrypt: ${res.status} ${await res.text()}`)
    process.exit(1)
  }
  const { reencrypted, remaining } = await res.json()
  total += reencrypted
  console.log(`re-encrypted ${reencrypted} (total ${total})`)
  if (!remaining) break
}
console.log('done: every sealed value is under the current key; PROTECTED_FIELDS_KEY_PREVIOUS can be removed')
