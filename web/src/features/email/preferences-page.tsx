import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Choice, ChoiceGroup } from '../../kit/choices'
import { FormAlert, useSubmit } from '../../kit/form'
import { Load, useLoad } from '../../kit/load'
import { Notice } from '../../kit/notice'
import { type Answer, ok, params, v1 } from '../../lib/client'
import { isolate } from '../../lib/text'
import { OrgPage } from '../org/org-page'
import { emailKindKey } from './email-kinds'

const route = v1.orgs[':org'].my['email-preferences']
type Preference = Answer<typeof route.$get>['items'][number]

/**
 * `/orgs/{org}/email-preferences`: which email the signed-in member gets from this organization. Optional email
 * is a checkbox saved as it changes; essential email is listed as always sent.
 */
export default function EmailPreferencesPage() {
  const { t } = useI18n()
  return (
    <OrgPage title={t('emailPrefs.title')} crumbs>
      {({ organization }) => (
        <>
          <p class="lead">{t('emailPrefs.intro', { org: isolate(organization.name) })}</p>
          <Preferences slug={organization.slug} />
        </>
      )}
    </OrgPage>
  )
}

function Preferences(props: { slug: string }) {
  const load = useLoad(`${props.slug}/email-preferences`, (signal) =>
    ok(route.$get({ param: params({ org: props.slug }) }, { init: { signal } })),
  )
  const [items, setItems] = useState<Preference[] | null>(null)
  return (
    <Load state={load.state}>
      {(data) => <PreferenceList {...props} items={items ?? data.items} onItems={setItems} />}
    </Load>
  )
}

function PreferenceList(props: {
  slug: string
  items: Preference[]
  onItems: (items: Preference[]) => void
}) {
  const { t } = useI18n()
  const [notice, setNotice] = useState('')
  const save = useSubmit([])
  const shown = props.items
  const optional = shown.filter((p) => !p.essential)
  const essential = shown.filter((p) => p.essential)
  const label = (p: Preference) => {
    const key = emailKindKey(p.kind)
    return key ? t(key) : p.kind
  }
  // The box shows the choice at once; the server's answer replaces the list, a refusal puts the old one back.
  const change = (kind: Preference['kind'], enabled: boolean) => {
    if (save.busy) return
    const previous = shown
    setNotice('')
    props.onItems(shown.map((p) => (p.kind === kind ? { ...p, enabled } : p)))
    void save
      .run(async () => {
        const answer = await ok(route.$put({ param: params({ org: props.slug }), json: { kind, enabled } }))
        props.onItems(answer.items)
        setNotice(t('emailPrefs.saved'))
      })
      .then((saved) => {
        if (!saved) props.onItems(previous)
      })
  }
  return (
    <div class="form card" data-testid="email-preferences">
      {optional.length > 0 ? (
        <ChoiceGroup id="email-optional" legend={t('emailPrefs.optional')}>
          {optional.map((p) => (
            <Choice
              key={p.kind}
              name="email-kind"
              value={p.kind}
              checked={p.enabled}
              label={label(p)}
              testid={`email-pref-${p.kind}`}
              onChange={(checked) => change(p.kind, checked)}
            />
          ))}
        </ChoiceGroup>
      ) : (
        <p>{t('emailPrefs.none')}</p>
      )}
      <FormAlert message={save.message} />
      <Notice testid="email-preferences-notice">{notice}</Notice>
      <h2>{t('emailPrefs.essential')}</h2>
      <p>{t('emailPrefs.essentialHint')}</p>
      <ul data-testid="email-essential">
        {essential.map((p) => (
          <li key={p.kind}>{label(p)}</li>
        ))}
      </ul>
    </div>
  )
}
