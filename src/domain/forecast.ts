import type { RateResult } from './evaluation/evaluation.models.js';
import { computeKpiRawRate, findLatestActual } from './evaluation/kpi-rate.js';
import { formatRate } from './evaluation/numbers.js';
import { buildRateResult } from './evaluation/rate-result.js';
import { fiscalYearEnd, fiscalYearStart, formatFiscalYear } from './fiscal-year.js';
import type { EvaluationSettings, Kpi } from './plan.schemas.js';

/*
 * Where a KPI is heading. Two rules, both pure and both in this file:
 * - the forecast: the least-squares line through the actuals, read at the end of the target fiscal year
 *   and rated by the same KPI formula and scale as a real actual would be;
 * - the pace: where the KPI should stand today if it moved on a straight line from its baseline to its
 *   target, compared with its latest actual.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD), in UTC so that no time zone shifts a day. */
export function toDayNumber(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export type KpiForecast =
  | {
      available: true;
      /** The end of the target fiscal year (YYYY-MM-DD), where the line is read. */
      date: string;
      fy: number;
      /** The value the line gives on that date, in the KPI's unit. */
      projectedValue: number;
      /** Change per year along the line, in the KPI's unit. */
      slopePerYear: number;
      /** The line itself, for drawing: its value at the first actual and at the target date. */
      line: { from: { date: string; value: number }; to: { date: string; value: number } };
      /** The projected value rated like an actual: capped, shown to one decimal, labelled. */
      result: RateResult;
      /** このペースでは令和8年度末に 87.5 %（概ね達成）の見込み */
      sentence: string;
    }
  | { available: false; reason: string };

/**
 * The linear trend of a KPI's actuals projected to the end of its target fiscal year. No forecast with
 * fewer than two actuals (on two different dates): one point gives no direction.
 */
export function forecastKpi({ kpi, settings }: { kpi: Kpi; settings: EvaluationSettings }): KpiForecast {
  const points = kpi.actuals
    .map((actual) => ({ x: toDayNumber(actual.date), y: actual.value, date: actual.date }))
    .sort((a, b) => a.x - b.x);
  if (new Set(points.map((point) => point.x)).size < 2) {
    return { available: false, reason: '実績値が2時点以上ないため、見込みは計算しません' };
  }
  const date = fiscalYearEnd(kpi.target.fy);
  const targetX = toDayNumber(date);
  const last = points.at(-1)!;
  if (last.x > targetX) {
    return {
      available: false,
      reason: `目標年度（${formatFiscalYear(kpi.target.fy)}）を過ぎた実績値があるため、見込みは計算しません`,
    };
  }

  const n = points.length;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const point of points) {
    sxy += (point.x - meanX) * (point.y - meanY);
    sxx += (point.x - meanX) ** 2;
  }
  const slope = sxy / sxx;
  const valueAt = (x: number) => meanY + slope * (x - meanX);
  const projectedValue = valueAt(targetX);

  const rate = computeKpiRawRate({
    basis: kpi.basis ?? settings.defaultKpiBasis,
    direction: kpi.direction,
    actual: projectedValue,
    target: kpi.target.value,
    baseline: kpi.baseline?.value,
  });
  if ('notice' in rate) return { available: false, reason: rate.notice };
  if (!Number.isFinite(rate.raw)) return { available: false, reason: '見込みの値を計算できません' };
  const result = buildRateResult({
    raw: rate.raw,
    formula: rate.formula,
    scale: settings.ratingScale,
    projection: true,
    hypothetical: kpi.actuals.some((actual) => actual.hypothetical === true),
  });
  const first = points[0]!;
  return {
    available: true,
    date,
    fy: kpi.target.fy,
    projectedValue,
    slopePerYear: slope * 365.25,
    line: { from: { date: first.date, value: valueAt(first.x) }, to: { date, value: projectedValue } },
    result,
    sentence: `このペースでは${formatFiscalYear(kpi.target.fy)}末に ${formatRate(result.shown)}（${result.rating.label}）の見込み`,
  };
}

export type KpiPace =
  | {
      available: true;
      /** Where the straight line starts: the baseline's date, or the plan's first day when it has none. */
      start: { date: string; value: number };
      end: { date: string; value: number };
      /** The value the line gives today. */
      expectedValue: number;
      actual: { date: string; value: number };
      /** The latest actual is short of the line (below it for an increase target, above for a decrease). */
      behind: boolean;
    }
  | { available: false; reason: string };

/**
 * Whether a KPI keeps the pace its target needs: the expected value today on the straight line from the
 * baseline to the target (at the end of the target fiscal year), against the latest actual.
 */
export function assessKpiPace({
  kpi,
  today,
  planStartFy,
}: {
  kpi: Kpi;
  /** YYYY-MM-DD. */
  today: string;
  /** The plan's first fiscal year: the line starts there when the baseline has no date (計画策定時). */
  planStartFy: number;
}): KpiPace {
  if (!kpi.baseline) return { available: false, reason: '基準値が未登録のため、進み具合を判定できません' };
  // The same actual the evaluation rates: the latest by date.
  const latest = findLatestActual(kpi.actuals);
  if (!latest) return { available: false, reason: '実績値が未登録です' };
  const start = { date: kpi.baseline.date ?? fiscalYearStart(planStartFy), value: kpi.baseline.value };
  const end = { date: fiscalYearEnd(kpi.target.fy), value: kpi.target.value };
  const startX = toDayNumber(start.date);
  const endX = toDayNumber(end.date);
  if (endX <= startX) return { available: false, reason: '基準値の日付が目標年度の末日以降です' };
  const fraction = Math.min(1, Math.max(0, (toDayNumber(today) - startX) / (endX - startX)));
  const expectedValue = start.value + (end.value - start.value) * fraction;
  const behind = kpi.direction === 'increase' ? latest.value < expectedValue : latest.value > expectedValue;
  return {
    available: true,
    start,
    end,
    expectedValue,
    actual: { date: latest.date, value: latest.value },
    behind,
  };
}
