import { and, asc, desc, eq, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database.js';
import type { PlanDocument } from '../../domain/plan.schemas.js';
import type { RoundStatus, SubmissionStatus } from '../../domain/progress-round.js';
import { usersTable } from '../accounts/accounts.table.js';
import { departmentsTable } from '../departments/departments.table.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';
import { actionsTable, plansTable, tasksTable } from '../plans/plans.table.js';
import { progressRoundsTable, roundSubmissionsTable, roundTaskCommentsTable } from './rounds.table.js';

/** A round as the use cases read it: everything but the (large) snapshot. */
export interface RoundRecord {
  id: string;
  municipalityId: string;
  planId: string;
  fy: number;
  month: number;
  dueDate: string;
  status: RoundStatus;
  note: string | null;
  openedAt: Date;
  openedBy: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  snapshotRevision: number | null;
  version: number;
}

const roundColumns = {
  id: progressRoundsTable.id,
  municipalityId: progressRoundsTable.municipalityId,
  planId: progressRoundsTable.planId,
  fy: progressRoundsTable.fy,
  month: progressRoundsTable.month,
  dueDate: progressRoundsTable.dueDate,
  status: progressRoundsTable.status,
  note: progressRoundsTable.note,
  openedAt: progressRoundsTable.openedAt,
  openedBy: progressRoundsTable.openedBy,
  closedAt: progressRoundsTable.closedAt,
  closedBy: progressRoundsTable.closedBy,
  snapshotRevision: progressRoundsTable.snapshotRevision,
  version: progressRoundsTable.version,
};

/** The plan a round belongs to, with what the round pages and messages need of it. */
export interface RoundPlanRecord {
  id: string;
  municipalityId: string;
  municipalityName: string;
  title: string;
  startFy: number;
  endFy: number;
  actionLevel: string;
}

export async function findRoundPlan({
  db,
  planId,
}: {
  db: Database;
  planId: string;
}): Promise<RoundPlanRecord | null> {
  const [row] = await db
    .select({
      id: plansTable.id,
      municipalityId: plansTable.municipalityId,
      municipalityName: municipalitiesTable.name,
      title: plansTable.title,
      startFy: plansTable.startFy,
      endFy: plansTable.endFy,
      actionLevel: plansTable.actionLevel,
    })
    .from(plansTable)
    .innerJoin(municipalitiesTable, eq(municipalitiesTable.id, plansTable.municipalityId))
    .where(eq(plansTable.id, planId));
  return row ?? null;
}

/**
 * The round of the plan, or null. `lock`: `share` for a write through the round (closing waits for it),
 * `update` for a change of the round itself.
 */
export async function findRound({
  db,
  planId,
  roundId,
  lock,
}: {
  db: Database;
  planId: string;
  roundId: string;
  lock?: 'share' | 'update';
}): Promise<RoundRecord | null> {
  const query = db
    .select(roundColumns)
    .from(progressRoundsTable)
    .where(and(eq(progressRoundsTable.id, roundId), eq(progressRoundsTable.planId, planId)));
  const [row] = lock ? await query.for(lock) : await query;
  return row ?? null;
}

export async function findOpenRound({
  db,
  planId,
}: {
  db: Database;
  planId: string;
}): Promise<RoundRecord | null> {
  const [row] = await db
    .select(roundColumns)
    .from(progressRoundsTable)
    .where(and(eq(progressRoundsTable.planId, planId), eq(progressRoundsTable.status, 'open')));
  return row ?? null;
}

export async function findRoundByPeriod({
  db,
  planId,
  fy,
  month,
}: {
  db: Database;
  planId: string;
  fy: number;
  month: number;
}): Promise<RoundRecord | null> {
  const [row] = await db
    .select(roundColumns)
    .from(progressRoundsTable)
    .where(
      and(
        eq(progressRoundsTable.planId, planId),
        eq(progressRoundsTable.fy, fy),
        eq(progressRoundsTable.month, month),
      ),
    );
  return row ?? null;
}

/** The plan's rounds, newest first. */
export async function listRounds({ db, planId }: { db: Database; planId: string }): Promise<RoundRecord[]> {
  return db
    .select(roundColumns)
    .from(progressRoundsTable)
    .where(eq(progressRoundsTable.planId, planId))
    .orderBy(desc(progressRoundsTable.openedAt));
}

/** The round closed last before `before` (another round's opening), whose figures a new round starts from. */
export async function findPreviousClosedRound({
  db,
  planId,
  roundId,
  before,
}: {
  db: Database;
  planId: string;
  roundId: string;
  before: Date;
}): Promise<RoundRecord | null> {
  const [row] = await db
    .select(roundColumns)
    .from(progressRoundsTable)
    .where(
      and(
        eq(progressRoundsTable.planId, planId),
        eq(progressRoundsTable.status, 'closed'),
        ne(progressRoundsTable.id, roundId),
        lte(progressRoundsTable.closedAt, before),
      ),
    )
    .orderBy(desc(progressRoundsTable.closedAt))
    .limit(1);
  return row ?? null;
}

export async function getRoundSnapshot({
  db,
  roundId,
}: {
  db: Database;
  roundId: string;
}): Promise<PlanDocument | null> {
  const [row] = await db
    .select({ snapshot: progressRoundsTable.snapshot })
    .from(progressRoundsTable)
    .where(eq(progressRoundsTable.id, roundId));
  return row?.snapshot ?? null;
}

export async function insertRound({
  db,
  values,
}: {
  db: Database;
  values: {
    municipalityId: string;
    planId: string;
    fy: number;
    month: number;
    dueDate: string;
    note: string | null;
    openedBy: string;
  };
}): Promise<RoundRecord> {
  const [row] = await db.insert(progressRoundsTable).values(values).returning(roundColumns);
  return row!;
}

/** Changes the round if it is still at `version`; null when someone changed it first. */
export async function updateRound({
  db,
  roundId,
  version,
  values,
}: {
  db: Database;
  roundId: string;
  version: number;
  values: Partial<{
    dueDate: string;
    note: string | null;
    status: RoundStatus;
    closedAt: Date;
    closedBy: string;
    snapshot: PlanDocument;
    snapshotRevision: number;
  }>;
}): Promise<RoundRecord | null> {
  const [row] = await db
    .update(progressRoundsTable)
    .set({ ...values, version: sql`${progressRoundsTable.version} + 1` })
    .where(and(eq(progressRoundsTable.id, roundId), eq(progressRoundsTable.version, version)))
    .returning(roundColumns);
  return row ?? null;
}

/** The departments with at least one task in the fiscal year: the departments a round asks. */
export async function listDepartmentIdsWithTasks({
  db,
  planId,
  fy,
}: {
  db: Database;
  planId: string;
  fy: number;
}): Promise<string[]> {
  const rows = await db
    .selectDistinct({ departmentId: tasksTable.departmentId })
    .from(tasksTable)
    .innerJoin(actionsTable, eq(actionsTable.id, tasksTable.actionId))
    .where(
      and(
        eq(tasksTable.planId, planId),
        eq(tasksTable.fy, fy),
        isNull(tasksTable.archivedAt),
        isNull(actionsTable.archivedAt),
      ),
    );
  return rows.map((row) => row.departmentId);
}

export async function insertSubmissions({
  db,
  round,
  departmentIds,
}: {
  db: Database;
  round: RoundRecord;
  departmentIds: string[];
}): Promise<void> {
  if (departmentIds.length === 0) return;
  await db.insert(roundSubmissionsTable).values(
    departmentIds.map((departmentId) => ({
      municipalityId: round.municipalityId,
      planId: round.planId,
      roundId: round.id,
      departmentId,
    })),
  );
}

export interface SubmissionRecord {
  id: string;
  roundId: string;
  departmentId: string;
  departmentKey: string;
  departmentName: string;
  status: SubmissionStatus;
  submittedAt: Date | null;
  submittedByName: string | null;
  reviewedAt: Date | null;
  reviewedByName: string | null;
  reviewComment: string | null;
  lastEditedAt: Date | null;
  lastEditedByName: string | null;
  version: number;
}

const submitter = alias(usersTable, 'submitter');
const reviewer = alias(usersTable, 'reviewer');
const editor = alias(usersTable, 'last_editor');

function selectSubmissions(db: Database) {
  return db
    .select({
      id: roundSubmissionsTable.id,
      roundId: roundSubmissionsTable.roundId,
      departmentId: roundSubmissionsTable.departmentId,
      departmentKey: departmentsTable.key,
      departmentName: departmentsTable.name,
      status: roundSubmissionsTable.status,
      submittedAt: roundSubmissionsTable.submittedAt,
      submittedByName: submitter.displayName,
      reviewedAt: roundSubmissionsTable.reviewedAt,
      reviewedByName: reviewer.displayName,
      reviewComment: roundSubmissionsTable.reviewComment,
      lastEditedAt: roundSubmissionsTable.lastEditedAt,
      lastEditedByName: editor.displayName,
      version: roundSubmissionsTable.version,
    })
    .from(roundSubmissionsTable)
    .innerJoin(departmentsTable, eq(departmentsTable.id, roundSubmissionsTable.departmentId))
    .leftJoin(submitter, eq(submitter.id, roundSubmissionsTable.submittedBy))
    .leftJoin(reviewer, eq(reviewer.id, roundSubmissionsTable.reviewedBy))
    .leftJoin(editor, eq(editor.id, roundSubmissionsTable.lastEditedBy));
}

/** Each department's part of the rounds, in the municipality's order of departments. */
export async function listSubmissions({
  db,
  roundIds,
}: {
  db: Database;
  roundIds: string[];
}): Promise<SubmissionRecord[]> {
  if (roundIds.length === 0) return [];
  return selectSubmissions(db)
    .where(inArray(roundSubmissionsTable.roundId, roundIds))
    .orderBy(asc(departmentsTable.position), asc(departmentsTable.key));
}

export async function findSubmission({
  db,
  roundId,
  departmentId,
}: {
  db: Database;
  roundId: string;
  departmentId: string;
}): Promise<SubmissionRecord | null> {
  const [row] = await selectSubmissions(db).where(
    and(eq(roundSubmissionsTable.roundId, roundId), eq(roundSubmissionsTable.departmentId, departmentId)),
  );
  return row ?? null;
}

/** Locks the department's submission for the rest of the transaction; null when there is none. */
export async function lockSubmission({
  db,
  roundId,
  departmentId,
}: {
  db: Database;
  roundId: string;
  departmentId: string;
}): Promise<{
  id: string;
  status: SubmissionStatus;
  version: number;
  departmentKey: string;
  departmentName: string;
} | null> {
  const [row] = await db
    .select({
      id: roundSubmissionsTable.id,
      status: roundSubmissionsTable.status,
      version: roundSubmissionsTable.version,
      departmentKey: departmentsTable.key,
      departmentName: departmentsTable.name,
    })
    .from(roundSubmissionsTable)
    .innerJoin(departmentsTable, eq(departmentsTable.id, roundSubmissionsTable.departmentId))
    .where(
      and(eq(roundSubmissionsTable.roundId, roundId), eq(roundSubmissionsTable.departmentId, departmentId)),
    )
    .for('update', { of: roundSubmissionsTable });
  return row ?? null;
}

/** Records a department's edit: when and by whom, and the status an edit leads to (draft, returned). */
export async function recordSubmissionEdit({
  db,
  submissionId,
  status,
  userId,
}: {
  db: Database;
  submissionId: string;
  status: SubmissionStatus;
  userId: string;
}): Promise<void> {
  await db
    .update(roundSubmissionsTable)
    .set({ status, lastEditedAt: sql`now()`, lastEditedBy: userId })
    .where(eq(roundSubmissionsTable.id, submissionId));
}

/** A step of the review (submit, return, accept) if the submission is still at `version`. */
export async function updateSubmissionStatus({
  db,
  submissionId,
  version,
  values,
}: {
  db: Database;
  submissionId: string;
  version: number;
  values: Partial<{
    status: SubmissionStatus;
    submittedAt: Date;
    submittedBy: string;
    reviewedAt: Date;
    reviewedBy: string;
    reviewComment: string | null;
  }>;
}): Promise<boolean> {
  const rows = await db
    .update(roundSubmissionsTable)
    .set({ ...values, version: sql`${roundSubmissionsTable.version} + 1` })
    .where(and(eq(roundSubmissionsTable.id, submissionId), eq(roundSubmissionsTable.version, version)))
    .returning({ id: roundSubmissionsTable.id });
  return rows.length > 0;
}

export interface TaskCommentRecord {
  id: string;
  taskId: string;
  body: string;
  updatedAt: Date;
  updatedByName: string | null;
  version: number;
}

export async function listTaskComments({
  db,
  roundId,
}: {
  db: Database;
  roundId: string;
}): Promise<TaskCommentRecord[]> {
  return db
    .select({
      id: roundTaskCommentsTable.id,
      taskId: roundTaskCommentsTable.taskId,
      body: roundTaskCommentsTable.body,
      updatedAt: roundTaskCommentsTable.updatedAt,
      updatedByName: usersTable.displayName,
      version: roundTaskCommentsTable.version,
    })
    .from(roundTaskCommentsTable)
    .leftJoin(usersTable, eq(usersTable.id, roundTaskCommentsTable.updatedBy))
    .where(eq(roundTaskCommentsTable.roundId, roundId));
}

export async function findTaskComment({
  db,
  roundId,
  taskId,
  lock = false,
}: {
  db: Database;
  roundId: string;
  taskId: string;
  lock?: boolean;
}): Promise<TaskCommentRecord | null> {
  const query = db
    .select({
      id: roundTaskCommentsTable.id,
      taskId: roundTaskCommentsTable.taskId,
      body: roundTaskCommentsTable.body,
      updatedAt: roundTaskCommentsTable.updatedAt,
      updatedByName: usersTable.displayName,
      version: roundTaskCommentsTable.version,
    })
    .from(roundTaskCommentsTable)
    .leftJoin(usersTable, eq(usersTable.id, roundTaskCommentsTable.updatedBy))
    .where(and(eq(roundTaskCommentsTable.roundId, roundId), eq(roundTaskCommentsTable.taskId, taskId)));
  const [row] = lock ? await query.for('update', { of: roundTaskCommentsTable }) : await query;
  return row ?? null;
}

/** Writes the round's comment on the task (an empty body keeps the row, so its history stays whole). */
export async function saveTaskComment({
  db,
  round,
  taskId,
  body,
  userId,
}: {
  db: Database;
  round: RoundRecord;
  taskId: string;
  body: string;
  userId: string;
}): Promise<void> {
  await db
    .insert(roundTaskCommentsTable)
    .values({
      municipalityId: round.municipalityId,
      planId: round.planId,
      roundId: round.id,
      taskId,
      body,
      updatedBy: userId,
    })
    .onConflictDoUpdate({
      target: [roundTaskCommentsTable.roundId, roundTaskCommentsTable.taskId],
      set: {
        body,
        updatedBy: userId,
        updatedAt: sql`now()`,
        version: sql`${roundTaskCommentsTable.version} + 1`,
      },
    });
}

/** The open rounds of the given municipalities (all of them: null), with their plans' titles. */
export async function listOpenRounds({
  db,
  municipalityIds,
}: {
  db: Database;
  municipalityIds: string[] | null;
}): Promise<(RoundRecord & { planTitle: string; municipalityName: string })[]> {
  if (municipalityIds !== null && municipalityIds.length === 0) return [];
  return db
    .select({ ...roundColumns, planTitle: plansTable.title, municipalityName: municipalitiesTable.name })
    .from(progressRoundsTable)
    .innerJoin(plansTable, eq(plansTable.id, progressRoundsTable.planId))
    .innerJoin(municipalitiesTable, eq(municipalitiesTable.id, progressRoundsTable.municipalityId))
    .where(
      and(
        eq(progressRoundsTable.status, 'open'),
        municipalityIds === null ? undefined : inArray(progressRoundsTable.municipalityId, municipalityIds),
      ),
    )
    .orderBy(asc(progressRoundsTable.dueDate));
}

/**
 * A department's page in one query: the plan, the round (null when the plan has no such round) and the
 * department's submission (null when the round does not ask that department).
 */
export async function findDepartmentRound({
  db,
  planId,
  roundId,
  departmentId,
}: {
  db: Database;
  planId: string;
  roundId: string;
  departmentId: string;
}): Promise<{
  plan: RoundPlanRecord;
  round: RoundRecord | null;
  submission: SubmissionRecord | null;
} | null> {
  const [row] = await db
    .select({
      plan: {
        id: plansTable.id,
        municipalityId: plansTable.municipalityId,
        municipalityName: municipalitiesTable.name,
        title: plansTable.title,
        startFy: plansTable.startFy,
        endFy: plansTable.endFy,
        actionLevel: plansTable.actionLevel,
      },
      round: roundColumns,
      submission: {
        id: roundSubmissionsTable.id,
        roundId: roundSubmissionsTable.roundId,
        departmentId: roundSubmissionsTable.departmentId,
        status: roundSubmissionsTable.status,
        submittedAt: roundSubmissionsTable.submittedAt,
        reviewedAt: roundSubmissionsTable.reviewedAt,
        reviewComment: roundSubmissionsTable.reviewComment,
        lastEditedAt: roundSubmissionsTable.lastEditedAt,
        version: roundSubmissionsTable.version,
      },
      department: { key: departmentsTable.key, name: departmentsTable.name },
      submittedByName: submitter.displayName,
      reviewedByName: reviewer.displayName,
      lastEditedByName: editor.displayName,
    })
    .from(plansTable)
    .innerJoin(municipalitiesTable, eq(municipalitiesTable.id, plansTable.municipalityId))
    .leftJoin(
      progressRoundsTable,
      and(eq(progressRoundsTable.id, roundId), eq(progressRoundsTable.planId, plansTable.id)),
    )
    .leftJoin(
      roundSubmissionsTable,
      and(
        eq(roundSubmissionsTable.roundId, progressRoundsTable.id),
        eq(roundSubmissionsTable.departmentId, departmentId),
      ),
    )
    .leftJoin(departmentsTable, eq(departmentsTable.id, roundSubmissionsTable.departmentId))
    .leftJoin(submitter, eq(submitter.id, roundSubmissionsTable.submittedBy))
    .leftJoin(reviewer, eq(reviewer.id, roundSubmissionsTable.reviewedBy))
    .leftJoin(editor, eq(editor.id, roundSubmissionsTable.lastEditedBy))
    .where(eq(plansTable.id, planId));
  if (!row) return null;
  const { submission, department } = row;
  return {
    plan: row.plan,
    round: row.round,
    submission:
      submission && department
        ? {
            ...submission,
            departmentKey: department.key,
            departmentName: department.name,
            submittedByName: row.submittedByName,
            reviewedByName: row.reviewedByName,
            lastEditedByName: row.lastEditedByName,
          }
        : null,
  };
}
