/**
 * Bahasa Indonesia first, English one switch away. Each screen brings its own strings
 * (addTranslations in its module), so a phone loading the ticket page does not download the
 * counter console's words.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import commonEn from './i18n/common.en.json';
import commonId from './i18n/common.id.json';

export type Lang = 'id' | 'en';
const STORAGE_KEY = 'loket.lang';

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'id') return fromUrl;
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

void i18next.use(initReactI18next).init({
  lng: initialLang(),
  fallbackLng: 'id',
  defaultNS: 'common',
  ns: ['common'],
  resources: { id: { common: commonId }, en: { common: commonEn } },
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18next.language;

export function setLang(lang: Lang): void {
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the switch still works for this page
  }
}

export function currentLang(): Lang {
  return i18next.language === 'en' ? 'en' : 'id';
}

/** Registers a screen's strings under its namespace: t('kiosk:title'). */
export function addTranslations(ns: string, resources: { id: object; en: object }): void {
  i18next.addResourceBundle('id', ns, resources.id, true, true);
  i18next.addResourceBundle('en', ns, resources.en, true, true);
}

export default i18next;
