import type { EmailLocale } from './layout'

/** Sentences more than one email says, word for word. */
export const nothingToDo: Record<EmailLocale, string> = {
  en: 'You do not need to do anything now.',
  ar: 'لا تحتاج إلى فعل أي شيء الآن.',
  de: 'Sie müssen jetzt nichts tun.',
  uk: 'Зараз вам не потрібно нічого робити.',
  fa: 'الان لازم نیست کاری انجام دهید.',
  es: 'Ahora no tienes que hacer nada.',
}
