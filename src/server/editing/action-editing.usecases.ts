import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { formatFiscalYear, formatJapaneseDate } from '../../domain/fiscal-year.js';
import { keySchema } from '../../domain/plan.schemas.js';
import type {
  ActionFields,
  KpiActualFields,
  KpiFields,
  TaskFields,
} from '../../domain/plan-editing.schemas.js';
import type { Actor } from '../../domain/policy.js';
import type { ValidationIssue } from '../../domain/validation.js';
import { listDepartments } from '../departments/departments.repository.js';
import { kpiActualsTable, kpisTable, tasksTable } from '../plans/plans.table.js';
import {
  createDepartmentDirectory,
  type DepartmentDirectory,
  listChangedFieldLabels,
  toActionRecord,
  toActionSnapshot,
  toActualRecord,
  toActualSnapshot,
  toKpiRecord,
  toKpiSnapshot,
  toNodeRecord,
  toPlanSettingsRecord,
  toTaskRecord,
  toTaskSnapshot,
} from './editing.models.js';
import {
  type ActionRow,
  archiveActionContents,
  archiveKpiActuals,
  findActionById,
  findActionByKey,
  findActual,
  findKpi,
  findNextPosition,
  findTask,
  generateKey,
  insertAction,
  insertActual,
  insertKpi,
  insertTask,
  isKpiKeyTaken,
  type KpiRow,
  listLiveActions,
  listLiveActuals,
  listLiveKpis,
  listLiveNodes,
  listLiveTasks,
  listOwners,
  type PlanRow,
  setActionPositions,
  setOwners,
  updateActionRow,
  updateActualRow,
  updateKpiRow,
  updateTaskRow,
} from './editing.repository.js';
import type {
  ActionEditingResponse,
  ActionRecord,
  ActualRecord,
  KpiRecord,
  TaskRecord,
} from './editing.schemas.js';
import {
  duplicateKey,
  ensureVersion,
  getEditablePlan,
  invalidRequest,
  resolveDepartments,
  withDuplicateKeyCheck,
  writePlanChange,
} from './editing.usecases.js';

/* Actions, their yearly tasks, KPIs and actuals, as the DX office edits them. */

export function actionLabel(action: Pick<ActionRow, 'number' | 'title'>): string {
  return `${action.number} ${action.title}`;
}

async function findLiveAction({
  db,
  planId,
  actionKey,
}: {
  db: Database;
  planId: string;
  actionKey: string;
}) {
  const action = await findActionByKey({ db, planId, actionKey, lock: true });
  if (!action || action.archivedAt !== null) throw new AppError({ code: 'action.not_found' });
  return action;
}

async function loadActionRecord({
  db,
  action,
  directory,
}: {
  db: Database;
  action: ActionRow;
  directory: DepartmentDirectory;
}): Promise<ActionRecord> {
  const owners = await listOwners({ db, actionIds: [action.id] });
  return toActionRecord(
    action,
    owners.map((owner) => directory.keyOf(owner.departmentId)),
  );
}

/** Everything the action's editing page shows: the action, its tasks, KPIs with actuals, the choices. */
export async function getActionEditing({
  db,
  actor,
  planId,
  actionKey,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actionKey: string;
}): Promise<ActionEditingResponse> {
  const plan = await getEditablePlan({ db, actor, planId });
  const action = await findActionByKey({ db, planId, actionKey });
  if (!action || action.archivedAt !== null) throw new AppError({ code: 'action.not_found' });
  const departments = await listDepartments({ db, municipalityId: plan.municipalityId });
  const directory = createDepartmentDirectory(departments);
  const kpis = await listLiveKpis({ db, actionId: action.id });
  const actuals = await listLiveActuals({ db, kpiIds: kpis.map((kpi) => kpi.id) });
  return {
    plan: toPlanSettingsRecord(plan),
    nodes: (await listLiveNodes({ db, planId })).map(toNodeRecord),
    action: await loadActionRecord({ db, action, directory }),
    tasks: (await listLiveTasks({ db, actionId: action.id })).map((task) => toTaskRecord(task, directory)),
    kpis: kpis.map((kpi) => toKpiRecord(kpi, actuals)),
    departments,
  };
}

