import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import type { EvidenceKind } from '../../domain/evidence.js';
import { usersTable } from '../accounts/accounts.table.js';
import { departmentsTable } from '../departments/departments.table.js';
import { actionsTable } from '../plans/plans.table.js';
import { progressRoundsTable } from '../rounds/rounds.table.js';
import { evidenceFilesTable } from './evidence.table.js';

/** An evidence file without its bytes, as lists show it. */
export interface EvidenceRecord {
  id: string;
  planId: string;
  actionId: string;
  actionKey: string;
  taskId: string | null;
  departmentId: string;
  departmentName: string;
  roundId: string | null;
  roundFy: number | null;
  roundMonth: number | null;
  kind: EvidenceKind;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  caption: string | null;
  uploadedAt: Date;
  uploadedByName: string | null;
}

function selectEvidence(db: Database) {
  return db
    .select({
      id: evidenceFilesTable.id,
      planId: evidenceFilesTable.planId,
      actionId: evidenceFilesTable.actionId,
      actionKey: actionsTable.key,
      taskId: evidenceFilesTable.taskId,
      departmentId: evidenceFilesTable.departmentId,
      departmentName: departmentsTable.name,
      roundId: evidenceFilesTable.roundId,
      roundFy: progressRoundsTable.fy,
      roundMonth: progressRoundsTable.month,
      kind: evidenceFilesTable.kind,
      fileName: evidenceFilesTable.fileName,
      contentType: evidenceFilesTable.contentType,
      size: evidenceFilesTable.size,
      sha256: evidenceFilesTable.sha256,
      caption: evidenceFilesTable.caption,
      uploadedAt: evidenceFilesTable.uploadedAt,
      uploadedByName: usersTable.displayName,
    })
    .from(evidenceFilesTable)
    .innerJoin(actionsTable, eq(actionsTable.id, evidenceFilesTable.actionId))
    .innerJoin(departmentsTable, eq(departmentsTable.id, evidenceFilesTable.departmentId))
    .leftJoin(progressRoundsTable, eq(progressRoundsTable.id, evidenceFilesTable.roundId))
    .leftJoin(usersTable, eq(usersTable.id, evidenceFilesTable.uploadedBy));
}

/** The current (not archived) evidence of the actions, newest first; of one department if given. */
export async function listEvidence({
  db,
  planId,
  actionIds,
  departmentId,
}: {
  db: Database;
  planId: string;
  actionIds: string[];
  departmentId?: string | undefined;
}): Promise<EvidenceRecord[]> {
  if (actionIds.length === 0) return [];
  return selectEvidence(db)
    .where(
      and(
        eq(evidenceFilesTable.planId, planId),
        inArray(evidenceFilesTable.actionId, actionIds),
        departmentId === undefined ? undefined : eq(evidenceFilesTable.departmentId, departmentId),
        isNull(evidenceFilesTable.archivedAt),
      ),
    )
    .orderBy(desc(evidenceFilesTable.uploadedAt));
}

export async function findEvidence({
  db,
  planId,
  evidenceId,
}: {
  db: Database;
  planId: string;
  evidenceId: string;
}): Promise<EvidenceRecord | null> {
  const [row] = await selectEvidence(db).where(
    and(
      eq(evidenceFilesTable.id, evidenceId),
      eq(evidenceFilesTable.planId, planId),
      isNull(evidenceFilesTable.archivedAt),
    ),
  );
  return row ?? null;
}

/** The bytes of a current evidence file with what a download needs. */
export async function findEvidenceFile({
  db,
  planId,
  evidenceId,
}: {
  db: Database;
  planId: string;
  evidenceId: string;
}): Promise<{
  municipalityId: string;
  kind: EvidenceKind;
  fileName: string;
  contentType: string;
  sha256: string;
  data: Buffer;
} | null> {
  const [row] = await db
    .select({
      municipalityId: evidenceFilesTable.municipalityId,
      kind: evidenceFilesTable.kind,
      fileName: evidenceFilesTable.fileName,
      contentType: evidenceFilesTable.contentType,
      sha256: evidenceFilesTable.sha256,
      data: evidenceFilesTable.data,
    })
    .from(evidenceFilesTable)
    .where(
      and(
        eq(evidenceFilesTable.id, evidenceId),
        eq(evidenceFilesTable.planId, planId),
        isNull(evidenceFilesTable.archivedAt),
      ),
    );
  return row ?? null;
}

export async function insertEvidence({
  db,
  values,
}: {
  db: Database;
  values: {
    municipalityId: string;
    planId: string;
    actionId: string;
    taskId: string | null;
    departmentId: string;
    roundId: string;
    kind: EvidenceKind;
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    data: Buffer;
    caption: string | null;
    uploadedBy: string;
  };
}): Promise<string> {
  const [row] = await db.insert(evidenceFilesTable).values(values).returning({ id: evidenceFilesTable.id });
  return row!.id;
}

/** Archives the file if it is still current; false when it was already archived (or never was). */
export async function archiveEvidence({
  db,
  evidenceId,
}: {
  db: Database;
  evidenceId: string;
}): Promise<boolean> {
  const rows = await db
    .update(evidenceFilesTable)
    .set({ archivedAt: sql`now()` })
    .where(and(eq(evidenceFilesTable.id, evidenceId), isNull(evidenceFilesTable.archivedAt)))
    .returning({ id: evidenceFilesTable.id });
  return rows.length > 0;
}
