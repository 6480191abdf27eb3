import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable, TableConfig } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import {
  type Action,
  type Department,
  type Kpi,
  PLAN_FORMAT,
  type Plan,
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
 * unless `replace` is set: then its content is replaced, its id kept and its revision bumped.
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
        // Tasks, KPIs, actuals and owners go with their action (ON DELETE CASCADE).
        await tx
          .delete(actionsTable)
          .where(and(eq(actionsTable.planId, planId), eq(actionsTable.municipalityId, municipalityId)));
        await tx
          .delete(planNodesTable)
          .where(and(eq(planNodesTable.planId, planId), eq(planNodesTable.municipalityId, municipalityId)));
        const [updated] = await tx
          .update(plansTable)
          .set({ ...planValues, revision: sql`${plansTable.revision} + 1`, updatedAt: sql`now()` })
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

      const rows = toPlanRows({ plan, planId, municipalityId, departmentIds });
      await insertInChunks(tx, planNodesTable, rows.nodes);
      await insertInChunks(tx, actionsTable, rows.actions);
      await insertInChunks(tx, actionOwnersTable, rows.owners);
      await insertInChunks(tx, tasksTable, rows.tasks);
      await insertInChunks(tx, kpisTable, rows.kpis);
      await insertInChunks(tx, kpiActualsTable, rows.actuals);
      await recordAudit({
        db: tx,
        actor,
        entry: {
          municipalityId,
          planId,
          subjectType: 'plan',
          subjectId: planId,
          operation: existing ? 'replace' : 'import',
          summary: `計画「${plan.title}」を${existing ? '計画ファイルで置き換え' : '取り込み'}（${rows.actions.length}件の${plan.actionLevel}）`,
          after: { slug: plan.slug, revision },
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
      actionCount: sql<number>`(select count(*) from ${actionsTable} a where a.plan_id = ${plansTable}.id and a.municipality_id = ${plansTable}.municipality_id)::int`,
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

/* Rows ↔ document. Optional fields are stored as null and left out again on the way back. */

type NodeRow = typeof planNodesTable.$inferSelect;
type ActionRow = typeof actionsTable.$inferSelect;
type OwnerRow = typeof actionOwnersTable.$inferSelect;
type TaskRow = typeof tasksTable.$inferSelect;
type KpiRow = typeof kpisTable.$inferSelect;
type ActualRow = typeof kpiActualsTable.$inferSelect;

function toPlanRows({
  plan,
  planId,
  municipalityId,
  departmentIds,
}: {
  plan: Plan;
  planId: string;
  municipalityId: string;
  departmentIds: Map<string, string>;
}) {
  const scope = { planId, municipalityId };
  const nodes: NodeRow[] = [];
  const actions: ActionRow[] = [];
  const owners: OwnerRow[] = [];
  const tasks: TaskRow[] = [];
  const kpis: KpiRow[] = [];
  const actuals: ActualRow[] = [];

  const departmentId = (key: string): string => {
    const id = departmentIds.get(key);
    if (!id)
      throw new AppError({
        code: 'plan.invalid_document',
        message: `課 "${key}" が departments にありません`,
      });
    return id;
  };

  const addAction = (action: Action, nodeId: string | null, position: number) => {
    const actionId = randomUUID();
    actions.push({
      id: actionId,
      ...scope,
      nodeId,
      key: action.key,
      number: action.number,
      title: action.title,
      aim: action.aim ?? null,
      approach: action.approach ?? null,
      targetText: action.target ?? null,
      status: action.status ?? null,
      schedule: action.schedule ?? null,
      stated: action.stated ?? null,
      note: action.note ?? null,
      departmentWeights: action.departmentWeights ?? null,
      assessmentRate: action.assessment?.rate ?? null,
      assessmentReason: action.assessment?.reason ?? null,
      assessmentHypothetical: action.assessment?.hypothetical ?? null,
      reportOutcome: action.report?.outcome ?? null,
      reportWorkDone: action.report?.workDone ?? null,
      reportIssuesAhead: action.report?.issuesAhead ?? null,
      reportDirection: action.report?.direction ?? null,
      position,
      version: 1,
      archivedAt: null,
    });
    action.owners.forEach((owner, i) => {
      owners.push({ ...scope, actionId, departmentId: departmentId(owner), position: i });
    });
    action.tasks.forEach((task, i) => {
      tasks.push({
        id: randomUUID(),
        ...scope,
        actionId,
        departmentId: departmentId(task.department),
        key: task.key ?? null,
        fy: task.fy,
        planText: task.planText,
        progress: task.progress,
        expected: task.expected ?? null,
        weight: task.weight ?? null,
        position: i,
        version: 1,
        archivedAt: null,
      });
    });
    action.kpis.forEach((kpi, i) => {
      const kpiId = randomUUID();
      kpis.push({
        id: kpiId,
        ...scope,
        actionId,
        key: kpi.key,
        name: kpi.name,
        unit: kpi.unit,
        direction: kpi.direction,
        basis: kpi.basis ?? null,
        baselineValue: kpi.baseline?.value ?? null,
        baselineDate: kpi.baseline?.date ?? null,
        baselineLabel: kpi.baseline?.label ?? null,
        targetValue: kpi.target.value,
        targetFy: kpi.target.fy,
        weight: kpi.weight ?? null,
        position: i,
        version: 1,
        archivedAt: null,
      });
      kpi.actuals.forEach((actual, j) => {
        actuals.push({
          id: randomUUID(),
          ...scope,
          kpiId,
          value: actual.value,
          date: actual.date,
          hypothetical: actual.hypothetical ?? null,
          note: actual.note ?? null,
          position: j,
          archivedAt: null,
        });
      });
    });
  };

  const addNodes = (list: PlanNode[], parentId: string | null) => {
    list.forEach((node, position) => {
      const nodeId = randomUUID();
      nodes.push({
        id: nodeId,
        ...scope,
        parentId,
        key: node.key,
        number: node.number ?? null,
        title: node.title,
        description: node.description ?? null,
        position,
        archivedAt: null,
      });
      node.actions.forEach((action, i) => {
        addAction(action, nodeId, i);
      });
      addNodes(node.children, nodeId);
    });
  };

  addNodes(plan.nodes, null);
  plan.actions.forEach((action, i) => {
    addAction(action, null, i);
  });
  return { nodes, actions, owners, tasks, kpis, actuals };
}

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
