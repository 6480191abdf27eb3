import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import type { EvaluationSettings, KpiBasis, PlanDocument } from '../../domain/plan.schemas.js';
import { auditEntriesTable } from '../audit/audit.table.js';
import { departmentsTable } from '../departments/departments.table.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';
import { actionsTable, kpisTable, plansTable, tasksTable } from '../plans/plans.table.js';
import {
  progressRoundsTable,
  type RoundStatus,
  roundSubmissionsTable,
  type SubmissionStatus,
} from '../rounds/rounds.table.js';

export interface PlanState {
  id: string;
  municipalityId: string;
  municipalityCode: string;
  slug: string;
  title: string;
  revision: number;
  evaluationSettings: EvaluationSettings | null;
  publishedAt: string | null;
  updatedAt: string;
}

/** The plan row's own state: revision, settings, publication and last change. */
export async function findPlanState({
  db,
  planId,
  forUpdate = false,
}: {
  db: Database;
  planId: string;
  /** Lock the row until the transaction ends (a write that checks the revision it read). */
  forUpdate?: boolean;
}): Promise<PlanState | null> {
  const query = db
    .select({
      id: plansTable.id,
      municipalityId: plansTable.municipalityId,
      municipalityCode: municipalitiesTable.code,
      slug: plansTable.slug,
      title: plansTable.title,
      revision: plansTable.revision,
      evaluationSettings: plansTable.evaluationSettings,
      publishedAt: plansTable.publishedAt,
      updatedAt: plansTable.updatedAt,
    })
    .from(plansTable)
    .innerJoin(municipalitiesTable, eq(municipalitiesTable.id, plansTable.municipalityId))
    .where(eq(plansTable.id, planId));
  const [row] = forUpdate ? await query.for('update', { of: plansTable }) : await query;
  if (!row) return null;
  return {
    ...row,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface RoundRecord {
  id: string;
  fy: number;
  month: number;
  dueDate: string;
  status: RoundStatus;
  openedAt: string;
  closedAt: string | null;
}

const roundColumns = {
  id: progressRoundsTable.id,
  fy: progressRoundsTable.fy,
  month: progressRoundsTable.month,
  dueDate: progressRoundsTable.dueDate,
  status: progressRoundsTable.status,
  openedAt: progressRoundsTable.openedAt,
  closedAt: progressRoundsTable.closedAt,
};

function toRoundRecord(row: {
  id: string;
  fy: number;
  month: number;
  dueDate: string;
  status: RoundStatus;
  openedAt: Date;
  closedAt: Date | null;
}): RoundRecord {
  return { ...row, openedAt: row.openedAt.toISOString(), closedAt: row.closedAt?.toISOString() ?? null };
}

/** The plan's open progress round (the latest opened, should there be several). */
export async function findOpenRound({
  db,
  planId,
  municipalityId,
}: {
  db: Database;
  planId: string;
  municipalityId: string;
}): Promise<RoundRecord | null> {
  const [row] = await db
    .select(roundColumns)
    .from(progressRoundsTable)
    .where(
      and(
        eq(progressRoundsTable.planId, planId),
        eq(progressRoundsTable.municipalityId, municipalityId),
        eq(progressRoundsTable.status, 'open'),
      ),
    )
    .orderBy(desc(progressRoundsTable.openedAt))
    .limit(1);
  return row ? toRoundRecord(row) : null;
}

/** The last round that was closed, with the plan document as it stood then. */
export async function findLatestClosedRound({
  db,
  planId,
  municipalityId,
}: {
  db: Database;
  planId: string;
  municipalityId: string;
}): Promise<(RoundRecord & { snapshot: PlanDocument }) | null> {
  const [row] = await db
    .select({ ...roundColumns, snapshot: progressRoundsTable.snapshot })
    .from(progressRoundsTable)
    .where(
      and(
        eq(progressRoundsTable.planId, planId),
        eq(progressRoundsTable.municipalityId, municipalityId),
        eq(progressRoundsTable.status, 'closed'),
        sql`${progressRoundsTable.snapshot} is not null`,
      ),
    )
    .orderBy(desc(progressRoundsTable.closedAt), desc(progressRoundsTable.openedAt))
    .limit(1);
  if (!row?.snapshot) return null;
  const { snapshot, ...round } = row;
  return { ...toRoundRecord(round), snapshot };
}

export interface SubmissionRecord {
  departmentId: string;
  departmentKey: string;
  departmentName: string;
  status: SubmissionStatus;
  submittedAt: string | null;
  reviewedAt: string | null;
}

/** Each department's submission of a round, in the municipality's order of departments. */
export async function listRoundSubmissions({
  db,
  roundId,
  municipalityId,
}: {
  db: Database;
  roundId: string;
  municipalityId: string;
}): Promise<SubmissionRecord[]> {
  const rows = await db
    .select({
      departmentId: roundSubmissionsTable.departmentId,
      departmentKey: departmentsTable.key,
      departmentName: departmentsTable.name,
      status: roundSubmissionsTable.status,
      submittedAt: roundSubmissionsTable.submittedAt,
      reviewedAt: roundSubmissionsTable.reviewedAt,
    })
    .from(roundSubmissionsTable)
    .innerJoin(
      departmentsTable,
      and(
        eq(departmentsTable.id, roundSubmissionsTable.departmentId),
        eq(departmentsTable.municipalityId, roundSubmissionsTable.municipalityId),
      ),
    )
    .where(
      and(
        eq(roundSubmissionsTable.roundId, roundId),
        eq(roundSubmissionsTable.municipalityId, municipalityId),
      ),
    )
    .orderBy(asc(departmentsTable.position), asc(departmentsTable.key));
  return rows.map((row) => ({
    ...row,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
  }));
}

export interface TaskActivityRecord {
  taskId: string;
  actionKey: string;
  departmentId: string;
  departmentKey: string;
  planText: string;
  progress: number | null;
  /** The last audit entry `task` / `progress` of the task; null when there is none. */
  lastProgressAt: string | null;
}

/**
 * The tasks of one fiscal year of the plan (archived ones left out) and when each one's progress was
 * last updated, as the history records it (subjectType `task`, operation `progress`).
 */
export async function listTaskActivity({
  db,
  planId,
  municipalityId,
  fy,
}: {
  db: Database;
  planId: string;
  municipalityId: string;
  fy: number;
}): Promise<TaskActivityRecord[]> {
  const lastProgressAt = sql<string | null>`(
    select max(${auditEntriesTable.at}) from ${auditEntriesTable}
    where ${auditEntriesTable.planId} = ${tasksTable.planId}
      and ${auditEntriesTable.subjectType} = 'task'
      and ${auditEntriesTable.operation} = 'progress'
      and ${auditEntriesTable.subjectId} = ${tasksTable.id}::text
  )`;
  const rows = await db
    .select({
      taskId: tasksTable.id,
      actionKey: actionsTable.key,
      departmentId: tasksTable.departmentId,
      departmentKey: departmentsTable.key,
      planText: tasksTable.planText,
      progress: tasksTable.progress,
      lastProgressAt,
    })
    .from(tasksTable)
    .innerJoin(
      actionsTable,
      and(eq(actionsTable.id, tasksTable.actionId), eq(actionsTable.planId, tasksTable.planId)),
    )
    .innerJoin(
      departmentsTable,
      and(
        eq(departmentsTable.id, tasksTable.departmentId),
        eq(departmentsTable.municipalityId, tasksTable.municipalityId),
      ),
    )
    .where(
      and(
        eq(tasksTable.planId, planId),
        eq(tasksTable.municipalityId, municipalityId),
        eq(tasksTable.fy, fy),
        isNull(tasksTable.archivedAt),
        isNull(actionsTable.archivedAt),
      ),
    )
    .orderBy(asc(actionsTable.position), asc(tasksTable.position));
  // PGlite and node-postgres return a timestamp from raw SQL as text in different shapes.
  return rows.map((row) => ({
    ...row,
    lastProgressAt: row.lastProgressAt === null ? null : new Date(row.lastProgressAt).toISOString(),
  }));
}

/** The latest time any task of the plan had its progress updated; null when none has. */
export async function findLatestProgressAt({
  db,
  planId,
}: {
  db: Database;
  planId: string;
}): Promise<string | null> {
  const [row] = await db
    .select({ at: sql<string | null>`max(${auditEntriesTable.at})` })
    .from(auditEntriesTable)
    .where(
      and(
        eq(auditEntriesTable.planId, planId),
        eq(auditEntriesTable.subjectType, 'task'),
        eq(auditEntriesTable.operation, 'progress'),
      ),
    );
  return row?.at ? new Date(row.at).toISOString() : null;
}

export async function updateEvaluationSettings({
  db,
  planId,
  municipalityId,
  settings,
}: {
  db: Database;
  planId: string;
  municipalityId: string;
  settings: EvaluationSettings;
}): Promise<void> {
  await db
    .update(plansTable)
    .set({ evaluationSettings: settings })
    .where(and(eq(plansTable.id, planId), eq(plansTable.municipalityId, municipalityId)));
}

/**
 * Sets every KPI of the plan (archived ones left alone) to one basis; returns the KPIs whose basis
 * changed, with the basis they had.
 */
export async function updateKpiBasisForPlan({
  db,
  planId,
  municipalityId,
  basis,
}: {
  db: Database;
  planId: string;
  municipalityId: string;
  basis: KpiBasis;
}): Promise<{ kpiId: string; actionKey: string; kpiKey: string; before: KpiBasis | null }[]> {
  const changed = await db
    .select({
      kpiId: kpisTable.id,
      actionKey: actionsTable.key,
      kpiKey: kpisTable.key,
      before: kpisTable.basis,
    })
    .from(kpisTable)
    .innerJoin(
      actionsTable,
      and(eq(actionsTable.id, kpisTable.actionId), eq(actionsTable.planId, kpisTable.planId)),
    )
    .where(
      and(
        eq(kpisTable.planId, planId),
        eq(kpisTable.municipalityId, municipalityId),
        isNull(kpisTable.archivedAt),
        sql`${kpisTable.basis} is distinct from ${basis}`,
      ),
    )
    .orderBy(asc(actionsTable.position), asc(kpisTable.position));
  if (changed.length === 0) return [];
  await db
    .update(kpisTable)
    .set({ basis, version: sql`${kpisTable.version} + 1` })
    .where(
      and(
        eq(kpisTable.planId, planId),
        eq(kpisTable.municipalityId, municipalityId),
        isNull(kpisTable.archivedAt),
        sql`${kpisTable.basis} is distinct from ${basis}`,
      ),
    );
  return changed;
}
