import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PlanDocument } from '../../domain/plan.schemas.js';
import type { RoundStatus, SubmissionStatus } from '../../domain/progress-round.js';
import { usersTable } from '../accounts/accounts.table.js';
import { departmentsTable } from '../departments/departments.table.js';
import { plansTable, tasksTable } from '../plans/plans.table.js';

export type { RoundStatus, SubmissionStatus } from '../../domain/progress-round.js';

/**
 * A progress round (進捗確認): the DX office opens it for a fiscal year and a check month (6月 plan,
 * 9月, 12月, 3月) with a due date; departments update and submit; the office closes it. Closing freezes
 * the plan as it stood (`snapshot`): its evaluation at that time is computed from the snapshot.
 */
export const progressRoundsTable = pgTable(
  'progress_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    fy: integer('fy').notNull(),
    /** 6 (the year's task plan), 9, 12 or 3. */
    month: integer('month').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').$type<RoundStatus>().notNull().default('open'),
    note: text('note'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    openedBy: uuid('opened_by').references(() => usersTable.id, { onDelete: 'set null' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => usersTable.id, { onDelete: 'set null' }),
    /** The plan document as it stood when the round closed (kiseki-plan@1). */
    snapshot: jsonb('snapshot').$type<PlanDocument>(),
    /** The plan's revision the snapshot was taken at. */
    snapshotRevision: integer('snapshot_revision'),
    version: integer('version').notNull().default(1),
  },
  (table) => [
    unique('progress_rounds_plan_month_unique').on(table.planId, table.fy, table.month),
    unique('progress_rounds_id_plan_unique').on(table.id, table.planId),
    foreignKey({
      name: 'progress_rounds_plan_fk',
      columns: [table.planId, table.municipalityId],
      foreignColumns: [plansTable.id, plansTable.municipalityId],
    }).onDelete('cascade'),
    index('progress_rounds_municipality_idx').on(table.municipalityId),
    // One round at a time per plan: the database refuses a second open one, whatever races.
    uniqueIndex('progress_rounds_one_open_per_plan').on(table.planId).where(sql`${table.status} = 'open'`),
  ],
);

/** One department's part of a round: its submission and the office's review. */
export const roundSubmissionsTable = pgTable(
  'round_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    roundId: uuid('round_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    status: text('status').$type<SubmissionStatus>().notNull().default('not_started'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => usersTable.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => usersTable.id, { onDelete: 'set null' }),
    /** The office's comment when it returns (差し戻し) or accepts a submission. */
    reviewComment: text('review_comment'),
    /** The department's last change of a figure in this round, for the office's status board. */
    lastEditedAt: timestamp('last_edited_at', { withTimezone: true }),
    lastEditedBy: uuid('last_edited_by').references(() => usersTable.id, { onDelete: 'set null' }),
    /** Bumped by each step of the submission (submit, return, accept), not by edits of the figures. */
    version: integer('version').notNull().default(1),
  },
  (table) => [
    unique('round_submissions_round_department_unique').on(table.roundId, table.departmentId),
    foreignKey({
      name: 'round_submissions_round_fk',
      columns: [table.roundId, table.planId],
      foreignColumns: [progressRoundsTable.id, progressRoundsTable.planId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'round_submissions_department_fk',
      columns: [table.departmentId, table.municipalityId],
      foreignColumns: [departmentsTable.id, departmentsTable.municipalityId],
    }),
    index('round_submissions_round_idx').on(table.roundId),
  ],
);

/**
 * A department's comment on one of its tasks in one round (the quarterly 進捗コメント). The task's
 * progress itself is the live value on the task; the comment belongs to the round and stays with it.
 */
export const roundTaskCommentsTable = pgTable(
  'round_task_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    roundId: uuid('round_id').notNull(),
    taskId: uuid('task_id').notNull(),
    body: text('body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => usersTable.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
  },
  (table) => [
    unique('round_task_comments_round_task_unique').on(table.roundId, table.taskId),
    foreignKey({
      name: 'round_task_comments_round_fk',
      columns: [table.roundId, table.planId],
      foreignColumns: [progressRoundsTable.id, progressRoundsTable.planId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'round_task_comments_plan_fk',
      columns: [table.planId, table.municipalityId],
      foreignColumns: [plansTable.id, plansTable.municipalityId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'round_task_comments_task_fk',
      columns: [table.taskId, table.planId],
      foreignColumns: [tasksTable.id, tasksTable.planId],
    }).onDelete('cascade'),
  ],
);
