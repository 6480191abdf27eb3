import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { auditEntriesTable } from '../audit/audit.table.js';
import {
  actionOwnersTable,
  actionsTable,
  kpiActualsTable,
  kpisTable,
  tasksTable,
} from '../plans/plans.table.js';

/*
 * The rows a department changes during a round — its tasks, the KPIs and overall assessments of the
 * actions it owns — read with their ids and versions, which the plan document does not carry.
 */

export interface DepartmentTaskRow {
  id: string;
  actionId: string;
  actionKey: string;
  actionNumber: string;
  actionTitle: string;
  key: string | null;
  fy: number;
  planText: string;
  progress: number | null;
  expected: boolean | null;
  position: number;
  version: number;
}

const taskColumns = {
  id: tasksTable.id,
  actionId: tasksTable.actionId,
  actionKey: actionsTable.key,
  actionNumber: actionsTable.number,
  actionTitle: actionsTable.title,
  key: tasksTable.key,
  fy: tasksTable.fy,
  planText: tasksTable.planText,
  progress: tasksTable.progress,
  expected: tasksTable.expected,
  position: tasksTable.position,
  version: tasksTable.version,
};

/** The department's tasks of the fiscal year, in each action's order. */
export async function listDepartmentTasks({
  db,
  planId,
  departmentId,
  fy,
}: {
  db: Database;
  planId: string;
  departmentId: string;
  fy: number;
}): Promise<DepartmentTaskRow[]> {
  return db
    .select(taskColumns)
    .from(tasksTable)
    .innerJoin(actionsTable, eq(actionsTable.id, tasksTable.actionId))
    .where(
      and(
        eq(tasksTable.planId, planId),
        eq(tasksTable.departmentId, departmentId),
        eq(tasksTable.fy, fy),
        isNull(tasksTable.archivedAt),
        isNull(actionsTable.archivedAt),
      ),
    )
    .orderBy(asc(tasksTable.position));
}

export interface OwnedActionRow {
  id: string;
  key: string;
  number: string;
  title: string;
  assessmentRate: number | null;
  assessmentReason: string | null;
  assessmentHypothetical: boolean | null;
  version: number;
}

const ownedActionColumns = {
  id: actionsTable.id,
  key: actionsTable.key,
  number: actionsTable.number,
  title: actionsTable.title,
  assessmentRate: actionsTable.assessmentRate,
  assessmentReason: actionsTable.assessmentReason,
  assessmentHypothetical: actionsTable.assessmentHypothetical,
  version: actionsTable.version,
};

/** The actions the department is an owner (担い手) of. */
export async function listOwnedActions({
  db,
  planId,
  departmentId,
}: {
  db: Database;
  planId: string;
  departmentId: string;
}): Promise<OwnedActionRow[]> {
  return db
    .select(ownedActionColumns)
    .from(actionOwnersTable)
    .innerJoin(actionsTable, eq(actionsTable.id, actionOwnersTable.actionId))
    .where(
      and(
        eq(actionOwnersTable.planId, planId),
        eq(actionOwnersTable.departmentId, departmentId),
        isNull(actionsTable.archivedAt),
      ),
    );
}

export interface KpiRow {
  id: string;
  actionId: string;
  key: string;
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baselineValue: number | null;
  baselineDate: string | null;
  baselineLabel: string | null;
  targetValue: number;
  targetFy: number;
  version: number;
}

const kpiColumns = {
  id: kpisTable.id,
  actionId: kpisTable.actionId,
  key: kpisTable.key,
  name: kpisTable.name,
  unit: kpisTable.unit,
  direction: kpisTable.direction,
  baselineValue: kpisTable.baselineValue,
  baselineDate: kpisTable.baselineDate,
  baselineLabel: kpisTable.baselineLabel,
  targetValue: kpisTable.targetValue,
  targetFy: kpisTable.targetFy,
  version: kpisTable.version,
};

export async function listKpis({ db, actionIds }: { db: Database; actionIds: string[] }): Promise<KpiRow[]> {
  if (actionIds.length === 0) return [];
  return db
    .select(kpiColumns)
    .from(kpisTable)
    .where(and(inArray(kpisTable.actionId, actionIds), isNull(kpisTable.archivedAt)))
    .orderBy(asc(kpisTable.position));
}

