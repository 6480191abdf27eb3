import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { auditEntriesTable } from '../audit/audit.table.js';
import {
  actionsTable,
  kpiActualsTable,
  kpisTable,
  planNodesTable,
  tasksTable,
} from '../plans/plans.table.js';
import type { ActionRow, ActualRow, KpiRow, NodeRow, TaskRow } from './editing.repository.js';

/* The queries of restoring what was archived in a plan. */

export interface ArchivedRows {
  nodes: NodeRow[];
  actions: ActionRow[];
  tasks: TaskRow[];
  kpis: KpiRow[];
  actuals: ActualRow[];
}

/** Every row of the plan, live or archived: the archived ones and what they belong to. */
export async function listPlanRows({ db, planId }: { db: Database; planId: string }): Promise<ArchivedRows> {
  return {
    nodes: await db.select().from(planNodesTable).where(eq(planNodesTable.planId, planId)),
    actions: await db.select().from(actionsTable).where(eq(actionsTable.planId, planId)),
    tasks: await db.select().from(tasksTable).where(eq(tasksTable.planId, planId)),
    kpis: await db.select().from(kpisTable).where(eq(kpisTable.planId, planId)),
    actuals: await db.select().from(kpiActualsTable).where(eq(kpiActualsTable.planId, planId)),
  };
}

/** Who archived each of the given records, from the newest archiving entry of the plan's history. */
export async function findArchivers({
  db,
  planId,
  subjectIds,
}: {
  db: Database;
  planId: string;
  subjectIds: string[];
}): Promise<Map<string, string>> {
  if (subjectIds.length === 0) return new Map();
  const rows = await db
    .select({ subjectId: auditEntriesTable.subjectId, actorName: auditEntriesTable.actorName })
    .from(auditEntriesTable)
    .where(
      and(
        eq(auditEntriesTable.planId, planId),
        eq(auditEntriesTable.operation, 'archive'),
        inArray(auditEntriesTable.subjectId, subjectIds),
      ),
    )
    .orderBy(desc(auditEntriesTable.id));
  const archivers = new Map<string, string>();
  for (const row of rows) {
    if (row.subjectId && !archivers.has(row.subjectId)) archivers.set(row.subjectId, row.actorName);
  }
  return archivers;
}

/** A live node of the plan with this number under the same parent (numbers repeat only across levels). */
export async function findLiveNodeWithNumber({
  db,
  node,
}: {
  db: Database;
  node: Pick<NodeRow, 'id' | 'planId' | 'parentId' | 'number'>;
}): Promise<NodeRow | null> {
  if (node.number === null) return null;
  const [row] = await db
    .select()
    .from(planNodesTable)
    .where(
      and(
        eq(planNodesTable.planId, node.planId),
        isNull(planNodesTable.archivedAt),
        node.parentId === null ? isNull(planNodesTable.parentId) : eq(planNodesTable.parentId, node.parentId),
        eq(planNodesTable.number, node.number),
        ne(planNodesTable.id, node.id),
      ),
    );
  return row ?? null;
}

export async function findLiveActionWithNumber({
  db,
  action,
}: {
  db: Database;
  action: Pick<ActionRow, 'id' | 'planId' | 'number'>;
}): Promise<ActionRow | null> {
  const [row] = await db
    .select()
    .from(actionsTable)
    .where(
      and(
        eq(actionsTable.planId, action.planId),
        isNull(actionsTable.archivedAt),
        eq(actionsTable.number, action.number),
        ne(actionsTable.id, action.id),
      ),
    );
  return row ?? null;
}

export async function findLiveActualOnDate({
  db,
  actual,
}: {
  db: Database;
  actual: Pick<ActualRow, 'id' | 'kpiId' | 'date'>;
}): Promise<ActualRow | null> {
  const [row] = await db
    .select()
    .from(kpiActualsTable)
    .where(
      and(
        eq(kpiActualsTable.kpiId, actual.kpiId),
        isNull(kpiActualsTable.archivedAt),
        eq(kpiActualsTable.date, actual.date),
        ne(kpiActualsTable.id, actual.id),
      ),
    );
  return row ?? null;
}

/**
 * Brings back what was archived in the same operation as an action (its tasks, KPIs and their actuals
 * carry the action's `archived_at` to the microsecond); what was archived before stays archived.
 */
export async function restoreActionContents({
  db,
  actionId,
  archivedAt,
}: {
  db: Database;
  actionId: string;
  archivedAt: Date;
}): Promise<{ tasks: number; kpis: number }> {
  const kpis = await db
    .update(kpisTable)
    .set({ archivedAt: null, version: sql`${kpisTable.version} + 1` })
    .where(and(eq(kpisTable.actionId, actionId), eq(kpisTable.archivedAt, archivedAt)))
    .returning({ id: kpisTable.id });
  await restoreKpiActuals({ db, kpiIds: kpis.map((kpi) => kpi.id), archivedAt });
  const tasks = await db
    .update(tasksTable)
    .set({ archivedAt: null, version: sql`${tasksTable.version} + 1` })
    .where(and(eq(tasksTable.actionId, actionId), eq(tasksTable.archivedAt, archivedAt)))
    .returning({ id: tasksTable.id });
  return { tasks: tasks.length, kpis: kpis.length };
}

/** Brings back the actuals archived in the same operation as their KPI. */
export async function restoreKpiActuals({
  db,
  kpiIds,
  archivedAt,
}: {
  db: Database;
  kpiIds: string[];
  archivedAt: Date;
}): Promise<number> {
  if (kpiIds.length === 0) return 0;
  const rows = await db
    .update(kpiActualsTable)
    .set({ archivedAt: null, version: sql`${kpiActualsTable.version} + 1` })
    .where(and(inArray(kpiActualsTable.kpiId, kpiIds), eq(kpiActualsTable.archivedAt, archivedAt)))
    .returning({ id: kpiActualsTable.id });
  return rows.length;
}
