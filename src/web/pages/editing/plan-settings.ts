import { DEFAULT_EVALUATION_SETTINGS } from '../../../domain/evaluation/settings';
import {
  KPI_AGGREGATION_LABELS,
  KPI_BASIS_LABELS,
  RATE_BASIS_LABELS,
  TASK_AGGREGATION_LABELS,
} from '../../../domain/history';
import { formatFiscalYearIn } from '../../../domain/locale';
import type { EvaluationSettings, RateBasis } from '../../../domain/plan.schemas';
import { type PlanSettingsFields, planSettingsFieldsSchema } from '../../../domain/plan-editing.schemas';
import {
  type EditingText,
  type EditingTranslate,
  ENGLISH_KPI_AGGREGATION_LABELS,
  ENGLISH_KPI_BASIS_LABELS,
  ENGLISH_RATE_BASIS_LABELS,
  ENGLISH_TASK_AGGREGATION_LABELS,
  translateDomainLabel,
} from './editing.messages';
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

/** The fields the conflict view compares, named in the chosen language. */
export function listPlanSettingsLabels(
  t: EditingTranslate,
): Partial<Record<keyof PlanSettingsValues, string>> {
  return {
    title: t('settings.field.title'),
    slug: t('settings.field.slug'),
    startFy: t('settings.field.startFy'),
    endFy: t('settings.field.endFy'),
    levels: t('settings.field.levels'),
    actionLevel: t('settings.field.actionLevel'),
    ratingScale: t('settings.field.ratingScale'),
    basisOrder: t('settings.field.basisOrder'),
    defaultKpiBasis: t('settings.field.defaultKpiBasis'),
    kpiAggregation: t('settings.field.kpiAggregation'),
    taskAggregation: t('settings.field.taskAggregation'),
  };
}

export function formatPlanSettingsField(
  field: keyof PlanSettingsValues,
  values: PlanSettingsValues,
  { t, locale }: EditingText,
): string {
  switch (field) {
    case 'startFy':
    case 'endFy': {
      const fy = parseNumber(values[field]);
      return fy === undefined || Number.isNaN(fy) ? values[field] : formatFiscalYearIn({ fy, locale });
    }
    case 'levels':
      return values.levels.join(' → ') || t('common.none');
    case 'ratingScale':
      return values.ratingScale
        .map((band) => t('settings.bandAtLeast', { label: band.label, min: band.min }))
        .join(t('common.enumSeparator'));
    case 'basisOrder':
      return values.basisOrder
        .filter((basis) => basis !== '')
        .map((basis) =>
          translateDomainLabel({
            japanese: RATE_BASIS_LABELS,
            english: ENGLISH_RATE_BASIS_LABELS,
            key: basis,
            locale,
          }),
        )
        .join(' → ');
    case 'defaultKpiBasis':
      return translateDomainLabel({
        japanese: KPI_BASIS_LABELS,
        english: ENGLISH_KPI_BASIS_LABELS,
        key: values.defaultKpiBasis,
        locale,
      });
    case 'kpiAggregation':
      return translateDomainLabel({
        japanese: KPI_AGGREGATION_LABELS,
        english: ENGLISH_KPI_AGGREGATION_LABELS,
        key: values.kpiAggregation,
        locale,
      });
    case 'taskAggregation':
      return translateDomainLabel({
        japanese: TASK_AGGREGATION_LABELS,
        english: ENGLISH_TASK_AGGREGATION_LABELS,
        key: values.taskAggregation,
        locale,
      });
    default:
      return String(values[field]);
  }
}

/** 令和6年度（2024年度） / FY2024 … for the fiscal year choices: a span around the plan's years. */
export function listFiscalYearOptions(
  around: number[],
  { t, locale }: EditingText,
): { value: string; label: string }[] {
  const from = Math.min(...around, new Date().getFullYear()) - 5;
  const to = Math.max(...around, new Date().getFullYear()) + 10;
  const options: { value: string; label: string }[] = [];
  for (let fy = from; fy <= to; fy++)
    options.push({
      value: String(fy),
      label: t('settings.fyOption', { fy: formatFiscalYearIn({ fy, locale }), year: fy }),
    });
  return options;
}
