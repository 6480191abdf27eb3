import { fiscalYearEnd, formatFiscalYear } from './fiscal-year.js';
import { checkStatedFigures, cleanFigure, roundTo, type StatedCheck, sumFigures } from './stated-figures.js';

/*
 * Effects and money, computed from their rows: BPR hours saved, cost and volume series with their change
 * from the previous year, grant and budget totals — and the KPI actuals derived from them. Every total
 * is computed here, once, for the screens, the CSV, the report sections and the open data alike.
 */

/* BPR results (BPR実証結果) */

export interface BprResultInput {
  hoursBefore: number;
  /** Null: 未測定 (not measured yet); the row counts as a process but not in the totals. */
  hoursAfter: number | null;
  /** The document's own 削減時間 for the row, when it states one. */
  statedHoursSaved?: number | null | undefined;
  /** The document's own reduction rate (%) for the row, when it states one. */
  statedReductionRate?: number | null | undefined;
}

export interface BprResultFigures {
  measured: boolean;
  hoursSaved: number | null;
  /** Percent of the hours before, unrounded; null when not measured or nothing to reduce. */
  reductionRate: number | null;
  /** The rate to one decimal, as every screen prints it. */
  reductionRateShown: number | null;
  checks: StatedCheck[];
}

function percentOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return (part / whole) * 100;
}

function shownRate(rate: number | null): number | null {
  return rate === null ? null : roundTo(rate, 1);
}

/** One business process: hours saved = before − after, and the rate of the hours before. */
export function computeBprResult(input: BprResultInput): BprResultFigures {
  if (input.hoursAfter === null) {
    return {
      measured: false,
      hoursSaved: null,
      reductionRate: null,
      reductionRateShown: null,
      checks: checkStatedFigures([
        { label: '削減時間', stated: input.statedHoursSaved, computed: null, unit: '時間' },
      ]),
    };
  }
  const hoursSaved = cleanFigure(input.hoursBefore - input.hoursAfter);
  const reductionRate = percentOf(hoursSaved, input.hoursBefore);
  return {
    measured: true,
    hoursSaved,
    reductionRate,
    reductionRateShown: shownRate(reductionRate),
    checks: checkStatedFigures([
      { label: '削減時間', stated: input.statedHoursSaved, computed: hoursSaved, unit: '時間' },
      { label: '削減率', stated: input.statedReductionRate, computed: reductionRate, unit: '%' },
    ]),
  };
}

export interface BprStatedTotals {
  hoursSaved?: number | null | undefined;
  reductionRate?: number | null | undefined;
}

export interface BprTotals {
  /** Every row, measured or not (a KPI such as BPR実施件数 counts these). */
  processCount: number;
  measuredCount: number;
  unmeasuredCount: number;
  /** Sums over measured rows only, as the seed's 合計(未測定除く). */
  hoursBefore: number;
  hoursAfter: number;
  hoursSaved: number;
  reductionRate: number | null;
  reductionRateShown: number | null;
  checks: StatedCheck[];
}

/**
 * Totals over the measured rows only, and the overall reduction rate = hours saved ÷ hours before of
 * those rows. 鹿島市: 1210.2 h saved of 2966 h → 40.8 % (the document states 1203.2 h and 40 %).
 */
export function computeBprTotals({
  results,
  stated = {},
}: {
  results: readonly BprResultInput[];
  stated?: BprStatedTotals;
}): BprTotals {
  const measured = results.filter(
    (result): result is BprResultInput & { hoursAfter: number } => result.hoursAfter !== null,
  );
  const hoursBefore = sumFigures(measured.map((result) => result.hoursBefore));
  const hoursAfter = sumFigures(measured.map((result) => result.hoursAfter));
  const hoursSaved = cleanFigure(hoursBefore - hoursAfter);
  const reductionRate = measured.length === 0 ? null : percentOf(hoursSaved, hoursBefore);
  return {
    processCount: results.length,
    measuredCount: measured.length,
    unmeasuredCount: results.length - measured.length,
    hoursBefore,
    hoursAfter,
    hoursSaved,
    reductionRate,
    reductionRateShown: shownRate(reductionRate),
    checks: checkStatedFigures([
      {
        label: '削減時間の合計（未測定を除く）',
        stated: stated.hoursSaved,
        computed: measured.length === 0 ? null : hoursSaved,
        unit: '時間',
      },
      {
        label: '削減率（未測定を除く）',
        stated: stated.reductionRate,
        computed: reductionRate,
        unit: '%',
      },
    ]),
  };
}

