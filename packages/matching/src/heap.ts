/**
 * Indexed binary min-heap over node ids, keyed by an external typed array (`key[node]`), with decrease-key.
 * The arrays are owned by the caller so one allocation serves every search.
 */

import type { Numbers } from './instance.ts'

export function siftUp(heap: Int32Array, pos: Int32Array, key: Numbers, at: number): void {
  let k = at
  const x = heap[k] as number
  const kx = key[x] as number
  while (k > 0) {
    const parent = (k - 1) >> 1
    const y = heap[parent] as number
    if ((key[y] as number) <= kx) break
    heap[k] = y
    pos[y] = k
    k = parent
  }
  heap[k] = x
  pos[x] = k
}

export function siftDown(heap: Int32Array, pos: Int32Array, key: Numbers, size: number, at: number): void {
  let k = at
  const x = heap[k] as number
  const kx = key[x] as number
  for (;;) {
    let c = 2 * k + 1
    if (c >= size) break
    let yc = heap[c] as number
    let kc = key[yc] as number
    if (c + 1 < size) {
      const y2 = heap[c + 1] as number
      const k2 = key[y2] as number
      if (k2 < kc) {
        c++
        yc = y2
        kc = k2
      }
    }
    if (kc >= kx) break
    heap[k] = yc
    pos[yc] = k
    k = c
  }
  heap[k] = x
  pos[x] = k
}
