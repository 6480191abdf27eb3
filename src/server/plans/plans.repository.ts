import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable, TableConfig } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import {
  type Action,
  type Department,
  type Kpi,
  PLAN_FORMAT,
  type PlanDocument,
  type PlanNode,
  type Task,
} from '../../domain/plan.schemas.js';
import type { Actor } from '../../domain/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { listDepartments, upsertDepartments } from '../departments/departments.repository.js';
import { upsertMunicipality } from '../municipalities/municipalities.repository.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';
import {
  type ActionRow,
  type ActualRow,
  buildPlanRows,
  type ChangeCounts,
  countPlanRowChanges,
  diffPlanRows,
  EMPTY_PLAN_ROWS,
  type KpiRow,
  type NodeRow,
  type OwnerRow,
  PLAN_ROW_KINDS,
  type PlanRowChanges,
  type PlanRowKind,
  type PlanRows,
  type TaskRow,
} from './plans.sync.js';
import {
  actionOwnersTable,
  actionsTable,
  kpiActualsTable,
  kpisTable,
  planNodesTable,
  plansTable,
  tasksTable,
} from './plans.table.js';

export interface PlanRecord {
  id: string;
  slug: string;
  title: string;
  period: { startFy: number; endFy: number };
  actionCount: number;
  /** Name of the evaluated unit (アクション, 取組項目 …). */
  actionLevel: string;
  municipality: { id: string; code: string; name: string; prefecture: string };
}

/** A plan as stored: its document, and the revision the document is as of. */
export interface StoredPlan {
  id: string;
  revision: number;
  municipality: { id: string; code: string; name: string; prefecture: string };
  document: PlanDocument;
}

export interface SavedPlan {
  planId: string;
  municipalityId: string;
  revision: number;
  replaced: boolean;
}

/**
 * Stores a validated plan document in one transaction: the municipality (new by code), its departments
 * (by key), the plan and everything in it. A plan with the same slug in the municipality is an error,
 * unless `replace` is set: then the stored plan is updated in place — every node, action, task, KPI and
 * actual that continues keeps its id (see plans.sync.ts for how rows are matched), new ones are added,
 * the ones the document no longer has are archived, and an archived one whose key returns comes back.
 * One history entry counts what was added, changed and archived.
 */
export async function savePlanDocument({
  db,
  document,
  replace = false,
  actor = null,
}: {
  db: Database;
  document: PlanDocument;
  replace?: boolean;
  /** Who imports it, for the history; null for the command line and the first start. */
  actor?: Actor | null;
}): Promise<SavedPlan> {
  try {
    return await db.transaction(async (tx) => {
      const municipalityId = await upsertMunicipality({ db: tx, municipality: document.municipality });
      const departmentIds = await upsertDepartments({
        db: tx,
        municipalityId,
        departments: document.departments,
      });

      const plan = document.plan;
      const planValues = {
        municipalityId,
        slug: plan.slug,
        title: plan.title,
        startFy: plan.period.startFy,
        endFy: plan.period.endFy,
        levels: plan.levels,
        actionLevel: plan.actionLevel,
        mission: plan.mission ?? null,
        vision: plan.vision ?? null,
        values: plan.values ?? null,
        phases: plan.phases ?? null,
        sources: plan.sources ?? null,
        evaluationSettings: plan.evaluation ?? null,
      };

      const [existing] = await tx
        .select({ id: plansTable.id })
        .from(plansTable)
        .where(and(eq(plansTable.municipalityId, municipalityId), eq(plansTable.slug, plan.slug)))
        .for('update');

      let planId: string;
      let revision: number;
      if (existing) {
        if (!replace) throw planAlreadyExists(document);
        planId = existing.id;
        const [updated] = await tx
          .update(plansTable)
          .set({
            ...planValues,
            revision: sql`${plansTable.revision} + 1`,
            version: sql`${plansTable.version} + 1`,
            updatedAt: sql`now()`,
          })
          .where(and(eq(plansTable.id, planId), eq(plansTable.municipalityId, municipalityId)))
          .returning({ revision: plansTable.revision });
        revision = updated!.revision;
      } else {
        planId = randomUUID();
        const [inserted] = await tx
          .insert(plansTable)
          .values({ id: planId, ...planValues })
          .returning({ revision: plansTable.revision });
        revision = inserted!.revision;
      }

      const stored = existing ? await loadPlanRows({ db: tx, planId, municipalityId }) : EMPTY_PLAN_ROWS;
      const desired = buildPlanRows({ plan, planId, municipalityId, departmentIds, existing: stored });
      const changes = diffPlanRows({ existing: stored, desired });
      await writePlanRowChanges({ db: tx, planId, municipalityId, changes });

      const counts = countPlanRowChanges(changes);
      await recordAudit({
        db: tx,
        actor,
        entry: {
          municipalityId,
          planId,
          subjectType: 'plan',
          subjectId: planId,
          operation: existing ? 'replace' : 'import',
          summary: existing
            ? `計画「${plan.title}」を計画ファイルで更新（${formatChangeCounts(counts)}）`
            : `計画「${plan.title}」を取り込み（${desired.actions.length}件の${plan.actionLevel}）`,
          after: { slug: plan.slug, revision, ...(existing && { counts }) },
        },
      });

      return { planId, municipalityId, revision, replaced: existing !== undefined };
    });
  } catch (error) {
    // Two imports of the same slug at once: the loser hits the unique constraint.
    if (isUniqueViolation(error, 'plans_municipality_slug_unique')) throw planAlreadyExists(document);
    throw error;
  }
}