/** The departments an action's fields name (owners, weights) must exist, and be current unless kept. */
async function checkActionDepartments({
  db,
  plan,
  fields,
  kept,
}: {
  db: Database;
  plan: PlanRow;
  fields: ActionFields;
  kept: ActionRecord | null;
}): Promise<string[]> {
  const departments = await resolveDepartments({ db, municipalityId: plan.municipalityId });
  const issues = [
    ...departments.check({ keys: fields.owners, path: 'owners', kept: kept?.owners }),
    ...departments.check({
      keys: Object.keys(fields.departmentWeights ?? {}),
      path: 'departmentWeights',
      kept: Object.keys(kept?.departmentWeights ?? {}),
    }),
  ];
  if (issues.length > 0) throw invalidRequest(issues);
  return fields.owners.map((key) => departments.idOf(key)!);
}

function toActionValues(fields: ActionFields) {
  return {
    number: fields.number,
    title: fields.title,
    aim: fields.aim ?? null,
    approach: fields.approach ?? null,
    targetText: fields.target ?? null,
    schedule: fields.schedule && fields.schedule.length > 0 ? fields.schedule : null,
    status: fields.status ?? null,
    note: fields.note ?? null,
    departmentWeights:
      fields.departmentWeights && Object.keys(fields.departmentWeights).length > 0
        ? fields.departmentWeights
        : null,
  };
}

/** A readable key for a new action: `action-6` from its number, else a made-up one. */
function proposeActionKey(number: string): string {
  const candidate = `action-${number}`;
  return keySchema.safeParse(candidate).success ? candidate : generateKey('action');
}

/** Adds an action at the end of its node (or of the plan, without grouping levels). */
export async function createAction({
  db,
  actor,
  planId,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  input: ActionFields & { key?: string | undefined; nodeId: string | null };
}): Promise<ActionRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  const { key: requestedKey, nodeId, ...fields } = input;
  let key = requestedKey ?? proposeActionKey(fields.number);
  if (!requestedKey && (await findActionByKey({ db, planId, actionKey: key }))) key = generateKey('action');
  return withDuplicateKeyCheck(key, () =>
    writePlanChange({
      db,
      actor,
      plan,
      work: async (tx) => {
        if (await findActionByKey({ db: tx, planId, actionKey: key })) throw duplicateKey(key);
        const nodes = await listLiveNodes({ db: tx, planId });
        if (nodeId && !nodes.some((node) => node.id === nodeId))
          throw new AppError({ code: 'node.not_found' });
        const ownerIds = await checkActionDepartments({ db: tx, plan, fields, kept: null });
        const siblings = (await listLiveActions({ db: tx, planId })).filter(
          (action) => action.nodeId === nodeId,
        );
        const row = await insertAction({
          db: tx,
          values: {
            municipalityId: plan.municipalityId,
            planId,
            nodeId,
            key,
            ...toActionValues(fields),
            position: siblings.length,
          },
        });
        await setOwners({ db: tx, action: row, departmentIds: ownerIds });
        const directory = createDepartmentDirectory(
          await listDepartments({ db: tx, municipalityId: plan.municipalityId }),
        );
        const record = toActionRecord(row, fields.owners);
        return {
          result: record,
          entry: {
            actionKey: key,
            subjectType: 'action',
            subjectId: row.id,
            operation: 'create',
            summary: `${plan.actionLevel}「${actionLabel(row)}」を追加`,
            after: toActionSnapshot(record, directory),
          },
        };
      },
    }),
  );
}

/**
 * Changes an action's own fields and its owner departments. What the departments and the final report
 * keep on the action (overall assessment, report texts) is not touched here.
 */
export async function updateAction({
  db,
  actor,
  planId,
  actionKey,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actionKey: string;
  input: ActionFields & { version: number };
}): Promise<ActionRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  const { version, ...fields } = input;
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const stored = await findLiveAction({ db: tx, planId, actionKey });
      const directory = createDepartmentDirectory(
        await listDepartments({ db: tx, municipalityId: plan.municipalityId }),
      );
      const before = await loadActionRecord({ db: tx, action: stored, directory });
      ensureVersion({ stored, version, current: () => before });
      const ownerIds = await checkActionDepartments({ db: tx, plan, fields, kept: before });
      const updated = await updateActionRow({ db: tx, actionId: stored.id, values: toActionValues(fields) });
      await setOwners({ db: tx, action: updated, departmentIds: ownerIds });
      const after = toActionRecord(updated, fields.owners);
      const beforeSnapshot = toActionSnapshot(before, directory);
      const afterSnapshot = toActionSnapshot(after, directory);
      return {
        result: after,
        entry: {
          actionKey,
          subjectType: 'action',
          subjectId: stored.id,
          operation: 'update',
          summary: `${plan.actionLevel}「${actionLabel(updated)}」を変更（${listChangedFieldLabels(beforeSnapshot, afterSnapshot)}）`,
          before: beforeSnapshot,
          after: afterSnapshot,
        },
      };
    },
  });
}

