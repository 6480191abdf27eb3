import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/app-error.js';
import type { Action, Plan, PlanNode } from '../../domain/plan.schemas.js';
import type {
  actionOwnersTable,
  actionsTable,
  kpiActualsTable,
  kpisTable,
  planNodesTable,
  tasksTable,
} from './plans.table.js';

/*
 * A plan document → the rows that store it, matched against the rows already stored so that everything
 * that continues keeps its id (rounds, evidence and comments refer to tasks, actions and KPIs by id).
 * Pure: the repository reads the stored rows, this decides, the repository writes.
 *
 * Matching: nodes and actions by key within the plan, KPIs by key within their action, tasks by key
 * within their action and else by fiscal year + department + order, actuals by date (and value) within
 * their KPI. Archived rows take part, so that a key that returns brings its row back; a live row is
 * preferred to an archived one wherever the order decides.
 */

export type NodeRow = typeof planNodesTable.$inferSelect;
export type ActionRow = typeof actionsTable.$inferSelect;
export type OwnerRow = typeof actionOwnersTable.$inferSelect;
export type TaskRow = typeof tasksTable.$inferSelect;
export type KpiRow = typeof kpisTable.$inferSelect;
export type ActualRow = typeof kpiActualsTable.$inferSelect;

export interface PlanRows {
  nodes: NodeRow[];
  actions: ActionRow[];
  owners: OwnerRow[];
  tasks: TaskRow[];
  kpis: KpiRow[];
  actuals: ActualRow[];
}

export const EMPTY_PLAN_ROWS: PlanRows = {
  nodes: [],
  actions: [],
  owners: [],
  tasks: [],
  kpis: [],
  actuals: [],
};

/** The kinds of row a replace counts, as the history names them. */
export const PLAN_ROW_KINDS = ['nodes', 'actions', 'tasks', 'kpis', 'actuals'] as const;
export type PlanRowKind = (typeof PLAN_ROW_KINDS)[number];

export interface RowChanges<Row> {
  inserted: Row[];
  /** Rows whose content changed, or that come back from the archive (their new content, new version). */
  updated: Row[];
  /** Ids of live rows the document no longer has. */
  archived: string[];
  /** How many of `updated` come back from the archive. */
  restored: number;
}

export interface PlanRowChanges {
  nodes: RowChanges<NodeRow>;
  actions: RowChanges<ActionRow>;
  tasks: RowChanges<TaskRow>;
  kpis: RowChanges<KpiRow>;
  actuals: RowChanges<ActualRow>;
  owners: { inserted: OwnerRow[]; updated: OwnerRow[]; deleted: OwnerRow[] };
}

export type ChangeCounts = Record<PlanRowKind, { added: number; changed: number; archived: number }>;

/**
 * The rows that store `plan`, with the ids of the matching `existing` rows (an empty set for a new
 * plan). Versions are left as they are; `diffPlanRows` sets them.
 */