const ROW_KIND_LABELS: Record<PlanRowKind, string> = {
  nodes: '階層',
  actions: 'アクション',
  tasks: '年度タスク',
  kpis: '指標',
  actuals: '実績値',
};

/** 追加 3件・変更 1件・アーカイブ 2件（アクション 追加 1件 …）, or 変更なし. */
export function formatChangeCounts(counts: ChangeCounts): string {
  const total = { added: 0, changed: 0, archived: 0 };
  const parts: string[] = [];
  for (const kind of PLAN_ROW_KINDS) {
    const { added, changed, archived } = counts[kind];
    total.added += added;
    total.changed += changed;
    total.archived += archived;
    const detail = [
      added > 0 && `追加${added}`,
      changed > 0 && `変更${changed}`,
      archived > 0 && `アーカイブ${archived}`,
    ].filter(Boolean);
    if (detail.length > 0) parts.push(`${ROW_KIND_LABELS[kind]} ${detail.join('・')}`);
  }
  if (parts.length === 0) return '変更なし';
  return `追加 ${total.added}件・変更 ${total.changed}件・アーカイブ ${total.archived}件：${parts.join('、')}`;
}

/** Every stored row of the plan, archived ones included (they may come back). */
async function loadPlanRows({
  db,
  planId,
  municipalityId,
}: {
  db: Database;
  planId: string;
  municipalityId: string;
}): Promise<PlanRows> {
  const ofPlan = (table: { planId: AnyPgColumn; municipalityId: AnyPgColumn }) =>
    and(eq(table.planId, planId), eq(table.municipalityId, municipalityId));
  return {
    nodes: await db.select().from(planNodesTable).where(ofPlan(planNodesTable)),
    actions: await db.select().from(actionsTable).where(ofPlan(actionsTable)),
    owners: await db.select().from(actionOwnersTable).where(ofPlan(actionOwnersTable)),
    tasks: await db.select().from(tasksTable).where(ofPlan(tasksTable)),
    kpis: await db.select().from(kpisTable).where(ofPlan(kpisTable)),
    actuals: await db.select().from(kpiActualsTable).where(ofPlan(kpiActualsTable)),
  };
}

/**
 * Writes a plan's row changes: parents before children (inserts in the document's order, so a new node
 * comes before the nodes under it), then changed rows, then archiving — all in the caller's transaction.
 */
