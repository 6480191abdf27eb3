import type { Rating } from './evaluation/evaluation.models.js';
import { DEFAULT_RATING_SCALE, STATUS_RATINGS, UNRATED } from './evaluation/settings.js';
import { formatFiscalYear, formatJapaneseDate } from './fiscal-year.js';

/**
 * Japanese first, English second. The plan's own words (titles, aims, a city's own label names) are
 * data and stay as written; what Kiseki itself names — the default labels, fiscal years, dates — has
 * an English form here, shared by the web UI and the public portal.
 */
export const locales = ['ja', 'en'] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}

const ENGLISH_RATING_LABELS: Record<string, string> = {
  achieved: 'Achieved',
  nearly_achieved: 'Nearly achieved',
  mostly_achieved: 'Mostly achieved',
  slightly_short: 'Slightly short',
  needs_attention: 'Needs attention',
  unrated: 'Not rated',
  not_started: 'Not started',
  cancelled: 'Cancelled',
  unassessable: 'Cannot be assessed',
};

const DEFAULT_JAPANESE_LABELS = new Map<string, string>([
  ...DEFAULT_RATING_SCALE.map((band): [string, string] => [band.key, band.label]),
  [UNRATED.key, UNRATED.label],
  ...Object.values(STATUS_RATINGS).map((rating): [string, string] => [rating.key, rating.label]),
]);

/** A label in the locale: a default label is translated, a label the city named itself is kept. */
export function translateRatingLabel({
  rating,
  locale,
}: {
  rating: Pick<Rating, 'key' | 'label'>;
  locale: Locale;
}): string {
  if (locale === 'ja') return rating.label;
  if (DEFAULT_JAPANESE_LABELS.get(rating.key) !== rating.label) return rating.label;
  return ENGLISH_RATING_LABELS[rating.key] ?? rating.label;
}

/** 令和8年度 / FY2026. */
export function formatFiscalYearIn({ fy, locale }: { fy: number; locale: Locale }): string {
  return locale === 'ja' ? formatFiscalYear(fy) : `FY${fy}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 令和8年2月8日 / 8 Feb 2026, from YYYY-MM-DD. */
export function formatDateIn({ isoDate, locale }: { isoDate: string; locale: Locale }): string {
  if (locale === 'ja') return formatJapaneseDate(isoDate);
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}