export function buildPlanRows({
  plan,
  planId,
  municipalityId,
  departmentIds,
  existing,
}: {
  plan: Plan;
  planId: string;
  municipalityId: string;
  departmentIds: Map<string, string>;
  existing: PlanRows;
}): PlanRows {
  const scope = { planId, municipalityId };
  const rows: PlanRows = { nodes: [], actions: [], owners: [], tasks: [], kpis: [], actuals: [] };

  const nodeIdByKey = new Map(existing.nodes.map((row) => [row.key, row.id]));
  const actionIdByKey = new Map(existing.actions.map((row) => [row.key, row.id]));
  const tasksByAction = groupRows(existing.tasks, (row) => row.actionId);
  const kpisByAction = groupRows(existing.kpis, (row) => row.actionId);
  const actualsByKpi = groupRows(existing.actuals, (row) => row.kpiId);

  const departmentId = (key: string): string => {
    const id = departmentIds.get(key);
    if (!id)
      throw new AppError({
        code: 'plan.invalid_document',
        message: `課 "${key}" が departments にありません`,
      });
    return id;
  };

  const addAction = (action: Action, nodeId: string | null, position: number) => {
    const actionId = actionIdByKey.get(action.key) ?? randomUUID();
    rows.actions.push({
      id: actionId,
      ...scope,
      nodeId,
      key: action.key,
      number: action.number,
      title: action.title,
      aim: action.aim ?? null,
      approach: action.approach ?? null,
      targetText: action.target ?? null,
      status: action.status ?? null,
      schedule: action.schedule ?? null,
      stated: action.stated ?? null,
      note: action.note ?? null,
      departmentWeights: action.departmentWeights ?? null,
      assessmentRate: action.assessment?.rate ?? null,
      assessmentReason: action.assessment?.reason ?? null,
      assessmentHypothetical: action.assessment?.hypothetical ?? null,
      reportOutcome: action.report?.outcome ?? null,
      reportWorkDone: action.report?.workDone ?? null,
      reportIssuesAhead: action.report?.issuesAhead ?? null,
      reportDirection: action.report?.direction ?? null,
      position,
      version: 1,
      archivedAt: null,
    });
    action.owners.forEach((owner, i) => {
      rows.owners.push({ ...scope, actionId, departmentId: departmentId(owner), position: i });
    });

    const taskIds = matchTasks({
      desired: action.tasks.map((task) => ({
        key: task.key ?? null,
        fy: task.fy,
        departmentId: departmentId(task.department),
      })),
      candidates: tasksByAction.get(actionId) ?? [],
    });
    action.tasks.forEach((task, i) => {
      rows.tasks.push({
        id: taskIds[i]!,
        ...scope,
        actionId,
        departmentId: departmentId(task.department),
        key: task.key ?? null,
        fy: task.fy,
        planText: task.planText,
        progress: task.progress,
        expected: task.expected ?? null,
        weight: task.weight ?? null,
        position: i,
        version: 1,
        archivedAt: null,
      });
    });

    const kpiIdByKey = new Map((kpisByAction.get(actionId) ?? []).map((row) => [row.key, row.id]));
    action.kpis.forEach((kpi, i) => {
      const kpiId = kpiIdByKey.get(kpi.key) ?? randomUUID();
      rows.kpis.push({
        id: kpiId,
        ...scope,
        actionId,
        key: kpi.key,
        name: kpi.name,
        unit: kpi.unit,
        direction: kpi.direction,
        basis: kpi.basis ?? null,
        baselineValue: kpi.baseline?.value ?? null,
        baselineDate: kpi.baseline?.date ?? null,
        baselineLabel: kpi.baseline?.label ?? null,
        targetValue: kpi.target.value,
        targetFy: kpi.target.fy,
        weight: kpi.weight ?? null,
        position: i,
        version: 1,
        archivedAt: null,
      });
      const actualIds = matchActuals({ desired: kpi.actuals, candidates: actualsByKpi.get(kpiId) ?? [] });
      kpi.actuals.forEach((actual, j) => {
        rows.actuals.push({
          id: actualIds[j]!,
          ...scope,
          kpiId,
          value: actual.value,
          date: actual.date,
          hypothetical: actual.hypothetical ?? null,
          note: actual.note ?? null,
          position: j,
          version: 1,
          archivedAt: null,
        });
      });
    });
  };

  const addNodes = (list: PlanNode[], parentId: string | null) => {
    list.forEach((node, position) => {
      const nodeId = nodeIdByKey.get(node.key) ?? randomUUID();
      rows.nodes.push({
        id: nodeId,
        ...scope,
        parentId,
        key: node.key,
        number: node.number ?? null,
        title: node.title,
        description: node.description ?? null,
        position,
        version: 1,
        archivedAt: null,
      });
      node.actions.forEach((action, i) => {
        addAction(action, nodeId, i);
      });
      addNodes(node.children, nodeId);
    });
  };

  addNodes(plan.nodes, null);
  plan.actions.forEach((action, i) => {
    addAction(action, null, i);
  });
  return rows;
}

/** Live rows first, each group in its stored order: where the order decides, a live row wins. */
function byPreference<Row extends { archivedAt: Date | null; position: number }>(rows: Row[]): Row[] {
  return [...rows].sort(
    (a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null) || a.position - b.position,
  );
}

/**
 * Ids for an action's tasks: by key first; a task without a match then takes the n-th unmatched stored
 * task of the same fiscal year and department (a task whose key was dropped, say by a spreadsheet, keeps
 * its id; two tasks that both carry keys never match by order).
 */
function matchTasks({
  desired,
  candidates,
}: {
  desired: { key: string | null; fy: number; departmentId: string }[];
  candidates: TaskRow[];
}): string[] {
  const ordered = byPreference(candidates);
  const taken = new Set<string>();
  const ids: (string | undefined)[] = desired.map((task) => {
    if (task.key === null) return undefined;
    const found = ordered.find((row) => row.key === task.key && !taken.has(row.id));
    if (found) taken.add(found.id);
    return found?.id;
  });
  desired.forEach((task, i) => {
    if (ids[i] !== undefined) return;
    const found = ordered.find(
      (row) =>
        !taken.has(row.id) &&
        row.fy === task.fy &&
        row.departmentId === task.departmentId &&
        (task.key === null || row.key === null),
    );
    if (found) {
      taken.add(found.id);
      ids[i] = found.id;
    }
  });
  return ids.map((id) => id ?? randomUUID());
}