async function writePlanRowChanges({
  db,
  planId,
  municipalityId,
  changes,
}: {
  db: Database;
  planId: string;
  municipalityId: string;
  changes: PlanRowChanges;
}): Promise<void> {
  await insertInChunks(db, planNodesTable, changes.nodes.inserted);
  await insertInChunks(db, actionsTable, changes.actions.inserted);
  await insertInChunks(db, tasksTable, changes.tasks.inserted);
  await insertInChunks(db, kpisTable, changes.kpis.inserted);
  await insertInChunks(db, kpiActualsTable, changes.actuals.inserted);

  const inPlan = (table: { planId: AnyPgColumn; municipalityId: AnyPgColumn }) =>
    and(eq(table.planId, planId), eq(table.municipalityId, municipalityId));
  // One statement per changed row: a replace changes few rows, and each keeps its own values.
  for (const { id, ...values } of changes.nodes.updated) {
    await db
      .update(planNodesTable)
      .set(values)
      .where(and(eq(planNodesTable.id, id), inPlan(planNodesTable)));
  }
  for (const { id, ...values } of changes.actions.updated) {
    await db
      .update(actionsTable)
      .set(values)
      .where(and(eq(actionsTable.id, id), inPlan(actionsTable)));
  }
  for (const { id, ...values } of changes.tasks.updated) {
    await db
      .update(tasksTable)
      .set(values)
      .where(and(eq(tasksTable.id, id), inPlan(tasksTable)));
  }
  for (const { id, ...values } of changes.kpis.updated) {
    await db
      .update(kpisTable)
      .set(values)
      .where(and(eq(kpisTable.id, id), inPlan(kpisTable)));
  }
  for (const { id, ...values } of changes.actuals.updated) {
    await db
      .update(kpiActualsTable)
      .set(values)
      .where(and(eq(kpiActualsTable.id, id), inPlan(kpiActualsTable)));
  }

  for (const owner of changes.owners.deleted) {
    await db
      .delete(actionOwnersTable)
      .where(
        and(
          eq(actionOwnersTable.actionId, owner.actionId),
          eq(actionOwnersTable.departmentId, owner.departmentId),
        ),
      );
  }
  for (const owner of changes.owners.updated) {
    await db
      .update(actionOwnersTable)
      .set({ position: owner.position })
      .where(
        and(
          eq(actionOwnersTable.actionId, owner.actionId),
          eq(actionOwnersTable.departmentId, owner.departmentId),
        ),
      );
  }
  await insertInChunks(db, actionOwnersTable, changes.owners.inserted);

  const archive = async (
    table:
      | typeof planNodesTable
      | typeof actionsTable
      | typeof tasksTable
      | typeof kpisTable
      | typeof kpiActualsTable,
    ids: string[],
  ) => {
    for (let start = 0; start < ids.length; start += 500) {
      await db
        .update(table)
        .set({ archivedAt: sql`now()`, version: sql`${table.version} + 1` })
        .where(
          and(inArray(table.id, ids.slice(start, start + 500)), inPlan(table), isNull(table.archivedAt)),
        );
    }
  };
  await archive(kpiActualsTable, changes.actuals.archived);
  await archive(kpisTable, changes.kpis.archived);
  await archive(tasksTable, changes.tasks.archived);
  await archive(actionsTable, changes.actions.archived);
  await archive(planNodesTable, changes.nodes.archived);
}

/** Bumps the plan's revision; call it in the transaction of every write to the plan. */
export async function bumpPlanRevision({
  db,
  planId,
  municipalityId,
}: {
  db: Database;
  planId: string;
  municipalityId: string;
}): Promise<number | null> {
  const [row] = await db
    .update(plansTable)
    .set({ revision: sql`${plansTable.revision} + 1`, updatedAt: sql`now()` })
    .where(and(eq(plansTable.id, planId), eq(plansTable.municipalityId, municipalityId)))
    .returning({ revision: plansTable.revision });
  return row?.revision ?? null;
}

