import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { LOCALES, languageName } from '../../i18n/i18n'
import { Button } from '../../kit/button'
import { Checkboxes } from '../../kit/choices'
import { ConfirmStep } from '../../kit/confirm-step'
import { SubmitForm, useSubmit } from '../../kit/form'
import { CodeSelect, TextField } from '../../kit/inputs'
import { fresh, ok, params, v1 } from '../../lib/client'
import { partnerCadenceLabel, partnerKindLabel, partnerStatusLabel } from '../../lib/labels'
import { isolate } from '../../lib/text'
import { OrgPage } from '../org/org-page'
import { canManagePartners, canSeePartners } from '../org/roles'
import {
  emptyPartner,
  type Partner,
  type PartnerBody,
  partnerBody,
  partnerRoute,
  partnersRoute,
} from './partners'

type Program = { id: string; name: string }

/**
 * `/orgs/{org}/partners` (decision 037): the partner organizations that get digests, with their contacts, language,
 * cadence and programs. Owners and admins add, change, pause and delete them (deleting asks first); coordinators see
 * them and send themselves a preview of a digest. One column of cards, for a phone too.
 */
export default function PartnersPage() {
  const { t } = useI18n()
  return (
    <OrgPage
      title={t('partners.title')}
      crumbs
      allowed={(o) => canSeePartners(o.role)}
      load={async (slug, signal) => {
        const [partners, programs] = await Promise.all([
          allPartners(slug, signal),
          ok(v1.orgs[':org'].programs.$get({ param: params({ org: slug }) }, fresh(signal))),
        ])
        return { partners, programs: programs.items.map((p) => ({ id: p.id, name: p.name })) }
      }}
    >
      {(page) => (
        <Partners
          slug={page.organization.slug}
          manage={canManagePartners(page.role)}
          partners={page.data.partners}
          programs={page.data.programs}
          reload={() => page.reload()}
        />
      )}
    </OrgPage>
  )
}

/** Every partner of the organization, page after page (an organization has tens, not thousands). */
async function allPartners(slug: string, signal: AbortSignal): Promise<Partner[]> {
  const partners: Partner[] = []
  let cursor: string | null = null
  do {
    const query: { limit: string; cursor?: string } = cursor ? { limit: '100', cursor } : { limit: '100' }
    const page = await ok(partnersRoute.$get({ param: params({ org: slug }), query }, fresh(signal)))
    partners.push(...page.items)
    cursor = page.nextCursor
  } while (cursor && partners.length < 5000)
  return partners
}

function Partners(props: {
  slug: string
  manage: boolean
  partners: Partner[]
  programs: Program[]
  reload: () => void
}) {
  const { t, locale } = useI18n()
  const [notice, setNotice] = useState<string | null>(null)
  return (
    <>
      <p class="lead">{t('partners.intro')}</p>
      {notice && (
        <p class="notice" role="status" data-testid="partners-notice">
          {notice}
        </p>
      )}
      {props.manage && (
        <details class="disclosure card" data-testid="partner-new">
          <summary>{t('partners.new')}</summary>
          <PartnerForm
            id="partner-new-form"
            initial={emptyPartner(locale)}
            programs={props.programs}
            labels={[t('partner.create'), t('common.saving')]}
            send={async (json) => {
              await ok(partnersRoute.$post({ param: params({ org: props.slug }), json }))
              setNotice(t('partners.created'))
              props.reload()
            }}
          />
        </details>
      )}
      {props.partners.length === 0 ? (
        <p data-testid="partners-empty">{t('partners.empty')}</p>
      ) : (
        <ul class="cards" data-testid="partners-list">
          {props.partners.map((p) => (
            <PartnerCard
              key={p.id}
              slug={props.slug}
              partner={p}
              manage={props.manage}
              programs={props.programs}
              onNotice={setNotice}
              reload={props.reload}
            />
          ))}
        </ul>
      )}
    </>
  )
}

function PartnerCard(props: {
  slug: string
  partner: Partner
  manage: boolean
  programs: Program[]
  onNotice: (text: string) => void
  reload: () => void
}) {
  const { t } = useI18n()
  const { partner: p } = props
  const [editing, setEditing] = useState(false)
  const action = useSubmit([])
  const param = params({ org: props.slug, partner: p.id })
  const names = p.programIds
    ? props.programs.filter((x) => p.programIds?.includes(x.id)).map((x) => x.name)
    : [t('partner.allPrograms')]
  return (
    <li class="card" data-testid="partner-card">
      <h2>
        <bdi>{p.name}</bdi>{' '}
        <span class={`badge badge--${p.status}`} data-testid="partner-status">
          {partnerStatusLabel(t, p.status)}
        </span>
      </h2>
      <p>
        {partnerKindLabel(t, p.kind)} · {languageName(p.locale)} · {partnerCadenceLabel(t, p.cadence)}
      </p>
      <p class="aside">{names.map(isolate).join(', ')}</p>
      <ul class="link-list">
        {p.contacts.map((c) => (
          <li key={c.id}>
            <bdi>{c.name}</bdi> · <bdi dir="ltr">{c.email}</bdi>
          </li>
        ))}
      </ul>
      {action.message && (
        <p class="alert alert--error" role="alert">
          {action.message}
        </p>
      )}
      <div class="actions">
        <Button
          small
          testid="partner-preview"
          busy={action.busy}
          onClick={() =>
            action.run(async () => {
              const sent = await ok(partnerRoute.preview.$post({ param }))
              props.onNotice(t('partner.previewSent', { email: sent.sentTo }))
            })
          }
        >
          {t('partner.preview')}
        </Button>
        {props.manage && (
          <>
            <Button small testid="partner-edit" onClick={() => setEditing(!editing)}>
              {t('partner.edit')}
            </Button>
            <Button
              small
              testid="partner-pause"
              busy={action.busy}
              onClick={() =>
                action.run(async () => {
                  await ok(
                    partnerRoute.$patch({
                      param,
                      json: { status: p.status === 'active' ? 'paused' : 'active' },
                    }),
                  )
                  props.reload()
                })
              }
            >
              {p.status === 'active' ? t('partner.pause') : t('partner.resume')}
            </Button>
            <ConfirmStep
              label={t('partner.delete')}
              testid="partner-delete"
              question={t('partner.deleteQuestion', { name: isolate(p.name) })}
              yes={t('partner.deleteYes')}
              no={t('common.cancel')}
              busy={action.busy}
              onConfirm={() =>
                action.run(async () => {
                  await ok(partnerRoute.$delete({ param }))
                  props.reload()
                })
              }
            />
          </>
        )}
      </div>
      {editing && (
        <PartnerForm
          id={`partner-${p.id}`}
          initial={partnerBody(p)}
          programs={props.programs}
          labels={[t('partner.save'), t('common.saving')]}
          send={async (json) => {
            await ok(partnerRoute.$patch({ param, json }))
            setEditing(false)
            props.reload()
          }}
        />
      )}
    </li>
  )
}

