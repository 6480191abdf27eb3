import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { formatFiscalYear, formatJapaneseDate } from '../../domain/fiscal-year.js';
import type { Actor } from '../../domain/policy.js';
import { listDepartments } from '../departments/departments.repository.js';
import { actionLabel, actualLabel, taskLabel } from './action-editing.usecases.js';
import { createDepartmentDirectory, toTaskRecord } from './editing.models.js';
import {
  type ActionRow,
  findActionById,
  findActionByKey,
  findActual,
  findKpi,
  findNode,
  findTask,
  type KpiRow,
  listLiveActions,
  listLiveNodes,
  updateActionRow,
  updateActualRow,
  updateKpiRow,
  updateNodeRow,
  updateTaskRow,
} from './editing.repository.js';
import {
  ensureVersion,
  getEditablePlan,
  invalidRequest,
  nodeLabel,
  writePlanChange,
} from './editing.usecases.js';
import {
  findArchivers,
  findLiveActionWithNumber,
  findLiveActualOnDate,
  findLiveNodeWithNumber,
  listPlanRows,
  restoreActionContents,
  restoreKpiActuals,
} from './restore.repository.js';
import type { ArchivedItem, ArchivedItemsResponse, RestoreResponse } from './restore.schemas.js';

/*
 * Restoring what was archived in a plan: the archived nodes, actions, tasks, KPIs and actuals are listed,
 * and each comes back on its own with the permission that archived it (`plan.edit`). A record comes back
 * only into a live parent, and not beside a live record that now has its number (an actual: its date).
 * What was archived in the same operation as an action (or a KPI) is not listed on its own: it comes
 * back with it. Closed rounds keep their frozen figures; a restore changes only the live plan.
 */

function isSameInstant(a: Date | null, b: Date | null): boolean {
  return a !== null && b !== null && a.getTime() === b.getTime();
}

function kpiLabel(action: Pick<ActionRow, 'number' | 'title'>, kpi: Pick<KpiRow, 'name'>): string {
  return `${actionLabel(action)}の指標「${kpi.name}」`;
}

