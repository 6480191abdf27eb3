import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { ensureEvidenceFile, formatFileSize, sanitizeFileName } from '../../domain/evidence.js';
import type { Actor } from '../../domain/policy.js';
import { formatRoundTitle } from '../../domain/progress-round.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { ensureRoundPlan, runDepartmentEdit } from '../rounds/department-edit.js';
import { findActionByKey, isActionOwnedBy, lockAction, lockTask } from '../rounds/progress.repository.js';
import { toEvidenceView } from '../rounds/rounds.models.js';
import type { EvidenceView, SubmissionView } from '../rounds/rounds.schemas.js';
import {
  archiveEvidence,
  findEvidence,
  findEvidenceFile,
  insertEvidence,
  listEvidence,
} from './evidence.repository.js';

interface DepartmentTarget {
  db: Database;
  actor: Actor;
  planId: string;
  roundId: string;
  departmentId: string;
}

/**
 * Stores a photo or file of the department's work on an action (and optionally one of its tasks),
 * through an open round. The type comes from the bytes; only the allowed kinds up to 10 MB are kept.
 */
export async function uploadEvidence({
  actionKey,
  taskId,
  fileName,
  caption,
  bytes,
  ...target
}: DepartmentTarget & {
  actionKey: string;
  taskId: string | undefined;
  fileName: string;
  caption: string | undefined;
  bytes: Buffer;
}): Promise<{ evidence: EvidenceView; submission: SubmissionView }> {
  const type = ensureEvidenceFile({ bytes, fileName });
  const name = sanitizeFileName(fileName);
  const { result, submission } = await runDepartmentEdit({
    ...target,
    edit: async ({ tx, actor, plan, round, department }) => {
      const action = await lockAction({ db: tx, planId: plan.id, actionKey });
      if (!action) throw new AppError({ code: 'action.not_found' });
      const task = taskId ? await lockTask({ db: tx, planId: plan.id, taskId }) : null;
      if (taskId && (!task || task.actionId !== action.id || task.departmentId !== department.id)) {
        throw new AppError({
          code: 'task.not_found',
          message: '指定されたタスクは、この課のこのアクションのタスクではありません',
        });
      }
      const involved =
        task !== null ||
        (await isActionOwnedBy({ db: tx, actionId: action.id, departmentId: department.id }));
      if (!involved) {
        throw new AppError({
          code: 'action.not_found',
          message: `${department.name}は、この${plan.actionLevel}の担い手ではありません`,
        });
      }
      const evidenceId = await insertEvidence({
        db: tx,
        values: {
          municipalityId: plan.municipalityId,
          planId: plan.id,
          actionId: action.id,
          taskId: task?.id ?? null,
          departmentId: department.id,
          roundId: round.id,
          kind: type.kind,
          fileName: name,
          contentType: type.contentType,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          data: bytes,
          caption: caption?.trim() || null,
          uploadedBy: actor.userId,
        },
      });
      await recordAudit({
        db: tx,
        actor,
        entry: {
          municipalityId: plan.municipalityId,
          planId: plan.id,
          actionKey,
          subjectType: 'evidence',
          subjectId: evidenceId,
          operation: 'create',
          summary: `${department.name}：${plan.actionLevel}${action.number}「${action.title}」に${type.kind === 'photo' ? '写真' : '資料'}「${name}」（${formatFileSize(bytes.length)}）を登録（${formatRoundTitle(round)}）`,
          after: {
            fileName: name,
            contentType: type.contentType,
            size: bytes.length,
            caption: caption ?? null,
          },
        },
      });
      const stored = await findEvidence({ db: tx, planId: plan.id, evidenceId });
      if (!stored) throw new Error('evidence just stored could not be read');
      return { result: toEvidenceView({ evidence: stored, planId: plan.id }), changed: true };
    },
  });
  return { evidence: result, submission };
}

/** Removes a photo or file of the department (archived: it stays in the database for the history). */
export async function archiveDepartmentEvidence({
  evidenceId,
  ...target
}: DepartmentTarget & { evidenceId: string }): Promise<{ submission: SubmissionView }> {
  const { submission } = await runDepartmentEdit({
    ...target,
    edit: async ({ tx, actor, plan, round, department }) => {
      const evidence = await findEvidence({ db: tx, planId: plan.id, evidenceId });
      if (!evidence || evidence.departmentId !== department.id)
        throw new AppError({ code: 'evidence.not_found' });
      if (!(await archiveEvidence({ db: tx, evidenceId })))
        throw new AppError({ code: 'evidence.not_found' });
      await recordAudit({
        db: tx,
        actor,
        entry: {
          municipalityId: plan.municipalityId,
          planId: plan.id,
          actionKey: evidence.actionKey,
          subjectType: 'evidence',
          subjectId: evidenceId,
          operation: 'archive',
          summary: `${department.name}：${evidence.kind === 'photo' ? '写真' : '資料'}「${evidence.fileName}」を削除（${formatRoundTitle(round)}）`,
          before: { fileName: evidence.fileName, caption: evidence.caption },
        },
      });
      return { result: null, changed: true };
    },
  });
  return { submission };
}

/** The photos and files of an action, for its page's gallery. */
export async function findActionEvidence({
  db,
  actor,
  planId,
  actionKey,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actionKey: string;
}): Promise<EvidenceView[]> {
  const plan = await ensureRoundPlan({ db, planId });
  ensureCan(actor, 'plan.read', { municipalityId: plan.municipalityId });
  const action = await findActionByKey({ db, planId, actionKey });
  if (!action) throw new AppError({ code: 'action.not_found' });
  const evidence = await listEvidence({ db, planId, actionIds: [action.id] });
  return evidence.map((record) => toEvidenceView({ evidence: record, planId }));
}

/** The bytes of a photo or file, for anyone who may read the plan. */
export async function getEvidenceFile({
  db,
  actor,
  planId,
  evidenceId,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  evidenceId: string;
}): Promise<NonNullable<Awaited<ReturnType<typeof findEvidenceFile>>>> {
  const plan = await ensureRoundPlan({ db, planId });
  ensureCan(actor, 'plan.read', { municipalityId: plan.municipalityId });
  const file = await findEvidenceFile({ db, planId, evidenceId });
  if (!file) throw new AppError({ code: 'evidence.not_found' });
  return file;
}
