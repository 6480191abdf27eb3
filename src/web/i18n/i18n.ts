import { useCallback, useSyncExternalStore } from 'react';
import { isLocale, type Locale } from '../../domain/locale';
import { en } from './messages.en';
import { ja, type MessageKey } from './messages.ja';

/*
 * A small i18n mechanism: Japanese first, English second. The chosen locale lives in localStorage and in
 * <html lang>, and every component that translates re-renders when it changes (a tiny external store,
 * so no provider has to wrap the app). Messages are plain strings with {name} placeholders; the Japanese
 * dictionary is the source of the keys and the English one must have every key (the type says so).
 * The shell's words live in messages.ja.ts / messages.en.ts; each screen area keeps its own pair beside
 * its pages (see AreaMessages) so that an area's words are edited where its screens are.
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

/** One screen area's words: Japanese is the source of the keys, English must have every one of them. */
export type AreaMessages<Key extends string> = { ja: Record<Key, string>; en: Record<Key, string> };

function fillPlaceholders(message: string, params?: TranslationParams): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translate(locale: Locale, key: MessageKey, params?: TranslationParams): string {
  return fillPlaceholders(dictionaries[locale][key], params);
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

/** Like useI18n, for a screen area's own dictionary (its `t` knows only that area's keys). */
export function useAreaMessages<Key extends string>(
  messages: AreaMessages<Key>,
): {
  locale: Locale;
  t: (key: Key, params?: TranslationParams) => string;
  setLocale: (locale: Locale) => void;
} {
  const locale = useSyncExternalStore(subscribe, getLocale, () => 'ja' as Locale);
  const t = useCallback(
    (key: Key, params?: TranslationParams) => fillPlaceholders(messages[locale][key], params),
    [locale, messages],
  );
  return { locale, t, setLocale };
}
