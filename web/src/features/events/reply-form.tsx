import { type EventSupport, MAX_EVENT_GUESTS } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { RadioGroup } from '../../kit/choices'
import { SubmitForm } from '../../kit/form'
import { NumberField } from '../../kit/inputs'
import { useForm } from '../../kit/use-form'
import { SupportChoices } from './event-parts'

export interface ReplyValues {
  answer: 'going' | 'declined' | ''
  guests: string
  supports: EventSupport[]
}

const ANSWERS = ['going', 'declined'] as const

/**
 * A reply to an event, for oneself and family: coming or not, how many come along (0 … MAX_EVENT_GUESTS), and
 * which of the supports the event offers the party needs. Used by the portal and the invitation page.
 */
export function ReplyForm(props: {
  id: string
  offered: readonly EventSupport[]
  initial?: Partial<ReplyValues>
  labels: readonly [label: string, busyLabel: string]
  send: (body: { answer: 'going' | 'declined'; guests: number; supports: EventSupport[] }) => Promise<void>
}) {
  const { t } = useI18n()
  const form = useForm<ReplyValues>({ answer: '', guests: '0', supports: [], ...props.initial }, [
    'answer',
    'guests',
    'supports',
  ])
  const { values, field, set, submit } = form
  const id = (name: string) => `${props.id}-${name}`
  return (
    <SubmitForm
      form={form}
      name={props.id}
      testid={props.id}
      labels={props.labels}
      onSubmit={() => {
        const { answer } = values
        if (!answer) return
        submit.run(() =>
          props.send(
            answer === 'going'
              ? { answer, guests: Number(values.guests || '0'), supports: values.supports }
              : { answer, guests: 0, supports: [] },
          ),
        )
      }}
    >
      <RadioGroup
        id={id('answer')}
        class="choices--tiles"
        legend={t('reply.question')}
        required
        options={ANSWERS}
        labelOf={(a) => t(a === 'going' ? 'reply.going' : 'reply.declined')}
        testid={(a) => id(a)}
        {...field('answer')}
      />
      {values.answer === 'going' && (
        <>
          <NumberField
            id={id('guests')}
            label={t('reply.guests')}
            hint={t('reply.guestsHint', { max: MAX_EVENT_GUESTS })}
            min={0}
            max={MAX_EVENT_GUESTS}
            {...field('guests')}
          />
          {props.offered.length > 0 && (
            <SupportChoices
              id={props.id}
              legend={t('reply.supports')}
              options={props.offered}
              value={values.supports}
              error={submit.fields.supports}
              onValue={(supports) => set('supports', supports)}
            />
          )}
        </>
      )}
    </SubmitForm>
  )
}

/** Where a reply stands, in words: seated (with how many), waiting (with the place), or not coming. */
export function ReplyState(props: {
  reply: { status: string; guests: number; waitingPosition: number | null }
  testid: string
}) {
  const { t } = useI18n()
  const r = props.reply
  const text =
    r.status === 'going'
      ? t('reply.isGoing', { count: 1 + r.guests })
      : r.status === 'waitlisted'
        ? t('reply.isWaiting', { place: r.waitingPosition ?? 0 })
        : t('reply.isDeclined')
  return (
    <p class={`badge badge--${r.status}`} data-testid={props.testid} data-status={r.status}>
      {text}
    </p>
  )
}
