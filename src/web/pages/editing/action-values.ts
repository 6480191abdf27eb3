import { ACTION_STATUS_LABELS, KPI_BASIS_LABELS, KPI_DIRECTION_LABELS } from '../../../domain/history';
import { formatDateIn, formatFiscalYearIn } from '../../../domain/locale';
import type { ActionStatus, KpiBasis } from '../../../domain/plan.schemas';
import {
  actionFieldsSchema,
  kpiActualFieldsSchema,
  kpiFieldsSchema,
  taskFieldsSchema,
} from '../../../domain/plan-editing.schemas';
import type {
  ActionRecord,
  ActualRecord,
  KpiRecord,
  TaskRecord,
} from '../../../server/editing/editing.schemas';
import {
  type EditingText,
  type EditingTranslate,
  ENGLISH_ACTION_STATUS_LABELS,
  ENGLISH_KPI_BASIS_LABELS,
  ENGLISH_KPI_DIRECTION_LABELS,
  translateDomainLabel,
} from './editing.messages';
import { collectFieldErrors, type FieldErrors, numberToText, optionalText, parseNumber } from './form-values';

/*
 * The action editing forms' values (text as typed) ↔ the API's records and payloads, and each field as
 * text for the conflict view.
 */

export interface ActionValues {
  number: string;
  title: string;
  aim: string;
  approach: string;
  target: string;
  /** Department keys, in the order chosen. */
  owners: string[];
  status: ActionStatus | '';
  note: string;
  /** Each row's texts by fiscal year. */
  schedule: { item: string; entries: Record<string, string> }[];
  /** Weight text by department key. */
  departmentWeights: Record<string, string>;
}

export function toActionValues(record: ActionRecord): ActionValues {
  return {
    number: record.number,
    title: record.title,
    aim: record.aim ?? '',
    approach: record.approach ?? '',
    target: record.target ?? '',
    owners: record.owners,
    status: record.status ?? '',
    note: record.note ?? '',
    schedule: (record.schedule ?? []).map((row) => ({
      item: row.item,
      entries: Object.fromEntries(row.entries.map((entry) => [String(entry.fy), entry.text])),
    })),
    departmentWeights: Object.fromEntries(
      Object.entries(record.departmentWeights ?? {}).map(([key, weight]) => [key, String(weight)]),
    ),
  };
}

export function toActionPayload(values: ActionValues) {
  const schedule = values.schedule
    .map((row) => ({
      item: row.item,
      entries: Object.entries(row.entries)
        .filter(([, text]) => text.trim() !== '')
        .map(([fy, text]) => ({ fy: Number(fy), text }))
        .sort((a, b) => a.fy - b.fy),
    }))
    .filter((row) => row.item.trim() !== '' || row.entries.length > 0);
  const weights = Object.entries(values.departmentWeights).filter(([, text]) => text.trim() !== '');
  return {
    number: values.number,
    title: values.title,
    aim: optionalText(values.aim),
    approach: optionalText(values.approach),
    target: optionalText(values.target),
    owners: values.owners,
    schedule: schedule.length > 0 ? schedule : undefined,
    status: values.status === '' ? undefined : values.status,
    note: optionalText(values.note),
    departmentWeights:
      weights.length > 0
        ? Object.fromEntries(weights.map(([key, text]) => [key, parseNumber(text)]))
        : undefined,
  };
}

export function validateAction(values: ActionValues): FieldErrors {
  return collectFieldErrors(actionFieldsSchema, toActionPayload(values));
}

export function listActionLabels(t: EditingTranslate): Partial<Record<keyof ActionValues, string>> {
  return {
    number: t('actionEdit.number'),
    title: t('actionEdit.name'),
    aim: t('actionEdit.aim'),
    approach: t('actionEdit.approach'),
    target: t('actionEdit.target'),
    owners: t('actionEdit.field.owners'),
    status: t('actionEdit.status'),
    note: t('actionEdit.note'),
    schedule: t('actionEdit.field.schedule'),
    departmentWeights: t('actionEdit.field.departmentWeights'),
  };
}

