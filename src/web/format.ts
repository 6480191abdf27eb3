import { getJapanDateAndTime } from '../domain/fiscal-year';
import { formatDateIn, formatFiscalYearIn, type Locale } from '../domain/locale';
import type { ActionEvaluationView, RateResultView } from '../server/plans/plans.schemas';

export type RateBasis = NonNullable<ActionEvaluationView['basis']>;
export type KpiBasis = ActionEvaluationView['kpi']['kpis'][number]['basis'];
export type KpiDirection = ActionEvaluationView['kpi']['kpis'][number]['direction'];
export type RatingView = RateResultView['rating'];

/** Shown when there is no figure. */
export const NO_VALUE = '—';

const figureFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 4 });
const progressFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });

/**
 * A rate as every screen prints it: the API's `shown` value (already rounded, the one the label follows)
 * with one decimal, always — 83.3%, 100.0%. The UI never recomputes a rate.
 */
export function formatRate(shown: number): string {
  return `${shown.toFixed(1)}%`;
}

export function formatOptionalRate(shown: number | null | undefined): string {
  return shown === null || shown === undefined ? NO_VALUE : formatRate(shown);
}

/** A task's progress as the department entered it, like the seed's tables: 100%, 80%, 42.5%. */
export function formatProgress(progress: number): string {
  return `${progressFormat.format(progress)}%`;
}

/** A KPI figure with its unit: 80%, 12,500件, 1.8倍. */
export function formatFigure(value: number, unit: string): string {
  return `${figureFormat.format(value)}${unit}`;
}

/** 令和5年度〜令和8年度 / FY2023–FY2026. */
export function formatPeriod({
  period,
  locale,
}: {
  period: { startFy: number; endFy: number };
  locale: Locale;
}): string {
  const start = formatFiscalYearIn({ fy: period.startFy, locale });
  if (period.startFy === period.endFy) return start;
  const end = formatFiscalYearIn({ fy: period.endFy, locale });
  return locale === 'ja' ? `${start}〜${end}` : `${start}–${end}`;
}

/** Number of fiscal years, as the seed writes it: 3カ年 / 3 years. */
export function formatYearCount({ count, locale }: { count: number; locale: Locale }): string {
  if (locale === 'ja') return `${count}カ年`;
  return count === 1 ? '1 year' : `${count} years`;
}

export const BASIS_LABELS: Record<Locale, Record<RateBasis, string>> = {
  ja: {
    kpi: '目標(値)に対する達成率',
    tasks: '各年度タスクの平均進捗率',
    assessment: '総括評価',
  },
  en: {
    kpi: 'Rate against the target',
    tasks: 'Mean progress of the yearly tasks',
    assessment: 'Overall assessment',
  },
};

/** The short form for the plan page's 評価根拠 column. */
export const BASIS_SHORT_LABELS: Record<Locale, Record<RateBasis, string>> = {
  ja: { kpi: '目標(値)', tasks: 'タスク平均', assessment: '総括評価' },
  en: { kpi: 'Target', tasks: 'Task mean', assessment: 'Overall assessment' },
};

export function formatKpiBasis({
  basis,
  direction,
  locale,
}: {
  basis: KpiBasis;
  direction: KpiDirection;
  locale: Locale;
}): string {
  const decrease = direction === 'decrease';
  if (locale === 'en') {
    if (basis === 'ratio') return decrease ? 'target ÷ actual' : 'actual ÷ target';
    return decrease ? 'decrease from the baseline' : 'growth from the baseline';
  }
  if (basis === 'ratio') return decrease ? '目標 ÷ 実績' : '実績 ÷ 目標';
  return decrease ? '基準値からの減少' : '基準値からの伸び';
}

export const DIRECTION_LABELS: Record<Locale, Record<KpiDirection, string>> = {
  ja: { increase: '増やす目標', decrease: '減らす目標' },
  en: { increase: 'to increase', decrease: 'to decrease' },
};

/** Page titles read from the most specific part: "6 インターネット利用機会の向上 — 第1次 嘉麻市デジタル推進計画 — Kiseki". */
export function formatPageTitle(...parts: string[]): string {
  return [...parts, 'Kiseki'].join(' — ');
}

/** "6 インターネット利用機会の向上", or the title alone when the item has no number. */
export function formatNumbered(item: { number: string | null | undefined; title: string }): string {
  return item.number ? `${item.number} ${item.title}` : item.title;
}

/** The id of a node's section on the plan page, for links from an action's breadcrumb. */
export function nodeAnchor(nodeKey: string): string {
  return `node-${nodeKey}`;
}

export type RatingTone = 'band-1' | 'band-2' | 'band-3' | 'band-4' | 'band-5' | 'unrated' | 'status';

const BAND_TONES = ['band-1', 'band-2', 'band-3', 'band-4', 'band-5'] as const;

/**
 * A badge colour for each label: the scale's bands by position, from success green (the top band) to
 * error red (the last), 未評価 grey and the statuses neutral. Plans may have any number of bands.
 */
export function createRatingTones(ratings: RatingView[]): Map<string, RatingTone> {
  const tones = new Map<string, RatingTone>();
  const bands = ratings.filter((rating) => rating.kind === 'band');
  bands.forEach((band, index) => {
    const position = bands.length <= 1 ? 0 : index / (bands.length - 1);
    tones.set(band.key, BAND_TONES[Math.round(position * (BAND_TONES.length - 1))] ?? 'band-1');
  });
  for (const rating of ratings) {
    if (rating.kind !== 'band') tones.set(rating.key, rating.kind === 'unrated' ? 'unrated' : 'status');
  }
  return tones;
}

/**
 * A moment as every screen shows it, in Japan time whatever the browser's clock (the municipality's
 * working day is Japan's): 令和8年11月23日 18:47 / 23 Nov 2026, 18:47 JST.
 */
export function formatDateTime({ iso, locale }: { iso: string | null | undefined; locale: Locale }): string {
  if (!iso) return NO_VALUE;
  const { isoDate, time } = getJapanDateAndTime(iso);
  const date = formatDateIn({ isoDate, locale });
  return locale === 'ja' ? `${date} ${time}` : `${date}, ${time} JST`;
}
