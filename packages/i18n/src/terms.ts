import type { Locale } from './locales'

/** The roles a member of an organization has (`ROLES` of @tandem/vocab; this package depends on nothing). */
export type TermRole = 'owner' | 'admin' | 'coordinator' | 'mentor' | 'mentee' | 'partner'

/** Words that emails and the web client both use, once per language. */
export interface Terms {
  /** Each role as a noun inside a sentence ("… joins as coordinator"): lower case where the language has case. */
  role: Readonly<Record<TermRole, string>>
  /** The action of signing in, on a button or link. */
  signIn: string
}

export const TERMS: Readonly<Record<Locale, Terms>> = {
  en: {
    role: {
      owner: 'owner',
      admin: 'administrator',
      coordinator: 'coordinator',
      mentor: 'mentor',
      mentee: 'mentee',
      partner: 'partner',
    },
    signIn: 'Sign in',
  },
  ar: {
    role: {
      owner: 'مالك',
      admin: 'مسؤول',
      coordinator: 'منسق',
      mentor: 'مرشد',
      mentee: 'مستفيد',
      partner: 'شريك',
    },
    signIn: 'تسجيل الدخول',
  },
  uk: {
    role: {
      owner: 'власник',
      admin: 'адміністратор',
      coordinator: 'координатор',
      mentor: 'наставник',
      mentee: 'підопічний',
      partner: 'партнер',
    },
    signIn: 'Увійти',
  },
  fa: {
    role: {
      owner: 'مالک',
      admin: 'مدیر',
      coordinator: 'هماهنگ‌کننده',
      mentor: 'راهنما',
      mentee: 'همراه‌جو',
      partner: 'همکار',
    },
    signIn: 'ورود',
  },
  es: {
    role: {
      owner: 'propietario',
      admin: 'administrador',
      coordinator: 'coordinador',
      mentor: 'mentor',
      mentee: 'mentoreado',
      partner: 'socio',
    },
    signIn: 'Entrar',
  },
  de: {
    role: {
      owner: 'Inhaber*in',
      admin: 'Administrator*in',
      coordinator: 'Koordinator*in',
      mentor: 'Mentor*in',
      mentee: 'Mentee',
      partner: 'Partner*in',
    },
    signIn: 'Anmelden',
  },
}

const isTermRole = (locale: Locale, role: string): role is TermRole => Object.hasOwn(TERMS[locale].role, role)

/** A role inside a sentence; an unknown role is shown as its code. */
export const roleName = (locale: Locale, role: string): string =>
  isTermRole(locale, role) ? TERMS[locale].role[role] : role

/** A role on its own, as a label or table cell: the sentence form with a capital first letter. */
export function roleLabel(locale: Locale, role: string): string {
  const name = roleName(locale, role)
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1)
}
