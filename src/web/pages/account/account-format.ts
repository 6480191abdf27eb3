import type { Locale } from '../../../domain/locale';

/**
 * A moment as the account screens show it, in the browser's time zone as before: the Japanese form for
 * a Japanese screen, the English one (day month year) for an English screen.
 */
export function formatMoment({
  value,
  locale,
  dateStyle,
}: {
  value: string;
  locale: Locale;
  dateStyle: 'long' | 'medium';
}): string {
  return new Date(value).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle,
    timeStyle: 'short',
  });
}