/** Places an action under another node and/or elsewhere among its siblings. */
export async function moveAction({
  db,
  actor,
  planId,
  actionKey,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actionKey: string;
  input: { parentId: string | null; position: number; version: number };
}): Promise<ActionRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const stored = await findLiveAction({ db: tx, planId, actionKey });
      const directory = createDepartmentDirectory(
        await listDepartments({ db: tx, municipalityId: plan.municipalityId }),
      );
      const before = await loadActionRecord({ db: tx, action: stored, directory });
      ensureVersion({ stored, version: input.version, current: () => before });
      const nodes = await listLiveNodes({ db: tx, planId });
      const target = input.parentId ? nodes.find((node) => node.id === input.parentId) : null;
      if (input.parentId && !target) throw new AppError({ code: 'node.not_found' });
      const source = stored.nodeId ? nodes.find((node) => node.id === stored.nodeId) : null;
      const actions = await listLiveActions({ db: tx, planId });
      const oldSiblings = actions.filter(
        (action) => action.nodeId === stored.nodeId && action.id !== stored.id,
      );
      const newSiblings = actions.filter(
        (action) => action.nodeId === input.parentId && action.id !== stored.id,
      );
      const position = Math.min(input.position, newSiblings.length);
      const ordered = newSiblings.map((action) => action.id);
      ordered.splice(position, 0, stored.id);
      if (stored.nodeId !== input.parentId) {
        await setActionPositions({ db: tx, actionIds: oldSiblings.map((action) => action.id) });
      }
      await setActionPositions({ db: tx, actionIds: ordered });
      const updated = await updateActionRow({
        db: tx,
        actionId: stored.id,
        values: { nodeId: input.parentId, position },
      });
      const label = (node: typeof target) =>
        node ? `${node.number ? `${node.number} ` : ''}${node.title}` : '計画の直下';
      return {
        result: { ...before, nodeId: updated.nodeId, position: updated.position, version: updated.version },
        entry: {
          actionKey,
          subjectType: 'action',
          subjectId: stored.id,
          operation: 'move',
          summary: `${plan.actionLevel}「${actionLabel(stored)}」を移動`,
          before: { node: label(source), position: stored.position + 1 },
          after: { node: label(target), position: position + 1 },
        },
      };
    },
  });
}

/** Archives an action together with its tasks, KPIs and actuals; comments and evidence stay for the history. */
export async function archiveAction({
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
}): Promise<void> {
  const plan = await getEditablePlan({ db, actor, planId });
  await writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const stored = await findLiveAction({ db: tx, planId, actionKey });
      const directory = createDepartmentDirectory(
        await listDepartments({ db: tx, municipalityId: plan.municipalityId }),
      );
      const before = await loadActionRecord({ db: tx, action: stored, directory });
      ensureVersion({ stored, version, current: () => before });
      const at = new Date();
      await archiveActionContents({ db: tx, actionId: stored.id, at });
      await updateActionRow({ db: tx, actionId: stored.id, values: { archivedAt: at } });
      return {
        result: undefined,
        entry: {
          actionKey,
          subjectType: 'action',
          subjectId: stored.id,
          operation: 'archive',
          summary: `${plan.actionLevel}「${actionLabel(stored)}」をアーカイブ`,
          before: toActionSnapshot(before, directory),
        },
      };
    },
  });
}

/* Yearly tasks */

async function checkTaskFields({
  db,
  plan,
  fields,
  keptDepartment,
}: {
  db: Database;
  plan: PlanRow;
  fields: TaskFields;
  keptDepartment?: string | undefined;
}): Promise<string> {
  const departments = await resolveDepartments({ db, municipalityId: plan.municipalityId });
  const issues: ValidationIssue[] = departments.check({
    keys: [fields.department],
    path: 'department',
    kept: keptDepartment ? [keptDepartment] : [],
  });
  if (fields.fy < plan.startFy || fields.fy > plan.endFy) {
    issues.push({
      path: 'fy',
      message: `年度は計画期間（${formatFiscalYear(plan.startFy)}〜${formatFiscalYear(plan.endFy)}）の中で選んでください`,
    });
  }
  if (issues.length > 0) throw invalidRequest(issues);
  return departments.idOf(fields.department)!;
}