/** Everything archived in the plan that can be restored on its own, newest first. */
export async function listArchivedItems({
  db,
  actor,
  planId,
}: {
  db: Database;
  actor: Actor;
  planId: string;
}): Promise<ArchivedItemsResponse> {
  const plan = await getEditablePlan({ db, actor, planId });
  const rows = await listPlanRows({ db, planId });
  const directory = createDepartmentDirectory(
    await listDepartments({ db, municipalityId: plan.municipalityId }),
  );
  const nodes = new Map(rows.nodes.map((node) => [node.id, node]));
  const actions = new Map(rows.actions.map((action) => [action.id, action]));
  const kpis = new Map(rows.kpis.map((kpi) => [kpi.id, kpi]));
  const items: Omit<ArchivedItem, 'archivedBy'>[] = [];

  for (const node of rows.nodes) {
    if (!node.archivedAt) continue;
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    items.push({
      kind: 'node',
      id: node.id,
      key: null,
      number: node.number,
      title: node.title,
      parent: parent ? nodeLabel(parent) : null,
      actionKey: null,
      parentArchived: parent?.archivedAt != null,
      archivedAt: node.archivedAt.toISOString(),
      version: node.version,
    });
  }
  for (const action of rows.actions) {
    if (!action.archivedAt) continue;
    const node = action.nodeId ? nodes.get(action.nodeId) : undefined;
    items.push({
      kind: 'action',
      id: action.id,
      key: action.key,
      number: action.number,
      title: action.title,
      parent: node ? nodeLabel(node) : null,
      actionKey: action.key,
      parentArchived: node?.archivedAt != null,
      archivedAt: action.archivedAt.toISOString(),
      version: action.version,
    });
  }
  for (const task of rows.tasks) {
    const action = actions.get(task.actionId);
    if (!task.archivedAt || !action || isSameInstant(task.archivedAt, action.archivedAt)) continue;
    items.push({
      kind: 'task',
      id: task.id,
      key: null,
      number: null,
      title: taskLabel(toTaskRecord(task, directory), directory),
      parent: actionLabel(action),
      actionKey: action.key,
      parentArchived: action.archivedAt !== null,
      archivedAt: task.archivedAt.toISOString(),
      version: task.version,
    });
  }
  for (const kpi of rows.kpis) {
    const action = actions.get(kpi.actionId);
    if (!kpi.archivedAt || !action || isSameInstant(kpi.archivedAt, action.archivedAt)) continue;
    items.push({
      kind: 'kpi',
      id: kpi.id,
      key: null,
      number: null,
      title: kpi.name,
      parent: actionLabel(action),
      actionKey: action.key,
      parentArchived: action.archivedAt !== null,
      archivedAt: kpi.archivedAt.toISOString(),
      version: kpi.version,
    });
  }
  for (const actual of rows.actuals) {
    const kpi = kpis.get(actual.kpiId);
    const action = kpi ? actions.get(kpi.actionId) : undefined;
    if (!actual.archivedAt || !kpi || !action || isSameInstant(actual.archivedAt, kpi.archivedAt)) continue;
    items.push({
      kind: 'kpi_actual',
      id: actual.id,
      key: null,
      number: null,
      title: `${formatJapaneseDate(actual.date)} ${actual.value}${kpi.unit}`,
      parent: kpiLabel(action, kpi),
      actionKey: action.key,
      parentArchived: kpi.archivedAt !== null || action.archivedAt !== null,
      archivedAt: actual.archivedAt.toISOString(),
      version: actual.version,
    });
  }

  const archivers = await findArchivers({ db, planId, subjectIds: items.map((item) => item.id) });
  return {
    items: items
      .sort((a, b) => b.archivedAt.localeCompare(a.archivedAt))
      .map((item) => ({ ...item, archivedBy: archivers.get(item.id) ?? null })),
  };
}

function parentArchived(parent: string): AppError {
  return new AppError({
    code: 'record.parent_archived',
    message: `属している${parent}がアーカイブされています。先に${parent}を復元してください`,
  });
}

function numberTaken(clash: string): AppError {
  return new AppError({
    code: 'record.number_taken',
    message: `${clash}がすでにあるため、復元できません。先にそちらの番号や名称を変更するか、アーカイブしてください`,
  });
}

/** The history entry's before → after: only `archivedAt` changes. */
function archivedAtChange(archivedAt: Date) {
  return { before: { archivedAt: archivedAt.toISOString() }, after: { archivedAt: null } };
}

/** Brings back a node into its parent (at the end of its siblings); the parent must be live. */
export async function restoreNode({
  db,
  actor,
  planId,
  nodeId,
  version,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  nodeId: string;
  version: number;
}): Promise<RestoreResponse> {
  const plan = await getEditablePlan({ db, actor, planId });
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const stored = await findNode({ db: tx, planId, nodeId, lock: true });
      if (!stored) throw new AppError({ code: 'node.not_found' });
      ensureVersion({ stored, version, current: () => ({ version: stored.version }) });
      if (!stored.archivedAt) throw new AppError({ code: 'node.not_found' });
      const parent = stored.parentId ? await findNode({ db: tx, planId, nodeId: stored.parentId }) : null;
      if (parent?.archivedAt) throw parentArchived(`「${nodeLabel(parent)}」`);
      const clash = await findLiveNodeWithNumber({ db: tx, node: stored });
      if (clash) throw numberTaken(`番号 ${clash.number} の「${nodeLabel(clash)}」`);
      const siblings = (await listLiveNodes({ db: tx, planId })).filter(
        (node) => node.parentId === stored.parentId,
      );
      await updateNodeRow({ db: tx, nodeId, values: { archivedAt: null, position: siblings.length } });
      const summary = `「${nodeLabel(stored)}」を復元`;
      return {
        result: { ok: true as const, summary },
        entry: {
          subjectType: 'node',
          subjectId: nodeId,
          operation: 'restore',
          summary,
          ...archivedAtChange(stored.archivedAt),
        },
      };
    },
  });
}

