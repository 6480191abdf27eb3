import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';

/**
 * The history of every change: who, when, what, before → after. Written in the transaction of the change
 * itself (recordAudit), so that no change is ever without its entry. Rows are only ever inserted.
 */
export const auditEntriesTable = pgTable(
  'audit_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Null for changes to the deployment itself (a super-admin creating a municipality, a user). */
    municipalityId: uuid('municipality_id').references(() => municipalitiesTable.id, {
      onDelete: 'cascade',
    }),
    planId: uuid('plan_id'),
    /** The action the change belongs to, for the action page's history. */
    actionKey: text('action_key'),
    /** What was changed: `task`, `kpi`, `action`, `round`, `submission`, `user` … */
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    /** `create`, `update`, `archive`, `submit`, `return`, `accept`, `close` … */
    operation: text('operation').notNull(),
    /** One line in Japanese, as the history page shows it. */
    summary: text('summary').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    actorUserId: uuid('actor_user_id'),
    /** The name at the time of the change: the history reads the same after a user is renamed. */
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_entries_municipality_idx').on(table.municipalityId, table.at),
    index('audit_entries_plan_idx').on(table.planId, table.at),
    index('audit_entries_action_idx').on(table.planId, table.actionKey),
  ],
);
