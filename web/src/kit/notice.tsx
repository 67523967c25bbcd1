import type { ComponentChildren, Ref } from 'preact'

/** The page's one polite live region for success messages (`role="status"`: announced, not focused). */
export function Notice(props: {
  testid: string
  children?: ComponentChildren
  /** For a page that moves focus to the message after the element that had it went away. */
  focusRef?: Ref<HTMLParagraphElement>
}) {
  return (
    <p
      class="notice"
      role="status"
      data-testid={props.testid}
      ref={props.focusRef}
      tabIndex={props.focusRef ? -1 : undefined}
    >
      {props.children}
    </p>
  )
}
