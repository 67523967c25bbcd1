import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { Field, FormAlert } from '../../kit/form'
import { TextArea, TextField } from '../../kit/inputs'
import { ApiError } from '../../lib/api'
import { fresh, ok, params } from '../../lib/client'
import { todayIso } from '../../lib/dates'
import { describeError } from '../../lib/errors'
import { pairFailureLabel, statusLabel } from '../../lib/labels'
import { isolate } from '../../lib/text'
import { type ParticipantSummary, participantsRoute } from '../participants/participant'
import { matchesRoute } from './matching'
import type { BoardList } from './use-list'

/** Who may be paired by hand (the API checks again): newcomers waiting, mentors cleared (with a free place). */
const POOL = { mentee: 'applied,ready', mentor: 'ready,matched' } as const
const PICK_LIMIT = 50
/** The API's minimum for a written override reason. */
const MIN_REASON = 10

/**
 * The optional days of a tandem made by hand: its start, when it began before it was recorded, and its planned
 * end (left empty: the program's commitment after the start).
 */
const DAY_FIELDS = [
  { field: 'startedOn', id: 'manual-started-on', label: 'manual.startedOn', hint: 'manual.startedOnHint' },
  {
    field: 'plannedEndOn',
    id: 'manual-planned-end',
    label: 'manual.plannedEnd',
    hint: 'manual.plannedEndHint',
  },
] as const

type Side = keyof typeof POOL
/** The two pickers, newcomer first. */
const SIDES: readonly Side[] = ['mentee', 'mentor']

/** A chosen participant: the id sent, the name shown. */
interface Pick {
  id: string
  name: string
}

/**
 * One side of the pair: a search box over the program's available newcomers (or mentors) and the list of
 * those found. The list is asked for again as the search changes (a moment after typing stops).
 */
