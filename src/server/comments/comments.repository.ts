import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { actionCommentsTable } from './comments.table.js';

export type CommentRow = typeof actionCommentsTable.$inferSelect;

/** The action's comments that are not archived, oldest first (a conversation reads downwards). */
export async function listLiveComments({
  db,
  planId,
  actionId,
}: {
  db: Database;
  planId: string;
  actionId: string;
}): Promise<CommentRow[]> {
  return db
    .select()
    .from(actionCommentsTable)
    .where(
      and(
        eq(actionCommentsTable.planId, planId),
        eq(actionCommentsTable.actionId, actionId),
        isNull(actionCommentsTable.archivedAt),
      ),
    )
    .orderBy(asc(actionCommentsTable.createdAt), asc(actionCommentsTable.id));
}

export async function insertComment({
  db,
  values,
}: {
  db: Database;
  values: typeof actionCommentsTable.$inferInsert;
}): Promise<CommentRow> {
  const [row] = await db.insert(actionCommentsTable).values(values).returning();
  return row!;
}

export async function findComment({
  db,
  planId,
  commentId,
}: {
  db: Database;
  planId: string;
  commentId: string;
}): Promise<CommentRow | null> {
  const [row] = await db
    .select()
    .from(actionCommentsTable)
    .where(and(eq(actionCommentsTable.planId, planId), eq(actionCommentsTable.id, commentId)))
    .for('update');
  return row ?? null;
}

/** Archives a comment that is not archived yet; null when someone archived it first. */
export async function archiveCommentRow({
  db,
  commentId,
}: {
  db: Database;
  commentId: string;
}): Promise<CommentRow | null> {
  const [row] = await db
    .update(actionCommentsTable)
    .set({ archivedAt: new Date() })
    .where(and(eq(actionCommentsTable.id, commentId), isNull(actionCommentsTable.archivedAt)))
    .returning();
  return row ?? null;
}