/** An action's status in the locale: 未着手 / Not started (未着手). */
export function formatActionStatus(status: string, locale: EditingText['locale']): string {
  return translateDomainLabel({
    japanese: ACTION_STATUS_LABELS,
    english: ENGLISH_ACTION_STATUS_LABELS,
    key: status,
    locale,
  });
}

export function formatActionField(
  field: keyof ActionValues,
  values: ActionValues,
  departmentName: (key: string) => string,
  { t, locale }: EditingText,
): string {
  const none = t('common.none');
  switch (field) {
    case 'owners':
      return values.owners.map(departmentName).join(t('common.listSeparator')) || none;
    case 'status':
      return values.status === '' ? t('actionEdit.statusUnset') : formatActionStatus(values.status, locale);
    case 'schedule':
      return (
        values.schedule
          .map(
            (row) =>
              `${row.item}: ${Object.entries(row.entries)
                .filter(([, text]) => text.trim() !== '')
                .map(([fy, text]) => `${formatFiscalYearIn({ fy: Number(fy), locale })} ${text}`)
                .join(t('common.enumSeparator'))}`,
          )
          .join('\n') || none
      );
    case 'departmentWeights':
      return (
        Object.entries(values.departmentWeights)
          .filter(([, text]) => text.trim() !== '')
          .map(([key, text]) => `${departmentName(key)} ${text}`)
          .join(t('common.enumSeparator')) || none
      );
    default:
      return String(values[field]) || none;
  }
}

export interface TaskValues {
  fy: string;
  department: string;
  planText: string;
  progress: string;
  expected: boolean;
  weight: string;
}

export function toTaskValues(record: TaskRecord): TaskValues {
  return {
    fy: String(record.fy),
    department: record.department,
    planText: record.planText,
    progress: numberToText(record.progress),
    expected: record.expected === true,
    weight: numberToText(record.weight),
  };
}

export function toTaskPayload(values: TaskValues) {
  return {
    fy: parseNumber(values.fy),
    department: values.department,
    planText: values.planText,
    progress: parseNumber(values.progress) ?? null,
    expected: values.expected ? true : undefined,
    weight: parseNumber(values.weight),
  };
}

export function validateTask(values: TaskValues, t: EditingTranslate): FieldErrors {
  const errors = collectFieldErrors(taskFieldsSchema, toTaskPayload(values));
  // The schema names a missing department by its key; a clerk picks it from a list.
  if (values.department === '') errors.department = t('task.pickDepartment');
  return errors;
}

export function listTaskLabels(t: EditingTranslate): Partial<Record<keyof TaskValues, string>> {
  return {
    fy: t('task.fy'),
    department: t('task.department'),
    planText: t('task.plan'),
    progress: t('task.progressPercent'),
    expected: t('task.field.expected'),
    weight: t('task.field.weight'),
  };
}

export function formatTaskField(
  field: keyof TaskValues,
  values: TaskValues,
  departmentName: (key: string) => string,
  { t, locale }: EditingText,
): string {
  switch (field) {
    case 'fy':
      return formatFiscalYearIn({ fy: Number(values.fy), locale });
    case 'department':
      return departmentName(values.department);
    case 'progress':
      return values.progress === '' ? t('common.notRecorded') : `${values.progress}%`;
    case 'expected':
      return values.expected ? t('common.yes') : t('common.no');
    default:
      return String(values[field]) || t('common.none');
  }
}

export interface KpiValues {
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  basis: KpiBasis | '';
  baselineValue: string;
  baselineDate: string;
  baselineLabel: string;
  targetValue: string;
  targetFy: string;
  weight: string;
}

export function toKpiValues(record: KpiRecord): KpiValues {
  return {
    name: record.name,
    unit: record.unit,
    direction: record.direction,
    basis: record.basis ?? '',
    baselineValue: numberToText(record.baseline?.value),
    baselineDate: record.baseline?.date ?? '',
    baselineLabel: record.baseline?.label ?? '',
    targetValue: numberToText(record.target.value),
    targetFy: String(record.target.fy),
    weight: numberToText(record.weight),
  };
}