function PersonPicker(props: {
  side: Side
  slug: string
  programId: string
  version: number
  pick: Pick
  error: string | undefined
  onValue: (id: string, name: string) => void
}) {
  const { t } = useI18n()
  const [search, setSearch] = useState('')
  const [found, setFound] = useState<{ items: ParticipantSummary[]; more: boolean } | null>(null)
  const [failed, setFailed] = useState<unknown>(null)

  useEffect(() => {
    const controller = new AbortController()
    const timer = setTimeout(() => {
      const query = {
        role: props.side,
        status: POOL[props.side],
        limit: String(PICK_LIMIT),
        ...(search.trim() ? { q: search.trim() } : {}),
      }
      ok(
        participantsRoute.$get(
          { param: params({ org: props.slug, program: props.programId }), query },
          fresh(controller.signal),
        ),
      )
        .then((page) => {
          setFailed(null)
          setFound({ items: page.items, more: page.nextCursor !== null })
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setFailed(error)
        })
    }, 250)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [props.slug, props.programId, props.side, props.version, search])

  const id = `manual-${props.side}`
  // The one chosen stays in the list while another search shows other people.
  const options = [
    ...(props.pick.id && !found?.items.some((p) => p.id === props.pick.id)
      ? [{ id: props.pick.id, displayName: props.pick.name, status: '' }]
      : []),
    ...(found?.items ?? []),
  ]
  return (
    <fieldset class="manual__side">
      <legend>{props.side === 'mentee' ? t('manual.mentee') : t('manual.mentor')}</legend>
      <Field id={`${id}-search`} label={t('manual.search')}>
        {(control) => (
          <input
            {...control}
            type="search"
            autocomplete="off"
            value={search}
            data-testid={`${id}-search`}
            onInput={(event) => setSearch(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        id={id}
        label={props.side === 'mentee' ? t('manual.chooseMentee') : t('manual.chooseMentor')}
        hint={found?.more ? t('manual.more', { count: PICK_LIMIT }) : undefined}
        error={props.error ?? (failed ? describeError(failed, t) : undefined)}
      >
        {(control) => (
          <select
            {...control}
            data-testid={id}
            value={props.pick.id}
            onChange={(event) => {
              const picked = options.find((p) => p.id === event.currentTarget.value)
              props.onValue(picked?.id ?? '', picked?.displayName ?? '')
            }}
          >
            <option value="">
              {found === null
                ? t('common.loading')
                : found.items.length === 0
                  ? t('manual.nobody')
                  : t('manual.choose')}
            </option>
            {options.map((p) => (
              <option key={p.id} value={p.id}>
                {p.status
                  ? `${isolate(p.displayName)} · ${statusLabel(t, p.status)}`
                  : isolate(p.displayName)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  )
}

/** What the last attempt answered: constraints to override (with a reason), or constraints that block. */
type Refusal = { kind: 'override' | 'blocking'; failures: string[] } | null

/**
 * "Match by hand" on the board: pick a waiting newcomer and a mentor, and match them. When the pair breaks hard
 * constraints the API answers 409 listing them; they are shown in words, and those that may be overridden can be,
 * with a written reason (stored on the match and in the audit log).
 */
export function ManualMatch(props: BoardList & { onMatched: (text: string) => void }) {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  const [mentee, setMentee] = useState<Pick>({ id: '', name: '' })
  const [mentor, setMentor] = useState<Pick>({ id: '', name: '' })
  const [refusal, setRefusal] = useState<Refusal>(null)
  const [reason, setReason] = useState('')
  const [days, setDays] = useState({ startedOn: '', plannedEndOn: '' })
  const [errors, setErrors] = useState<{
    mentee?: string
    mentor?: string
    reason?: string
    startedOn?: string
    plannedEndOn?: string
  }>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const openButton = useRef<HTMLButtonElement>(null)
  const reasonInput = useRef<HTMLTextAreaElement>(null)

  // Before the browser paints the refusal, so the reason field has focus as soon as the words asking for it show.
  useLayoutEffect(() => {
    if (refusal?.kind === 'override') reasonInput.current?.focus()
  }, [refusal])

  const reset = () => {
    setRefusal(null)
    setReason('')
    setErrors({})
    setMessage(null)
  }
  const choose = (side: Side) => (id: string, name: string) => {
    ;(side === 'mentee' ? setMentee : setMentor)({ id, name })
    reset()
  }
  const close = () => {
    setOpen(false)
    setMentee({ id: '', name: '' })
    setMentor({ id: '', name: '' })
    setDays({ startedOn: '', plannedEndOn: '' })
    reset()
    requestAnimationFrame(() => openButton.current?.focus())
  }

  const submit = async (event: Event) => {
    event.preventDefault()
    const missing = {
      ...(mentee.id ? {} : { mentee: t('manual.pickMentee') }),
      ...(mentor.id ? {} : { mentor: t('manual.pickMentor') }),
    }
    const overriding = refusal?.kind === 'override'
    if (overriding && reason.trim().length < MIN_REASON) {
      setErrors({ reason: t('manual.reasonShort', { count: MIN_REASON }) })
      reasonInput.current?.focus()
      return
    }
    if (missing.mentee || missing.mentor) {
      setErrors(missing)
      return
    }
    setBusy(true)
    setErrors({})
    setMessage(null)
    try {
      await ok(
        matchesRoute.$post({
          param: params({ org: props.slug, program: props.programId }),
          json: {
            menteeId: mentee.id,
            mentorId: mentor.id,
            ...(overriding ? { overrideReason: reason.trim() } : {}),
            ...(days.startedOn ? { startedOn: days.startedOn } : {}),
            ...(days.plannedEndOn ? { plannedEndOn: days.plannedEndOn } : {}),
          },
        }),
      )
      const text = t('manual.matched', { mentee: isolate(mentee.name), mentor: isolate(mentor.name) })
      close()
      props.onMatched(text)
    } catch (error) {
      if (
        error instanceof ApiError &&
        (error.code === 'override-needed' || error.code === 'constraints-blocking')
      ) {
        setRefusal({
          kind: error.code === 'override-needed' ? 'override' : 'blocking',
          failures: error.errors.map((e) => e.message),
        })
      } else if (error instanceof ApiError && error.code === 'participants-unavailable') {
        const paths = new Set(error.errors.map((e) => e.path))
        setErrors({
          ...(paths.has('menteeId') ? { mentee: t('manual.menteeUnavailable') } : {}),
          ...(paths.has('mentorId') ? { mentor: t('manual.mentorUnavailable') } : {}),
        })
        setMessage(describeError(error, t))
      } else if (error instanceof ApiError && error.code === 'invalid-request') {
        // A start in the future or too far back, a planned end not after the start: said at the field.
        const at = (path: string) => error.errors.find((e) => e.path === path)
        const started = at('startedOn')
        const ends = at('plannedEndOn')
        setErrors({
          ...(started ? { startedOn: t('manual.startedOnInvalid') } : {}),
          ...(ends ? { plannedEndOn: t('manual.plannedEndInvalid') } : {}),
        })
        if (!started && !ends) setMessage(describeError(error, t))
      } else {
        setMessage(describeError(error, t))
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="section" aria-labelledby="manual-heading" data-testid="manual-match">
      <h2 id="manual-heading">{t('manual.heading')}</h2>
      {!open ? (
        <>
          <p class="muted">{t('manual.intro')}</p>
          <button
            ref={openButton}
            type="button"
            class="button button--secondary"
            data-testid="manual-open"
            onClick={() => {
              setOpen(true)
              requestAnimationFrame(() => document.getElementById('manual-mentee-search')?.focus())
            }}
          >
            {t('manual.open')}
          </button>
        </>
      ) : (
        <form class="form manual" onSubmit={submit} data-testid="manual-form" noValidate>
          <p class="muted">{t('manual.intro')}</p>
          <div class="manual__pair">
            {SIDES.map((side) => (
              <PersonPicker
                key={side}
                side={side}
                slug={props.slug}
                programId={props.programId}
                version={props.version}
                pick={side === 'mentee' ? mentee : mentor}
                error={errors[side]}
                onValue={choose(side)}
              />
            ))}
          </div>

          <div class="manual__pair">
            {DAY_FIELDS.map(({ field, id, label, hint }) => (
              <TextField
                key={field}
                id={id}
                type="date"
                label={t(label)}
                hint={t(hint)}
                error={errors[field]}
                {...(field === 'startedOn' ? { max: todayIso() } : { min: days.startedOn || todayIso() })}
                value={days[field]}
                onValue={(value) => {
                  setDays((d) => ({ ...d, [field]: value }))
                  setErrors(({ [field]: _, ...rest }) => rest)
                }}
              />
            ))}
          </div>

          {refusal && (
            <div
              class={`alert ${refusal.kind === 'blocking' ? 'alert--error' : 'alert--warning'}`}
              role="alert"
              data-testid="manual-refusal"
              data-kind={refusal.kind}
            >
              <p>
                {refusal.kind === 'blocking'
                  ? t('manual.blocking', { mentee: isolate(mentee.name), mentor: isolate(mentor.name) })
                  : t('manual.breaks', { mentee: isolate(mentee.name), mentor: isolate(mentor.name) })}
              </p>
              <ul class="manual__failures" data-testid="manual-failures">
                {refusal.failures.map((code) => (
                  <li key={code} data-testid="manual-failure" data-code={code}>
                    {pairFailureLabel(t, code)}
                  </li>
                ))}
              </ul>
              {refusal.kind === 'override' && <p>{t('manual.overrideIntro')}</p>}
            </div>
          )}

          {refusal?.kind === 'override' && (
            <TextArea
              id="manual-reason"
              label={t('manual.reason')}
              hint={t('manual.reasonHint', { count: MIN_REASON })}
              error={errors.reason}
              inputRef={reasonInput}
              rows={3}
              maxLength={500}
              required
              value={reason}
              onValue={setReason}
            />
          )}

          <FormAlert message={message} testid="manual-error" />
          <div class="actions">
            {refusal?.kind !== 'blocking' && (
              <button
                type="submit"
                class={`button${refusal?.kind === 'override' ? ' button--danger' : ''}`}
                disabled={busy}
                aria-busy={busy ? 'true' : undefined}
                data-testid={refusal?.kind === 'override' ? 'manual-override' : 'manual-submit'}
              >
                {busy
                  ? t('manual.matching')
                  : refusal?.kind === 'override'
                    ? t('manual.override')
                    : t('manual.submit')}
              </button>
            )}
            <Button onClick={close} testid="manual-cancel">
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      )}
    </section>
  )
}