export interface KpiActualRow {
  id: string;
  kpiId: string;
  value: number;
  date: string;
  hypothetical: boolean | null;
  note: string | null;
}

const actualColumns = {
  id: kpiActualsTable.id,
  kpiId: kpiActualsTable.kpiId,
  value: kpiActualsTable.value,
  date: kpiActualsTable.date,
  hypothetical: kpiActualsTable.hypothetical,
  note: kpiActualsTable.note,
};

export async function listKpiActuals({
  db,
  kpiIds,
}: {
  db: Database;
  kpiIds: string[];
}): Promise<KpiActualRow[]> {
  if (kpiIds.length === 0) return [];
  return db
    .select(actualColumns)
    .from(kpiActualsTable)
    .where(and(inArray(kpiActualsTable.kpiId, kpiIds), isNull(kpiActualsTable.archivedAt)))
    .orderBy(asc(kpiActualsTable.position));
}

/** The task with its action, locked for the rest of the transaction; null when missing or archived. */
export async function lockTask({
  db,
  planId,
  taskId,
}: {
  db: Database;
  planId: string;
  taskId: string;
}): Promise<(DepartmentTaskRow & { departmentId: string }) | null> {
  const [row] = await db
    .select({ ...taskColumns, departmentId: tasksTable.departmentId })
    .from(tasksTable)
    .innerJoin(actionsTable, eq(actionsTable.id, tasksTable.actionId))
    .where(
      and(
        eq(tasksTable.id, taskId),
        eq(tasksTable.planId, planId),
        isNull(tasksTable.archivedAt),
        isNull(actionsTable.archivedAt),
      ),
    )
    .for('update', { of: tasksTable });
  return row ?? null;
}

export async function updateTask({
  db,
  taskId,
  values,
}: {
  db: Database;
  taskId: string;
  values: { progress: number | null; planText: string };
}): Promise<number> {
  const [row] = await db
    .update(tasksTable)
    .set({ ...values, version: sql`${tasksTable.version} + 1` })
    .where(eq(tasksTable.id, taskId))
    .returning({ version: tasksTable.version });
  return row!.version;
}

/** The KPI with its action, locked; null when missing or archived. */
export async function lockKpi({
  db,
  planId,
  kpiId,
}: {
  db: Database;
  planId: string;
  kpiId: string;
}): Promise<(KpiRow & { actionKey: string; actionNumber: string; actionTitle: string }) | null> {
  const [row] = await db
    .select({
      ...kpiColumns,
      actionKey: actionsTable.key,
      actionNumber: actionsTable.number,
      actionTitle: actionsTable.title,
    })
    .from(kpisTable)
    .innerJoin(actionsTable, eq(actionsTable.id, kpisTable.actionId))
    .where(
      and(
        eq(kpisTable.id, kpiId),
        eq(kpisTable.planId, planId),
        isNull(kpisTable.archivedAt),
        isNull(actionsTable.archivedAt),
      ),
    )
    .for('update', { of: kpisTable });
  return row ?? null;
}

export async function bumpKpiVersion({ db, kpiId }: { db: Database; kpiId: string }): Promise<number> {
  const [row] = await db
    .update(kpisTable)
    .set({ version: sql`${kpisTable.version} + 1` })
    .where(eq(kpisTable.id, kpiId))
    .returning({ version: kpisTable.version });
  return row!.version;
}

export async function isActionOwnedBy({
  db,
  actionId,
  departmentId,
}: {
  db: Database;
  actionId: string;
  departmentId: string;
}): Promise<boolean> {
  const [row] = await db
    .select({ actionId: actionOwnersTable.actionId })
    .from(actionOwnersTable)
    .where(and(eq(actionOwnersTable.actionId, actionId), eq(actionOwnersTable.departmentId, departmentId)));
  return row !== undefined;
}

