import { DEFAULT_EVALUATION_SETTINGS } from '../../../domain/evaluation/settings';
import { formatFiscalYear } from '../../../domain/fiscal-year';
import {
  KPI_AGGREGATION_LABELS,
  KPI_BASIS_LABELS,
  RATE_BASIS_LABELS,
  TASK_AGGREGATION_LABELS,
} from '../../../domain/history';
import type { EvaluationSettings, RateBasis } from '../../../domain/plan.schemas';
import { type PlanSettingsFields, planSettingsFieldsSchema } from '../../../domain/plan-editing.schemas';
import { collectFieldErrors, type FieldErrors, numberToText, parseNumber } from './form-values';

/** A plan's settings as the form holds them: text in the inputs, the rest as chosen. */
export interface PlanSettingsValues {
  title: string;
  slug: string;
  startFy: string;
  endFy: string;
  levels: string[];
  actionLevel: string;
  ratingScale: { key: string; label: string; min: string }[];
  /** Up to three bases in order; '' = not used. */
  basisOrder: (RateBasis | '')[];
  defaultKpiBasis: EvaluationSettings['defaultKpiBasis'];
  kpiAggregation: EvaluationSettings['kpiAggregation'];
  taskAggregation: EvaluationSettings['taskAggregation'];
}

export function toPlanSettingsValues(settings: PlanSettingsFields): PlanSettingsValues {
  const { evaluation } = settings;
  return {
    title: settings.title,
    slug: settings.slug,
    startFy: String(settings.period.startFy),
    endFy: String(settings.period.endFy),
    levels: settings.levels,
    actionLevel: settings.actionLevel,
    ratingScale: evaluation.ratingScale.map((band) => ({
      key: band.key,
      label: band.label,
      min: numberToText(band.min),
    })),
    basisOrder: [0, 1, 2].map((i) => evaluation.basisOrder[i] ?? ''),
    defaultKpiBasis: evaluation.defaultKpiBasis,
    kpiAggregation: evaluation.kpiAggregation,
    taskAggregation: evaluation.taskAggregation,
  };
}

/** The values of a new plan: the seed's five labels and the flowchart's order. */
export function buildNewPlanValues(startFy: number): PlanSettingsValues {
  return toPlanSettingsValues({
    title: '',
    slug: '',
    period: { startFy, endFy: startFy + 3 },
    levels: ['テーマ', '重点施策'],
    actionLevel: 'アクション',
    evaluation: DEFAULT_EVALUATION_SETTINGS,
  });
}

export function toPlanSettingsPayload(values: PlanSettingsValues) {
  return {
    title: values.title,
    slug: values.slug.trim(),
    period: { startFy: parseNumber(values.startFy), endFy: parseNumber(values.endFy) },
    levels: values.levels,
    actionLevel: values.actionLevel,
    evaluation: {
      ratingScale: values.ratingScale.map((band) => ({
        key: band.key,
        label: band.label,
        min: parseNumber(band.min),
      })),
      basisOrder: values.basisOrder.filter((basis) => basis !== ''),
      defaultKpiBasis: values.defaultKpiBasis,
      kpiAggregation: values.kpiAggregation,
      taskAggregation: values.taskAggregation,
    },
  };
}

export function validatePlanSettings(values: PlanSettingsValues): FieldErrors {
  return collectFieldErrors(planSettingsFieldsSchema, toPlanSettingsPayload(values));
}

export const PLAN_SETTINGS_LABELS: Partial<Record<keyof PlanSettingsValues, string>> = {
  title: '計画の名称',
  slug: 'スラッグ',
  startFy: '計画期間の始まり',
  endFy: '計画期間の終わり',
  levels: '階層の名称',
  actionLevel: '評価する単位の名称',
  ratingScale: '評価区分',
  basisOrder: '評価根拠の順序',
  defaultKpiBasis: '指標の算定基準（既定）',
  kpiAggregation: '複数の指標のまとめ方',
  taskAggregation: '複数のタスクのまとめ方',
};

export function formatPlanSettingsField(field: keyof PlanSettingsValues, values: PlanSettingsValues): string {
  switch (field) {
    case 'startFy':
    case 'endFy': {
      const fy = parseNumber(values[field]);
      return fy === undefined || Number.isNaN(fy) ? values[field] : formatFiscalYear(fy);
    }
    case 'levels':
      return values.levels.join(' → ') || '（なし）';
    case 'ratingScale':
      return values.ratingScale.map((band) => `${band.label} ${band.min}%以上`).join('、');
    case 'basisOrder':
      return values.basisOrder
        .filter((basis) => basis !== '')
        .map((basis) => RATE_BASIS_LABELS[basis])
        .join(' → ');
    case 'defaultKpiBasis':
      return KPI_BASIS_LABELS[values.defaultKpiBasis] ?? values.defaultKpiBasis;
    case 'kpiAggregation':
      return KPI_AGGREGATION_LABELS[values.kpiAggregation] ?? values.kpiAggregation;
    case 'taskAggregation':
      return TASK_AGGREGATION_LABELS[values.taskAggregation] ?? values.taskAggregation;
    default:
      return String(values[field]);
  }
}

/** 令和6年度（2024年度）… for the fiscal year choices: a span around the plan's years. */
export function listFiscalYearOptions(around: number[]): { value: string; label: string }[] {
  const from = Math.min(...around, new Date().getFullYear()) - 5;
  const to = Math.max(...around, new Date().getFullYear()) + 10;
  const options: { value: string; label: string }[] = [];
  for (let fy = from; fy <= to; fy++)
    options.push({ value: String(fy), label: `${formatFiscalYear(fy)}（${fy}年度）` });
  return options;
}