function toTaskValues(fields: TaskFields, departmentId: string) {
  return {
    fy: fields.fy,
    departmentId,
    planText: fields.planText,
    progress: fields.progress,
    expected: fields.expected ?? null,
    weight: fields.weight ?? null,
  };
}

export function taskLabel(record: TaskRecord, directory: DepartmentDirectory): string {
  return `${formatFiscalYear(record.fy)}・${directory.nameOfKey(record.department)}「${record.planText}」`;
}

/** Adds a yearly task to an action (at the end of its tasks). */
export async function createTask({
  db,
  actor,
  planId,
  actionKey,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actionKey: string;
  input: TaskFields;
}): Promise<TaskRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const action = await findLiveAction({ db: tx, planId, actionKey });
      const departmentId = await checkTaskFields({ db: tx, plan, fields: input });
      const row = await insertTask({
        db: tx,
        values: {
          municipalityId: plan.municipalityId,
          planId,
          actionId: action.id,
          key: generateKey('task'),
          ...toTaskValues(input, departmentId),
          position: await findNextPosition({
            db: tx,
            table: tasksTable,
            where: eq(tasksTable.actionId, action.id),
          }),
        },
      });
      const directory = createDepartmentDirectory(
        await listDepartments({ db: tx, municipalityId: plan.municipalityId }),
      );
      const record = toTaskRecord(row, directory);
      return {
        result: record,
        entry: {
          actionKey,
          subjectType: 'task',
          subjectId: row.id,
          operation: 'create',
          summary: `${actionLabel(action)}の年度タスク ${taskLabel(record, directory)}を追加`,
          after: toTaskSnapshot(record, directory),
        },
      };
    },
  });
}

async function findLiveTask({ db, planId, taskId }: { db: Database; planId: string; taskId: string }) {
  const task = await findTask({ db, planId, taskId, lock: true });
  if (!task || task.archivedAt !== null) throw new AppError({ code: 'task.not_found' });
  const action = await findActionById({ db, planId, actionId: task.actionId });
  if (!action || action.archivedAt !== null) throw new AppError({ code: 'task.not_found' });
  return { task, action };
}

/** Changes a yearly task; the DX office may also correct its progress here (a department uses its round). */
export async function updateTask({
  db,
  actor,
  planId,
  taskId,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  taskId: string;
  input: TaskFields & { version: number };
}): Promise<TaskRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  const { version, ...fields } = input;
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const { task, action } = await findLiveTask({ db: tx, planId, taskId });
      const directory = createDepartmentDirectory(
        await listDepartments({ db: tx, municipalityId: plan.municipalityId }),
      );
      const before = toTaskRecord(task, directory);
      ensureVersion({ stored: task, version, current: () => before });
      const departmentId = await checkTaskFields({ db: tx, plan, fields, keptDepartment: before.department });
      const updated = await updateTaskRow({ db: tx, taskId, values: toTaskValues(fields, departmentId) });
      const after = toTaskRecord(updated, directory);
      const beforeSnapshot = toTaskSnapshot(before, directory);
      const afterSnapshot = toTaskSnapshot(after, directory);
      return {
        result: after,
        entry: {
          actionKey: action.key,
          subjectType: 'task',
          subjectId: taskId,
          operation: 'update',
          summary: `${actionLabel(action)}の年度タスク ${taskLabel(after, directory)}を変更（${listChangedFieldLabels(beforeSnapshot, afterSnapshot)}）`,
          before: beforeSnapshot,
          after: afterSnapshot,
        },
      };
    },
  });
}

export async function archiveTask({
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
}): Promise<void> {
  const plan = await getEditablePlan({ db, actor, planId });
  await writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const { task, action } = await findLiveTask({ db: tx, planId, taskId });
      const directory = createDepartmentDirectory(
        await listDepartments({ db: tx, municipalityId: plan.municipalityId }),
      );
      const before = toTaskRecord(task, directory);
      ensureVersion({ stored: task, version, current: () => before });
      await updateTaskRow({ db: tx, taskId, values: { archivedAt: new Date() } });
      return {
        result: undefined,
        entry: {
          actionKey: action.key,
          subjectType: 'task',
          subjectId: taskId,
          operation: 'archive',
          summary: `${actionLabel(action)}の年度タスク ${taskLabel(before, directory)}をアーカイブ`,
          before: toTaskSnapshot(before, directory),
        },
      };
    },
  });
}

