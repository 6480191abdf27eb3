import { useCallback, useSyncExternalStore } from 'react';
import { isLocale, type Locale } from '../../domain/locale';
import { en } from './messages.en';
import { ja, type MessageKey } from './messages.ja';

/*
 * A small i18n mechanism: Japanese first, English second. The chosen locale lives in localStorage and in
 * <html lang>, and every component that translates re-renders when it changes (a tiny external store,
 * so no provider has to wrap the app). Messages are plain strings with {name} placeholders; the Japanese
 * dictionary is the source of the keys and the English one must have every key (the type says so).
 */

const STORAGE_KEY = 'kiseki.locale';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { ja, en };
const listeners = new Set<() => void>();

function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : 'ja';
  } catch {
    return 'ja';
  }
}

let current: Locale = typeof window === 'undefined' ? 'ja' : readStoredLocale();
if (typeof document !== 'undefined') document.documentElement.lang = current;

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type TranslationParams = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: TranslationParams): string {
  const message = dictionaries[locale][key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The current locale and a translator bound to it; the component re-renders when the locale changes. */
export function useI18n(): {
  locale: Locale;
  t: (key: MessageKey, params?: TranslationParams) => string;
  setLocale: (locale: Locale) => void;
} {
  const locale = useSyncExternalStore(subscribe, getLocale, () => 'ja' as Locale);
  const t = useCallback(
    (key: MessageKey, params?: TranslationParams) => translate(locale, key, params),
    [locale],
  );
  return { locale, t, setLocale };
}
