import { type Answer, v1 } from '../../lib/client'

/** Partners and their digests (decision 037) as the web client sees them: the typed routes and their answers. */
export const partnersRoute = v1.orgs[':org'].partners
export const partnerRoute = v1.orgs[':org'].partners[':partner']
export const digestRoute = v1['partner-digests'][':token']

export type Partner = Answer<typeof partnersRoute.$get>['items'][number]
export type Digest = Answer<typeof digestRoute.$get>
export type PartnerBody = Parameters<typeof partnersRoute.$post>[0]['json']

/** An empty form: one contact row, weekly, in the page's language. */
export const emptyPartner = (locale: string): PartnerBody => ({
  name: '',
  kind: 'other',
  locale: (['en', 'ar', 'de', 'es', 'fa', 'uk'].includes(locale) ? locale : 'en') as PartnerBody['locale'],
  cadence: 'weekly',
  programIds: null,
  contacts: [{ name: '', email: '' }],
})

/** A partner as the form edits it. */
export const partnerBody = (p: Partner): PartnerBody => ({
  name: p.name,
  kind: p.kind,
  locale: p.locale,
  cadence: p.cadence,
  programIds: p.programIds,
  contacts: p.contacts.map((c) => ({ name: c.name, email: c.email })),
})
