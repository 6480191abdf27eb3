import { formatFiscalYear } from './fiscal-year.js';
import type { Action, Kpi, PlanDocument, PlanNode, Task } from './plan.schemas.js';

/**
 * What replacing a plan with another version of it would change, item by item, matched by key — the
 * preview a clerk reads before an import is applied. Tasks without a key are matched as the plan
 * replace matches them: by action, fiscal year, department and order.
 */

export type PlanItemKind = 'plan' | 'department' | 'node' | 'action' | 'task' | 'kpi';

export interface PlanDiffItem {
  kind: PlanItemKind;
  /** Stable within the kind: `action-06`, `action-06/website-access`, `action-06:2024:digital:0`. */
  key: string;
  /** What a clerk recognises: `6 インターネット利用機会の向上`, `6 令和6年度 デジタル戦略課「…」`. */
  label: string;
  /** The action the item belongs to, for tasks, KPIs and actions. */
  actionKey?: string;
}

export interface PlanFieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface PlanDiffChange extends PlanDiffItem {
  changes: PlanFieldChange[];
}

export interface PlanDiff {
  added: PlanDiffItem[];
  changed: PlanDiffChange[];
  removed: PlanDiffItem[];
}

interface Entry {
  item: PlanDiffItem;
  fields: Record<string, unknown>;
}

/** Structural equality; the order of an object's keys does not matter (jsonb stores them its own way). */
function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return a === b || (a === undefined && b === null) || (a === null && b === undefined);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => isSameValue(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!isSameValue(left[key], right[key])) return false;
  return true;
}

function collectEntries(document: PlanDocument): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const add = (entry: Entry) => entries.set(`${entry.item.kind}:${entry.item.key}`, entry);
  const departmentNames = new Map(
    document.departments.map((department) => [department.key, department.name]),
  );
  const { plan, municipality } = document;

  add({
    item: { kind: 'plan', key: plan.slug, label: plan.title },
    fields: {
      municipalityCode: municipality.code,
      municipalityName: municipality.name,
      prefecture: municipality.prefecture,
      title: plan.title,
      period: plan.period,
      levels: plan.levels,
      actionLevel: plan.actionLevel,
      mission: plan.mission,
      vision: plan.vision,
      values: plan.values,
      phases: plan.phases,
      evaluation: plan.evaluation,
      sources: plan.sources,
    },
  });
  for (const department of document.departments) {
    add({
      item: { kind: 'department', key: department.key, label: department.name },
      fields: { name: department.name, parent: department.parent ?? undefined },
    });
  }

  const addTask = (action: Action, task: Task, order: number) => {
    const key = task.key
      ? `${action.key}/${task.key}`
      : `${action.key}:${task.fy}:${task.department}:${order}`;
    const department = departmentNames.get(task.department) ?? task.department;
    add({
      item: {
        kind: 'task',
        key,
        actionKey: action.key,
        label: `${action.number} ${formatFiscalYear(task.fy)} ${department}「${task.planText}」`,
      },
      fields: {
        fy: task.fy,
        department: task.department,
        planText: task.planText,
        progress: task.progress,
        expected: task.expected,
        weight: task.weight,
      },
    });
  };
  const addKpi = (action: Action, kpi: Kpi) => {
    add({
      item: {
        kind: 'kpi',
        key: `${action.key}/${kpi.key}`,
        actionKey: action.key,
        label: `${action.number} ${kpi.name}`,
      },
      fields: {
        name: kpi.name,
        unit: kpi.unit,
        direction: kpi.direction,
        basis: kpi.basis,
        baseline: kpi.baseline,
        target: kpi.target,
        actuals: kpi.actuals,
        weight: kpi.weight,
      },
    });
  };
  const addAction = (action: Action, parent: string | undefined) => {
    add({
      item: {
        kind: 'action',
        key: action.key,
        actionKey: action.key,
        label: `${action.number} ${action.title}`,
      },
      fields: {
        parent,
        number: action.number,
        title: action.title,
        aim: action.aim,
        approach: action.approach,
        target: action.target,
        owners: action.owners,
        status: action.status,
        schedule: action.schedule,
        assessment: action.assessment,
        departmentWeights: action.departmentWeights,
        stated: action.stated,
        note: action.note,
        report: action.report,
      },
    });
    // The n-th task of an action, year and department: how a task without a key keeps its identity.
    const orders = new Map<string, number>();
    for (const task of action.tasks) {
      const group = `${task.fy}:${task.department}`;
      const order = orders.get(group) ?? 0;
      orders.set(group, order + 1);
      addTask(action, task, order);
    }
    for (const kpi of action.kpis) addKpi(action, kpi);
  };
  const addNode = (node: PlanNode, parent: string | undefined) => {
    add({
      item: { kind: 'node', key: node.key, label: node.number ? `${node.number} ${node.title}` : node.title },
      fields: { parent, number: node.number, title: node.title, description: node.description },
    });
    for (const action of node.actions) addAction(action, node.key);
    for (const child of node.children) addNode(child, node.key);
  };
  for (const node of plan.nodes) addNode(node, undefined);
  for (const action of plan.actions) addAction(action, undefined);
  return entries;
}

/** Added, changed (field by field, before → after) and removed items, each list in document order. */
export function diffPlanDocuments({
  before,
  after,
}: {
  before: PlanDocument;
  after: PlanDocument;
}): PlanDiff {
  const beforeEntries = collectEntries(before);
  const afterEntries = collectEntries(after);
  const diff: PlanDiff = { added: [], changed: [], removed: [] };
  for (const [id, entry] of afterEntries) {
    const previous = beforeEntries.get(id);
    if (!previous) {
      diff.added.push(entry.item);
      continue;
    }
    const changes: PlanFieldChange[] = [];
    for (const field of Object.keys(entry.fields)) {
      const was = previous.fields[field];
      const now = entry.fields[field];
      if (!isSameValue(was, now)) changes.push({ field, before: was ?? null, after: now ?? null });
    }
    if (changes.length > 0) diff.changed.push({ ...entry.item, changes });
  }
  for (const [id, entry] of beforeEntries) {
    if (!afterEntries.has(id)) diff.removed.push(entry.item);
  }
  return diff;
}

/** Whether applying the other version would change nothing. */
export function isEmptyPlanDiff(diff: PlanDiff): boolean {
  return diff.added.length === 0 && diff.changed.length === 0 && diff.removed.length === 0;
}
