import type { ComponentChildren } from 'preact'

/**
 * A part of a page under its own heading: `<section class="section">` labelled by its `<h2 id>`, with an optional
 * intro paragraph under the heading.
 */
export function Section(props: {
  /** The heading's id (the section's `aria-labelledby`). */
  id: string
  heading: ComponentChildren
  intro?: ComponentChildren
  /** `section` unless told otherwise (e.g. `card`). */
  class?: string
  testid?: string
  children: ComponentChildren
}) {
  return (
    <section class={props.class ?? 'section'} aria-labelledby={props.id} data-testid={props.testid}>
      <h2 id={props.id}>{props.heading}</h2>
      {props.intro && <p>{props.intro}</p>}
      {props.children}
    </section>
  )
}

/**
 * A part folded away until opened (`<details class="disclosure">`): the summary, an optional intro paragraph, then
 * the children. `label` names the summary for screen readers where its text alone is not enough (e.g. which goal).
 */
export function Disclosure(props: {
  summary: ComponentChildren
  label?: string
  intro?: ComponentChildren
  testid?: string
  open?: boolean
  children: ComponentChildren
}) {
  return (
    <details class="disclosure" data-testid={props.testid} open={props.open}>
      <summary aria-label={props.label}>{props.summary}</summary>
      {props.intro && <p>{props.intro}</p>}
      {props.children}
    </details>
  )
}