/* Cost and volume series (費用・件数の推移) */

export interface SeriesColumn {
  key: string;
  label: string;
  unit: string;
  /** A computed column: the sum of these columns of the same year (印刷枚数計 = モノクロ + カラー). */
  sumOf?: string[] | undefined;
  /** Show the change from the previous year, under this heading (前年増減数). */
  changeLabel?: string | undefined;
}

export interface SeriesRowInput {
  fy: number;
  values: Record<string, number | null | undefined>;
  /** What the document states for computed columns and for changes, to be checked. */
  statedValues?: Record<string, number> | undefined;
  statedChanges?: Record<string, number> | undefined;
}

export interface SeriesRowFigures {
  fy: number;
  /** Every column's value: entered, or computed for a sum column (null when a part is missing). */
  values: Record<string, number | null>;
  /** The change from the previous fiscal year for columns with a change label; null without one. */
  changes: Record<string, number | null>;
  checks: StatedCheck[];
}

export interface SeriesTable {
  rows: SeriesRowFigures[];
  checks: StatedCheck[];
}

function readValue(values: Record<string, number | null | undefined>, key: string): number | null {
  const value = values[key];
  return value === undefined ? null : value;
}

/**
 * The table of a series: sum columns computed, the change from the previous fiscal year (the year
 * before, not the row before: a missing year leaves the change empty), stated figures checked. Rows
 * come out in fiscal-year order.
 */
export function computeSeriesTable({
  columns,
  rows,
}: {
  columns: readonly SeriesColumn[];
  rows: readonly SeriesRowInput[];
}): SeriesTable {
  const sorted = [...rows].sort((a, b) => a.fy - b.fy);
  const computedValues = new Map<number, Record<string, number | null>>();
  for (const row of sorted) {
    const values: Record<string, number | null> = {};
    for (const column of columns) {
      if (!column.sumOf) {
        values[column.key] = readValue(row.values, column.key);
        continue;
      }
      const parts = column.sumOf.map((key) => readValue(row.values, key));
      values[column.key] = parts.some((part) => part === null) ? null : sumFigures(parts as number[]);
    }
    computedValues.set(row.fy, values);
  }

  const allChecks: StatedCheck[] = [];
  const figures = sorted.map((row): SeriesRowFigures => {
    const values = computedValues.get(row.fy)!;
    const previous = computedValues.get(row.fy - 1);
    const changes: Record<string, number | null> = {};
    const candidates: Parameters<typeof checkStatedFigures>[0][number][] = [];
    const year = formatFiscalYear(row.fy);
    for (const column of columns) {
      if (column.sumOf) {
        candidates.push({
          label: `${year}の${column.label}`,
          stated: row.statedValues?.[column.key],
          computed: values[column.key] ?? null,
          unit: column.unit,
        });
      }
      if (!column.changeLabel) continue;
      const current = values[column.key] ?? null;
      const before = previous?.[column.key] ?? null;
      const change = current === null || before === null ? null : cleanFigure(current - before);
      changes[column.key] = change;
      candidates.push({
        label: `${year}の${column.changeLabel}（${column.label}）`,
        stated: row.statedChanges?.[column.key],
        computed: change,
        unit: column.unit,
        signed: true,
      });
    }
    const checks = checkStatedFigures(candidates);
    allChecks.push(...checks);
    return { fy: row.fy, values, changes, checks };
  });
  return { rows: figures, checks: allChecks };
}

/* Grants and budget lines (交付金・予算) */

export const fundingKinds = ['grant', 'budget'] as const;
export type FundingKind = (typeof fundingKinds)[number];

export const fundingKindLabels: Record<FundingKind, string> = {
  grant: '交付金・補助金',
  budget: '予算',
};

