import {
  boolean,
  date,
  doublePrecision,
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
import type {
  ActionDirection,
  ActionStatus,
  EvaluationSettings,
  KpiBasis,
  Plan,
  PlanDocument,
} from '../../domain/plan.schemas.js';
import { departmentsTable } from '../departments/departments.table.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';

/*
 * A plan is stored normalised, one row per node, action, task, KPI and actual, so that a department's
 * progress update touches one row. Every row carries `municipality_id` and `plan_id`; composite foreign
 * keys make the database refuse a row that points into another municipality's plan or departments.
 * Numbers are double precision: they round-trip the JSON numbers of the plan format exactly.
 * Nullable booleans keep "absent" apart from `false`, so that an export equals what was imported.
 */

type Action = PlanDocument['plan']['actions'][number];

export const plansTable = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalitiesTable.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    startFy: integer('start_fy').notNull(),
    endFy: integer('end_fy').notNull(),
    levels: jsonb('levels').$type<string[]>().notNull(),
    actionLevel: text('action_level').notNull(),
    mission: text('mission'),
    vision: jsonb('vision').$type<NonNullable<Plan['vision']>>(),
    values: jsonb('values').$type<string[]>(),
    phases: jsonb('phases').$type<NonNullable<Plan['phases']>>(),
    sources: jsonb('sources').$type<string[]>(),
    /** Null: the defaults apply (resolveEvaluationSettings). */
    evaluationSettings: jsonb('evaluation_settings').$type<EvaluationSettings>(),
    /** Set while the plan is shown on the public portal (no login). */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Bumped in the same transaction as any write to the plan; the evaluation cache is keyed by it. */
    revision: integer('revision').notNull().default(1),
    /** For optimistic concurrency when the plan's settings are edited (the revision moves on every write). */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('plans_municipality_slug_unique').on(table.municipalityId, table.slug),
    unique('plans_id_municipality_unique').on(table.id, table.municipalityId),
  ],
);

export const planNodesTable = pgTable(
  'plan_nodes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    parentId: uuid('parent_id'),
    key: text('key').notNull(),
    number: text('number'),
    title: text('title').notNull(),
    description: text('description'),
    /** Order among its siblings. */
    position: integer('position').notNull(),
    version: integer('version').notNull().default(1),
    /** Deleting is archiving: the row stays for the history, and is left out of the plan. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    unique('plan_nodes_plan_key_unique').on(table.planId, table.key),
    unique('plan_nodes_id_plan_unique').on(table.id, table.planId),
    foreignKey({
      name: 'plan_nodes_plan_fk',
      columns: [table.planId, table.municipalityId],
      foreignColumns: [plansTable.id, plansTable.municipalityId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'plan_nodes_parent_fk',
      columns: [table.parentId, table.planId],
      foreignColumns: [table.id, table.planId],
    }).onDelete('cascade'),
    index('plan_nodes_municipality_idx').on(table.municipalityId),
  ],
);

export const actionsTable = pgTable(
  'actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    /** Null: the action sits directly under the plan. */
    nodeId: uuid('node_id'),
    key: text('key').notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    aim: text('aim'),
    approach: text('approach'),
    targetText: text('target_text'),
    status: text('status').$type<ActionStatus>(),
    schedule: jsonb('schedule').$type<NonNullable<Action['schedule']>>(),
    stated: jsonb('stated').$type<NonNullable<Action['stated']>>(),
    note: text('note'),
    departmentWeights: jsonb('department_weights').$type<Record<string, number>>(),
    assessmentRate: doublePrecision('assessment_rate'),
    assessmentReason: text('assessment_reason'),
    assessmentHypothetical: boolean('assessment_hypothetical'),
    /** Final report fields (成果, やったこと, 課題, 今後の方向性), written by the owner department. */
    reportOutcome: text('report_outcome'),
    reportWorkDone: text('report_work_done'),
    reportIssuesAhead: text('report_issues_ahead'),
    reportDirection: text('report_direction').$type<ActionDirection>(),
    position: integer('position').notNull(),
    /** For optimistic concurrency when a department edits the action. */
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    unique('actions_plan_key_unique').on(table.planId, table.key),
    unique('actions_id_plan_unique').on(table.id, table.planId),
    foreignKey({
      name: 'actions_plan_fk',
      columns: [table.planId, table.municipalityId],
      foreignColumns: [plansTable.id, plansTable.municipalityId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'actions_node_fk',
      columns: [table.nodeId, table.planId],
      foreignColumns: [planNodesTable.id, planNodesTable.planId],
    }).onDelete('cascade'),
    index('actions_municipality_idx').on(table.municipalityId),
    index('actions_node_idx').on(table.nodeId),
  ],
);

