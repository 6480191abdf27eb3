import { foreignKey, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { usersTable } from '../accounts/accounts.table.js';
import { actionsTable } from '../plans/plans.table.js';

/**
 * Comments on an action by anyone who may read the plan (HQ, council and PT members comment). Internal:
 * never shown on the public portal. Deleting archives.
 */
export const actionCommentsTable = pgTable(
  'action_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    actionId: uuid('action_id').notNull(),
    authorUserId: uuid('author_user_id').references(() => usersTable.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    foreignKey({
      name: 'action_comments_action_fk',
      columns: [table.actionId, table.planId],
      foreignColumns: [actionsTable.id, actionsTable.planId],
    }).onDelete('cascade'),
    index('action_comments_action_idx').on(table.actionId),
  ],
);