/* KPIs */

function toKpiValues(fields: KpiFields) {
  return {
    name: fields.name,
    unit: fields.unit,
    direction: fields.direction,
    basis: fields.basis ?? null,
    baselineValue: fields.baseline?.value ?? null,
    baselineDate: fields.baseline?.date ?? null,
    baselineLabel: fields.baseline?.label ?? null,
    targetValue: fields.target.value,
    targetFy: fields.target.fy,
    weight: fields.weight ?? null,
  };
}

/** Adds a KPI to an action; its key (given, or made up) is unique within the action. */
export async function createKpi({
  db,
  actor,
  planId,
  actionKey,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actionKey: string;
  input: KpiFields & { key?: string | undefined };
}): Promise<KpiRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  const { key: requestedKey, ...fields } = input;
  const key = requestedKey ?? generateKey('kpi');
  return withDuplicateKeyCheck(key, () =>
    writePlanChange({
      db,
      actor,
      plan,
      work: async (tx) => {
        const action = await findLiveAction({ db: tx, planId, actionKey });
        if (await isKpiKeyTaken({ db: tx, actionId: action.id, key })) throw duplicateKey(key);
        const row = await insertKpi({
          db: tx,
          values: {
            municipalityId: plan.municipalityId,
            planId,
            actionId: action.id,
            key,
            ...toKpiValues(fields),
            position: await findNextPosition({
              db: tx,
              table: kpisTable,
              where: eq(kpisTable.actionId, action.id),
            }),
          },
        });
        const record = toKpiRecord(row, []);
        return {
          result: record,
          entry: {
            actionKey,
            subjectType: 'kpi',
            subjectId: row.id,
            operation: 'create',
            summary: `${actionLabel(action)}の指標「${row.name}」を追加`,
            after: toKpiSnapshot(record),
          },
        };
      },
    }),
  );
}

async function findLiveKpi({ db, planId, kpiId }: { db: Database; planId: string; kpiId: string }) {
  const kpi = await findKpi({ db, planId, kpiId, lock: true });
  if (!kpi || kpi.archivedAt !== null) throw new AppError({ code: 'kpi.not_found' });
  const action = await findActionById({ db, planId, actionId: kpi.actionId });
  if (!action || action.archivedAt !== null) throw new AppError({ code: 'kpi.not_found' });
  return { kpi, action };
}

async function loadKpiRecord({ db, kpi }: { db: Database; kpi: KpiRow }): Promise<KpiRecord> {
  return toKpiRecord(kpi, await listLiveActuals({ db, kpiIds: [kpi.id] }));
}

export async function updateKpi({
  db,
  actor,
  planId,
  kpiId,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  kpiId: string;
  input: KpiFields & { version: number };
}): Promise<KpiRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  const { version, ...fields } = input;
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const { kpi, action } = await findLiveKpi({ db: tx, planId, kpiId });
      const before = await loadKpiRecord({ db: tx, kpi });
      ensureVersion({ stored: kpi, version, current: () => before });
      const updated = await updateKpiRow({ db: tx, kpiId, values: toKpiValues(fields) });
      const after = { ...toKpiRecord(updated, []), actuals: before.actuals };
      const beforeSnapshot = toKpiSnapshot(before);
      const afterSnapshot = toKpiSnapshot(after);
      return {
        result: after,
        entry: {
          actionKey: action.key,
          subjectType: 'kpi',
          subjectId: kpiId,
          operation: 'update',
          summary: `${actionLabel(action)}の指標「${updated.name}」を変更（${listChangedFieldLabels(beforeSnapshot, afterSnapshot)}）`,
          before: beforeSnapshot,
          after: afterSnapshot,
        },
      };
    },
  });
}

