import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { formatFiscalYear } from '../../domain/fiscal-year.js';
import type { NodeFields, PlanSettingsFields } from '../../domain/plan-editing.schemas.js';
import type { Actor } from '../../domain/policy.js';
import type { ValidationIssue } from '../../domain/validation.js';
import { type AuditInput, recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { type DepartmentRecord, listDepartments } from '../departments/departments.repository.js';
import { findMunicipality } from '../municipalities/municipalities.repository.js';
import { bumpPlanRevision } from '../plans/plans.repository.js';
import {
  createDepartmentDirectory,
  listChangedFieldLabels,
  toNodeRecord,
  toNodeSnapshot,
  toPlanSettingsRecord,
  toPlanSnapshot,
} from './editing.models.js';
import {
  countLiveChildren,
  findNode,
  findPlanRow,
  findTaskYearRange,
  generateKey,
  insertNode,
  insertPlan,
  isNodeKeyTaken,
  isPlanSlugTaken,
  isUniqueViolation,
  listLiveActions,
  listLiveNodes,
  listOwners,
  type NodeRow,
  type PlanRow,
  setNodePositions,
  updateNodeRow,
  updatePlanRow,
} from './editing.repository.js';
import type { NodeRecord, PlanOutlineResponse, PlanSettingsRecord } from './editing.schemas.js';

/* Shared by every editing use case. */

/** The plan being edited, once the actor is known to hold `plan.edit` in its municipality. */
export async function getEditablePlan({
  db,
  actor,
  planId,
}: {
  db: Database;
  actor: Actor;
  planId: string;
}): Promise<PlanRow> {
  const plan = await findPlanRow({ db, planId });
  if (!plan) throw new AppError({ code: 'plan.not_found' });
  ensureCan(actor, 'plan.edit', { municipalityId: plan.municipalityId });
  return plan;
}

/**
 * Runs a change of the plan in one transaction with its history entry and the plan's new revision (the
 * plan page's cache is keyed by it): all three are committed together or not at all.
 */
export async function writePlanChange<Result>({
  db,
  actor,
  plan,
  work,
}: {
  db: Database;
  actor: Actor;
  plan: Pick<PlanRow, 'id' | 'municipalityId'>;
  work: (tx: Database) => Promise<{
    result: Result;
    entry: Omit<AuditInput, 'municipalityId' | 'planId'>;
  }>;
}): Promise<Result> {
  return db.transaction(async (tx) => {
    // The plan's row first, as a replace does: writes to one plan queue up instead of deadlocking.
    if (!(await findPlanRow({ db: tx, planId: plan.id, lock: true })))
      throw new AppError({ code: 'plan.not_found' });
    const { result, entry } = await work(tx);
    await recordAudit({
      db: tx,
      actor,
      entry: { municipalityId: plan.municipalityId, planId: plan.id, ...entry },
    });
    await bumpPlanRevision({ db: tx, planId: plan.id, municipalityId: plan.municipalityId });
    return result;
  });
}

/** A stale write: 409 with the record as it is now, so that the screen can show what changed. */
export function ensureVersion({
  stored,
  version,
  current,
}: {
  stored: { version: number };
  version: number;
  current: () => unknown;
}): void {
  if (stored.version !== version) {
    throw new AppError({ code: 'record.conflict', details: { current: current() } });
  }
}

export function invalidRequest(issues: ValidationIssue[]): AppError {
  return new AppError({
    code: 'request.invalid',
    message: issues.length === 1 ? issues[0]!.message : 'リクエストの内容に誤りがあります',
    issues,
  });
}

export function duplicateKey(key: string): AppError {
  return new AppError({
    code: 'record.duplicate_key',
    issues: [
      { path: 'key', message: `キー "${key}" はすでに使われています（アーカイブしたものを含みます）` },
    ],
  });
}

/** A key-unique insert that lost a race to another one: the same answer as the check before it. */
export async function withDuplicateKeyCheck<T>(key: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateKey(key);
    throw error;
  }
}

/**
 * The municipality's departments by key, for checking what a form names. A department may be named only
 * if it exists and is not archived — unless the record already named it (`kept`): an action of a
 * department that has since been reorganised can still be saved as it is.
 */
export async function resolveDepartments({
  db,
  municipalityId,
}: {
  db: Database;
  municipalityId: string;
}): Promise<{
  departments: DepartmentRecord[];
  idOf: (key: string) => string | undefined;
  check: (args: { keys: string[]; path: string; kept?: string[] }) => ValidationIssue[];
}> {
  const departments = await listDepartments({ db, municipalityId });
  const byKey = new Map(departments.map((department) => [department.key, department]));
  return {
    departments,
    idOf: (key) => byKey.get(key)?.id,
    check: ({ keys, path, kept = [] }) =>
      keys.flatMap((key) => {
        const department = byKey.get(key);
        if (!department) return [{ path, message: `課 "${key}" は登録されていません` }];
        if (department.archived && !kept.includes(key)) {
          return [{ path, message: `「${department.name}」は廃止された課のため選べません` }];
        }
        return [];
      }),
  };
}

