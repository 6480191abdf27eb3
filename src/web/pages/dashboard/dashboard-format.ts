import { fiscalYearEnd, fiscalYearOfDate, formatJapaneseDateOrYearEnd } from '../../../domain/fiscal-year';
import { formatDateIn, formatFiscalYearIn, type Locale, translateRatingLabel } from '../../../domain/locale';
import type { RatingView } from '../../format';

/** Locale-aware figures for the dashboard pages: 令和8年度 / FY2026, dates, labels, colours. */

export function formatFy(fy: number, locale: Locale): string {
  return formatFiscalYearIn({ fy, locale });
}

/** A KPI's date: 令和8年度末 for a year's last day (as figures are reported), else the date. */
export function formatReportDate(isoDate: string, locale: Locale): string {
  if (locale === 'ja') return formatJapaneseDateOrYearEnd(isoDate);
  const fy = fiscalYearOfDate(isoDate);
  return isoDate === fiscalYearEnd(fy) ? `end of FY${fy}` : formatDateIn({ isoDate, locale });
}

export function formatDate(isoDate: string, locale: Locale): string {
  return formatDateIn({ isoDate, locale });
}

export function ratingLabel(rating: Pick<RatingView, 'key' | 'label'>, locale: Locale): string {
  return translateRatingLabel({ rating, locale });
}

/** DADS colours of the rating tones (the same as the badges), for charts, which need real colours. */
export const TONE_COLORS: Record<string, string> = {
  'band-1': '#197a4b',
  'band-2': '#507500',
  'band-3': '#806300',
  'band-4': '#c74700',
  'band-5': '#ce0000',
  unrated: '#666666',
  status: '#4d4d4d',
};

export const CHART_COLORS = {
  text: '#1a1a1a',
  muted: '#4d4d4d',
  grid: '#cccccc',
  accent: '#0017c1',
  previous: '#949494',
  forecast: '#5c10be',
  target: '#197a4b',
} as const;
