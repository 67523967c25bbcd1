import type { ComponentChildren, RefObject } from 'preact'
import { useRef, useState } from 'preact/hooks'
import { ApiError, apiGet, apiSend } from '../api'
import { Breadcrumbs } from '../components/breadcrumbs'
import { describeError, Field, FormAlert, SubmitButton, useSubmit } from '../components/form'
import { skillsText } from '../components/language-list'
import { LoadError, Loading, useLoad } from '../components/load'
import { useI18n, useTitle } from '../i18n/context'
import type { Translate } from '../i18n/types'
import { endReasonLabel } from '../matching'
import { type Organization, type OrganizationWithRole, orgApi } from '../org'
import {
  CHECK_STATUSES,
  type CheckStatus,
  canManagePrograms,
  checkStatusLabel,
  dayDate,
  EXIT_REASONS,
  type ExitReason,
  exitReasonLabel,
  type HistoryEvent,
  languageLabel,
  listText,
  missingLabel,
  NEXT_STATUSES,
  needLabel,
  type ParticipantDetail,
  type ParticipantStatus,
  type Program,
  type ProtectedField,
  participantRoleLabel,
  programApi,
  programPath,
  programsPath,
  protectedFieldLabel,
  REFERENCE_STATUSES,
  RESIDENCE_STATUSES,
  type Reference,
  referenceStatusLabel,
  residenceLabel,
  type Screening,
  statusLabel,
  todayIso,
} from '../programs'
import { orgPath, type Role } from '../session'

interface Data {
  organization: Organization
  role: Role
  program: Program
  participant: ParticipantDetail
}

async function loadAll(
  slug: string,
  program: string,
  participant: string,
  signal: AbortSignal,
): Promise<Data> {
  const [org, found, person] = await Promise.all([
    apiGet<OrganizationWithRole>(orgApi(slug), { signal }),
    apiGet<Program>(programApi(slug, program), { signal }),
    apiGet<ParticipantDetail>(programApi(slug, program, `/participants/${encodeURIComponent(participant)}`), {
      signal,
      cache: 'no-store',
    }),
  ])
  return { ...org, program: found, participant: person }
}

interface Context {
  data: Data
  url: string
  canManage: boolean
  reload: () => void
  notify: (message: string) => void
}

/** `/orgs/{org}/programs/{program}/participants/{participant}`: profile, status, screening, protected fields, history. */
export default function ParticipantPage(props: { org: string; program: string; participant: string }) {
  const { t } = useI18n()
  const key = `${props.org}/${props.program}/${props.participant}`
  const { state, reload } = useLoad(key, (signal) =>
    loadAll(props.org, props.program, props.participant, signal),
  )
  const [notice, setNotice] = useState('')
  useTitle(state.kind === 'ok' ? state.data.participant.displayName : t('participant.title'))

  let body = <Loading />
  if (state.kind === 'error') body = <LoadError error={state.error} notFound={t('participant.notFound')} />
  if (state.kind === 'ok') {
    const { participant, role } = state.data
    const context: Context = {
      data: state.data,
      url: programApi(props.org, props.program, `/participants/${encodeURIComponent(participant.id)}`),
      canManage: canManagePrograms(role),
      reload,
      notify: setNotice,
    }
    body = (
      <>
        <h1 data-testid="participant-name">
          <bdi>{participant.displayName}</bdi>
        </h1>
        <p class="lead">
          {participantRoleLabel(t, participant.role)}{' '}
          <span
            class={`badge badge--${participant.status}`}
            data-testid="participant-status"
            data-status={participant.status}
          >
            {statusLabel(t, participant.status)}
          </span>
          {participant.exitReason && (
            <>
              {' '}
              <span class="muted">({exitReasonLabel(t, participant.exitReason)})</span>
            </>
          )}
        </p>
        {context.canManage && <StatusForm key={participant.status} {...context} />}
        <Details {...context} />
        {context.canManage && <PortalAccess {...context} />}
        {participant.screening && <ScreeningSection {...context} screening={participant.screening} />}
        {state.data.program.protectedFields.length > 0 && context.canManage && (
          <ProtectedPanel {...context} />
        )}
        <History events={participant.history} />
      </>
    )
  }

  return (
    <div class="page">
      {state.kind === 'ok' && (
        <Breadcrumbs
          items={[
            { href: orgPath(props.org), label: state.data.organization.name },
            { href: programsPath(props.org), label: t('programs.title') },
            { href: programPath(props.org, props.program), label: state.data.program.name },
          ]}
        />
      )}
      {state.kind !== 'ok' && <h1>{t('participant.title')}</h1>}
      {/* One polite live region for the page's success messages. */}
      <p class="notice" role="status" data-testid="participant-notice">
        {notice}
      </p>
      {body}
    </div>
  )
}