/** Depth of each live node (0 at the top) and the depth of the deepest node under it. */
function measureNodes(nodes: NodeRow[]) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const depthOf = (id: string): number => {
    let depth = 0;
    for (let node = byId.get(id); node?.parentId; node = byId.get(node.parentId)) depth++;
    return depth;
  };
  const isUnder = (id: string, ancestorId: string): boolean => {
    for (let node = byId.get(id); node; node = node.parentId ? byId.get(node.parentId) : undefined) {
      if (node.id === ancestorId) return true;
    }
    return false;
  };
  const subtreeHeight = (id: string): number => {
    const children = nodes.filter((node) => node.parentId === id);
    return children.length === 0 ? 0 : 1 + Math.max(...children.map((child) => subtreeHeight(child.id)));
  };
  const maxDepth = nodes.length === 0 ? -1 : Math.max(...nodes.map((node) => depthOf(node.id)));
  return { depthOf, isUnder, subtreeHeight, maxDepth };
}

/* Plans */

/** The plan's outline for its editing page: settings, live nodes, live actions, departments. */
export async function getPlanOutline({
  db,
  actor,
  planId,
}: {
  db: Database;
  actor: Actor;
  planId: string;
}): Promise<PlanOutlineResponse> {
  const plan = await getEditablePlan({ db, actor, planId });
  const nodes = await listLiveNodes({ db, planId });
  const actions = await listLiveActions({ db, planId });
  const owners = await listOwners({ db, actionIds: actions.map((action) => action.id) });
  const departments = await listDepartments({ db, municipalityId: plan.municipalityId });
  const directory = createDepartmentDirectory(departments);
  return {
    plan: toPlanSettingsRecord(plan),
    nodes: nodes.map(toNodeRecord),
    actions: actions.map((action) => ({
      id: action.id,
      nodeId: action.nodeId,
      key: action.key,
      number: action.number,
      title: action.title,
      owners: owners
        .filter((owner) => owner.actionId === action.id)
        .map((owner) => directory.keyOf(owner.departmentId)),
      position: action.position,
      version: action.version,
    })),
    departments,
  };
}

/**
 * Creates an empty plan in a municipality: title, slug, period, level names, the name of the evaluated
 * unit and the evaluation settings (rating scale, basis order, default KPI basis, aggregation).
 */
export async function createPlan({
  db,
  actor,
  municipalityId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  input: PlanSettingsFields;
}): Promise<PlanSettingsRecord> {
  ensureCan(actor, 'plan.edit', { municipalityId });
  if (!(await findMunicipality({ db, municipalityId })))
    throw new AppError({ code: 'municipality.not_found' });
  if (await isPlanSlugTaken({ db, municipalityId, slug: input.slug })) throw slugTaken(input.slug);
  try {
    return await db.transaction(async (tx) => {
      const row = await insertPlan({
        db: tx,
        values: {
          municipalityId,
          slug: input.slug,
          title: input.title,
          startFy: input.period.startFy,
          endFy: input.period.endFy,
          levels: input.levels,
          actionLevel: input.actionLevel,
          evaluationSettings: input.evaluation,
        },
      });
      const record = toPlanSettingsRecord(row);
      await recordAudit({
        db: tx,
        actor,
        entry: {
          municipalityId,
          planId: row.id,
          subjectType: 'plan',
          subjectId: row.id,
          operation: 'create',
          summary: `計画「${row.title}」を作成`,
          after: toPlanSnapshot(record),
        },
      });
      return record;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(input.slug);
    throw error;
  }
}

function slugTaken(slug: string): AppError {
  return new AppError({
    code: 'plan.already_exists',
    issues: [{ path: 'slug', message: `スラッグ "${slug}" はこの自治体の別の計画で使われています` }],
  });
}

/**
 * Changes a plan's settings. The period must still hold every task's fiscal year, and there must be a
 * level name for every level of nodes the plan has.
 */
export async function updatePlanSettings({
  db,
  actor,
  planId,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  input: PlanSettingsFields & { version: number };
}): Promise<PlanSettingsRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const stored = (await findPlanRow({ db: tx, planId, lock: true }))!;
      ensureVersion({ stored, version: input.version, current: () => toPlanSettingsRecord(stored) });
      const issues: ValidationIssue[] = [];
      const years = await findTaskYearRange({ db: tx, planId });
      if (years && (years.min < input.period.startFy || years.max > input.period.endFy)) {
        issues.push({
          path: 'period',
          message: `${formatFiscalYear(years.min)}〜${formatFiscalYear(years.max)}の年度タスクがあるため、計画期間はその年度を含むようにしてください`,
        });
      }
      const { maxDepth } = measureNodes(await listLiveNodes({ db: tx, planId }));
      if (maxDepth + 1 > input.levels.length) {
        issues.push({
          path: 'levels',
          message: `階層が${maxDepth + 1}段あるため、階層の名称は${maxDepth + 1}つ以上必要です`,
        });
      }
      if (
        input.slug !== stored.slug &&
        (await isPlanSlugTaken({
          db: tx,
          municipalityId: stored.municipalityId,
          slug: input.slug,
          exceptPlanId: planId,
        }))
      ) {
        throw slugTaken(input.slug);
      }
      if (issues.length > 0) throw invalidRequest(issues);
      const before = toPlanSettingsRecord(stored);
      const updated = await updatePlanRow({
        db: tx,
        planId,
        values: {
          slug: input.slug,
          title: input.title,
          startFy: input.period.startFy,
          endFy: input.period.endFy,
          levels: input.levels,
          actionLevel: input.actionLevel,
          evaluationSettings: input.evaluation,
        },
      });
      // The revision moves on once more as the change is committed (writePlanChange).
      const after = toPlanSettingsRecord({ ...updated, revision: updated.revision + 1 });
      const beforeSnapshot = toPlanSnapshot(before);
      const afterSnapshot = toPlanSnapshot(after);
      return {
        result: after,
        entry: {
          subjectType: 'plan',
          subjectId: planId,
          operation: 'update',
          summary: `計画「${after.title}」の設定を変更（${listChangedFieldLabels(beforeSnapshot, afterSnapshot)}）`,
          before: beforeSnapshot,
          after: afterSnapshot,
        },
      };
    },
  });
}