/** The plan's revision, or null when there is no such plan: the one cheap query per request. */
export async function getPlanRevision({
  db,
  planId,
}: {
  db: Database;
  planId: string;
}): Promise<number | null> {
  const [row] = await db
    .select({ revision: plansTable.revision })
    .from(plansTable)
    .where(eq(plansTable.id, planId));
  return row?.revision ?? null;
}

export async function listPlans({
  db,
  municipalityCode,
}: {
  db: Database;
  municipalityCode?: string | undefined;
}): Promise<PlanRecord[]> {
  const rows = await db
    .select({
      id: plansTable.id,
      slug: plansTable.slug,
      title: plansTable.title,
      startFy: plansTable.startFy,
      endFy: plansTable.endFy,
      actionLevel: plansTable.actionLevel,
      // Qualified by hand: drizzle leaves column names bare inside a subquery.
      actionCount: sql<number>`(select count(*) from ${actionsTable} a where a.plan_id = ${plansTable}.id and a.municipality_id = ${plansTable}.municipality_id and a.archived_at is null)::int`,
      municipality: {
        id: municipalitiesTable.id,
        code: municipalitiesTable.code,
        name: municipalitiesTable.name,
        prefecture: municipalitiesTable.prefecture,
      },
    })
    .from(plansTable)
    .innerJoin(municipalitiesTable, eq(municipalitiesTable.id, plansTable.municipalityId))
    .where(municipalityCode === undefined ? undefined : eq(municipalitiesTable.code, municipalityCode))
    .orderBy(asc(municipalitiesTable.code), asc(plansTable.startFy), asc(plansTable.slug));
  return rows.map(({ startFy, endFy, ...row }) => ({ ...row, period: { startFy, endFy } }));
}

/**
 * Reads a plan back as a document: `loadPlanDocument` after `savePlanDocument` gives the document that
 * was saved. All reads run in one read-only snapshot, so that a concurrent replace is never half seen.
 */
