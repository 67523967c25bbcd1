import { useI18n } from '../../i18n/context'
import { FactList } from '../../kit/fact-list'
import { contactChannelLabel, needLabel, sourceLabel } from '../../lib/labels'
import { languageLabel, listText } from '../../lib/text'
import { useVocabulary } from '../programs/vocabulary'
import { type ParticipantDetail, skillsText } from './participant'

/** The profile's facts; empty ones are left out. */
export function Details(props: { participant: ParticipantDetail }) {
  const { t, locale, formatDate } = useI18n()
  const vocabulary = useVocabulary()
  const p = props.participant
  const needs = [...p.settlementNeeds, ...p.accessNeeds]
  return (
    <section class="section" aria-labelledby="details-heading">
      <h2 id="details-heading">{t('participant.details')}</h2>
      <FactList
        testid="participant-details"
        facts={[
          { label: t('members.email'), value: p.email && <bdi dir="ltr">{p.email}</bdi> },
          { label: t('enroll.phone'), value: p.phone && <bdi dir="ltr">{p.phone}</bdi> },
          {
            label: t('participant.contactPreference'),
            value: p.contactPreference && contactChannelLabel(t, p.contactPreference),
            testid: 'participant-contact-preference',
          },
          { label: t('enroll.preferredLocale'), value: languageLabel(locale, p.preferredLocale) },
          { label: t('participant.languages'), value: skillsText(p.languages, locale, t) },
          { label: t('participant.interpretation'), value: p.wantsInterpretation ? t('common.yes') : null },
          { label: t('participants.neighborhood'), value: p.neighborhood && <bdi>{p.neighborhood}</bdi> },
          {
            label: t('participant.interests'),
            value: p.interests.length ? listText(locale, p.interests.map(vocabulary.interest)) : null,
          },
          { label: t('participant.sector'), value: p.sector && <bdi>{p.sector}</bdi> },
          {
            label: t('participant.availability'),
            value: p.availability.length ? vocabulary.availability(p.availability) : null,
          },
          {
            label: t('participants.need'),
            value: needs.length
              ? listText(
                  locale,
                  needs.map((n) => needLabel(t, n)),
                )
              : null,
          },
          { label: t('enroll.capacity'), value: p.role === 'mentor' ? String(p.capacity) : null },
          { label: t('participant.source'), value: sourceLabel(t, p.source) },
          {
            label: t('participant.consent'),
            value: p.consentAt ? (
              <span data-testid="participant-consent">
                {t('participant.consentGiven', {
                  date: formatDate(new Date(p.consentAt), { dateStyle: 'medium' }),
                  version: p.consentVersion ?? '–',
                })}
              </span>
            ) : (
              t('participant.consentNone')
            ),
          },
          {
            label: t('programs.created'),
            value: formatDate(new Date(p.createdAt), { dateStyle: 'medium', timeStyle: 'short' }),
          },
        ]}
      />
    </section>
  )
}
