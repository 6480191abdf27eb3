import { formatFiscalYear } from '../fiscal-year.js';
import type { Action, EvaluationSettings, RateBasis } from '../plan.schemas.js';
import type { ActionEvaluation, Flag, KpiEvaluation, RateResult } from './evaluation.models.js';
import { evaluateKpi } from './kpi-rate.js';
import { formatRate, formatRateFigure, roundToOneDecimal } from './numbers.js';
import { buildRateResult, meanOf } from './rate-result.js';
import { STATUS_RATINGS, UNRATED } from './settings.js';
import { evaluateTaskProgress } from './task-progress.js';

export const RATE_BASIS_LABELS: Record<RateBasis, string> = {
  kpi: '目標(値)に対する達成率',
  assessment: '総括評価',
  tasks: '各年度タスクの平均進捗率',
};

/** Several KPIs on one action: their weighted mean (default) or the weakest, on the capped rates so
 * that one KPI far over its target cannot hide another one short of it. */
function combineKpis(
  kpis: KpiEvaluation[],
  weights: (number | undefined)[],
  settings: EvaluationSettings,
): RateResult | null {
  const rated: { kpi: KpiEvaluation; result: RateResult; weight: number | undefined }[] = [];
  kpis.forEach((kpi, i) => {
    if (kpi.result) rated.push({ kpi, result: kpi.result, weight: weights[i] });
  });
  if (rated.length === 0) return null;
  if (rated.length === 1) return rated[0]!.result;
  const hypothetical = rated.some((entry) => entry.result.hypothetical);
  if (settings.kpiAggregation === 'min') {
    const weakest = rated.reduce((low, entry) => (entry.result.capped < low.result.capped ? entry : low));
    return buildRateResult({
      raw: weakest.result.capped,
      formula: () =>
        `最も低い指標「${weakest.kpi.name}」: min(${rated.map((entry) => formatRateFigure(entry.result.capped)).join(', ')})`,
      scale: settings.ratingScale,
      hypothetical,
    });
  }
  const mean = meanOf(rated.map((entry) => ({ value: entry.result.capped, weight: entry.weight })));
  return buildRateResult({
    raw: mean.value,
    formula: () => `指標の平均 ${mean.formula()}`,
    scale: settings.ratingScale,
    hypothetical,
  });
}

const AVAILABLE_REASONS: Record<RateBasis, string> = {
  kpi: '数値目標に実績値がある',
  assessment: '総括評価が入力されている',
  tasks: '各年度タスクの進捗が記録されている',
};

function describeMissing(basis: RateBasis, action: Action): string {
  switch (basis) {
    case 'kpi':
      return action.kpis.length === 0 ? '数値の指標がなく' : '指標の実績値がなく';
    case 'assessment':
      return '総括評価が未入力で';
    case 'tasks':
      return action.tasks.length === 0 ? '年度タスクがなく' : 'タスクの進捗が未記録で';
  }
}

function checkStatedFigures(action: Action, evaluation: ActionEvaluation, flags: Flag[]): void {
  const stated = action.stated;
  if (!stated) return;
  const differs = (statedValue: number, computed: number | undefined) =>
    computed === undefined || roundToOneDecimal(statedValue) !== computed;
  const shownOrNone = (value: number | undefined) =>
    value === undefined ? '計算できません' : formatRate(value);
  for (const [year, statedMean] of Object.entries(stated.yearMeans ?? {})) {
    const computed = evaluation.tasks.years.find((entry) => entry.fy === Number(year))?.result?.shown;
    if (differs(statedMean, computed)) {
      flags.push({
        code: 'stated.year_mean_mismatch',
        message: `${formatFiscalYear(Number(year))}平均: 資料の記載は ${formatRate(statedMean)}、タスクから計算すると ${shownOrNone(computed)}`,
      });
    }
  }
  if (stated.taskMean !== undefined && differs(stated.taskMean, evaluation.tasks.result?.shown)) {
    flags.push({
      code: 'stated.task_mean_mismatch',
      message: `複数年度の平均進捗率: 資料の記載は ${formatRate(stated.taskMean)}、年度平均から計算すると ${shownOrNone(evaluation.tasks.result?.shown)}`,
    });
  }
  if (stated.kpiRate !== undefined && differs(stated.kpiRate, evaluation.kpi.result?.shown)) {
    flags.push({
      code: 'stated.kpi_rate_mismatch',
      message: `目標(値)に対する達成率: 資料の記載は ${formatRate(stated.kpiRate)}、計算すると ${shownOrNone(evaluation.kpi.result?.shown)}`,
    });
  }
  if (stated.rating !== undefined && stated.rating !== evaluation.rating.label) {
    flags.push({
      code: 'stated.rating_mismatch',
      message: `評価区分: 資料の記載は「${stated.rating}」、計算すると「${evaluation.rating.label}」`,
    });
  }
}

