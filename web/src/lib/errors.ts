import { FIELD_ERROR_CODES, type FieldErrorCode } from '@tandem/vocab'
import type { Translate } from '../i18n/types'
import { ApiError, type FieldError } from './api'
import { problemLabel } from './labels'

/** A message for an error that is not tied to one field: the problem's detail, or a plain sentence. */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.generic')
  if (error.isNetworkError) return t('error.network')
  if (error.status === 429) {
    const seconds = error.retryAfter
    if (!seconds) return t('error.rateLimited')
    return seconds < 90
      ? t('error.rateLimitedFor', { count: seconds })
      : t('error.rateLimitedMinutes', { count: Math.ceil(seconds / 60) })
  }
  if (error.status >= 500) return t('error.server')
  // A problem with a code we know reads in the reader's language; an older or unknown one keeps its English.
  if (error.code && problemLabel.codes.some((code) => code === error.code)) return problemLabel(t, error.code)
  return error.detail ?? error.title
}

const isFieldErrorCode = (code: string | undefined): code is FieldErrorCode =>
  FIELD_ERROR_CODES.some((known) => known === code)

/**
 * A field error in the reader's language, from its stable `code` and `params` (`too-long {max: 120}` → "Use
 * at most 120 characters."). A code this client does not know (from a newer API) keeps the API's English.
 */
export function fieldErrorMessage(t: Translate, error: FieldError): string {
  const { code } = error
  if (!isFieldErrorCode(code)) return error.message
  const { min, max } = error.params ?? {}
  switch (code) {
    case 'too-long':
    case 'too-many':
      return max === undefined ? t('fieldError.invalid') : t(`fieldError.${code}`, { count: max })
    case 'too-short':
    case 'too-few':
      return min === undefined ? t('fieldError.invalid') : t(`fieldError.${code}`, { count: min })
    // Limits such as a year read as written (no digit grouping).
    case 'too-large':
      return max === undefined ? t('fieldError.invalid') : t('fieldError.too-large', { max: String(max) })
    case 'too-small':
      return min === undefined ? t('fieldError.invalid') : t('fieldError.too-small', { min: String(min) })
    case 'missing-columns':
      return t('fieldError.missing-columns', { columns: (error.params?.options ?? []).join(', ') })
    default:
      return t(`fieldError.${code}`)
  }
}

/**
 * The form path an error path belongs to: itself, or the longest listed path it is inside
 * (`languages.2` → `languages`, `trainingModules.0.id` → `trainingModules.0.id` if listed, else
 * `trainingModules`).
 */
export function fieldPathOf(path: string, paths: readonly string[]): string | undefined {
  let best: string | undefined
  for (const candidate of paths) {
    if ((path === candidate || path.startsWith(`${candidate}.`)) && candidate.length > (best?.length ?? -1)) {
      best = candidate
    }
  }
  return best
}

/** An aborted request (navigation, a newer request): not a failure to show. */
export const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError'
