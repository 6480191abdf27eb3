import type { EvaluationSettings, Kpi, KpiActual } from '../plan.schemas.js';
import type { KpiEvaluation, RateResult } from './evaluation.models.js';
import { formatFigure } from './numbers.js';
import { buildRateResult, type Formula } from './rate-result.js';

/** The latest actual by date; of two on one date, the one entered last. */
export function findLatestActual(actuals: KpiActual[]): KpiActual | null {
  let latest: KpiActual | null = null;
  for (const actual of actuals) {
    if (!latest || actual.date >= latest.date) latest = actual;
  }
  return latest;
}

type RawRate = { raw: number; formula: Formula } | { notice: string };

/**
 * 目標(値)に対する達成率. From zero (a level or a count): a ÷ t, or t ÷ a for a decrease target.
 * From the baseline (a change, 30%向上 or 2倍): (a − b) ÷ (t − b), which serves both directions.
 */
export function computeKpiRawRate(input: {
  basis: 'ratio' | 'baseline';
  direction: 'increase' | 'decrease';
  actual: number;
  target: number;
  baseline?: number | undefined;
}): RawRate {
  const { actual: a, target: t, baseline: b } = input;
  if (input.basis === 'baseline') {
    if (b === undefined) return { notice: '基準値が未登録のため、基準値からの達成率を算定できません' };
    if (t === b) return { notice: '目標値が基準値と同じため、基準値からの達成率を算定できません' };
    return {
      raw: ((a - b) / (t - b)) * 100,
      formula: () => `(${formatFigure(a)} − ${formatFigure(b)}) ÷ (${formatFigure(t)} − ${formatFigure(b)})`,
    };
  }
  if (a < 0 || t < 0)
    return { notice: '負の値には実績÷目標の比率を使えません（基準値からの算定を設定してください）' };
  if (input.direction === 'increase') {
    if (t === 0) return { notice: '目標値が 0 のため、実績÷目標の比率を算定できません' };
    return { raw: (a / t) * 100, formula: () => `${formatFigure(a)} ÷ ${formatFigure(t)}` };
  }
  if (a === 0)
    return {
      raw: 100,
      formula: () => `実績値 0 は目標値 ${formatFigure(t)} 以下（割り算はできないため達成として扱います）`,
    };
  return { raw: (t / a) * 100, formula: () => `${formatFigure(t)} ÷ ${formatFigure(a)}` };
}

export function evaluateKpi(kpi: Kpi, settings: EvaluationSettings): KpiEvaluation {
  const basis = kpi.basis ?? settings.defaultKpiBasis;
  const latestActual = findLatestActual(kpi.actuals);
  // Built in one literal, not spread from a base object: spreading was the hot spot of the benchmark.
  const evaluation = (result: RateResult | null, notice: string | null): KpiEvaluation => ({
    kpiKey: kpi.key,
    name: kpi.name,
    unit: kpi.unit,
    basis,
    direction: kpi.direction,
    latestActual,
    result,
    notice,
  });
  if (!latestActual) return evaluation(null, '実績値が未登録です');
  const rate = computeKpiRawRate({
    basis,
    direction: kpi.direction,
    actual: latestActual.value,
    target: kpi.target.value,
    baseline: kpi.baseline?.value,
  });
  if ('notice' in rate) return evaluation(null, rate.notice);
  if (!Number.isFinite(rate.raw)) return evaluation(null, '値の桁が大きすぎるため、達成率を算定できません');
  const result = buildRateResult({
    raw: rate.raw,
    formula: rate.formula,
    scale: settings.ratingScale,
    hypothetical: latestActual.hypothetical ?? false,
  });
  return evaluation(result, null);
}
