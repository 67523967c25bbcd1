import type { ComponentChildren } from 'preact'

/** One fact: a label and its value; the value's `<dd>` may carry a test id. */
export interface Fact {
  label: string
  value: ComponentChildren
  testid?: string
}

const isShown = (fact: Fact | Absent): fact is Fact =>
  !!fact && fact.value !== null && fact.value !== undefined && fact.value !== '' && fact.value !== false

/** A fact left out: `cond && { label, value }` when `cond` is false, null or empty. */
type Absent = false | null | undefined | ''

/** A `<dl class="facts">` of label/value pairs; facts that are falsy or have no value are left out. */
export function FactList(props: { facts: readonly (Fact | Absent)[]; testid?: string; class?: string }) {
  return (
    <dl class={props.class ? `facts ${props.class}` : 'facts'} data-testid={props.testid}>
      {props.facts.filter(isShown).map((fact) => (
        <div key={fact.label}>
          <dt>{fact.label}</dt>
          <dd data-testid={fact.testid}>{fact.value}</dd>
        </div>
      ))}
    </dl>
  )
}