export function toKpiPayload(values: KpiValues) {
  const hasBaseline = [values.baselineValue, values.baselineDate, values.baselineLabel].some(
    (text) => text.trim() !== '',
  );
  return {
    name: values.name,
    unit: values.unit,
    direction: values.direction,
    basis: values.basis === '' ? undefined : values.basis,
    baseline: hasBaseline
      ? {
          value: parseNumber(values.baselineValue),
          date: optionalText(values.baselineDate),
          label: optionalText(values.baselineLabel),
        }
      : undefined,
    target: { value: parseNumber(values.targetValue), fy: parseNumber(values.targetFy) },
    weight: parseNumber(values.weight),
  };
}

export function validateKpi(values: KpiValues): FieldErrors {
  return collectFieldErrors(kpiFieldsSchema, toKpiPayload(values));
}

export function listKpiLabels(t: EditingTranslate): Partial<Record<keyof KpiValues, string>> {
  return {
    name: t('kpi.name'),
    unit: t('kpi.unit'),
    direction: t('kpi.direction'),
    basis: t('kpi.basis'),
    baselineValue: t('kpi.field.baselineValue'),
    baselineDate: t('kpi.baselineDate'),
    baselineLabel: t('kpi.field.baselineLabel'),
    targetValue: t('kpi.targetValueField'),
    targetFy: t('kpi.field.targetFy'),
    weight: t('kpi.field.weight'),
  };
}

/** A KPI's direction in the locale: 増やす / increase. */
export function formatKpiDirection(direction: string, locale: EditingText['locale']): string {
  return translateDomainLabel({
    japanese: KPI_DIRECTION_LABELS,
    english: ENGLISH_KPI_DIRECTION_LABELS,
    key: direction,
    locale,
  });
}

/** A KPI's calculation basis in the locale. */
export function formatKpiBasisLabel(basis: string, locale: EditingText['locale']): string {
  return translateDomainLabel({
    japanese: KPI_BASIS_LABELS,
    english: ENGLISH_KPI_BASIS_LABELS,
    key: basis,
    locale,
  });
}

export function formatKpiField(
  field: keyof KpiValues,
  values: KpiValues,
  { t, locale }: EditingText,
): string {
  switch (field) {
    case 'direction':
      return formatKpiDirection(values.direction, locale);
    case 'basis':
      return values.basis === '' ? t('kpi.planDefaultShort') : formatKpiBasisLabel(values.basis, locale);
    case 'targetFy':
      return formatFiscalYearIn({ fy: Number(values.targetFy), locale });
    case 'baselineDate':
      return values.baselineDate ? formatDateIn({ isoDate: values.baselineDate, locale }) : t('common.none');
    default:
      return String(values[field]) || t('common.none');
  }
}

export interface ActualValues {
  value: string;
  date: string;
  hypothetical: boolean;
  note: string;
}

export function toActualValues(record: ActualRecord): ActualValues {
  return {
    value: numberToText(record.value),
    date: record.date,
    hypothetical: record.hypothetical === true,
    note: record.note ?? '',
  };
}

export function toActualPayload(values: ActualValues) {
  return {
    value: parseNumber(values.value),
    date: values.date,
    hypothetical: values.hypothetical ? true : undefined,
    note: optionalText(values.note),
  };
}

export function validateActual(values: ActualValues): FieldErrors {
  return collectFieldErrors(kpiActualFieldsSchema, toActualPayload(values));
}

export function listActualLabels(t: EditingTranslate): Partial<Record<keyof ActualValues, string>> {
  return {
    value: t('actual.value'),
    date: t('actual.date'),
    hypothetical: t('actual.hypothetical'),
    note: t('actual.note'),
  };
}

export function formatActualField(
  field: keyof ActualValues,
  values: ActualValues,
  { t, locale }: EditingText,
): string {
  switch (field) {
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(values.date)
        ? formatDateIn({ isoDate: values.date, locale })
        : values.date;
    case 'hypothetical':
      return values.hypothetical ? t('common.yes') : t('common.no');
    default:
      return String(values[field]) || t('common.none');
  }
}

/** A department's name by its key (the key itself for one that is not known). */
export function createDepartmentNamer(departments: { key: string; name: string }[]): (key: string) => string {
  const names = new Map(departments.map((department) => [department.key, department.name]));
  return (key) => names.get(key) ?? key;
}
