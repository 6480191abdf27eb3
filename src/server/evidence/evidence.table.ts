import { foreignKey, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/column-types.js';
import { usersTable } from '../accounts/accounts.table.js';
import { departmentsTable } from '../departments/departments.table.js';
import { actionsTable } from '../plans/plans.table.js';

export type EvidenceKind = 'photo' | 'file';

/**
 * Evidence of the work (取組状況の写真など): photos and files a department attaches to an action (and
 * optionally one of its tasks), shown on the action page and in the final report. The bytes live in the
 * database, so that a backup of the database is a backup of everything and several servers see the
 * same files. Removing a file archives it.
 */
export const evidenceFilesTable = pgTable(
  'evidence_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    actionId: uuid('action_id').notNull(),
    taskId: uuid('task_id'),
    departmentId: uuid('department_id').notNull(),
    roundId: uuid('round_id'),
    kind: text('kind').$type<EvidenceKind>().notNull(),
    /** The name as uploaded, for the download; never used as a path. */
    fileName: text('file_name').notNull(),
    /** Checked against the content (magic bytes), not taken from the browser. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    caption: text('caption'),
    uploadedBy: uuid('uploaded_by').references(() => usersTable.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    foreignKey({
      name: 'evidence_files_action_fk',
      columns: [table.actionId, table.planId],
      foreignColumns: [actionsTable.id, actionsTable.planId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'evidence_files_department_fk',
      columns: [table.departmentId, table.municipalityId],
      foreignColumns: [departmentsTable.id, departmentsTable.municipalityId],
    }),
    index('evidence_files_action_idx').on(table.actionId),
  ],
);
