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
  uuid,
} from 'drizzle-orm/pg-core';
import type { PlanDocument } from '../../domain/plan.schemas.js';
import { usersTable } from '../accounts/accounts.table.js';
import { departmentsTable } from '../departments/departments.table.js';
import { plansTable } from '../plans/plans.table.js';

export type RoundStatus = 'open' | 'closed';
export type SubmissionStatus = 'not_started' | 'draft' | 'submitted' | 'returned' | 'accepted';

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