/**
 * Rates one action by the seed's method: computes all three reference rates (目標(値)に対する達成率,
 * 各年度タスクの平均進捗率, 総括評価), then takes the first available one in the plan's basis order.
 * With nothing to rate the action is 未評価; a status (未着手, 中止, 評価困難) replaces the label.
 */
export function evaluateAction(action: Action, settings: EvaluationSettings): ActionEvaluation {
  const flags: Flag[] = [];
  const kpis = action.kpis.map((kpi) => evaluateKpi(kpi, settings));
  for (const kpi of kpis) {
    if (kpi.result) continue;
    flags.push({
      code: kpi.latestActual ? 'kpi.not_computable' : 'kpi.no_actual',
      message: `指標「${kpi.name}」: ${kpi.notice}`,
    });
  }
  const kpiResult = combineKpis(
    kpis,
    action.kpis.map((kpi) => kpi.weight),
    settings,
  );
  const taskProgress = evaluateTaskProgress(action.tasks, settings, action.departmentWeights);
  flags.push(...taskProgress.flags);
  const assessmentResult = action.assessment
    ? buildRateResult({
        raw: action.assessment.rate,
        formula: '担当課による総括評価',
        scale: settings.ratingScale,
        hypothetical: action.assessment.hypothetical ?? false,
      })
    : null;

  const candidates: Record<RateBasis, RateResult | null> = {
    kpi: kpiResult,
    assessment: assessmentResult,
    tasks: taskProgress.result,
  };
  const basis = settings.basisOrder.find((candidate) => candidates[candidate] !== null) ?? null;
  const result = basis ? candidates[basis] : null;
  const skipped = basis
    ? settings.basisOrder.slice(0, settings.basisOrder.indexOf(basis))
    : settings.basisOrder;
  const missing = skipped.map((candidate) => describeMissing(candidate, action)).join('、');

  let rating = result ? result.rating : UNRATED;
  let basisReason: string;
  if (action.status && action.status !== 'active') {
    rating = STATUS_RATINGS[action.status];
    basisReason = `「${rating.label}」のため評価区分を付けません（参考の進捗率は表示します）`;
  } else if (basis) {
    const chosen = RATE_BASIS_LABELS[basis];
    basisReason = `${missing ? `${missing}、` : ''}${AVAILABLE_REASONS[basis]}ため、${chosen}で評価します`;
  } else {
    basisReason = `${missing}、評価に使える値がまだないため未評価です`;
  }

  const evaluation: ActionEvaluation = {
    actionKey: action.key,
    number: action.number,
    title: action.title,
    kpi: { result: kpiResult, kpis },
    tasks: { result: taskProgress.result, years: taskProgress.years },
    assessment: { result: assessmentResult, reason: action.assessment?.reason ?? null },
    basis: action.status && action.status !== 'active' ? null : basis,
    basisReason,
    result: action.status && action.status !== 'active' ? null : result,
    rating,
    flags,
  };
  checkStatedFigures(action, evaluation, flags);
  return evaluation;
}
