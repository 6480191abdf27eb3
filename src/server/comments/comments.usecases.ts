import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import type { CommentFields } from '../../domain/comment.schemas.js';
import { type Actor, can } from '../../domain/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { findActionById, findActionByKey, findPlanRow } from '../editing/editing.repository.js';
import {
  archiveCommentRow,
  type CommentRow,
  findComment,
  insertComment,
  listLiveComments,
} from './comments.repository.js';
import type { CommentRecord } from './comments.schemas.js';

/*
 * Comments on an action: HQ, council and PT members read everything and comment (`comment.create`, every
 * member). Internal only — the public portal never shows them. Deleting archives.
 */

function toRecord(row: CommentRow): CommentRecord {
  return {
    id: row.id,
    authorUserId: row.authorUserId,
    authorName: row.authorName,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}

async function findPlanAndAction({
  db,
  planId,
  actionKey,
}: {
  db: Database;
  planId: string;
  actionKey: string;
}) {
  const plan = await findPlanRow({ db, planId });
  if (!plan) throw new AppError({ code: 'plan.not_found' });
  return { plan, action: await findActionByKey({ db, planId, actionKey }) };
}

function ensureLiveAction<Row extends { archivedAt: Date | null }>(
  action: Row | null,
): asserts action is Row {
  if (!action || action.archivedAt !== null) throw new AppError({ code: 'action.not_found' });
}

export async function findComments({
  db,
  actor,
  planId,
  actionKey,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actionKey: string;
}): Promise<CommentRecord[]> {
  const { plan, action } = await findPlanAndAction({ db, planId, actionKey });
  ensureCan(actor, 'plan.read', { municipalityId: plan.municipalityId });
  ensureLiveAction(action);
  return (await listLiveComments({ db, planId, actionId: action.id })).map(toRecord);
}

export async function createComment({
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
  input: CommentFields;
}): Promise<CommentRecord> {
  const { plan, action } = await findPlanAndAction({ db, planId, actionKey });
  ensureCan(actor, 'comment.create', { municipalityId: plan.municipalityId });
  ensureLiveAction(action);
  return db.transaction(async (tx) => {
    const row = await insertComment({
      db: tx,
      values: {
        municipalityId: plan.municipalityId,
        planId,
        actionId: action.id,
        authorUserId: actor.userId,
        authorName: actor.displayName,
        body: input.body,
      },
    });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId: plan.municipalityId,
        planId,
        actionKey,
        subjectType: 'comment',
        subjectId: row.id,
        operation: 'create',
        summary: `${action.number} ${action.title}にコメント`,
        after: { body: row.body },
      },
    });
    return toRecord(row);
  });
}

/** Archives a comment: its author may, and so may the DX office (`plan.edit`). */
export async function archiveComment({
  db,
  actor,
  planId,
  commentId,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  commentId: string;
}): Promise<void> {
  const plan = await findPlanRow({ db, planId });
  if (!plan) throw new AppError({ code: 'plan.not_found' });
  ensureCan(actor, 'comment.create', { municipalityId: plan.municipalityId });
  await db.transaction(async (tx) => {
    const comment = await findComment({ db: tx, planId, commentId });
    if (!comment || comment.archivedAt !== null) throw new AppError({ code: 'comment.not_found' });
    const isAuthor = comment.authorUserId === actor.userId;
    if (!isAuthor && !can(actor, 'plan.edit', { municipalityId: plan.municipalityId })) {
      throw new AppError({
        code: 'auth.forbidden',
        message: 'ほかの人のコメントは削除できません（管理者に依頼してください）',
      });
    }
    const action = await findActionById({ db: tx, planId, actionId: comment.actionId });
    const archived = await archiveCommentRow({ db: tx, commentId });
    if (!archived) throw new AppError({ code: 'comment.not_found' });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId: plan.municipalityId,
        planId,
        actionKey: action?.key ?? null,
        subjectType: 'comment',
        subjectId: commentId,
        operation: 'archive',
        summary: `${comment.authorName}さんのコメントを削除${action ? `（${action.number} ${action.title}）` : ''}`,
        before: { body: comment.body },
      },
    });
  });
}
