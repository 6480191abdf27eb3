import { DEFAULT_EVALUATION_SETTINGS } from '../../domain/evaluation/settings.js';
import { formatFiscalYear } from '../../domain/fiscal-year.js';
import { describeHistoryChanges } from '../../domain/history.js';
import type { ActionRow, ActualRow, KpiRow, NodeRow, PlanRow, TaskRow } from './editing.repository.js';
import type {
  ActionRecord,
  ActualRecord,
  KpiRecord,
  NodeRecord,
  PlanSettingsRecord,
  TaskRecord,
} from './editing.schemas.js';

/*
 * Pure mappings: stored rows → the records the editing API returns, and records → the flat snapshots
 * the history keeps (names, not ids: the history must read the same after a department is renamed).
 */

/** Department names and keys by id (archived departments included: old rows still name them). */
export interface DepartmentDirectory {
  keyOf: (id: string) => string;
  nameOf: (id: string) => string;
  nameOfKey: (key: string) => string;
}

export function createDepartmentDirectory(
  departments: { id: string; key: string; name: string }[],
): DepartmentDirectory {
  const byId = new Map(departments.map((department) => [department.id, department]));
  const byKey = new Map(departments.map((department) => [department.key, department]));
  return {
    keyOf: (id) => byId.get(id)?.key ?? id,
    nameOf: (id) => byId.get(id)?.name ?? id,
    nameOfKey: (key) => byKey.get(key)?.name ?? key,
  };
}

export function toPlanSettingsRecord(row: PlanRow): PlanSettingsRecord {
  return {
    id: row.id,
    municipalityId: row.municipalityId,
    slug: row.slug,
    title: row.title,
    period: { startFy: row.startFy, endFy: row.endFy },
    levels: row.levels,
    actionLevel: row.actionLevel,
    evaluation: row.evaluationSettings ?? DEFAULT_EVALUATION_SETTINGS,
    version: row.version,
    revision: row.revision,
  };
}

export function toNodeRecord(row: NodeRow): NodeRecord {
  return {
    id: row.id,
    parentId: row.parentId,
    key: row.key,
    ...(row.number !== null && { number: row.number }),
    title: row.title,
    ...(row.description !== null && { description: row.description }),
    position: row.position,
    version: row.version,
  };
}

export function toActionRecord(row: ActionRow, ownerKeys: string[]): ActionRecord {
  return {
    id: row.id,
    key: row.key,
    nodeId: row.nodeId,
    position: row.position,
    version: row.version,
    number: row.number,
    title: row.title,
    ...(row.aim !== null && { aim: row.aim }),
    ...(row.approach !== null && { approach: row.approach }),
    ...(row.targetText !== null && { target: row.targetText }),
    owners: ownerKeys,
    ...(row.schedule !== null && { schedule: row.schedule }),
    ...(row.status !== null && { status: row.status }),
    ...(row.note !== null && { note: row.note }),
    ...(row.departmentWeights !== null && { departmentWeights: row.departmentWeights }),
  };
}

export function toTaskRecord(row: TaskRow, departments: DepartmentDirectory): TaskRecord {
  return {
    id: row.id,
    ...(row.key !== null && { key: row.key }),
    fy: row.fy,
    department: departments.keyOf(row.departmentId),
    planText: row.planText,
    progress: row.progress,
    ...(row.expected !== null && { expected: row.expected }),
    ...(row.weight !== null && { weight: row.weight }),
    position: row.position,
    version: row.version,
  };
}

export function toActualRecord(row: ActualRow): ActualRecord {
  return {
    id: row.id,
    value: row.value,
    date: row.date,
    ...(row.hypothetical !== null && { hypothetical: row.hypothetical }),
    ...(row.note !== null && { note: row.note }),
    position: row.position,
    version: row.version,
  };
}

export function toKpiRecord(row: KpiRow, actuals: ActualRow[]): KpiRecord {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    unit: row.unit,
    direction: row.direction,
    ...(row.basis !== null && { basis: row.basis }),
    ...(row.baselineValue !== null && {
      baseline: {
        value: row.baselineValue,
        ...(row.baselineDate !== null && { date: row.baselineDate }),
        ...(row.baselineLabel !== null && { label: row.baselineLabel }),
      },
    }),
    target: { value: row.targetValue, fy: row.targetFy },
    ...(row.weight !== null && { weight: row.weight }),
    position: row.position,
    version: row.version,
    actuals: actuals.filter((actual) => actual.kpiId === row.id).map(toActualRecord),
  };
}

/* History snapshots: flat records of plain values, named as src/domain/history.ts names them. */

export type Snapshot = Record<string, string | number | boolean | string[] | null>;

export function toPlanSnapshot(record: PlanSettingsRecord): Snapshot {
  const { evaluation } = record;
  return {
    title: record.title,
    slug: record.slug,
    period: `${formatFiscalYear(record.period.startFy)}〜${formatFiscalYear(record.period.endFy)}`,
    levels: record.levels,
    actionLevel: record.actionLevel,
    ratingScale: evaluation.ratingScale.map((band) => `${band.label} ${band.min}%以上`),
    basisOrder: evaluation.basisOrder,
    defaultKpiBasis: evaluation.defaultKpiBasis,
    kpiAggregation: evaluation.kpiAggregation,
    taskAggregation: evaluation.taskAggregation,
  };
}

export function toNodeSnapshot(record: NodeRecord, parentTitle: string | null): Snapshot {
  return {
    number: record.number ?? null,
    title: record.title,
    description: record.description ?? null,
    parent: parentTitle,
  };
}

export function toActionSnapshot(record: ActionRecord, departments: DepartmentDirectory): Snapshot {
  return {
    number: record.number,
    title: record.title,
    aim: record.aim ?? null,
    approach: record.approach ?? null,
    target: record.target ?? null,
    owners: record.owners.map(departments.nameOfKey),
    schedule: (record.schedule ?? []).map(
      (row) =>
        `${row.item}（${row.entries.map((entry) => `${formatFiscalYear(entry.fy)} ${entry.text}`).join('、')}）`,
    ),
    status: record.status ?? null,
    note: record.note ?? null,
    departmentWeights: Object.entries(record.departmentWeights ?? {}).map(
      ([key, weight]) => `${departments.nameOfKey(key)} ${weight}`,
    ),
  };
}

export function toTaskSnapshot(record: TaskRecord, departments: DepartmentDirectory): Snapshot {
  return {
    fy: record.fy,
    department: departments.nameOfKey(record.department),
    planText: record.planText,
    progress: record.progress,
    expected: record.expected ?? null,
    weight: record.weight ?? null,
  };
}

export function toKpiSnapshot(record: KpiRecord): Snapshot {
  return {
    name: record.name,
    unit: record.unit,
    direction: record.direction,
    basis: record.basis ?? null,
    baselineValue: record.baseline?.value ?? null,
    baselineDate: record.baseline?.date ?? null,
    baselineLabel: record.baseline?.label ?? null,
    targetValue: record.target.value,
    targetFy: record.target.fy,
    weight: record.weight ?? null,
  };
}

export function toActualSnapshot(record: ActualRecord): Snapshot {
  return {
    value: record.value,
    date: record.date,
    hypothetical: record.hypothetical ?? null,
    note: record.note ?? null,
  };
}

/** "名称、担い手" — the fields an update changed, for the history's one-line summary. */
export function listChangedFieldLabels(before: Snapshot, after: Snapshot): string {
  const labels = describeHistoryChanges({ before, after }).map((change) => change.label);
  return labels.length === 0 ? '変更なし' : labels.join('、');
}
