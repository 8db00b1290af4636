// Vietnamese first, English second; the choice is kept in localStorage and mirrored in <html lang>.
import { createI18n } from 'vue-i18n'

import en from './en'
import vi, { type Messages } from './vi'

export type Locale = 'vi' | 'en'
export const LOCALES: Locale[] = ['vi', 'en']
const STORAGE_KEY = 'danvan.locale'

function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY)
    if (v === 'en' || v === 'vi') return v
  } catch {
    // storage blocked: Vietnamese
  }
  return 'vi'
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'vi',
  messages: { vi, en },
})

export function currentLocale(): Locale {
  return i18n.global.locale.value
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // storage blocked: the choice lasts for this page only
  }
}

document.documentElement.lang = storedLocale()