// ---------- portal access ----------

/** Whether the person can use the participant portal; the invitation that gives them access; taking it away. */
function PortalAccess(props: Context) {
  const { t, formatDate } = useI18n()
  const p = props.data.participant
  const invite = useSubmit([])
  const pending = p.portalInvitation
  const url = `${props.url}/portal-access`
  const send = () =>
    invite.run(async () => {
      const result = await apiSend<{ invitation: { email: string } }>('POST', url)
      props.notify(t('participant.portalInvited', { email: result.invitation.email }))
      props.reload()
    })
  const remove = () =>
    invite.run(async () => {
      await apiSend('DELETE', url)
      props.notify(t('participant.portalRemoved'))
      props.reload()
    })
  let text = p.email ? t('participant.portalNone') : t('participant.portalNoEmail')
  if (pending) {
    text = t('participant.portalPending', {
      email: pending.email,
      date: formatDate(new Date(pending.expiresAt), { dateStyle: 'medium' }),
    })
  }
  const button = (label: string, onClick: () => void, testid: string) => (
    <button
      type="button"
      class="button button--secondary"
      data-testid={testid}
      disabled={invite.busy}
      aria-busy={invite.busy ? 'true' : undefined}
      onClick={onClick}
    >
      {label}
    </button>
  )
  return (
    <section class="section" aria-labelledby="portal-heading" data-testid="portal-access">
      <h2 id="portal-heading">{t('participant.portal')}</h2>
      <p data-testid={p.portalLinked ? 'portal-linked' : 'portal-state'}>
        {p.portalLinked ? t('participant.portalLinked') : text}
      </p>
      <FormAlert message={invite.message} />
      <div class="actions">
        {!p.portalLinked &&
          p.email &&
          button(
            invite.busy
              ? t('participant.portalInviting')
              : pending
                ? t('participant.portalResend')
                : t('participant.portalInvite'),
            send,
            'portal-invite',
          )}
        {(p.portalLinked || pending) && button(t('participant.portalRemove'), remove, 'portal-remove')}
      </div>
    </section>
  )
}

// ---------- status ----------