/** Ids for a KPI's actuals: the same date and value first, then the same date (a corrected value). */
function matchActuals({
  desired,
  candidates,
}: {
  desired: { value: number; date: string }[];
  candidates: ActualRow[];
}): string[] {
  const ordered = byPreference(candidates);
  const taken = new Set<string>();
  const ids: (string | undefined)[] = desired.map((actual) => {
    const found = ordered.find(
      (row) => !taken.has(row.id) && row.date === actual.date && row.value === actual.value,
    );
    if (found) taken.add(found.id);
    return found?.id;
  });
  desired.forEach((actual, i) => {
    if (ids[i] !== undefined) return;
    const found = ordered.find((row) => !taken.has(row.id) && row.date === actual.date);
    if (found) {
      taken.add(found.id);
      ids[i] = found.id;
    }
  });
  return ids.map((id) => id ?? randomUUID());
}

/**
 * What to write so that the stored rows become `desired`: new rows, changed or returning rows (with
 * their version moved on), live rows to archive. An action whose owners change counts as changed.
 */
export function diffPlanRows({
  existing,
  desired,
}: {
  existing: PlanRows;
  desired: PlanRows;
}): PlanRowChanges {
  const owners = diffOwners({ existing: existing.owners, desired: desired.owners });
  const ownersChanged = new Set(
    [...owners.inserted, ...owners.updated, ...owners.deleted].map((row) => row.actionId),
  );
  return {
    nodes: diffRows({ existing: existing.nodes, desired: desired.nodes }),
    actions: diffRows({
      existing: existing.actions,
      desired: desired.actions,
      alsoChanged: (row) => ownersChanged.has(row.id),
    }),
    tasks: diffRows({ existing: existing.tasks, desired: desired.tasks }),
    kpis: diffRows({ existing: existing.kpis, desired: desired.kpis }),
    actuals: diffRows({ existing: existing.actuals, desired: desired.actuals }),
    owners,
  };
}

export function countPlanRowChanges(changes: PlanRowChanges): ChangeCounts {
  const count = (kind: PlanRowKind) => ({
    added: changes[kind].inserted.length,
    changed: changes[kind].updated.length,
    archived: changes[kind].archived.length,
  });
  return {
    nodes: count('nodes'),
    actions: count('actions'),
    tasks: count('tasks'),
    kpis: count('kpis'),
    actuals: count('actuals'),
  };
}

function diffRows<Row extends { id: string; version: number; archivedAt: Date | null }>({
  existing,
  desired,
  alsoChanged,
}: {
  existing: Row[];
  desired: Row[];
  alsoChanged?: (row: Row) => boolean;
}): RowChanges<Row> {
  const existingById = new Map(existing.map((row) => [row.id, row]));
  const desiredIds = new Set(desired.map((row) => row.id));
  const changes: RowChanges<Row> = { inserted: [], updated: [], archived: [], restored: 0 };
  for (const row of desired) {
    const stored = existingById.get(row.id);
    if (!stored) {
      changes.inserted.push(row);
      continue;
    }
    const returning = stored.archivedAt !== null;
    if (returning || !isSameContent(stored, row) || alsoChanged?.(row)) {
      changes.updated.push({ ...row, version: stored.version + 1 });
      if (returning) changes.restored++;
    }
  }
  for (const row of existing) {
    if (row.archivedAt === null && !desiredIds.has(row.id)) changes.archived.push(row.id);
  }
  return changes;
}

function diffOwners({ existing, desired }: { existing: OwnerRow[]; desired: OwnerRow[] }) {
  const keyOf = (row: OwnerRow) => `${row.actionId}/${row.departmentId}`;
  const existingByKey = new Map(existing.map((row) => [keyOf(row), row]));
  const desiredKeys = new Set(desired.map(keyOf));
  const inserted: OwnerRow[] = [];
  const updated: OwnerRow[] = [];
  for (const row of desired) {
    const stored = existingByKey.get(keyOf(row));
    if (!stored) inserted.push(row);
    else if (stored.position !== row.position) updated.push(row);
  }
  const deleted = existing.filter((row) => !desiredKeys.has(keyOf(row)));
  return { inserted, updated, deleted };
}

/** The same stored content, leaving out what bookkeeping changes (version, archiving). */
function isSameContent<Row extends object>(a: Row, b: Row): boolean {
  for (const key of Object.keys(b) as (keyof Row)[]) {
    if (key === 'version' || key === 'archivedAt') continue;
    if (!isSameValue(a[key], b[key])) return false;
  }
  return true;
}

/** Deep equality that ignores the order of object keys (PostgreSQL's jsonb does not keep it). */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => isSameValue(item, b[i]));
  }
  const aEntries = Object.entries(a).filter(([, value]) => value !== undefined);
  const bRecord = b as Record<string, unknown>;
  const bCount = Object.values(bRecord).filter((value) => value !== undefined).length;
  return aEntries.length === bCount && aEntries.every(([key, value]) => isSameValue(value, bRecord[key]));
}

function groupRows<T, K>(rows: T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