const PATHS = ['name', 'kind', 'locale', 'cadence', 'programIds', 'contacts'] as const

/** The fields of a partner: name, kind, language, cadence, programs (none: all), one to five contacts. */
function PartnerForm(props: {
  id: string
  initial: PartnerBody
  programs: Program[]
  labels: readonly [string, string]
  send: (json: PartnerBody) => Promise<void>
}) {
  const { t } = useI18n()
  const [form, setForm] = useState<PartnerBody>(props.initial)
  const contactPaths = form.contacts.flatMap((_, i) => [`contacts.${i}.name`, `contacts.${i}.email`])
  const submit = useSubmit([...PATHS, ...contactPaths])
  const set = (change: Partial<PartnerBody>) => setForm({ ...form, ...change })
  const chosen = form.programIds ?? []
  const id = props.id
  return (
    <SubmitForm
      form={{ submit }}
      name={id}
      testid={id}
      onSubmit={() => submit.run(() => props.send(form))}
      labels={props.labels}
    >
      <TextField
        id={`${id}-name`}
        label={t('partner.name')}
        value={form.name}
        error={submit.fields.name}
        required
        maxLength={120}
        onValue={(name) => set({ name })}
      />
      <CodeSelect
        id={`${id}-kind`}
        label={t('partner.kind')}
        value={form.kind ?? 'other'}
        codes={partnerKindLabel}
        error={submit.fields.kind}
        onValue={(kind) => set({ kind: kind || 'other' })}
      />
      <CodeSelect
        id={`${id}-locale`}
        label={t('partner.locale')}
        value={form.locale}
        options={LOCALES}
        labelOf={(code) => languageName(code)}
        lang
        error={submit.fields.locale}
        onValue={(code) => code && set({ locale: code })}
      />
      <CodeSelect
        id={`${id}-cadence`}
        label={t('partner.cadence')}
        value={form.cadence}
        codes={partnerCadenceLabel}
        error={submit.fields.cadence}
        onValue={(cadence) => cadence && set({ cadence })}
      />
      {props.programs.length > 0 && (
        <Checkboxes
          id={`${id}-programs`}
          name={`${id}-programs`}
          legend={t('partner.programs')}
          hint={t('partner.programsHint')}
          error={submit.fields.programIds}
          options={props.programs.map((p) => p.id)}
          labelOf={(pid) => <bdi>{props.programs.find((p) => p.id === pid)?.name}</bdi>}
          checked={(pid) => chosen.includes(pid)}
          onToggle={(pid, on) => {
            const next = on ? [...chosen, pid] : chosen.filter((x) => x !== pid)
            set({ programIds: next.length ? next : null })
          }}
        />
      )}
      <fieldset class="choices" data-testid={`${id}-contacts`}>
        <legend>{t('partner.contacts')}</legend>
        {submit.fields.contacts && (
          <p class="field__error" role="alert">
            {submit.fields.contacts}
          </p>
        )}
        {form.contacts.map((c, i) => (
          <div key={i} class="card">
            <TextField
              id={`${id}-contact-${i}-name`}
              label={t('partner.contactName')}
              value={c.name}
              required
              error={submit.fields[`contacts.${i}.name`]}
              onValue={(name) =>
                set({ contacts: form.contacts.map((x, j) => (j === i ? { ...x, name } : x)) })
              }
            />
            <TextField
              id={`${id}-contact-${i}-email`}
              type="email"
              dir="ltr"
              label={t('partner.contactEmail')}
              value={c.email}
              required
              error={submit.fields[`contacts.${i}.email`]}
              onValue={(email) =>
                set({ contacts: form.contacts.map((x, j) => (j === i ? { ...x, email } : x)) })
              }
            />
            {form.contacts.length > 1 && (
              <Button
                small
                testid={`${id}-contact-${i}-remove`}
                onClick={() => set({ contacts: form.contacts.filter((_, j) => j !== i) })}
              >
                {t('partner.removeContact')}
              </Button>
            )}
          </div>
        ))}
        {form.contacts.length < 5 && (
          <Button
            small
            testid={`${id}-add-contact`}
            onClick={() => set({ contacts: [...form.contacts, { name: '', email: '' }] })}
          >
            {t('partner.addContact')}
          </Button>
        )}
      </fieldset>
    </SubmitForm>
  )
}
