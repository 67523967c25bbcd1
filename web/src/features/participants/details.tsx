import { useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { FactList } from '../../kit/fact-list'
import { contactChannelLabel, needLabel, sourceLabel } from '../../lib/labels'
import { languageLabel, listText } from '../../lib/text'
import { ageLabel } from '../intake/intake'
import { useVocabulary } from '../programs/vocabulary'
import { isWaiting, type ParticipantDetail, type ParticipantView, skillsText } from './participant'
import { ProfileForm } from './profile-form'

/** The profile: its facts in words, and for those who manage participants an Edit form in their place. */
export function ProfileSection(props: ParticipantView) {
  const { t } = useI18n()
  const [editing, setEditing] = useState(false)
  const editButton = useRef<HTMLButtonElement>(null)
  const close = () => {
    setEditing(false)
    requestAnimationFrame(() => editButton.current?.focus())
  }
  return (
    <section class="section" aria-labelledby="details-heading">
      <div class="section__header">
        <h2 id="details-heading">{t('participant.details')}</h2>
        {props.canManage && !editing && (
          <Button small testid="profile-edit" buttonRef={editButton} onClick={() => setEditing(true)}>
            {t('participant.profileEdit')}
          </Button>
        )}
      </div>
      {editing ? <ProfileForm {...props} onClose={close} /> : <Details participant={props.data.record} />}
    </section>
  )
}

/** The profile's facts, each labelled and in the reader's language; empty ones are left out. */
export function Details(props: { participant: ParticipantDetail }) {
  const { t, locale, formatDate } = useI18n()
  const vocabulary = useVocabulary()
  const p = props.participant
  const needs = [...p.settlementNeeds, ...p.accessNeeds]
  const demographics = p.demographics ?? {}
  const text = (key: keyof NonNullable<ParticipantDetail['demographics']>) => {
    const value = demographics[key]
    return value === undefined || value === '' ? null : String(value)
  }
  const date = (iso: string) => formatDate(new Date(iso), { dateStyle: 'medium' })
  return (
    <FactList
      testid="participant-details"
      facts={[
        { label: t('members.email'), value: p.email && <bdi dir="ltr">{p.email}</bdi>, testid: 'fact-email' },
        { label: t('enroll.phone'), value: p.phone && <bdi dir="ltr">{p.phone}</bdi>, testid: 'fact-phone' },
        {
          label: t('participant.contactPreference'),
          value: p.contactPreference && contactChannelLabel(t, p.contactPreference),
          testid: 'participant-contact-preference',
        },
        { label: t('enroll.preferredLocale'), value: languageLabel(locale, p.preferredLocale) },
        {
          label: t('participant.languages'),
          value: skillsText(p.languages, locale, t),
          testid: 'fact-languages',
        },
        { label: t('participant.interpretation'), value: p.wantsInterpretation ? t('common.yes') : null },
        {
          label: t('participants.neighborhood'),
          value: p.neighborhood && <bdi>{p.neighborhood}</bdi>,
          testid: 'fact-neighborhood',
        },
        {
          label: t('participant.interests'),
          value: p.interests.length ? listText(locale, p.interests.map(vocabulary.interest)) : null,
          testid: 'fact-interests',
        },
        { label: t('participant.sector'), value: p.sector && <bdi>{p.sector}</bdi> },
        {
          label: t('participant.availability'),
          value: p.availability.length ? vocabulary.availability(p.availability) : null,
          testid: 'fact-availability',
        },
        {
          label: t('participants.need'),
          value: needs.length
            ? listText(
                locale,
                needs.map((n) => needLabel(t, n)),
              )
            : null,
          testid: 'fact-needs',
        },
        {
          label: t('enroll.capacity'),
          value: p.role === 'mentor' ? String(p.capacity) : null,
          testid: 'fact-capacity',
        },
        { label: t('participant.location'), value: p.location ? t('participant.locationShared') : null },
        { label: t('participant.ageBand'), value: text('ageBand') && ageLabel(t, String(text('ageBand'))) },
        { label: t('participant.gender'), value: text('gender') && <bdi>{text('gender')}</bdi> },
        { label: t('participant.arrivalYear'), value: text('arrivalYear') },
        {
          label: t('participant.regionOfOrigin'),
          value: text('regionOfOrigin') && <bdi>{text('regionOfOrigin')}</bdi>,
        },
        { label: t('participant.source'), value: sourceLabel(t, p.source) },
        {
          label: t('participant.consent'),
          value: p.consentAt ? (
            <span data-testid="participant-consent">
              {t('participant.consentGiven', {
                date: date(p.consentAt),
                version: p.consentVersion ?? '–',
              })}
            </span>
          ) : (
            t('participant.consentNone')
          ),
        },
        {
          label: t('participants.waitingSince'),
          value: isWaiting(p.status) ? date(p.createdAt) : null,
        },
        {
          label: t('programs.created'),
          value: formatDate(new Date(p.createdAt), { dateStyle: 'medium', timeStyle: 'short' }),
        },
      ]}
    />
  )
}
