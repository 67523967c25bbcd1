import { useRef, useState } from 'preact/hooks'
import { useAction } from './use-action'

/**
 * Deleting one item of a loaded list after its confirm step (a meeting, a goal), with the panel's notice: which item
 * is going (`deleting`, its button busy), the error in plain words, and `remove(id, request, done, close)`, which
 * sends the request, says `done`, loads the list again (`reload`) and moves focus to the notice — the item's buttons
 * went with it, so keyboard and screen-reader users stay at the message (`<Notice focusRef={noticeRef}>`).
 */
export function useRemoval(reload: () => void) {
  const [notice, setNotice] = useState('')
  const noticeRef = useRef<HTMLParagraphElement>(null)
  const action = useAction<'delete'>()
  const [deleting, setDeleting] = useState<string | null>(null)
  const remove = (id: string, request: () => Promise<unknown>, done: string, close: () => void) => {
    setDeleting(id)
    action
      .run('delete', async () => {
        await request()
        setNotice(done)
        reload()
        requestAnimationFrame(() => noticeRef.current?.focus())
      })
      .finally(() => {
        setDeleting(null)
        close()
      })
  }
  return { notice, setNotice, noticeRef, deleting, error: action.error, remove }
}