export interface FundingItemInput {
  type?: string | null | undefined;
  /** 事業費, in yen. */
  projectCost?: number | null | undefined;
  /** 採択額・交付額, in yen. */
  grantAmount?: number | null | undefined;
  /** 予算額, in yen. */
  budgetAmount?: number | null | undefined;
}

export interface FundingStatedTotals {
  projectCost?: number | null | undefined;
  grantAmount?: number | null | undefined;
  budgetAmount?: number | null | undefined;
}

export interface FundingTotals {
  itemCount: number;
  projectCost: number;
  grantAmount: number;
  budgetAmount: number;
  checks: StatedCheck[];
}

function sumAmounts(
  items: readonly FundingItemInput[],
  pick: (item: FundingItemInput) => number | null | undefined,
) {
  let total = 0;
  for (const item of items) total += pick(item) ?? 0;
  return total;
}

/**
 * A list's totals in yen and the check of the totals it states (鹿島市's grant table: 219,541千円 of
 * which 118,948千円 granted — both agree with its rows).
 */
export function computeFundingTotals({
  items,
  stated = {},
}: {
  items: readonly FundingItemInput[];
  stated?: FundingStatedTotals;
}): FundingTotals {
  const projectCost = sumAmounts(items, (item) => item.projectCost);
  const grantAmount = sumAmounts(items, (item) => item.grantAmount);
  const budgetAmount = sumAmounts(items, (item) => item.budgetAmount);
  return {
    itemCount: items.length,
    projectCost,
    grantAmount,
    budgetAmount,
    checks: checkStatedFigures([
      { label: '事業費の合計', stated: stated.projectCost, computed: projectCost, unit: '円' },
      { label: '採択額の合計', stated: stated.grantAmount, computed: grantAmount, unit: '円' },
      { label: '予算額の合計', stated: stated.budgetAmount, computed: budgetAmount, unit: '円' },
    ]),
  };
}

/** The share of the project cost that the grant covers, in percent (null without a cost). */
export function computeGrantShare(item: FundingItemInput): number | null {
  if (!item.projectCost || item.grantAmount === null || item.grantAmount === undefined) return null;
  return (item.grantAmount / item.projectCost) * 100;
}

export interface FundingYearTypeTotal {
  fy: number;
  kind: FundingKind;
  /** The grant type (事業タイプ); null for budget lines and grants without one. */
  type: string | null;
  itemCount: number;
  projectCost: number;
  grantAmount: number;
  budgetAmount: number;
}

/** Totals by fiscal year and kind, and within each by type, over several lists; years in order. */
export function summarizeFunding(
  lists: readonly { fy: number; kind: FundingKind; items: readonly FundingItemInput[] }[],
): { byYear: FundingYearTypeTotal[]; byYearAndType: FundingYearTypeTotal[] } {
  const byYear = new Map<string, FundingYearTypeTotal>();
  const byYearAndType = new Map<string, FundingYearTypeTotal>();
  const add = (
    map: Map<string, FundingYearTypeTotal>,
    key: string,
    seed: Pick<FundingYearTypeTotal, 'fy' | 'kind' | 'type'>,
    item: FundingItemInput,
  ) => {
    const total = map.get(key) ?? { ...seed, itemCount: 0, projectCost: 0, grantAmount: 0, budgetAmount: 0 };
    total.itemCount += 1;
    total.projectCost += item.projectCost ?? 0;
    total.grantAmount += item.grantAmount ?? 0;
    total.budgetAmount += item.budgetAmount ?? 0;
    map.set(key, total);
  };
  for (const list of lists) {
    for (const item of list.items) {
      const type = item.type?.trim() ? item.type.trim() : null;
      add(byYear, `${list.fy}|${list.kind}`, { fy: list.fy, kind: list.kind, type: null }, item);
      add(
        byYearAndType,
        `${list.fy}|${list.kind}|${type ?? ''}`,
        { fy: list.fy, kind: list.kind, type },
        item,
      );
    }
  }
  const order = (a: FundingYearTypeTotal, b: FundingYearTypeTotal) =>
    a.fy - b.fy || a.kind.localeCompare(b.kind) || (a.type ?? '').localeCompare(b.type ?? '', 'ja');
  return { byYear: [...byYear.values()].sort(order), byYearAndType: [...byYearAndType.values()].sort(order) };
}

