import { sql } from 'drizzle-orm';
import {
  bigint,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { BprMetric, FundingKind, SeriesColumn } from '../../domain/effects.js';
import { departmentsTable } from '../departments/departments.table.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';
import { actionsTable, kpisTable, plansTable } from '../plans/plans.table.js';

/*
 * Effects and money of a municipality: BPR projects and their results, cost and volume series, grant and
 * budget lists. Each "table" a document prints is a header row (title, fiscal year, the totals the
 * document states, published or not) with its rows. Every row carries `municipality_id`; composite
 * foreign keys keep rows, departments and actions inside one municipality. Amounts are yen (bigint).
 * Nothing is deleted: removing archives.
 */

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** A BPR project's results table (鹿島市: BPRプロジェクトの実証結果（評価）). */
export const bprProjectsTable = pgTable(
  'bpr_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalitiesTable.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    fy: integer('fy').notNull(),
    /** The document the figures come from. */
    source: text('source'),
    note: text('note'),
    /** What the document states as totals, kept beside the computed ones. */
    statedHoursSaved: doublePrecision('stated_hours_saved'),
    statedReductionRate: doublePrecision('stated_reduction_rate'),
    /** Set while the table is open data on the public portal. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    unique('bpr_projects_id_municipality_unique').on(table.id, table.municipalityId),
    index('bpr_projects_municipality_idx').on(table.municipalityId),
  ],
);

/** One business process of a BPR project; `hours_after` null is 未測定. */
export const bprResultsTable = pgTable(
  'bpr_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    projectId: uuid('project_id').notNull(),
    number: text('number'),
    process: text('process').notNull(),
    departmentId: uuid('department_id').notNull(),
    hoursBefore: doublePrecision('hours_before').notNull(),
    hoursAfter: doublePrecision('hours_after'),
    statedHoursSaved: doublePrecision('stated_hours_saved'),
    statedReductionRate: doublePrecision('stated_reduction_rate'),
    note: text('note'),
    position: integer('position').notNull(),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    foreignKey({
      name: 'bpr_results_project_fk',
      columns: [table.projectId, table.municipalityId],
      foreignColumns: [bprProjectsTable.id, bprProjectsTable.municipalityId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'bpr_results_department_fk',
      columns: [table.departmentId, table.municipalityId],
      foreignColumns: [departmentsTable.id, departmentsTable.municipalityId],
    }),
    index('bpr_results_project_idx').on(table.projectId),
  ],
);

/** A named series by fiscal year with several columns (嘉麻市: 印刷にかかる費用の推移). */
export const effectSeriesTable = pgTable(
  'effect_series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalitiesTable.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    columns: jsonb('columns').$type<SeriesColumn[]>().notNull(),
    source: text('source'),
    note: text('note'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    unique('effect_series_id_municipality_unique').on(table.id, table.municipalityId),
    index('effect_series_municipality_idx').on(table.municipalityId),
  ],
);

/** One fiscal year of a series: the entered values by column key, and what the document states. */
export const effectSeriesRowsTable = pgTable(
  'effect_series_rows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    seriesId: uuid('series_id').notNull(),
    fy: integer('fy').notNull(),
    values: jsonb('values').$type<Record<string, number | null>>().notNull(),
    statedValues: jsonb('stated_values').$type<Record<string, number>>(),
    statedChanges: jsonb('stated_changes').$type<Record<string, number>>(),
    note: text('note'),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    foreignKey({
      name: 'effect_series_rows_series_fk',
      columns: [table.seriesId, table.municipalityId],
      foreignColumns: [effectSeriesTable.id, effectSeriesTable.municipalityId],
    }).onDelete('cascade'),
    // One live row per year; an archived year may be entered again.
    uniqueIndex('effect_series_rows_year_unique')
      .on(table.seriesId, table.fy)
      .where(sql`archived_at is null`),
  ],
);

/** A list of grants (交付金の採択結果一覧) or of budget lines (当初予算（主なDX関連事業）) of one year. */
export const fundingListsTable = pgTable(
  'funding_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalitiesTable.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<FundingKind>().notNull(),
    title: text('title').notNull(),
    fy: integer('fy').notNull(),
    /** The grant programme or budget (デジタル田園都市国家構想交付金, 当初予算). */
    program: text('program'),
    source: text('source'),
    note: text('note'),
    statedProjectCost: bigint('stated_project_cost', { mode: 'number' }),
    statedGrantAmount: bigint('stated_grant_amount', { mode: 'number' }),
    statedBudgetAmount: bigint('stated_budget_amount', { mode: 'number' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    unique('funding_lists_id_municipality_unique').on(table.id, table.municipalityId),
    index('funding_lists_municipality_idx').on(table.municipalityId),
  ],
);

/** A grant-funded project (事業費, 採択額, 補助率, 事業タイプ) or a budget line (予算額). */
export const fundingItemsTable = pgTable(
  'funding_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    listId: uuid('list_id').notNull(),
    number: text('number'),
    name: text('name').notNull(),
    summary: text('summary'),
    type: text('type'),
    projectCost: bigint('project_cost', { mode: 'number' }),
    grantAmount: bigint('grant_amount', { mode: 'number' }),
    budgetAmount: bigint('budget_amount', { mode: 'number' }),
    subsidyRateNumerator: integer('subsidy_rate_numerator'),
    subsidyRateDenominator: integer('subsidy_rate_denominator'),
    note: text('note'),
    position: integer('position').notNull(),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    foreignKey({
      name: 'funding_items_list_fk',
      columns: [table.listId, table.municipalityId],
      foreignColumns: [fundingListsTable.id, fundingListsTable.municipalityId],
    }).onDelete('cascade'),
    index('funding_items_list_idx').on(table.listId),
  ],
);

export const actionLinkSubjects = ['bpr_result', 'funding_item', 'meeting'] as const;
export type ActionLinkSubject = (typeof actionLinkSubjects)[number];

/**
 * Which actions a BPR result, a grant or budget line, or a meeting serves. The action's page lists them;
 * a link goes with its action (ON DELETE CASCADE), and the row it belongs to is archived, never deleted.
 */
export const effectActionLinksTable = pgTable(
  'effect_action_links',
  {
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    actionId: uuid('action_id').notNull(),
    subjectType: text('subject_type').$type<ActionLinkSubject>().notNull(),
    subjectId: uuid('subject_id').notNull(),
  },
  (table) => [
    primaryKey({
      name: 'effect_action_links_pk',
      columns: [table.subjectType, table.subjectId, table.actionId],
    }),
    foreignKey({
      name: 'effect_action_links_action_fk',
      columns: [table.actionId, table.planId],
      foreignColumns: [actionsTable.id, actionsTable.planId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'effect_action_links_plan_fk',
      columns: [table.planId, table.municipalityId],
      foreignColumns: [plansTable.id, plansTable.municipalityId],
    }).onDelete('cascade'),
    index('effect_action_links_action_idx').on(table.actionId),
  ],
);

export type KpiSourceKind = 'bpr_project' | 'series_column';

/**
 * Where a KPI takes its actual from, instead of being typed twice: a BPR project's total or a series
 * column. The derived actuals are ordinary `kpi_actuals` rows (noted as derived) whose ids are kept here,
 * rewritten in the transaction of every change to the source.
 */
export const kpiSourcesTable = pgTable(
  'kpi_sources',
  {
    kpiId: uuid('kpi_id').primaryKey(),
    municipalityId: uuid('municipality_id').notNull(),
    planId: uuid('plan_id').notNull(),
    kind: text('kind').$type<KpiSourceKind>().notNull(),
    bprProjectId: uuid('bpr_project_id'),
    bprMetric: text('bpr_metric').$type<BprMetric>(),
    seriesId: uuid('series_id'),
    seriesColumnKey: text('series_column_key'),
    derivedActualIds: jsonb('derived_actual_ids').$type<string[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (table) => [
    foreignKey({
      name: 'kpi_sources_kpi_fk',
      columns: [table.kpiId, table.planId],
      foreignColumns: [kpisTable.id, kpisTable.planId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'kpi_sources_plan_fk',
      columns: [table.planId, table.municipalityId],
      foreignColumns: [plansTable.id, plansTable.municipalityId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'kpi_sources_bpr_project_fk',
      columns: [table.bprProjectId, table.municipalityId],
      foreignColumns: [bprProjectsTable.id, bprProjectsTable.municipalityId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'kpi_sources_series_fk',
      columns: [table.seriesId, table.municipalityId],
      foreignColumns: [effectSeriesTable.id, effectSeriesTable.municipalityId],
    }).onDelete('cascade'),
    index('kpi_sources_bpr_project_idx').on(table.bprProjectId),
    index('kpi_sources_series_idx').on(table.seriesId),
  ],
);
