import { CONCERN_TRANSITIONS, type ConcernStatus, MAX_CONCERN_TEXT } from '@tandem/vocab'
import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { FactList } from '../../kit/fact-list'
import { SubmitForm } from '../../kit/form'
import { CodeSelect, TextArea } from '../../kit/inputs'
import { Notice } from '../../kit/notice'
import { Section } from '../../kit/section'
import { useForm } from '../../kit/use-form'
import { ok, params } from '../../lib/client'
import { concernCategoryLabel, concernSeverityLabel, concernStatusLabel } from '../../lib/labels'
import { concernsPath, matchPath } from '../../lib/paths'
import { isolate } from '../../lib/text'
import { canManageConcerns } from '../org/roles'
import { type ProgramData, ProgramPage, programRecord } from '../programs/program-page'
import { type ConcernDetail, concernRoute } from './concerns'

/**
 * `/orgs/{org}/programs/{program}/concerns/{concern}`: one safeguarding concern for the program's coordinators
 * and admins — the description, whether the person may be named to their partner (shown first when not), the
 * action log, and the next step. Opening the page is audited; it changes nothing else (the alert email links
 * here).
 */
export default function ConcernPage(props: { program: string; concern: string }) {
  const { t } = useI18n()
  return (
    <ProgramPage
      program={props.program}
      title={t('concern.title')}
      {...programRecord(concernRoute, { program: props.program, concern: props.concern })}
      notFound={t('concern.notFound')}
    >
      {(data, reload) => <ConcernView data={data} onChanged={reload} />}
    </ProgramPage>
  )
}

function ConcernView(props: { data: ProgramData<ConcernDetail>; onChanged: () => void }) {
  const { t, formatDate } = useI18n()
  const c = props.data.record
  const slug = props.data.organization.slug
  const [notice, setNotice] = useState<string | null>(null)
  const when = (iso: string) => formatDate(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' })
  const raiser = isolate(c.raisedBy.name)
  const partner = isolate(c.side === 'mentee' ? c.mentor : c.mentee)
  return (
    <>
      <p class="lead">
        <span class={`badge badge--${c.status}`} data-testid="concern-status" data-status={c.status}>
          {concernStatusLabel(t, c.status)}
        </span>{' '}
        <span class={`badge badge--severity-${c.severity}`} data-testid="concern-severity">
          {concernSeverityLabel(t, c.severity)}
        </span>
      </p>
      {!c.nameToOtherSide && (
        <p class="alert alert--warning" data-testid="concern-do-not-name">
          <strong>{t('concern.doNotName')}</strong> {t('concern.doNotNameText', { name: raiser, partner })}
        </p>
      )}
      <Notice testid="concern-notice">{notice}</Notice>
      <FactList
        facts={[
          { label: t('concern.categoryLabel'), value: concernCategoryLabel(t, c.category) },
          {
            label: t('concern.raisedBy'),
            value: t(c.side === 'mentee' ? 'concern.byMentee' : 'concern.byMentor', { name: raiser }),
          },
          {
            label: t('concern.tandem'),
            value: (
              <a href={matchPath(slug, c.programId, c.matchId)} data-testid="concern-match">
                {t('attention.pair', { mentee: c.mentee, mentor: c.mentor })}
              </a>
            ),
          },
          { label: t('concern.raisedOn'), value: when(c.createdAt) },
          {
            label: t('concern.source'),
            value: t(c.source === 'portal' ? 'concern.fromPortal' : 'concern.fromCheckIn'),
          },
          c.nameToOtherSide && { label: t('concern.naming'), value: t('concern.mayName') },
        ]}
      />
      <section class="section" aria-labelledby="concern-description-heading">
        <h2 id="concern-description-heading">{t('concern.descriptionLabel')}</h2>
        <p class="concern-description" data-testid="concern-description">
          {c.description === null ? t('concern.unreadable') : <bdi>{c.description}</bdi>}
        </p>
      </section>
      {canManageConcerns(props.data.role) && (
        <ActionForm
          key={`${c.status}:${c.actions.length}`}
          slug={slug}
          concern={c}
          onDone={(message) => {
            setNotice(message)
            props.onChanged()
          }}
        />
      )}
      <section class="section" aria-labelledby="concern-log-heading">
        <h2 id="concern-log-heading">{t('concern.log')}</h2>
        {c.actions.length === 0 ? (
          <p data-testid="concern-log-empty">{t('concern.logEmpty')}</p>
        ) : (
          <ol class="concern-log" data-testid="concern-log">
            {c.actions.map((a) => (
              <li key={a.id} data-testid="concern-action">
                <p>
                  <time dateTime={a.createdAt}>{when(a.createdAt)}</time> ·{' '}
                  <bdi>{a.actor.name || t('audit.someone')}</bdi>
                  {a.statusBefore !== a.statusAfter && (
                    <>
                      {' · '}
                      {t('concern.moved', {
                        from: concernStatusLabel(t, a.statusBefore),
                        to: concernStatusLabel(t, a.statusAfter),
                      })}
                    </>
                  )}
                </p>
                {a.note !== null && (
                  <p class="concern-description">
                    <bdi>{a.note}</bdi>
                  </p>
                )}
                {a.note === null && a.hasNote && <p class="muted">{t('concern.unreadable')}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <p>
        <a href={concernsPath(slug, c.programId)} data-testid="concerns-back">
          {t('concerns.back')}
        </a>
      </p>
    </>
  )
}

/** The next step: a status the table allows from here (or none), and a note for the log. */
function ActionForm(props: { slug: string; concern: ConcernDetail; onDone: (message: string) => void }) {
  const { t } = useI18n()
  const c = props.concern
  const form = useForm({ status: '' as ConcernStatus | '', note: '' }, ['status', 'note'])
  const { values, field, submit } = form
  const onSubmit = () => {
    const note = values.note.trim()
    submit.run(async () => {
      await ok(
        concernRoute.actions.$post({
          param: params({ org: props.slug, program: c.programId, concern: c.id }),
          json: { ...(values.status ? { status: values.status } : {}), ...(note ? { note } : {}) },
        }),
      )
      props.onDone(t('concern.actionSaved'))
    })
  }
  return (
    <Section id="concern-action-heading" heading={t('concern.action')}>
      <SubmitForm
        form={form}
        name="concern-action"
        onSubmit={onSubmit}
        labels={[t('concern.save'), t('concern.saving')]}
      >
        <CodeSelect
          id="concern-action-status"
          label={t('concern.newStatus')}
          options={CONCERN_TRANSITIONS[c.status]}
          labelOf={(code) => concernStatusLabel(t, code)}
          empty={{ label: t('concern.keepStatus') }}
          {...field('status')}
        />
        <TextArea
          id="concern-action-note"
          label={t('concern.note')}
          hint={t('concern.noteHint')}
          rows={3}
          maxLength={MAX_CONCERN_TEXT}
          {...field('note')}
        />
      </SubmitForm>
    </Section>
  )
}
