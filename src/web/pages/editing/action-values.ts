import { formatFiscalYear, formatJapaneseDate } from '../../../domain/fiscal-year';
import { ACTION_STATUS_LABELS, KPI_BASIS_LABELS, KPI_DIRECTION_LABELS } from '../../../domain/history';
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

export const ACTION_LABELS: Partial<Record<keyof ActionValues, string>> = {
  number: '番号',
  title: '名称',
  aim: '目指すこと',
  approach: 'やること',
  target: '目標(値)',
  owners: '担い手',
  status: '状態',
  note: '備考',
  schedule: '実施スケジュール',
  departmentWeights: '課ごとの重み',
};

export function formatActionField(
  field: keyof ActionValues,
  values: ActionValues,
  departmentName: (key: string) => string,
): string {
  switch (field) {
    case 'owners':
      return values.owners.map(departmentName).join('・') || '（なし）';
    case 'status':
      return values.status === '' ? '（指定なし）' : (ACTION_STATUS_LABELS[values.status] ?? values.status);
    case 'schedule':
      return (
        values.schedule
          .map(
            (row) =>
              `${row.item}: ${Object.entries(row.entries)
                .filter(([, text]) => text.trim() !== '')
                .map(([fy, text]) => `${formatFiscalYear(Number(fy))} ${text}`)
                .join('、')}`,
          )
          .join('\n') || '（なし）'
      );
    case 'departmentWeights':
      return (
        Object.entries(values.departmentWeights)
          .filter(([, text]) => text.trim() !== '')
          .map(([key, text]) => `${departmentName(key)} ${text}`)
          .join('、') || '（なし）'
      );
    default:
      return String(values[field]) || '（なし）';
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

export function validateTask(values: TaskValues): FieldErrors {
  const errors = collectFieldErrors(taskFieldsSchema, toTaskPayload(values));
  // The schema names a missing department by its key; a clerk picks it from a list.
  if (values.department === '') errors.department = '担当課を選んでください';
  return errors;
}

export const TASK_LABELS: Partial<Record<keyof TaskValues, string>> = {
  fy: '年度',
  department: '担当課',
  planText: '計画',
  progress: '進捗（%）',
  expected: '予定（見込み）の値',
  weight: '重み',
};

export function formatTaskField(
  field: keyof TaskValues,
  values: TaskValues,
  departmentName: (key: string) => string,
): string {
  switch (field) {
    case 'fy':
      return formatFiscalYear(Number(values.fy));
    case 'department':
      return departmentName(values.department);
    case 'progress':
      return values.progress === '' ? '未記録' : `${values.progress}%`;
    case 'expected':
      return values.expected ? 'はい' : 'いいえ';
    default:
      return String(values[field]) || '（なし）';
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

export const KPI_LABELS: Partial<Record<keyof KpiValues, string>> = {
  name: '指標名',
  unit: '単位',
  direction: '目標の向き',
  basis: '算定基準',
  baselineValue: '基準値',
  baselineDate: '基準値の日付',
  baselineLabel: '基準値の時点',
  targetValue: '目標値',
  targetFy: '目標年度',
  weight: '重み',
};

export function formatKpiField(field: keyof KpiValues, values: KpiValues): string {
  switch (field) {
    case 'direction':
      return KPI_DIRECTION_LABELS[values.direction] ?? values.direction;
    case 'basis':
      return values.basis === '' ? '計画の既定' : (KPI_BASIS_LABELS[values.basis] ?? values.basis);
    case 'targetFy':
      return formatFiscalYear(Number(values.targetFy));
    case 'baselineDate':
      return values.baselineDate ? formatJapaneseDate(values.baselineDate) : '（なし）';
    default:
      return String(values[field]) || '（なし）';
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

export const ACTUAL_LABELS: Partial<Record<keyof ActualValues, string>> = {
  value: '実績値',
  date: '日付',
  hypothetical: '仮定値',
  note: '備考',
};

export function formatActualField(field: keyof ActualValues, values: ActualValues): string {
  switch (field) {
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(values.date) ? formatJapaneseDate(values.date) : values.date;
    case 'hypothetical':
      return values.hypothetical ? 'はい' : 'いいえ';
    default:
      return String(values[field]) || '（なし）';
  }
}

/** A department's name by its key (the key itself for one that is not known). */
export function createDepartmentNamer(departments: { key: string; name: string }[]): (key: string) => string {
  const names = new Map(departments.map((department) => [department.key, department.name]));
  return (key) => names.get(key) ?? key;
}
