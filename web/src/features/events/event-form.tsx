import { EVENT_KINDS, EVENT_SUPPORTS } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { Choice } from '../../kit/choices'
import { SubmitForm } from '../../kit/form'
import { CodeSelect, CodesField, NumberField, TextArea, TextField } from '../../kit/inputs'
import { useForm } from '../../kit/use-form'
import { eventKindLabel } from '../../lib/labels'
import { LanguageNames } from '../programs/language-names'
import { SupportChoices } from './event-parts'
import { type EventValues, eventBody } from './events'

const PATHS = [
  'title',
  'kind',
  'description',
  'startsAt',
  'endsAt',
  'place',
  'online',
  'capacity',
  'languages',
  'supports',
] as const

/**
 * The fields of an event, to create one or change it: times are entered on the organization's clocks
 * (`timeZone`, named beside them); an empty capacity means no limit. `send` gets the request body.
 */
export function EventForm(props: {
  id: string
  initial: EventValues
  timeZone: string
  labels: readonly [label: string, busyLabel: string]
  send: (body: ReturnType<typeof eventBody>) => Promise<void>
}) {
  const { t } = useI18n()
  const form = useForm<EventValues>(props.initial, PATHS)
  const { values, field, set, submit } = form
  const id = (name: string) => `${props.id}-${name}`
  return (
    <SubmitForm
      form={form}
      name={props.id}
      testid={props.id}
      labels={props.labels}
      onSubmit={() => submit.run(() => props.send(eventBody(values, props.timeZone)))}
    >
      <TextField id={id('title')} label={t('event.title')} required maxLength={120} {...field('title')} />
      <CodeSelect
        id={id('kind')}
        label={t('event.kind')}
        codes={eventKindLabel}
        options={EVENT_KINDS}
        required
        empty={{ label: t('form.choose'), disabled: true }}
        {...field('kind')}
      />
      <TextField
        id={id('starts')}
        type="datetime-local"
        label={t('event.startsAt')}
        hint={t('event.timeZone', { zone: props.timeZone })}
        required
        {...field('startsAt')}
      />
      <TextField
        id={id('ends')}
        type="datetime-local"
        label={t('event.endsAt')}
        required
        {...field('endsAt')}
      />
      <TextField id={id('place')} label={t('event.place')} maxLength={200} {...field('place')} />
      <Choice
        name={id('online')}
        value="online"
        checked={values.online}
        label={t('event.online')}
        testid={id('online')}
        onChange={(on) => set('online', on)}
      />
      <NumberField
        id={id('capacity')}
        label={t('event.capacity')}
        hint={t('event.capacityHint')}
        min={1}
        max={10000}
        required={false}
        {...field('capacity')}
      />
      <CodesField
        id={id('languages')}
        label={t('event.languages')}
        hint={<LanguageNames codes={values.languages} />}
        {...field('languages')}
      />
      <SupportChoices
        id={props.id}
        legend={t('event.supportsOffered')}
        options={EVENT_SUPPORTS}
        value={values.supports}
        error={submit.fields.supports}
        onValue={(supports) => set('supports', supports)}
      />
      <TextArea
        id={id('description')}
        label={t('event.description')}
        maxLength={2000}
        {...field('description')}
      />
    </SubmitForm>
  )
}