export async function loadPlanDocument({
  db,
  planId,
}: {
  db: Database;
  planId: string;
}): Promise<StoredPlan | null> {
  return db.transaction(
    async (tx) => {
      const [planRow] = await tx
        .select({ plan: plansTable, municipality: municipalitiesTable })
        .from(plansTable)
        .innerJoin(municipalitiesTable, eq(municipalitiesTable.id, plansTable.municipalityId))
        .where(eq(plansTable.id, planId));
      if (!planRow) return null;
      const municipalityId = planRow.municipality.id;
      // Archived rows (deleted in the UI) stay in the database for the history, not in the plan.
      const inPlan = (table: { planId: AnyPgColumn; municipalityId: AnyPgColumn; archivedAt: AnyPgColumn }) =>
        and(eq(table.planId, planId), eq(table.municipalityId, municipalityId), isNull(table.archivedAt));

      const departments = await listDepartments({ db: tx, municipalityId });
      const nodes = await tx
        .select()
        .from(planNodesTable)
        .where(inPlan(planNodesTable))
        .orderBy(asc(planNodesTable.position));
      const actions = await tx
        .select()
        .from(actionsTable)
        .where(inPlan(actionsTable))
        .orderBy(asc(actionsTable.position));
      const owners = await tx
        .select()
        .from(actionOwnersTable)
        .where(
          and(eq(actionOwnersTable.planId, planId), eq(actionOwnersTable.municipalityId, municipalityId)),
        )
        .orderBy(asc(actionOwnersTable.position));
      const tasks = await tx
        .select()
        .from(tasksTable)
        .where(inPlan(tasksTable))
        .orderBy(asc(tasksTable.position));
      const kpis = await tx
        .select()
        .from(kpisTable)
        .where(inPlan(kpisTable))
        .orderBy(asc(kpisTable.position));
      const actuals = await tx
        .select()
        .from(kpiActualsTable)
        .where(inPlan(kpiActualsTable))
        .orderBy(asc(kpiActualsTable.position));

      const { plan, municipality } = planRow;
      const document = toPlanDocument({
        plan,
        municipality,
        departments,
        nodes,
        actions,
        owners,
        tasks,
        kpis,
        actuals,
      });
      return {
        id: plan.id,
        revision: plan.revision,
        municipality: {
          id: municipality.id,
          code: municipality.code,
          name: municipality.name,
          prefecture: municipality.prefecture,
        },
        document,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/* Rows → document. Optional fields are stored as null and left out again on the way back. */

function hasReport(row: ActionRow): boolean {
  return (
    row.reportOutcome !== null ||
    row.reportWorkDone !== null ||
    row.reportIssuesAhead !== null ||
    row.reportDirection !== null
  );
}

function toPlanDocument({
  plan,
  municipality,
  departments,
  nodes,
  actions,
  owners,
  tasks,
  kpis,
  actuals,
}: {
  plan: typeof plansTable.$inferSelect;
  municipality: typeof municipalitiesTable.$inferSelect;
  departments: Awaited<ReturnType<typeof listDepartments>>;
  nodes: NodeRow[];
  actions: ActionRow[];
  owners: OwnerRow[];
  tasks: TaskRow[];
  kpis: KpiRow[];
  actuals: ActualRow[];
}): PlanDocument {
  const departmentById = new Map(departments.map((department) => [department.id, department]));
  const departmentKey = (id: string) => departmentById.get(id)?.key ?? id;

  const actualsByKpi = groupBy(actuals, (row) => row.kpiId);
  const kpisByAction = groupBy(kpis, (row) => row.actionId);
  const tasksByAction = groupBy(tasks, (row) => row.actionId);
  const ownersByAction = groupBy(owners, (row) => row.actionId);
  const actionsByNode = groupBy(actions, (row) => row.nodeId);
  const nodesByParent = groupBy(nodes, (row) => row.parentId);

  const toKpi = (row: KpiRow): Kpi => ({
    key: row.key,
    name: row.name,
    unit: row.unit,
    direction: row.direction,
    ...(row.basis !== null && { basis: row.basis }),
    ...(row.baselineValue !== null && {
      baseline: {
        value: row.baselineValue,
        ...(row.baselineDate !== null && { date: row.baselineDate }),
        ...(row.baselineLabel !== null && { label: row.baselineLabel }),
      },
    }),
    target: { value: row.targetValue, fy: row.targetFy },
    actuals: (actualsByKpi.get(row.id) ?? []).map((actual) => ({
      value: actual.value,
      date: actual.date,
      ...(actual.hypothetical !== null && { hypothetical: actual.hypothetical }),
      ...(actual.note !== null && { note: actual.note }),
    })),
    ...(row.weight !== null && { weight: row.weight }),
  });

  const toTask = (row: TaskRow): Task => ({
    ...(row.key !== null && { key: row.key }),
    fy: row.fy,
    department: departmentKey(row.departmentId),
    planText: row.planText,
    progress: row.progress,
    ...(row.expected !== null && { expected: row.expected }),
    ...(row.weight !== null && { weight: row.weight }),
  });

  const toAction = (row: ActionRow): Action => ({
    key: row.key,
    number: row.number,
    title: row.title,
    ...(row.aim !== null && { aim: row.aim }),
    ...(row.approach !== null && { approach: row.approach }),
    ...(row.targetText !== null && { target: row.targetText }),
    owners: (ownersByAction.get(row.id) ?? []).map((owner) => departmentKey(owner.departmentId)),
    ...(row.schedule !== null && { schedule: row.schedule }),
    tasks: (tasksByAction.get(row.id) ?? []).map(toTask),
    kpis: (kpisByAction.get(row.id) ?? []).map(toKpi),
    ...(row.assessmentRate !== null && {
      assessment: {
        rate: row.assessmentRate,
        reason: row.assessmentReason ?? '',
        ...(row.assessmentHypothetical !== null && { hypothetical: row.assessmentHypothetical }),
      },
    }),
    ...(row.status !== null && { status: row.status }),
    ...(row.departmentWeights !== null && { departmentWeights: row.departmentWeights }),
    ...(row.stated !== null && { stated: row.stated }),
    ...(row.note !== null && { note: row.note }),
    ...(hasReport(row) && {
      report: {
        ...(row.reportOutcome !== null && { outcome: row.reportOutcome }),
        ...(row.reportWorkDone !== null && { workDone: row.reportWorkDone }),
        ...(row.reportIssuesAhead !== null && { issuesAhead: row.reportIssuesAhead }),
        ...(row.reportDirection !== null && { direction: row.reportDirection }),
      },
    }),
  });

  const toNode = (row: NodeRow): PlanNode => ({
    key: row.key,
    ...(row.number !== null && { number: row.number }),
    title: row.title,
    ...(row.description !== null && { description: row.description }),
    children: (nodesByParent.get(row.id) ?? []).map(toNode),
    actions: (actionsByNode.get(row.id) ?? []).map(toAction),
  });

  return {
    format: PLAN_FORMAT,
    municipality: { code: municipality.code, name: municipality.name, prefecture: municipality.prefecture },
    departments: selectExportedDepartments({ departments, owners, tasks }),
    plan: {
      slug: plan.slug,
      title: plan.title,
      period: { startFy: plan.startFy, endFy: plan.endFy },
      levels: plan.levels,
      actionLevel: plan.actionLevel,
      ...(plan.mission !== null && { mission: plan.mission }),
      ...(plan.vision !== null && { vision: plan.vision }),
      ...(plan.values !== null && { values: plan.values }),
      ...(plan.phases !== null && { phases: plan.phases }),
      ...(plan.evaluationSettings !== null && { evaluation: plan.evaluationSettings }),
      ...(plan.sources !== null && { sources: plan.sources }),
      nodes: (nodesByParent.get(null) ?? []).map(toNode),
      actions: (actionsByNode.get(null) ?? []).map(toAction),
    },
  };
}

/**
 * The municipality's current departments, plus any archived one the plan still refers to (and its
 * parents), so that the exported document is valid on its own.
 */
function selectExportedDepartments({
  departments,
  owners,
  tasks,
}: {
  departments: Awaited<ReturnType<typeof listDepartments>>;
  owners: OwnerRow[];
  tasks: TaskRow[];
}): Department[] {
  const byId = new Map(departments.map((department) => [department.id, department]));
  const included = new Set(departments.filter((department) => !department.archived).map((d) => d.id));
  const pending = [...owners.map((row) => row.departmentId), ...tasks.map((row) => row.departmentId)];
  for (const department of departments) if (included.has(department.id)) pending.push(department.id);
  while (pending.length > 0) {
    const id = pending.pop()!;
    const department = byId.get(id);
    if (!department) continue;
    included.add(id);
    if (department.parentId && !included.has(department.parentId)) pending.push(department.parentId);
  }
  return departments
    .filter((department) => included.has(department.id))
    .map((department) => {
      const parent = department.parentId ? byId.get(department.parentId) : undefined;
      return { key: department.key, name: department.name, ...(parent && { parent: parent.key }) };
    });
}

function groupBy<T, K>(rows: T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Multi-row inserts, in chunks that stay well under PostgreSQL's 65,535 parameters per statement. */
async function insertInChunks<T extends PgTable<TableConfig>>(
  db: Database,
  table: T,
  rows: T['$inferInsert'][],
  chunkSize = 500,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkSize) {
    await db.insert(table).values(rows.slice(start, start + chunkSize));
  }
}

function planAlreadyExists(document: PlanDocument): AppError {
  return new AppError({
    code: 'plan.already_exists',
    message: `${document.municipality.name}にはすでにスラッグ "${document.plan.slug}" の計画があります（置き換えるには replace を指定してください）`,
  });
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const details = current as Error & { code?: unknown; constraint?: unknown };
    if (details.code === '23505' && (details.constraint === undefined || details.constraint === constraint)) {
      return true;
    }
  }
  return false;
}