export const actionOwnersTable = pgTable(
  'action_owners',
  {
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    actionId: uuid('action_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    position: integer('position').notNull(),
  },
  (table) => [
    unique('action_owners_action_department_unique').on(table.actionId, table.departmentId),
    foreignKey({
      name: 'action_owners_action_fk',
      columns: [table.actionId, table.planId],
      foreignColumns: [actionsTable.id, actionsTable.planId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'action_owners_plan_fk',
      columns: [table.planId, table.municipalityId],
      foreignColumns: [plansTable.id, plansTable.municipalityId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'action_owners_department_fk',
      columns: [table.departmentId, table.municipalityId],
      foreignColumns: [departmentsTable.id, departmentsTable.municipalityId],
    }),
    index('action_owners_plan_idx').on(table.planId),
  ],
);

export const tasksTable = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    actionId: uuid('action_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    key: text('key'),
    fy: integer('fy').notNull(),
    planText: text('plan_text').notNull(),
    /** Percent, 0–100; null while nothing has been recorded. */
    progress: doublePrecision('progress'),
    expected: boolean('expected'),
    weight: doublePrecision('weight'),
    position: integer('position').notNull(),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    unique('tasks_id_plan_unique').on(table.id, table.planId),
    foreignKey({
      name: 'tasks_action_fk',
      columns: [table.actionId, table.planId],
      foreignColumns: [actionsTable.id, actionsTable.planId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'tasks_plan_fk',
      columns: [table.planId, table.municipalityId],
      foreignColumns: [plansTable.id, plansTable.municipalityId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'tasks_department_fk',
      columns: [table.departmentId, table.municipalityId],
      foreignColumns: [departmentsTable.id, departmentsTable.municipalityId],
    }),
    index('tasks_plan_idx').on(table.planId),
    index('tasks_action_idx').on(table.actionId),
    index('tasks_department_idx').on(table.departmentId),
  ],
);

export const kpisTable = pgTable(
  'kpis',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    actionId: uuid('action_id').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    direction: text('direction').$type<'increase' | 'decrease'>().notNull(),
    /** Null: the plan's default KPI basis applies. */
    basis: text('basis').$type<KpiBasis>(),
    /** Null: the KPI has no baseline (then date and label are null too). */
    baselineValue: doublePrecision('baseline_value'),
    baselineDate: date('baseline_date', { mode: 'string' }),
    baselineLabel: text('baseline_label'),
    targetValue: doublePrecision('target_value').notNull(),
    targetFy: integer('target_fy').notNull(),
    weight: doublePrecision('weight'),
    position: integer('position').notNull(),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    unique('kpis_action_key_unique').on(table.actionId, table.key),
    unique('kpis_id_plan_unique').on(table.id, table.planId),
    foreignKey({
      name: 'kpis_action_fk',
      columns: [table.actionId, table.planId],
      foreignColumns: [actionsTable.id, actionsTable.planId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'kpis_plan_fk',
      columns: [table.planId, table.municipalityId],
      foreignColumns: [plansTable.id, plansTable.municipalityId],
    }).onDelete('cascade'),
    index('kpis_plan_idx').on(table.planId),
  ],
);

export const kpiActualsTable = pgTable(
  'kpi_actuals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    kpiId: uuid('kpi_id').notNull(),
    value: doublePrecision('value').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    hypothetical: boolean('hypothetical'),
    note: text('note'),
    /** Order as entered; the series is not necessarily sorted by date. */
    position: integer('position').notNull(),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    foreignKey({
      name: 'kpi_actuals_kpi_fk',
      columns: [table.kpiId, table.planId],
      foreignColumns: [kpisTable.id, kpisTable.planId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'kpi_actuals_plan_fk',
      columns: [table.planId, table.municipalityId],
      foreignColumns: [plansTable.id, plansTable.municipalityId],
    }).onDelete('cascade'),
    index('kpi_actuals_plan_idx').on(table.planId),
    index('kpi_actuals_kpi_idx').on(table.kpiId),
  ],
);
