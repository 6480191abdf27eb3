import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, inArray, isNull, max, ne, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database.js';
import type { EvaluationSettings } from '../../domain/plan.schemas.js';
import {
  actionOwnersTable,
  actionsTable,
  kpiActualsTable,
  kpisTable,
  planNodesTable,
  plansTable,
  tasksTable,
} from '../plans/plans.table.js';

/*
 * The queries of plan editing. Every query names the plan (and so the municipality) it works in; rows are
 * read `for update` before a versioned change, so that the version compared is the version written over.
 */

export type PlanRow = typeof plansTable.$inferSelect;
export type NodeRow = typeof planNodesTable.$inferSelect;
export type ActionRow = typeof actionsTable.$inferSelect;
export type TaskRow = typeof tasksTable.$inferSelect;
export type KpiRow = typeof kpisTable.$inferSelect;
export type ActualRow = typeof kpiActualsTable.$inferSelect;

/** A key nobody chose: `task-3f9a1c2e`. */
export function generateKey(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function findPlanRow({
  db,
  planId,
  lock = false,
}: {
  db: Database;
  planId: string;
  lock?: boolean;
}): Promise<PlanRow | null> {
  const query = db.select().from(plansTable).where(eq(plansTable.id, planId));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function isPlanSlugTaken({
  db,
  municipalityId,
  slug,
  exceptPlanId,
}: {
  db: Database;
  municipalityId: string;
  slug: string;
  exceptPlanId?: string;
}): Promise<boolean> {
  const [row] = await db
    .select({ id: plansTable.id })
    .from(plansTable)
    .where(
      and(
        eq(plansTable.municipalityId, municipalityId),
        eq(plansTable.slug, slug),
        exceptPlanId ? ne(plansTable.id, exceptPlanId) : undefined,
      ),
    );
  return row !== undefined;
}

export async function insertPlan({
  db,
  values,
}: {
  db: Database;
  values: {
    municipalityId: string;
    slug: string;
    title: string;
    startFy: number;
    endFy: number;
    levels: string[];
    actionLevel: string;
    evaluationSettings: EvaluationSettings;
  };
}): Promise<PlanRow> {
  const [row] = await db.insert(plansTable).values(values).returning();
  return row!;
}

export async function updatePlanRow({
  db,
  planId,
  values,
}: {
  db: Database;
  planId: string;
  values: Partial<
    Pick<PlanRow, 'slug' | 'title' | 'startFy' | 'endFy' | 'levels' | 'actionLevel' | 'evaluationSettings'>
  >;
}): Promise<PlanRow> {
  const [row] = await db
    .update(plansTable)
    .set({ ...values, version: sql`${plansTable.version} + 1`, updatedAt: sql`now()` })
    .where(eq(plansTable.id, planId))
    .returning();
  return row!;
}

const live = (table: { planId: AnyPgColumn; archivedAt: AnyPgColumn }, planId: string) =>
  and(eq(table.planId, planId), isNull(table.archivedAt));

/** The fiscal years of the plan's live tasks, lowest and highest (null without tasks). */
export async function findTaskYearRange({
  db,
  planId,
}: {
  db: Database;
  planId: string;
}): Promise<{ min: number; max: number } | null> {
  const [row] = await db
    .select({
      min: sql<number | null>`min(${tasksTable.fy})`,
      max: sql<number | null>`max(${tasksTable.fy})`,
    })
    .from(tasksTable)
    .innerJoin(actionsTable, eq(actionsTable.id, tasksTable.actionId))
    .where(and(live(tasksTable, planId), isNull(actionsTable.archivedAt)));
  if (!row || row.min === null || row.max === null) return null;
  return { min: row.min, max: row.max };
}

/* Nodes */

export async function listLiveNodes({ db, planId }: { db: Database; planId: string }): Promise<NodeRow[]> {
  return db
    .select()
    .from(planNodesTable)
    .where(live(planNodesTable, planId))
    .orderBy(asc(planNodesTable.position), asc(planNodesTable.key));
}

export async function findNode({
  db,
  planId,
  nodeId,
  lock = false,
}: {
  db: Database;
  planId: string;
  nodeId: string;
  lock?: boolean;
}): Promise<NodeRow | null> {
  const query = db
    .select()
    .from(planNodesTable)
    .where(and(eq(planNodesTable.planId, planId), eq(planNodesTable.id, nodeId)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function isNodeKeyTaken({
  db,
  planId,
  key,
}: {
  db: Database;
  planId: string;
  key: string;
}): Promise<boolean> {
  const [row] = await db
    .select({ id: planNodesTable.id })
    .from(planNodesTable)
    .where(and(eq(planNodesTable.planId, planId), eq(planNodesTable.key, key)));
  return row !== undefined;
}

export async function insertNode({
  db,
  values,
}: {
  db: Database;
  values: typeof planNodesTable.$inferInsert;
}): Promise<NodeRow> {
  const [row] = await db.insert(planNodesTable).values(values).returning();
  return row!;
}

export async function updateNodeRow({
  db,
  nodeId,
  values,
}: {
  db: Database;
  nodeId: string;
  values: Partial<Pick<NodeRow, 'number' | 'title' | 'description' | 'parentId' | 'position' | 'archivedAt'>>;
}): Promise<NodeRow> {
  const [row] = await db
    .update(planNodesTable)
    .set({ ...values, version: sql`${planNodesTable.version} + 1` })
    .where(eq(planNodesTable.id, nodeId))
    .returning();
  return row!;
}

/** Places siblings in the given order (positions 0, 1, 2 …); their versions stay, their content is untouched. */
export async function setNodePositions({ db, nodeIds }: { db: Database; nodeIds: string[] }): Promise<void> {
  for (const [position, id] of nodeIds.entries()) {
    await db.update(planNodesTable).set({ position }).where(eq(planNodesTable.id, id));
  }
}

export async function countLiveChildren({
  db,
  planId,
  nodeId,
}: {
  db: Database;
  planId: string;
  nodeId: string;
}): Promise<{ nodes: number; actions: number }> {
  const [nodes] = await db
    .select({ value: count() })
    .from(planNodesTable)
    .where(and(live(planNodesTable, planId), eq(planNodesTable.parentId, nodeId)));
  const [actions] = await db
    .select({ value: count() })
    .from(actionsTable)
    .where(and(live(actionsTable, planId), eq(actionsTable.nodeId, nodeId)));
  return { nodes: nodes?.value ?? 0, actions: actions?.value ?? 0 };
}

/* Actions */

export async function listLiveActions({
  db,
  planId,
}: {
  db: Database;
  planId: string;
}): Promise<ActionRow[]> {
  return db
    .select()
    .from(actionsTable)
    .where(live(actionsTable, planId))
    .orderBy(asc(actionsTable.position), asc(actionsTable.key));
}

export async function findActionByKey({
  db,
  planId,
  actionKey,
  lock = false,
}: {
  db: Database;
  planId: string;
  actionKey: string;
  lock?: boolean;
}): Promise<ActionRow | null> {
  const query = db
    .select()
    .from(actionsTable)
    .where(and(eq(actionsTable.planId, planId), eq(actionsTable.key, actionKey)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function findActionById({
  db,
  planId,
  actionId,
}: {
  db: Database;
  planId: string;
  actionId: string;
}): Promise<ActionRow | null> {
  const [row] = await db
    .select()
    .from(actionsTable)
    .where(and(eq(actionsTable.planId, planId), eq(actionsTable.id, actionId)));
  return row ?? null;
}

export async function insertAction({
  db,
  values,
}: {
  db: Database;
  values: typeof actionsTable.$inferInsert;
}): Promise<ActionRow> {
  const [row] = await db.insert(actionsTable).values(values).returning();
  return row!;
}

export async function updateActionRow({
  db,
  actionId,
  values,
}: {
  db: Database;
  actionId: string;
  values: Partial<
    Pick<
      ActionRow,
      | 'number'
      | 'title'
      | 'aim'
      | 'approach'
      | 'targetText'
      | 'schedule'
      | 'status'
      | 'note'
      | 'departmentWeights'
      | 'nodeId'
      | 'position'
      | 'archivedAt'
    >
  >;
}): Promise<ActionRow> {
  const [row] = await db
    .update(actionsTable)
    .set({ ...values, version: sql`${actionsTable.version} + 1` })
    .where(eq(actionsTable.id, actionId))
    .returning();
  return row!;
}

export async function setActionPositions({
  db,
  actionIds,
}: {
  db: Database;
  actionIds: string[];
}): Promise<void> {
  for (const [position, id] of actionIds.entries()) {
    await db.update(actionsTable).set({ position }).where(eq(actionsTable.id, id));
  }
}

/** The owner departments of actions, in their order. */
export async function listOwners({
  db,
  actionIds,
}: {
  db: Database;
  actionIds: string[];
}): Promise<{ actionId: string; departmentId: string }[]> {
  if (actionIds.length === 0) return [];
  return db
    .select({ actionId: actionOwnersTable.actionId, departmentId: actionOwnersTable.departmentId })
    .from(actionOwnersTable)
    .where(inArray(actionOwnersTable.actionId, actionIds))
    .orderBy(asc(actionOwnersTable.position));
}

/** Replaces an action's owner departments with the given ones, in this order. */
export async function setOwners({
  db,
  action,
  departmentIds,
}: {
  db: Database;
  action: Pick<ActionRow, 'id' | 'planId' | 'municipalityId'>;
  departmentIds: string[];
}): Promise<void> {
  await db.delete(actionOwnersTable).where(eq(actionOwnersTable.actionId, action.id));
  if (departmentIds.length === 0) return;
  await db.insert(actionOwnersTable).values(
    departmentIds.map((departmentId, position) => ({
      municipalityId: action.municipalityId,
      planId: action.planId,
      actionId: action.id,
      departmentId,
      position,
    })),
  );
}

/* Tasks */

export async function listLiveTasks({
  db,
  actionId,
}: {
  db: Database;
  actionId: string;
}): Promise<TaskRow[]> {
  return db
    .select()
    .from(tasksTable)
    .where(and(eq(tasksTable.actionId, actionId), isNull(tasksTable.archivedAt)))
    .orderBy(asc(tasksTable.position));
}

export async function findTask({
  db,
  planId,
  taskId,
  lock = false,
}: {
  db: Database;
  planId: string;
  taskId: string;
  lock?: boolean;
}): Promise<TaskRow | null> {
  const query = db
    .select()
    .from(tasksTable)
    .where(and(eq(tasksTable.planId, planId), eq(tasksTable.id, taskId)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertTask({
  db,
  values,
}: {
  db: Database;
  values: typeof tasksTable.$inferInsert;
}): Promise<TaskRow> {
  const [row] = await db.insert(tasksTable).values(values).returning();
  return row!;
}

export async function updateTaskRow({
  db,
  taskId,
  values,
}: {
  db: Database;
  taskId: string;
  values: Partial<
    Pick<TaskRow, 'fy' | 'departmentId' | 'planText' | 'progress' | 'expected' | 'weight' | 'archivedAt'>
  >;
}): Promise<TaskRow> {
  const [row] = await db
    .update(tasksTable)
    .set({ ...values, version: sql`${tasksTable.version} + 1` })
    .where(eq(tasksTable.id, taskId))
    .returning();
  return row!;
}

/* KPIs and actuals */

export async function listLiveKpis({ db, actionId }: { db: Database; actionId: string }): Promise<KpiRow[]> {
  return db
    .select()
    .from(kpisTable)
    .where(and(eq(kpisTable.actionId, actionId), isNull(kpisTable.archivedAt)))
    .orderBy(asc(kpisTable.position));
}

export async function findKpi({
  db,
  planId,
  kpiId,
  lock = false,
}: {
  db: Database;
  planId: string;
  kpiId: string;
  lock?: boolean;
}): Promise<KpiRow | null> {
  const query = db
    .select()
    .from(kpisTable)
    .where(and(eq(kpisTable.planId, planId), eq(kpisTable.id, kpiId)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function isKpiKeyTaken({
  db,
  actionId,
  key,
}: {
  db: Database;
  actionId: string;
  key: string;
}): Promise<boolean> {
  const [row] = await db
    .select({ id: kpisTable.id })
    .from(kpisTable)
    .where(and(eq(kpisTable.actionId, actionId), eq(kpisTable.key, key)));
  return row !== undefined;
}

export async function insertKpi({
  db,
  values,
}: {
  db: Database;
  values: typeof kpisTable.$inferInsert;
}): Promise<KpiRow> {
  const [row] = await db.insert(kpisTable).values(values).returning();
  return row!;
}

export async function updateKpiRow({
  db,
  kpiId,
  values,
}: {
  db: Database;
  kpiId: string;
  values: Partial<
    Pick<
      KpiRow,
      | 'name'
      | 'unit'
      | 'direction'
      | 'basis'
      | 'baselineValue'
      | 'baselineDate'
      | 'baselineLabel'
      | 'targetValue'
      | 'targetFy'
      | 'weight'
      | 'archivedAt'
    >
  >;
}): Promise<KpiRow> {
  const [row] = await db
    .update(kpisTable)
    .set({ ...values, version: sql`${kpisTable.version} + 1` })
    .where(eq(kpisTable.id, kpiId))
    .returning();
  return row!;
}

export async function listLiveActuals({
  db,
  kpiIds,
}: {
  db: Database;
  kpiIds: string[];
}): Promise<ActualRow[]> {
  if (kpiIds.length === 0) return [];
  return db
    .select()
    .from(kpiActualsTable)
    .where(and(inArray(kpiActualsTable.kpiId, kpiIds), isNull(kpiActualsTable.archivedAt)))
    .orderBy(asc(kpiActualsTable.position));
}

export async function findActual({
  db,
  planId,
  actualId,
  lock = false,
}: {
  db: Database;
  planId: string;
  actualId: string;
  lock?: boolean;
}): Promise<ActualRow | null> {
  const query = db
    .select()
    .from(kpiActualsTable)
    .where(and(eq(kpiActualsTable.planId, planId), eq(kpiActualsTable.id, actualId)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertActual({
  db,
  values,
}: {
  db: Database;
  values: typeof kpiActualsTable.$inferInsert;
}): Promise<ActualRow> {
  const [row] = await db.insert(kpiActualsTable).values(values).returning();
  return row!;
}

export async function updateActualRow({
  db,
  actualId,
  values,
}: {
  db: Database;
  actualId: string;
  values: Partial<Pick<ActualRow, 'value' | 'date' | 'hypothetical' | 'note' | 'archivedAt'>>;
}): Promise<ActualRow> {
  const [row] = await db
    .update(kpiActualsTable)
    .set({ ...values, version: sql`${kpiActualsTable.version} + 1` })
    .where(eq(kpiActualsTable.id, actualId))
    .returning();
  return row!;
}

/**
 * Archives what belongs to an action (its tasks, KPIs and their actuals) together with it, so that a
 * query of tasks alone (a department's "my tasks") never shows the tasks of an archived action.
 */
export async function archiveActionContents({
  db,
  actionId,
  at,
}: {
  db: Database;
  actionId: string;
  at: Date;
}): Promise<void> {
  const kpiIds = (
    await db
      .select({ id: kpisTable.id })
      .from(kpisTable)
      .where(and(eq(kpisTable.actionId, actionId), isNull(kpisTable.archivedAt)))
  ).map((row) => row.id);
  await archiveKpiActuals({ db, kpiIds, at });
  await db
    .update(kpisTable)
    .set({ archivedAt: at, version: sql`${kpisTable.version} + 1` })
    .where(and(eq(kpisTable.actionId, actionId), isNull(kpisTable.archivedAt)));
  await db
    .update(tasksTable)
    .set({ archivedAt: at, version: sql`${tasksTable.version} + 1` })
    .where(and(eq(tasksTable.actionId, actionId), isNull(tasksTable.archivedAt)));
}

export async function archiveKpiActuals({
  db,
  kpiIds,
  at,
}: {
  db: Database;
  kpiIds: string[];
  at: Date;
}): Promise<void> {
  if (kpiIds.length === 0) return;
  await db
    .update(kpiActualsTable)
    .set({ archivedAt: at, version: sql`${kpiActualsTable.version} + 1` })
    .where(and(inArray(kpiActualsTable.kpiId, kpiIds), isNull(kpiActualsTable.archivedAt)));
}

/** The next position at the end of a list (0 for an empty one). */
export async function findNextPosition({
  db,
  table,
  where,
}: {
  db: Database;
  table: typeof tasksTable | typeof kpisTable | typeof kpiActualsTable;
  where: SQL;
}): Promise<number> {
  const [row] = await db
    .select({ value: max(table.position) })
    .from(table)
    .where(where);
  return row?.value === null || row?.value === undefined ? 0 : row.value + 1;
}

/** A unique constraint refused the row (PostgreSQL error 23505), possibly wrapped by the driver. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if ((current as Error & { code?: unknown }).code === '23505') return true;
  }
  return false;
}