/* Nodes (the plan's levels: テーマ, 重点施策 …) */

async function findLiveNode({ db, planId, nodeId }: { db: Database; planId: string; nodeId: string }) {
  const node = await findNode({ db, planId, nodeId, lock: true });
  if (!node || node.archivedAt !== null) throw new AppError({ code: 'node.not_found' });
  return node;
}

export function nodeLabel(node: Pick<NodeRow, 'number' | 'title'>): string {
  return node.number ? `${node.number} ${node.title}` : node.title;
}

/** Adds a node at the end of its parent's nodes (or of the top level). */
export async function createNode({
  db,
  actor,
  planId,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  input: NodeFields & { key?: string | undefined; parentId: string | null };
}): Promise<NodeRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  const key = input.key ?? generateKey('node');
  return withDuplicateKeyCheck(key, () =>
    writePlanChange({
      db,
      actor,
      plan,
      work: async (tx) => {
        if (await isNodeKeyTaken({ db: tx, planId, key })) throw duplicateKey(key);
        const nodes = await listLiveNodes({ db: tx, planId });
        const parent = input.parentId ? nodes.find((node) => node.id === input.parentId) : null;
        if (input.parentId && !parent) throw new AppError({ code: 'node.not_found' });
        const depth = parent ? measureNodes(nodes).depthOf(parent.id) + 1 : 0;
        if (depth >= plan.levels.length) throw tooDeep(plan);
        const siblings = nodes.filter((node) => node.parentId === input.parentId);
        const row = await insertNode({
          db: tx,
          values: {
            municipalityId: plan.municipalityId,
            planId,
            parentId: input.parentId,
            key,
            number: input.number ?? null,
            title: input.title,
            description: input.description ?? null,
            position: siblings.length,
          },
        });
        const record = toNodeRecord(row);
        return {
          result: record,
          entry: {
            subjectType: 'node',
            subjectId: row.id,
            operation: 'create',
            summary: `${plan.levels[depth]}「${nodeLabel(row)}」を追加`,
            after: toNodeSnapshot(record, parent ? nodeLabel(parent) : null),
          },
        };
      },
    }),
  );
}

function tooDeep(plan: PlanRow): AppError {
  return invalidRequest([
    {
      path: 'parentId',
      message:
        plan.levels.length === 0
          ? 'この計画には階層がありません。計画の設定で階層の名称を追加してください'
          : `この計画の階層は${plan.levels.length}段（${plan.levels.join(' → ')}）までです`,
    },
  ]);
}