function StatusForm(props: Context) {
  const { t } = useI18n()
  const { participant } = props.data
  const formRef = useRef<HTMLFormElement>(null)
  const blocked = participant.role === 'mentor' && !participant.screening?.matchable
  // A mentor becomes ready (or matched) only once screening is complete; the API refuses otherwise.
  const options = NEXT_STATUSES[participant.status].filter(
    (s) => !(blocked && (s === 'ready' || s === 'matched')),
  )
  const [status, setStatus] = useState<ParticipantStatus | ''>('')
  const [reason, setReason] = useState<ExitReason | ''>('')
  const submit = useSubmit(['status', 'exitReason'], { formRef })

  const onSubmit = (event: Event) => {
    event.preventDefault()
    if (!status) return
    submit.run(async () => {
      await apiSend('PATCH', props.url, { status, ...(status === 'exited' ? { exitReason: reason } : {}) })
      props.notify(t('participant.statusChanged', { status: statusLabel(t, status) }))
      props.reload()
    })
  }

  return (
    <section class="section" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('participant.statusHeading')}</h2>
      {options.length === 0 ? (
        <p>{t('participant.noNextStatus')}</p>
      ) : (
        <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="status-form">
          <Field
            id="status-next"
            label={t('participant.nextStatus')}
            hint={blocked ? t('participant.mentorBlocked') : undefined}
            error={submit.fields.status}
          >
            {(control) => (
              <select
                {...control}
                data-testid="status-select"
                required
                value={status}
                onChange={(event) => setStatus(event.currentTarget.value as ParticipantStatus)}
              >
                <option value="" disabled>
                  {t('form.choose')}
                </option>
                {options.map((option) => (
                  <option key={option} value={option}>
                    {statusLabel(t, option)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {status === 'exited' && (
            <Field
              id="status-exit-reason"
              label={t('participant.exitReason')}
              error={submit.fields.exitReason}
            >
              {(control) => (
                <select
                  {...control}
                  data-testid="exit-reason"
                  required
                  value={reason}
                  onChange={(event) => setReason(event.currentTarget.value as ExitReason)}
                >
                  <option value="" disabled>
                    {t('form.choose')}
                  </option>
                  {EXIT_REASONS.map((option) => (
                    <option key={option} value={option}>
                      {exitReasonLabel(t, option)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <FormAlert message={submit.message} />
          <SubmitButton
            busy={submit.busy}
            label={t('participant.changeStatus')}
            busyLabel={t('common.saving')}
            testid="status-submit"
          />
        </form>
      )}
    </section>
  )
}

// ---------- details ----------

function Details(props: Context) {
  const { t, locale, formatDate } = useI18n()
  const p = props.data.participant
  const needs = [...p.settlementNeeds, ...p.accessNeeds]
  const sources: Record<string, string> = {
    intake: t('participant.source.intake'),
    import: t('participant.source.import'),
    coordinator: t('participant.source.coordinator'),
    seed: t('participant.source.seed'),
  }
  const rows: [string, ComponentChildren][] = [
    [t('members.email'), p.email && <bdi dir="ltr">{p.email}</bdi>],
    [t('enroll.phone'), p.phone && <bdi dir="ltr">{p.phone}</bdi>],
    [t('enroll.preferredLocale'), languageLabel(locale, p.preferredLocale)],
    [t('participant.languages'), skillsText(p.languages, locale, t)],
    [t('participant.interpretation'), p.wantsInterpretation ? t('common.yes') : null],
    [t('participants.neighborhood'), p.neighborhood && <bdi>{p.neighborhood}</bdi>],
    [t('participant.interests'), p.interests.length ? <bdi>{listText(locale, p.interests)}</bdi> : null],
    [t('participant.sector'), p.sector && <bdi>{p.sector}</bdi>],
    [
      t('participant.availability'),
      p.availability.length ? <bdi dir="ltr">{p.availability.join(', ')}</bdi> : null,
    ],
    [
      t('participants.need'),
      needs.length
        ? listText(
            locale,
            needs.map((n) => needLabel(t, n)),
          )
        : null,
    ],
    [t('enroll.capacity'), p.role === 'mentor' ? String(p.capacity) : null],
    [t('participant.source'), sources[p.source] ?? p.source],
    [
      t('participant.consent'),
      p.consentAt ? (
        <span data-testid="participant-consent">
          {t('participant.consentGiven', {
            date: formatDate(new Date(p.consentAt), { dateStyle: 'medium' }),
            version: p.consentVersion ?? '–',
          })}
        </span>
      ) : (
        t('participant.consentNone')
      ),
    ],
    [t('programs.created'), formatDate(new Date(p.createdAt), { dateStyle: 'medium', timeStyle: 'short' })],
  ]
  return (
    <section class="section" aria-labelledby="details-heading">
      <h2 id="details-heading">{t('participant.details')}</h2>
      <dl class="facts" data-testid="participant-details">
        {rows
          .filter(([, value]) => value !== null && value !== '' && value !== undefined)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  )
}

// ---------- screening ----------

function Check(props: { done: boolean; testid: string; children: ComponentChildren }) {
  const { t } = useI18n()
  return (
    <li
      class={`check ${props.done ? 'check--done' : ''}`}
      data-testid={props.testid}
      data-done={String(props.done)}
    >
      <span class="check__mark" aria-hidden="true">
        {props.done ? '✓' : '○'}
      </span>
      <span class="visually-hidden">{props.done ? t('screening.done') : t('screening.todo')}</span>
      <div class="check__body">{props.children}</div>
    </li>
  )
}

function ScreeningSection(props: Context & { screening: Screening }) {
  const { t, formatDate } = useI18n()
  const { screening } = props
  const { program } = props.data
  const missing = new Set(screening.missing)
  const referencesDone = !missing.has('references') && !missing.has('references_concerns')
  const checkDone = !missing.has('background_check') && !missing.has('background_check_expired')
  const trainingDone = !screening.missing.some((m) => m.startsWith('training:'))
  const safetyDone = !missing.has('safety_guidelines')

  return (
    <section class="section" aria-labelledby="screening-heading" data-testid="screening">
      <h2 id="screening-heading">{t('screening.heading')}</h2>
      {screening.matchable ? (
        <p class="alert alert--ok alert--spaced" data-testid="screening-state" data-state="matchable">
          {t('screening.matchable')}
        </p>
      ) : (
        <p class="alert alert--spaced" data-testid="screening-state" data-state="incomplete">
          {t('screening.incomplete')}
        </p>
      )}
      {screening.expired && (
        <p class="alert alert--error alert--spaced" data-testid="screening-expired">
          {t('screening.expired', {
            date: formatDate(dayDate(screening.checkExpiresOn ?? todayIso()), { dateStyle: 'medium' }),
          })}
        </p>
      )}
      {screening.expiringSoon && screening.checkExpiresOn && (
        <p class="alert alert--warning alert--spaced" data-testid="screening-expiring">
          {t('screening.expiringSoon', {
            date: formatDate(dayDate(screening.checkExpiresOn), { dateStyle: 'medium' }),
          })}
        </p>
      )}
      <ol class="checklist">
        <Check done={referencesDone} testid="check-references">
          <h3>{t('screening.references')}</h3>
          <p class="field__hint">{t('screening.referencesHint')}</p>
          <ReferencesForm {...props} />
        </Check>
        <Check done={checkDone} testid="check-background">
          <h3>{t('screening.check')}</h3>
          <BackgroundCheckForm {...props} />
        </Check>
        <Check done={trainingDone} testid="check-training">
          <h3>{t('screening.training')}</h3>
          <TrainingForm {...props} />
        </Check>
        <Check done={safetyDone} testid="check-safety">
          <h3>{t('screening.safety')}</h3>
          <SafetyForm {...props} done={safetyDone} />
        </Check>
        <Check done={screening.approvedAt !== null} testid="check-approval">
          <h3>{t('screening.approval')}</h3>
          <ApprovalForm {...props} modules={program} />
        </Check>
      </ol>
    </section>
  )
}

/** PATCH …/screening, then reload the participant (the status may have moved with it). */
function useScreeningSave(props: Context, paths: readonly string[], formRef: RefObject<HTMLElement | null>) {
  const submit = useSubmit(paths, { formRef })
  const save = (body: Record<string, unknown>, message: string) =>
    submit.run(async () => {
      await apiSend<Screening>('PATCH', `${props.url}/screening`, body)
      props.notify(message)
      props.reload()
    })
  return { submit, save }
}

interface ReferenceRow extends Reference {
  key: number
}

function ReferencesForm(props: Context & { screening: Screening }) {
  const { t } = useI18n()
  const formRef = useRef<HTMLFormElement>(null)
  const nextKey = useRef(props.screening.references.length)
  const [rows, setRows] = useState<ReferenceRow[]>(() =>
    props.screening.references.map((r, key) => ({ ...r, key })),
  )
  const paths = [
    'references',
    ...rows.flatMap((_, i) =>
      ['name', 'relation', 'status', 'receivedOn'].map((f) => `references.${i}.${f}`),
    ),
  ]
  const { submit, save } = useScreeningSave(props, paths, formRef)
  const update = (index: number, change: Partial<ReferenceRow>) =>
    setRows((current) => current.map((r, i) => (i === index ? { ...r, ...change } : r)))

  return (
    <form
      ref={formRef}
      class="form form--compact"
      data-testid="references-form"
      onSubmit={(event) => {
        event.preventDefault()
        save(
          {
            references: rows.map(({ key, ...r }) => ({
              name: r.name.trim(),
              relation: r.relation.trim(),
              status: r.status,
              receivedOn: r.status === 'requested' ? null : r.receivedOn || null,
            })),
          },
          t('screening.saved'),
        )
      }}
    >
      {rows.length === 0 && <p>{t('screening.noReferences')}</p>}
      {submit.fields.references && <p class="field__error">{submit.fields.references}</p>}
      <ol class="module-list">
        {rows.map((row, index) => (
          <li key={row.key} class="module-row" data-testid="reference-row">
            <Field
              id={`ref-${row.key}-name`}
              label={t('screening.refName', { number: index + 1 })}
              error={submit.fields[`references.${index}.name`]}
            >
              {(control) => (
                <input
                  {...control}
                  data-testid="reference-name"
                  type="text"
                  required
                  maxLength={120}
                  disabled={!props.canManage}
                  value={row.name}
                  onInput={(event) => update(index, { name: event.currentTarget.value })}
                />
              )}
            </Field>
            <Field
              id={`ref-${row.key}-relation`}
              label={t('screening.refRelation')}
              error={submit.fields[`references.${index}.relation`]}
            >
              {(control) => (
                <input
                  {...control}
                  data-testid="reference-relation"
                  type="text"
                  maxLength={80}
                  disabled={!props.canManage}
                  value={row.relation}
                  onInput={(event) => update(index, { relation: event.currentTarget.value })}
                />
              )}
            </Field>
            <Field
              id={`ref-${row.key}-status`}
              label={t('screening.refStatus')}
              error={submit.fields[`references.${index}.status`]}
            >
              {(control) => (
                <select
                  {...control}
                  data-testid="reference-status"
                  disabled={!props.canManage}
                  value={row.status}
                  onChange={(event) => {
                    const status = event.currentTarget.value as Reference['status']
                    update(index, {
                      status,
                      receivedOn: status === 'requested' ? null : row.receivedOn || todayIso(),
                    })
                  }}
                >
                  {REFERENCE_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {referenceStatusLabel(t, s)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {row.status !== 'requested' && (
              <Field
                id={`ref-${row.key}-date`}
                label={t('screening.refReceivedOn')}
                error={submit.fields[`references.${index}.receivedOn`]}
              >
                {(control) => (
                  <input
                    {...control}
                    data-testid="reference-date"
                    type="date"
                    disabled={!props.canManage}
                    value={row.receivedOn ?? ''}
                    onInput={(event) => update(index, { receivedOn: event.currentTarget.value || null })}
                  />
                )}
              </Field>
            )}
            {props.canManage && (
              <button
                type="button"
                class="button button--secondary button--small"
                onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
              >
                {t('screening.refRemove', { number: index + 1 })}
              </button>
            )}
          </li>
        ))}
      </ol>
      {props.canManage && (
        <div class="actions">
          {rows.length < 5 && (
            <button
              type="button"
              class="button button--secondary"
              data-testid="reference-add"
              onClick={() => {
                const key = nextKey.current++
                setRows((current) => [
                  ...current,
                  { key, name: '', relation: '', status: 'requested', receivedOn: null },
                ])
                requestAnimationFrame(() => document.getElementById(`ref-${key}-name`)?.focus())
              }}
            >
              {t('screening.refAdd')}
            </button>
          )}
          <SubmitButton
            busy={submit.busy}
            label={t('screening.refSave')}
            busyLabel={t('common.saving')}
            testid="references-save"
          />
        </div>
      )}
      <FormAlert message={submit.message} />
    </form>
  )
}

function BackgroundCheckForm(props: Context & { screening: Screening }) {
  const { t } = useI18n()
  const s = props.screening
  const formRef = useRef<HTMLFormElement>(null)
  const [status, setStatus] = useState<CheckStatus>(s.checkStatus)
  const [providerRef, setProviderRef] = useState(s.checkProviderRef ?? '')
  const [checkedOn, setCheckedOn] = useState(s.checkedOn ?? '')
  const [expiresOn, setExpiresOn] = useState(s.checkExpiresOn ?? '')
  const { submit, save } = useScreeningSave(
    props,
    ['checkStatus', 'checkProviderRef', 'checkedOn', 'checkExpiresOn'],
    formRef,
  )
  const f = submit.fields
  const disabled = !props.canManage

  return (
    <form
      ref={formRef}
      class="form form--compact"
      data-testid="check-form"
      onSubmit={(event) => {
        event.preventDefault()
        save(
          {
            checkStatus: status,
            checkProviderRef: providerRef.trim() || null,
            checkedOn: checkedOn || null,
            checkExpiresOn: expiresOn || null,
          },
          t('screening.saved'),
        )
      }}
    >
      <Field id="check-status" label={t('screening.checkStatus')} error={f.checkStatus}>
        {(control) => (
          <select
            {...control}
            data-testid="check-status"
            disabled={disabled}
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value as CheckStatus)}
          >
            {CHECK_STATUSES.map((option) => (
              <option key={option} value={option}>
                {checkStatusLabel(t, option)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="check-provider"
        label={t('screening.checkProvider')}
        hint={t('enroll.optional')}
        error={f.checkProviderRef}
      >
        {(control) => (
          <input
            {...control}
            data-testid="check-provider"
            type="text"
            dir="ltr"
            maxLength={120}
            disabled={disabled}
            value={providerRef}
            onInput={(event) => setProviderRef(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field id="check-date" label={t('screening.checkedOn')} error={f.checkedOn}>
        {(control) => (
          <input
            {...control}
            data-testid="check-date"
            type="date"
            disabled={disabled}
            value={checkedOn}
            onInput={(event) => setCheckedOn(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        id="check-expires"
        label={t('screening.checkExpiresOn')}
        hint={t('screening.checkExpiresHint')}
        error={f.checkExpiresOn}
      >
        {(control) => (
          <input
            {...control}
            data-testid="check-expires"
            type="date"
            required={status === 'clear'}
            disabled={disabled}
            value={expiresOn}
            onInput={(event) => setExpiresOn(event.currentTarget.value)}
          />
        )}
      </Field>
      <FormAlert message={submit.message} />
      {props.canManage && (
        <SubmitButton
          busy={submit.busy}
          label={t('screening.checkSave')}
          busyLabel={t('common.saving')}
          testid="check-save"
        />
      )}
    </form>
  )
}

function TrainingForm(props: Context & { screening: Screening }) {
  const { t, formatDate } = useI18n()
  const { trainingModules } = props.data.program
  const formRef = useRef<HTMLDivElement>(null)
  const [dates, setDates] = useState<Record<string, string>>({})
  const { submit, save } = useScreeningSave(
    props,
    ['trainingCompleted', ...trainingModules.map((m) => `trainingCompleted.${m.id}`)],
    formRef,
  )

  if (trainingModules.length === 0) return <p>{t('screening.noTraining')}</p>
  return (
    <div ref={formRef}>
      <ul class="module-list">
        {trainingModules.map((m) => {
          const done = props.screening.trainingCompleted[m.id]
          const date = dates[m.id] ?? todayIso()
          return (
            <li
              key={m.id}
              class="item-row"
              data-testid="training-row"
              data-module={m.id}
              data-done={String(Boolean(done))}
            >
              <strong>
                <bdi>{m.title}</bdi>
              </strong>
              {done ? (
                <p>
                  {t('screening.trainingDone', { date: formatDate(dayDate(done), { dateStyle: 'medium' }) })}
                </p>
              ) : (
                props.canManage && (
                  <form
                    class="inline-form"
                    onSubmit={(event) => {
                      event.preventDefault()
                      save({ trainingCompleted: { [m.id]: date } }, t('screening.saved'))
                    }}
                  >
                    <Field
                      id={`training-${m.id}-date`}
                      label={t('screening.trainingDate')}
                      error={submit.fields[`trainingCompleted.${m.id}`]}
                    >
                      {(control) => (
                        <input
                          {...control}
                          data-testid="training-date"
                          type="date"
                          required
                          max={todayIso()}
                          value={date}
                          onInput={(event) =>
                            setDates((current) => ({ ...current, [m.id]: event.currentTarget.value }))
                          }
                        />
                      )}
                    </Field>
                    <button
                      type="submit"
                      class="button button--small"
                      data-testid="training-complete"
                      disabled={submit.busy}
                      aria-label={t('screening.trainingCompleteNamed', { module: m.title })}
                    >
                      {t('screening.trainingComplete')}
                    </button>
                  </form>
                )
              )}
            </li>
          )
        })}
      </ul>
      <FormAlert message={submit.message ?? submit.fields.trainingCompleted ?? null} />
    </div>
  )
}

function SafetyForm(props: Context & { screening: Screening; done: boolean }) {
  const { t, formatDate } = useI18n()
  const ref = useRef<HTMLDivElement>(null)
  const { submit, save } = useScreeningSave(props, [], ref)
  const { program } = props.data
  if (props.done && props.screening.safetyAckAt) {
    return (
      <p data-testid="safety-done">
        {t('screening.safetyDone', {
          date: formatDate(new Date(props.screening.safetyAckAt), { dateStyle: 'medium' }),
          version: program.safetyGuidelinesVersion,
        })}
      </p>
    )
  }
  return (
    <div ref={ref}>
      <p>{t('screening.safetyHint', { version: program.safetyGuidelinesVersion })}</p>
      {props.screening.safetyAckVersion && (
        <p class="muted">{t('screening.safetyOld', { version: props.screening.safetyAckVersion })}</p>
      )}
      {props.canManage && (
        <button
          type="button"
          class="button"
          data-testid="safety-ack"
          disabled={submit.busy}
          onClick={() => save({ safetyAcknowledged: true }, t('screening.saved'))}
        >
          {t('screening.safetyRecord')}
        </button>
      )}
      <FormAlert message={submit.message} />
    </div>
  )
}

function ApprovalForm(props: Context & { screening: Screening; modules: Program }) {
  const { t, formatDate } = useI18n()
  const ref = useRef<HTMLDivElement>(null)
  const { submit, save } = useScreeningSave(props, [], ref)
  const { screening } = props
  const blockers = screening.missing.filter((m) => m !== 'approval')

  if (screening.approvedAt) {
    return (
      <div ref={ref}>
        <p data-testid="approval-done">
          {t('screening.approvedOn', {
            date: formatDate(new Date(screening.approvedAt), { dateStyle: 'medium' }),
          })}
        </p>
        {props.canManage && (
          <button
            type="button"
            class="button button--secondary"
            data-testid="approval-withdraw"
            disabled={submit.busy}
            onClick={() => save({ approved: false }, t('screening.approvalWithdrawn'))}
          >
            {t('screening.withdraw')}
          </button>
        )}
        <FormAlert message={submit.message} />
      </div>
    )
  }
  return (
    <div ref={ref}>
      {blockers.length > 0 ? (
        <>
          <p id="approval-missing-label">{t('screening.stillMissing')}</p>
          <ul class="missing" aria-labelledby="approval-missing-label" data-testid="approval-missing">
            {blockers.map((code) => (
              <li key={code} data-code={code}>
                {missingLabel(t, code, props.modules.trainingModules)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('screening.readyToApprove')}</p>
      )}
      {props.canManage && (
        <button
          type="button"
          class="button"
          data-testid="approve"
          disabled={blockers.length > 0 || submit.busy}
          aria-describedby={blockers.length > 0 ? 'approval-missing-label' : undefined}
          onClick={() => save({ approved: true }, t('screening.approvedNotice'))}
        >
          {t('screening.approve')}
        </button>
      )}
      <FormAlert message={submit.message} />
    </div>
  )
}

// ---------- protected fields ----------

type ProtectedValues = Partial<Record<ProtectedField, string | null>>

function ProtectedPanel(props: Context) {
  const { t, locale } = useI18n()
  const { program } = props.data
  const [purpose, setPurpose] = useState('')
  const [values, setValues] = useState<ProtectedValues | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ field?: string; message: string } | null>(null)
  const formRef = useRef<HTMLFormElement>(null)

  const message = (reason: unknown) =>
    reason instanceof ApiError && reason.status === 503
      ? t('protected.unavailable')
      : describeError(reason, t)

  const open = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const query = new URLSearchParams({ purpose: purpose.trim() })
      const result = await apiGet<{ fields: ProtectedValues }>(`${props.url}/protected?${query}`, {
        cache: 'no-store',
      })
      setValues(result.fields)
    } catch (reason) {
      const field = reason instanceof ApiError ? reason.fieldError('purpose') : undefined
      setError(field ? { field: 'purpose', message: field } : { message: message(reason) })
      if (field) requestAnimationFrame(() => document.getElementById('protected-purpose')?.focus())
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="section" aria-labelledby="protected-heading" data-testid="protected-panel">
      <h2 id="protected-heading">{t('protected.heading')}</h2>
      <p class="alert alert--warning alert--spaced">{t('protected.warning')}</p>
      {values === null ? (
        <form ref={formRef} class="form card" onSubmit={open} data-testid="protected-open-form">
          <p>
            {t('protected.fieldsList', {
              fields: listText(
                locale,
                program.protectedFields.map((f) => protectedFieldLabel(t, f)),
              ),
            })}
          </p>
          <Field
            id="protected-purpose"
            label={t('protected.purpose')}
            hint={t('protected.purposeHint')}
            error={error?.field === 'purpose' ? error.message : undefined}
          >
            {(control) => (
              <input
                {...control}
                data-testid="protected-purpose"
                type="text"
                required
                minLength={5}
                maxLength={200}
                value={purpose}
                onInput={(event) => setPurpose(event.currentTarget.value)}
              />
            )}
          </Field>
          <FormAlert message={error && !error.field ? error.message : null} />
          <SubmitButton
            busy={busy}
            label={t('protected.show')}
            busyLabel={t('common.loading')}
            testid="protected-show"
          />
        </form>
      ) : (
        <ProtectedEditor {...props} initial={values} onClose={() => setValues(null)} message={message} />
      )}
    </section>
  )
}

function ProtectedEditor(
  props: Context & { initial: ProtectedValues; onClose: () => void; message: (reason: unknown) => string },
) {
  const { t } = useI18n()
  const fields = props.data.program.protectedFields
  const formRef = useRef<HTMLFormElement>(null)
  const [residence, setResidence] = useState(props.initial.residenceStatus ?? '')
  const [health, setHealth] = useState(props.initial.healthNotes ?? '')
  const submit = useSubmit(['residenceStatus', 'healthNotes'], {
    formRef,
    onError: (error) => (error.status === 503 ? { residenceStatus: t('protected.unavailable') } : undefined),
  })

  return (
    <form
      ref={formRef}
      class="form card"
      data-testid="protected-form"
      onSubmit={(event) => {
        event.preventDefault()
        const body: ProtectedValues = {}
        if (fields.includes('residenceStatus')) body.residenceStatus = residence || null
        if (fields.includes('healthNotes')) body.healthNotes = health.trim() || null
        submit.run(async () => {
          await apiSend('PUT', `${props.url}/protected`, body)
          props.notify(t('protected.saved'))
        })
      }}
    >
      {fields.includes('residenceStatus') && (
        <Field
          id="protected-residence"
          label={protectedFieldLabel(t, 'residenceStatus')}
          error={submit.fields.residenceStatus}
        >
          {(control) => (
            <select
              {...control}
              data-testid="protected-residence"
              value={residence}
              onChange={(event) => setResidence(event.currentTarget.value)}
            >
              <option value="">{t('protected.notRecorded')}</option>
              {RESIDENCE_STATUSES.map((option) => (
                <option key={option} value={option}>
                  {residenceLabel(t, option)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {fields.includes('healthNotes') && (
        <Field
          id="protected-health"
          label={protectedFieldLabel(t, 'healthNotes')}
          error={submit.fields.healthNotes}
        >
          {(control) => (
            <textarea
              {...control}
              data-testid="protected-health"
              rows={4}
              maxLength={2000}
              value={health}
              onInput={(event) => setHealth(event.currentTarget.value)}
            />
          )}
        </Field>
      )}
      <FormAlert message={submit.message} />
      <div class="actions">
        <SubmitButton
          busy={submit.busy}
          label={t('protected.save')}
          busyLabel={t('common.saving')}
          testid="protected-save"
        />
        <button
          type="button"
          class="button button--secondary"
          data-testid="protected-hide"
          onClick={props.onClose}
        >
          {t('protected.hide')}
        </button>
      </div>
    </form>
  )
}

// ---------- history ----------

function describeEvent(t: Translate, locale: string, event: HistoryEvent): string {
  const d = event.detail ?? {}
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  switch (event.kind) {
    case 'enrolled': {
      const sources: Record<string, string> = {
        intake: t('participant.source.intake'),
        import: t('participant.source.import'),
        coordinator: t('participant.source.coordinator'),
        seed: t('participant.source.seed'),
      }
      return t('history.enrolled', { source: sources[text(d.source)] ?? text(d.source) })
    }
    case 'status': {
      const base = t('history.status', { from: statusLabel(t, text(d.from)), to: statusLabel(t, text(d.to)) })
      return d.reason ? `${base} (${exitReasonLabel(t, text(d.reason))})` : base
    }
    case 'screening.updated':
      return t('history.screening', { fields: screeningFields(t, locale, text(d.fields)) })
    case 'consent':
      return t('history.consent', {
        version: text(d.version) || '–',
        language: d.locale ? languageLabel(locale, text(d.locale)) : '–',
      })
    case 'applied_again':
      return d.sameName === false ? t('history.appliedAgainOtherName') : t('history.appliedAgain')
    case 'profile.updated':
      return t('history.profile', { fields: text(d.fields) || '–' })
    case 'portal.linked':
      return t('history.portalLinked')
    case 'portal.unlinked':
      return t('history.portalUnlinked')
    case 'match.end_requested':
      return t('history.endRequested', { reason: endReasonLabel(t, text(d.reason)) })
    case 'match.end_request_withdrawn':
      return t('history.endRequestWithdrawn')
    default:
      return event.kind
  }
}

function screeningFields(t: Translate, locale: string, fields: string): string {
  const names: Record<string, string> = {
    references: t('screening.references'),
    checkStatus: t('screening.check'),
    checkProviderRef: t('screening.checkProvider'),
    checkedOn: t('screening.checkedOn'),
    checkExpiresOn: t('screening.checkExpiresOn'),
    trainingCompleted: t('screening.training'),
    safetyAcknowledged: t('screening.safety'),
    approved: t('screening.approval'),
  }
  return listText(
    locale,
    fields
      .split(',')
      .filter(Boolean)
      .map((f) => names[f] ?? f),
  )
}

function History(props: { events: HistoryEvent[] }) {
  const { t, locale, formatDate } = useI18n()
  return (
    <section class="section" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      {props.events.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <ol class="timeline" data-testid="history">
          {[...props.events].reverse().map((event) => (
            <li key={event.id} class="timeline__item" data-testid="history-item" data-kind={event.kind}>
              <time dateTime={event.createdAt}>
                {formatDate(new Date(event.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
              <span>{describeEvent(t, locale, event)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