/**
 * Brings back an action (at the end of its node) with the tasks, KPIs and actuals archived together with
 * it; those archived before it stay archived and are restored one by one.
 */
export async function restoreAction({
  db,
  actor,
  planId,
  actionKey,
  version,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actionKey: string;
  version: number;
}): Promise<RestoreResponse> {
  const plan = await getEditablePlan({ db, actor, planId });
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const stored = await findActionByKey({ db: tx, planId, actionKey, lock: true });
      if (!stored) throw new AppError({ code: 'action.not_found' });
      ensureVersion({ stored, version, current: () => ({ version: stored.version }) });
      if (!stored.archivedAt) throw new AppError({ code: 'action.not_found' });
      const node = stored.nodeId ? await findNode({ db: tx, planId, nodeId: stored.nodeId }) : null;
      if (node?.archivedAt) throw parentArchived(`「${nodeLabel(node)}」`);
      const clash = await findLiveActionWithNumber({ db: tx, action: stored });
      if (clash) throw numberTaken(`番号 ${clash.number} の${plan.actionLevel}「${clash.title}」`);
      const contents = await restoreActionContents({
        db: tx,
        actionId: stored.id,
        archivedAt: stored.archivedAt,
      });
      const siblings = (await listLiveActions({ db: tx, planId })).filter(
        (action) => action.nodeId === stored.nodeId,
      );
      await updateActionRow({
        db: tx,
        actionId: stored.id,
        values: { archivedAt: null, position: siblings.length },
      });
      const together = [
        contents.tasks > 0 && `年度タスク${contents.tasks}件`,
        contents.kpis > 0 && `指標${contents.kpis}件`,
      ].filter(Boolean);
      const summary = `${plan.actionLevel}「${actionLabel(stored)}」を復元${
        together.length > 0 ? `（一緒にアーカイブした${together.join('・')}も）` : ''
      }`;
      return {
        result: { ok: true as const, summary },
        entry: {
          actionKey,
          subjectType: 'action',
          subjectId: stored.id,
          operation: 'restore',
          summary,
          ...archivedAtChange(stored.archivedAt),
        },
      };
    },
  });
}

/** Brings back a yearly task into its live action; its year must still be in the plan's period. */
export async function restoreTask({
  db,
  actor,
  planId,
  taskId,
  version,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  taskId: string;
  version: number;
}): Promise<RestoreResponse> {
  const plan = await getEditablePlan({ db, actor, planId });
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const stored = await findTask({ db: tx, planId, taskId, lock: true });
      if (!stored) throw new AppError({ code: 'task.not_found' });
      ensureVersion({ stored, version, current: () => ({ version: stored.version }) });
      if (!stored.archivedAt) throw new AppError({ code: 'task.not_found' });
      const action = await findActionById({ db: tx, planId, actionId: stored.actionId });
      if (!action) throw new AppError({ code: 'task.not_found' });
      if (action.archivedAt) throw parentArchived(`${plan.actionLevel}「${actionLabel(action)}」`);
      if (stored.fy < plan.startFy || stored.fy > plan.endFy) {
        throw invalidRequest([
          {
            path: 'fy',
            message: `${formatFiscalYear(stored.fy)}の年度タスクは、今の計画期間（${formatFiscalYear(plan.startFy)}〜${formatFiscalYear(plan.endFy)}）の外にあるため復元できません`,
          },
        ]);
      }
      const directory = createDepartmentDirectory(
        await listDepartments({ db: tx, municipalityId: plan.municipalityId }),
      );
      await updateTaskRow({ db: tx, taskId, values: { archivedAt: null } });
      const summary = `${actionLabel(action)}の年度タスク ${taskLabel(toTaskRecord(stored, directory), directory)}を復元`;
      return {
        result: { ok: true as const, summary },
        entry: {
          actionKey: action.key,
          subjectType: 'task',
          subjectId: taskId,
          operation: 'restore',
          summary,
          ...archivedAtChange(stored.archivedAt),
        },
      };
    },
  });
}