export async function updateNode({
  db,
  actor,
  planId,
  nodeId,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  nodeId: string;
  input: NodeFields & { version: number };
}): Promise<NodeRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const stored = await findLiveNode({ db: tx, planId, nodeId });
      ensureVersion({ stored, version: input.version, current: () => toNodeRecord(stored) });
      const parent = stored.parentId ? await findNode({ db: tx, planId, nodeId: stored.parentId }) : null;
      const parentLabel = parent ? nodeLabel(parent) : null;
      const updated = await updateNodeRow({
        db: tx,
        nodeId,
        values: { number: input.number ?? null, title: input.title, description: input.description ?? null },
      });
      const before = toNodeSnapshot(toNodeRecord(stored), parentLabel);
      const after = toNodeSnapshot(toNodeRecord(updated), parentLabel);
      return {
        result: toNodeRecord(updated),
        entry: {
          subjectType: 'node',
          subjectId: nodeId,
          operation: 'update',
          summary: `「${nodeLabel(updated)}」を変更（${listChangedFieldLabels(before, after)}）`,
          before,
          after,
        },
      };
    },
  });
}

/**
 * Moves a node to another parent and/or place among its siblings. The node and everything under it
 * must still fit in the plan's levels, and a node cannot go under itself.
 */
export async function moveNode({
  db,
  actor,
  planId,
  nodeId,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  nodeId: string;
  input: { parentId: string | null; position: number; version: number };
}): Promise<NodeRecord> {
  const plan = await getEditablePlan({ db, actor, planId });
  return writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const stored = await findLiveNode({ db: tx, planId, nodeId });
      ensureVersion({ stored, version: input.version, current: () => toNodeRecord(stored) });
      const nodes = await listLiveNodes({ db: tx, planId });
      const measure = measureNodes(nodes);
      const parent = input.parentId ? nodes.find((node) => node.id === input.parentId) : null;
      if (input.parentId && !parent) throw new AppError({ code: 'node.not_found' });
      if (parent && measure.isUnder(parent.id, nodeId)) {
        throw invalidRequest([{ path: 'parentId', message: '階層を自分自身の下には移動できません' }]);
      }
      const depth = parent ? measure.depthOf(parent.id) + 1 : 0;
      if (depth + measure.subtreeHeight(nodeId) >= plan.levels.length) throw tooDeep(plan);

      const oldParent = stored.parentId ? nodes.find((node) => node.id === stored.parentId) : null;
      const oldSiblings = nodes.filter((node) => node.parentId === stored.parentId && node.id !== nodeId);
      const newSiblings = nodes.filter((node) => node.parentId === input.parentId && node.id !== nodeId);
      const position = Math.min(input.position, newSiblings.length);
      const ordered = [...newSiblings.map((node) => node.id)];
      ordered.splice(position, 0, nodeId);
      if (stored.parentId !== input.parentId)
        await setNodePositions({ db: tx, nodeIds: oldSiblings.map((node) => node.id) });
      await setNodePositions({ db: tx, nodeIds: ordered });
      const updated = await updateNodeRow({ db: tx, nodeId, values: { parentId: input.parentId, position } });
      return {
        result: toNodeRecord(updated),
        entry: {
          subjectType: 'node',
          subjectId: nodeId,
          operation: 'move',
          summary: `「${nodeLabel(updated)}」を移動`,
          before: { parent: oldParent ? nodeLabel(oldParent) : null, position: stored.position + 1 },
          after: { parent: parent ? nodeLabel(parent) : null, position: position + 1 },
        },
      };
    },
  });
}

/** Archives a node; only an empty one (no live nodes or actions under it), so nothing goes unnoticed. */
export async function archiveNode({
  db,
  actor,
  planId,
  nodeId,
  version,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  nodeId: string;
  version: number;
}): Promise<void> {
  const plan = await getEditablePlan({ db, actor, planId });
  await writePlanChange({
    db,
    actor,
    plan,
    work: async (tx) => {
      const stored = await findLiveNode({ db: tx, planId, nodeId });
      ensureVersion({ stored, version, current: () => toNodeRecord(stored) });
      const contents = await countLiveChildren({ db: tx, planId, nodeId });
      if (contents.nodes > 0 || contents.actions > 0) {
        throw new AppError({
          code: 'record.not_empty',
          message: `「${nodeLabel(stored)}」の中に${[
            contents.nodes > 0 && `下の階層が${contents.nodes}件`,
            contents.actions > 0 && `${plan.actionLevel}が${contents.actions}件`,
          ]
            .filter(Boolean)
            .join('、')}あります。先に移動またはアーカイブしてください`,
        });
      }
      await updateNodeRow({ db: tx, nodeId, values: { archivedAt: new Date() } });
      return {
        result: undefined,
        entry: {
          subjectType: 'node',
          subjectId: nodeId,
          operation: 'archive',
          summary: `「${nodeLabel(stored)}」をアーカイブ`,
          before: toNodeSnapshot(toNodeRecord(stored), null),
        },
      };
    },
  });
}
