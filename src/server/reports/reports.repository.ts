import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import type { ActionDirection, PlanDocument } from '../../domain/plan.schemas.js';
import { evidenceFilesTable } from '../evidence/evidence.table.js';
import { actionOwnersTable, actionsTable } from '../plans/plans.table.js';
import { progressRoundsTable, type RoundStatus } from '../rounds/rounds.table.js';

/** The four final-report fields of an action as stored, with the row's version and owners. */
export interface ActionReportRecord {
  actionId: string;
  municipalityId: string;
  planId: string;
  actionKey: string;
  number: string;
  title: string;
  version: number;
  ownerDepartmentIds: string[];
  outcome: string | null;
  workDone: string | null;
  issuesAhead: string | null;
  direction: ActionDirection | null;
}

export type ActionReportValues = Pick<
  ActionReportRecord,
  'outcome' | 'workDone' | 'issuesAhead' | 'direction'
>;

export async function findActionReport({
  db,
  planId,
  actionKey,
}: {
  db: Database;
  planId: string;
  actionKey: string;
}): Promise<ActionReportRecord | null> {
  const [row] = await db
    .select()
    .from(actionsTable)
    .where(
      and(eq(actionsTable.planId, planId), eq(actionsTable.key, actionKey), isNull(actionsTable.archivedAt)),
    );
  if (!row) return null;
  const owners = await db
    .select({ departmentId: actionOwnersTable.departmentId })
    .from(actionOwnersTable)
    .where(
      and(eq(actionOwnersTable.actionId, row.id), eq(actionOwnersTable.municipalityId, row.municipalityId)),
    )
    .orderBy(asc(actionOwnersTable.position));
  return {
    actionId: row.id,
    municipalityId: row.municipalityId,
    planId: row.planId,
    actionKey: row.key,
    number: row.number,
    title: row.title,
    version: row.version,
    ownerDepartmentIds: owners.map((owner) => owner.departmentId),
    outcome: row.reportOutcome,
    workDone: row.reportWorkDone,
    issuesAhead: row.reportIssuesAhead,
    direction: row.reportDirection,
  };
}

/** Writes the fields if the row is still at `version`; null when someone changed it first. */
export async function updateActionReportFields({
  db,
  record,
  version,
  values,
}: {
  db: Database;
  record: Pick<ActionReportRecord, 'actionId' | 'municipalityId'>;
  version: number;
  values: ActionReportValues;
}): Promise<number | null> {
  const [row] = await db
    .update(actionsTable)
    .set({
      reportOutcome: values.outcome,
      reportWorkDone: values.workDone,
      reportIssuesAhead: values.issuesAhead,
      reportDirection: values.direction,
      version: sql`${actionsTable.version} + 1`,
    })
    .where(
      and(
        eq(actionsTable.id, record.actionId),
        eq(actionsTable.municipalityId, record.municipalityId),
        eq(actionsTable.version, version),
      ),
    )
    .returning({ version: actionsTable.version });
  return row?.version ?? null;
}

export interface EvidencePhoto {
  actionKey: string;
  fileName: string;
  contentType: string;
  caption: string | null;
  data: Uint8Array;
}

/** The photos (取組状況の写真) of every action of a plan, oldest first, archived ones left out. */
export async function listPlanPhotos({
  db,
  planId,
  municipalityId,
}: {
  db: Database;
  planId: string;
  municipalityId: string;
}): Promise<EvidencePhoto[]> {
  return db
    .select({
      actionKey: actionsTable.key,
      fileName: evidenceFilesTable.fileName,
      contentType: evidenceFilesTable.contentType,
      caption: evidenceFilesTable.caption,
      data: evidenceFilesTable.data,
    })
    .from(evidenceFilesTable)
    .innerJoin(actionsTable, eq(actionsTable.id, evidenceFilesTable.actionId))
    .where(
      and(
        eq(evidenceFilesTable.planId, planId),
        eq(evidenceFilesTable.municipalityId, municipalityId),
        eq(evidenceFilesTable.kind, 'photo'),
        isNull(evidenceFilesTable.archivedAt),
      ),
    )
    .orderBy(asc(evidenceFilesTable.uploadedAt));
}

export interface RoundRecord {
  id: string;
  fy: number;
  month: number;
  status: RoundStatus;
  dueDate: string;
  closedAt: Date | null;
  snapshot: PlanDocument | null;
}

/** The plan's progress rounds, newest first (without their snapshots). */
export async function listPlanRounds({
  db,
  planId,
  municipalityId,
}: {
  db: Database;
  planId: string;
  municipalityId: string;
}): Promise<Omit<RoundRecord, 'snapshot'>[]> {
  return db
    .select({
      id: progressRoundsTable.id,
      fy: progressRoundsTable.fy,
      month: progressRoundsTable.month,
      status: progressRoundsTable.status,
      dueDate: progressRoundsTable.dueDate,
      closedAt: progressRoundsTable.closedAt,
    })
    .from(progressRoundsTable)
    .where(
      and(eq(progressRoundsTable.planId, planId), eq(progressRoundsTable.municipalityId, municipalityId)),
    )
    .orderBy(sql`${progressRoundsTable.fy} desc`, sql`${progressRoundsTable.openedAt} desc`);
}

export async function findPlanRound({
  db,
  planId,
  roundId,
}: {
  db: Database;
  planId: string;
  roundId: string;
}): Promise<RoundRecord | null> {
  const [row] = await db
    .select({
      id: progressRoundsTable.id,
      fy: progressRoundsTable.fy,
      month: progressRoundsTable.month,
      status: progressRoundsTable.status,
      dueDate: progressRoundsTable.dueDate,
      closedAt: progressRoundsTable.closedAt,
      snapshot: progressRoundsTable.snapshot,
    })
    .from(progressRoundsTable)
    .where(and(eq(progressRoundsTable.id, roundId), eq(progressRoundsTable.planId, planId)));
  return row ?? null;
}