/** Archives a KPI and its actuals. */
export async function archiveKpi({
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
}): Promise<void> {
  const plan = await getEditablePlan({ db, actor, planId });
  await writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const { kpi, action } = await findLiveKpi({ db: tx, planId, kpiId });
      const before = await loadKpiRecord({ db: tx, kpi });
      ensureVersion({ stored: kpi, version, current: () => before });
      const at = new Date();
      await archiveKpiActuals({ db: tx, kpiIds: [kpiId], at });
      await updateKpiRow({ db: tx, kpiId, values: { archivedAt: at } });
      return {
        result: undefined,
        entry: {
          actionKey: action.key,
          subjectType: 'kpi',
          subjectId: kpiId,
          operation: 'archive',
          summary: `${actionLabel(action)}の指標「${kpi.name}」をアーカイブ`,
          before: toKpiSnapshot(before),
        },
      };
    },
  });
}

/* Actuals (実績値) */

function toActualValues(fields: KpiActualFields) {
  return {
    value: fields.value,
    date: fields.date,
    hypothetical: fields.hypothetical ?? null,
    note: fields.note ?? null,
  };
}

export function actualLabel(kpi: KpiRow, record: Pick<ActualRecord, 'value' | 'date'>): string {
  return `指標「${kpi.name}」の実績値（${formatJapaneseDate(record.date)} ${record.value}${kpi.unit}）`;
}

/** Adds a measured value to a KPI's series. */
export async function createActual({
  db,
  actor,
  planId,
  kpiId,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  kpiId: string;
  input: KpiActualFields;
}): Promise<ActualRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const { kpi, action } = await findLiveKpi({ db: tx, planId, kpiId });
      const row = await insertActual({
        db: tx,
        values: {
          municipalityId: plan.municipalityId,
          planId,
          kpiId,
          ...toActualValues(input),
          position: await findNextPosition({
            db: tx,
            table: kpiActualsTable,
            where: eq(kpiActualsTable.kpiId, kpiId),
          }),
        },
      });
      const record = toActualRecord(row);
      return {
        result: record,
        entry: {
          actionKey: action.key,
          subjectType: 'kpi_actual',
          subjectId: row.id,
          operation: 'create',
          summary: `${actionLabel(action)}の${actualLabel(kpi, record)}を追加`,
          after: toActualSnapshot(record),
        },
      };
    },
  });
}

async function findLiveActual({ db, planId, actualId }: { db: Database; planId: string; actualId: string }) {
  const actual = await findActual({ db, planId, actualId, lock: true });
  if (!actual || actual.archivedAt !== null) throw new AppError({ code: 'kpi_actual.not_found' });
  const kpi = await findKpi({ db, planId, kpiId: actual.kpiId });
  if (!kpi || kpi.archivedAt !== null) throw new AppError({ code: 'kpi_actual.not_found' });
  const action = await findActionById({ db, planId, actionId: kpi.actionId });
  if (!action || action.archivedAt !== null) throw new AppError({ code: 'kpi_actual.not_found' });
  return { actual, kpi, action };
}

export async function updateActual({
  db,
  actor,
  planId,
  actualId,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actualId: string;
  input: KpiActualFields & { version: number };
}): Promise<ActualRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  const { version, ...fields } = input;
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const { actual, kpi, action } = await findLiveActual({ db: tx, planId, actualId });
      const before = toActualRecord(actual);
      ensureVersion({ stored: actual, version, current: () => before });
      const updated = await updateActualRow({ db: tx, actualId, values: toActualValues(fields) });
      const after = toActualRecord(updated);
      const beforeSnapshot = toActualSnapshot(before);
      const afterSnapshot = toActualSnapshot(after);
      return {
        result: after,
        entry: {
          actionKey: action.key,
          subjectType: 'kpi_actual',
          subjectId: actualId,
          operation: 'update',
          summary: `${actionLabel(action)}の${actualLabel(kpi, after)}を変更（${listChangedFieldLabels(beforeSnapshot, afterSnapshot)}）`,
          before: beforeSnapshot,
          after: afterSnapshot,
        },
      };
    },
  });
}

export async function archiveActual({
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
}): Promise<void> {
  const plan = await getEditablePlan({ db, actor, planId });
  await writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const { actual, kpi, action } = await findLiveActual({ db: tx, planId, actualId });
      const before = toActualRecord(actual);
      ensureVersion({ stored: actual, version, current: () => before });
      await updateActualRow({ db: tx, actualId, values: { archivedAt: new Date() } });
      return {
        result: undefined,
        entry: {
          actionKey: action.key,
          subjectType: 'kpi_actual',
          subjectId: actualId,
          operation: 'archive',
          summary: `${actionLabel(action)}の${actualLabel(kpi, before)}をアーカイブ`,
          before: toActualSnapshot(before),
        },
      };
    },
  });
}