export async function findKpiActual({
  db,
  kpiId,
  actualId,
}: {
  db: Database;
  kpiId: string;
  actualId: string;
}): Promise<KpiActualRow | null> {
  const [row] = await db
    .select(actualColumns)
    .from(kpiActualsTable)
    .where(
      and(
        eq(kpiActualsTable.id, actualId),
        eq(kpiActualsTable.kpiId, kpiId),
        isNull(kpiActualsTable.archivedAt),
      ),
    );
  return row ?? null;
}

export async function insertKpiActual({
  db,
  kpi,
  municipalityId,
  planId,
  values,
}: {
  db: Database;
  kpi: { id: string };
  municipalityId: string;
  planId: string;
  values: { value: number; date: string; note: string | null };
}): Promise<KpiActualRow> {
  const [row] = await db
    .insert(kpiActualsTable)
    .values({
      municipalityId,
      planId,
      kpiId: kpi.id,
      value: values.value,
      date: values.date,
      note: values.note,
      // After every actual ever entered, archived ones included: positions never collide.
      position: sql`(select coalesce(max(${kpiActualsTable.position}) + 1, 0) from ${kpiActualsTable} where ${kpiActualsTable.kpiId} = ${kpi.id})`,
    })
    .returning(actualColumns);
  return row!;
}

export async function updateKpiActual({
  db,
  actualId,
  values,
}: {
  db: Database;
  actualId: string;
  values: { value: number; date: string; note: string | null };
}): Promise<void> {
  // A figure entered by the department is a measurement, no longer the document's assumption.
  await db
    .update(kpiActualsTable)
    .set({ ...values, hypothetical: null })
    .where(eq(kpiActualsTable.id, actualId));
}

export async function archiveKpiActual({ db, actualId }: { db: Database; actualId: string }): Promise<void> {
  await db.update(kpiActualsTable).set({ archivedAt: sql`now()` }).where(eq(kpiActualsTable.id, actualId));
}

export async function findActionByKey({
  db,
  planId,
  actionKey,
}: {
  db: Database;
  planId: string;
  actionKey: string;
}): Promise<{ id: string } | null> {
  const [row] = await db
    .select({ id: actionsTable.id })
    .from(actionsTable)
    .where(
      and(eq(actionsTable.planId, planId), eq(actionsTable.key, actionKey), isNull(actionsTable.archivedAt)),
    );
  return row ?? null;
}

/** The action with its assessment, locked; null when missing or archived. */
export async function lockAction({
  db,
  planId,
  actionKey,
}: {
  db: Database;
  planId: string;
  actionKey: string;
}): Promise<OwnedActionRow | null> {
  const [row] = await db
    .select(ownedActionColumns)
    .from(actionsTable)
    .where(
      and(eq(actionsTable.planId, planId), eq(actionsTable.key, actionKey), isNull(actionsTable.archivedAt)),
    )
    .for('update');
  return row ?? null;
}

export async function updateAssessment({
  db,
  actionId,
  rate,
  reason,
}: {
  db: Database;
  actionId: string;
  rate: number | null;
  reason: string | null;
}): Promise<number> {
  const [row] = await db
    .update(actionsTable)
    .set({
      assessmentRate: rate,
      assessmentReason: reason,
      // Entered by the department now: a real assessment, not the document's assumption.
      assessmentHypothetical: null,
      version: sql`${actionsTable.version} + 1`,
    })
    .where(eq(actionsTable.id, actionId))
    .returning({ version: actionsTable.version });
  return row!.version;
}

/** Who changed the record last and when, from the history; for the "someone else changed it" panel. */
export async function findLastChange({
  db,
  planId,
  subjectType,
  subjectId,
}: {
  db: Database;
  planId: string;
  subjectType: string;
  subjectId: string;
}): Promise<{ actorName: string; at: Date } | null> {
  const [row] = await db
    .select({ actorName: auditEntriesTable.actorName, at: auditEntriesTable.at })
    .from(auditEntriesTable)
    .where(
      and(
        eq(auditEntriesTable.planId, planId),
        eq(auditEntriesTable.subjectType, subjectType),
        eq(auditEntriesTable.subjectId, subjectId),
      ),
    )
    .orderBy(desc(auditEntriesTable.id))
    .limit(1);
  return row ?? null;
}