export const amountUnits = ['yen', 'thousand'] as const;
export type AmountUnit = (typeof amountUnits)[number];

export const amountUnitLabels: Record<AmountUnit, string> = { yen: '円', thousand: '千円' };

const yenFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });
const thousandFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 3 });

/** An amount stored in yen, shown in 円 or in 千円 as the user chose: 143,034千円 / 143,034,000円. */
export function formatAmount(yen: number, unit: AmountUnit): string {
  if (unit === 'yen') return `${yenFormat.format(yen)}円`;
  return `${thousandFormat.format(yen / 1000)}千円`;
}

/** The figure alone, in the chosen unit (for a CSV cell or a chart). */
export function convertAmount(yen: number, unit: AmountUnit): number {
  return unit === 'yen' ? yen : yen / 1000;
}

/* KPI actuals derived from effects (指標の実績値の自動反映) */

export const bprMetrics = ['hours_saved', 'reduction_rate', 'process_count'] as const;
export type BprMetric = (typeof bprMetrics)[number];

export const bprMetricLabels: Record<BprMetric, string> = {
  hours_saved: '削減時間の合計（未測定を除く）',
  reduction_rate: '削減率（未測定を除く）',
  process_count: '対象業務の数',
};

export interface DerivedActual {
  value: number;
  date: string;
  /** Says where the figure comes from, so that nobody types it again. */
  note: string;
}

/**
 * The actual a KPI takes from a BPR project: the chosen total, dated at the end of the project's fiscal
 * year. Nothing while the project has nothing to give (no measured row for hours or rate).
 */
export function deriveActualsFromBpr({
  title,
  fy,
  totals,
  metric,
}: {
  title: string;
  fy: number;
  totals: BprTotals;
  metric: BprMetric;
}): DerivedActual[] {
  const value =
    metric === 'process_count'
      ? totals.processCount > 0
        ? totals.processCount
        : null
      : totals.measuredCount === 0
        ? null
        : metric === 'hours_saved'
          ? totals.hoursSaved
          : totals.reductionRateShown;
  if (value === null) return [];
  return [
    {
      value,
      date: fiscalYearEnd(fy),
      note: `BPR実証結果「${title}」の${bprMetricLabels[metric]}から自動反映`,
    },
  ];
}

/** One actual per fiscal year that has a value in the column, dated at the end of that year. */
export function deriveActualsFromSeries({
  title,
  table,
  column,
}: {
  title: string;
  table: SeriesTable;
  column: SeriesColumn;
}): DerivedActual[] {
  const actuals: DerivedActual[] = [];
  for (const row of table.rows) {
    const value = row.values[column.key];
    if (value === null || value === undefined) continue;
    actuals.push({
      value,
      date: fiscalYearEnd(row.fy),
      note: `推移表「${title}」の${column.label}（${formatFiscalYear(row.fy)}）から自動反映`,
    });
  }
  return actuals;
}

/**
 * What to change in a KPI's derived actuals: those on a date still derived keep their row (value and
 * note updated when they changed), new dates are inserted, dates no longer derived are archived.
 */
export function planDerivedActualChanges<
  T extends { id: string; date: string; value: number; note: string | null },
>({
  existing,
  derived,
}: {
  existing: readonly T[];
  derived: readonly DerivedActual[];
}): { insert: DerivedActual[]; update: { row: T; next: DerivedActual }[]; archive: T[] } {
  const byDate = new Map(existing.map((row) => [row.date, row]));
  const insert: DerivedActual[] = [];
  const update: { row: T; next: DerivedActual }[] = [];
  const kept = new Set<string>();
  for (const actual of derived) {
    const row = byDate.get(actual.date);
    if (!row) {
      insert.push(actual);
      continue;
    }
    kept.add(row.id);
    if (row.value !== actual.value || row.note !== actual.note) update.push({ row, next: actual });
  }
  return { insert, update, archive: existing.filter((row) => !kept.has(row.id)) };
}