/** Brings back a KPI into its live action, with the actuals archived together with it. */
export async function restoreKpi({
  db,
  actor,
  planId,
  kpiId,
  version,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  kpiId: string;
  version: number;
}): Promise<RestoreResponse> {
  const plan = await getEditablePlan({ db, actor, planId });
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const stored = await findKpi({ db: tx, planId, kpiId, lock: true });
      if (!stored) throw new AppError({ code: 'kpi.not_found' });
      ensureVersion({ stored, version, current: () => ({ version: stored.version }) });
      if (!stored.archivedAt) throw new AppError({ code: 'kpi.not_found' });
      const action = await findActionById({ db: tx, planId, actionId: stored.actionId });
      if (!action) throw new AppError({ code: 'kpi.not_found' });
      if (action.archivedAt) throw parentArchived(`${plan.actionLevel}「${actionLabel(action)}」`);
      const actuals = await restoreKpiActuals({ db: tx, kpiIds: [kpiId], archivedAt: stored.archivedAt });
      await updateKpiRow({ db: tx, kpiId, values: { archivedAt: null } });
      const summary = `${kpiLabel(action, stored)}を復元${actuals > 0 ? `（一緒にアーカイブした実績値${actuals}件も）` : ''}`;
      return {
        result: { ok: true as const, summary },
        entry: {
          actionKey: action.key,
          subjectType: 'kpi',
          subjectId: kpiId,
          operation: 'restore',
          summary,
          ...archivedAtChange(stored.archivedAt),
        },
      };
    },
  });
}

/** Brings back a measured value into its live KPI, unless the KPI now has a value on the same date. */
export async function restoreActual({
  db,
  actor,
  planId,
  actualId,
  version,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actualId: string;
  version: number;
}): Promise<RestoreResponse> {
  const plan = await getEditablePlan({ db, actor, planId });
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const stored = await findActual({ db: tx, planId, actualId, lock: true });
      if (!stored) throw new AppError({ code: 'kpi_actual.not_found' });
      ensureVersion({ stored, version, current: () => ({ version: stored.version }) });
      if (!stored.archivedAt) throw new AppError({ code: 'kpi_actual.not_found' });
      const kpi = await findKpi({ db: tx, planId, kpiId: stored.kpiId });
      const action = kpi ? await findActionById({ db: tx, planId, actionId: kpi.actionId }) : null;
      if (!kpi || !action) throw new AppError({ code: 'kpi_actual.not_found' });
      if (action.archivedAt) throw parentArchived(`${plan.actionLevel}「${actionLabel(action)}」`);
      if (kpi.archivedAt) throw parentArchived(`指標「${kpi.name}」`);
      const clash = await findLiveActualOnDate({ db: tx, actual: stored });
      if (clash) {
        throw numberTaken(
          `指標「${kpi.name}」に同じ日付（${formatJapaneseDate(clash.date)}）の実績値 ${clash.value}${kpi.unit}`,
        );
      }
      await updateActualRow({ db: tx, actualId, values: { archivedAt: null } });
      const summary = `${actionLabel(action)}の${actualLabel(kpi, stored)}を復元`;
      return {
        result: { ok: true as const, summary },
        entry: {
          actionKey: action.key,
          subjectType: 'kpi_actual',
          subjectId: actualId,
          operation: 'restore',
          summary,
          ...archivedAtChange(stored.archivedAt),
        },
      };
    },
  });
}
