import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseConnection } from '../../db/database.js';
import { createTestDatabase } from '../../db/test-database.js';
import type { PlanDocument } from '../../domain/plan.schemas.js';
import { auditEntriesTable } from '../audit/audit.table.js';
import { buildSuperAdminActor } from '../test-support.js';
import { loadPlanDocument, savePlanDocument } from './plans.repository.js';
import { actionsTable, kpiActualsTable, kpisTable, planNodesTable, tasksTable } from './plans.table.js';
import { buildPlanDocument, TEST_MUNICIPALITY_CODES } from './plans.test-fixtures.js';

let connection: DatabaseConnection;

beforeAll(async () => {
  connection = await createTestDatabase();
});

afterAll(async () => {
  await connection?.close();
});

/** Every stored row of the plan (archived ones too) with its id, version and archived flag. */
async function readRows(planId: string) {
  const { db } = connection;
  const describeRows = <Row extends { id: string; version: number; archivedAt: Date | null }>(
    rows: Row[],
    label: (row: Row) => string,
  ) =>
    new Map(
      rows.map((row) => [
        label(row),
        { id: row.id, version: row.version, archived: row.archivedAt !== null },
      ]),
    );
  const actions = await db.select().from(actionsTable).where(eq(actionsTable.planId, planId));
  const actionKey = new Map(actions.map((row) => [row.id, row.key]));
  const kpis = await db.select().from(kpisTable).where(eq(kpisTable.planId, planId));
  const kpiKey = new Map(kpis.map((row) => [row.id, `${actionKey.get(row.actionId)}/${row.key}`]));
  return {
    nodes: describeRows(
      await db.select().from(planNodesTable).where(eq(planNodesTable.planId, planId)),
      (row) => row.key,
    ),
    actions: describeRows(actions, (row) => row.key),
    tasks: describeRows(
      await db.select().from(tasksTable).where(eq(tasksTable.planId, planId)),
      (row) => `${actionKey.get(row.actionId)}/${row.fy}/${row.planText}`,
    ),
    kpis: describeRows(kpis, (row) => kpiKey.get(row.id)!),
    actuals: describeRows(
      await db.select().from(kpiActualsTable).where(eq(kpiActualsTable.planId, planId)),
      (row) => `${kpiKey.get(row.kpiId)}/${row.date}`,
    ),
  };
}

async function readReplaceEntries(planId: string) {
  return connection.db
    .select()
    .from(auditEntriesTable)
    .where(and(eq(auditEntriesTable.planId, planId), eq(auditEntriesTable.operation, 'replace')));
}

function findAction(document: PlanDocument, key: string) {
  const action = document.plan.nodes[0]!.children[0]!.actions.find((candidate) => candidate.key === key);
  if (!action) throw new Error(`no action ${key}`);
  return action;
}

describe('replacing a plan in place', () => {
  test('a replace with the same document keeps every id and version, and its history entry says nothing changed', async () => {
    const document = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'same' });
    const saved = await savePlanDocument({ db: connection.db, document });
    const before = await readRows(saved.planId);

    await savePlanDocument({ db: connection.db, document, replace: true, actor: buildSuperAdminActor() });

    expect(await readRows(saved.planId)).toEqual(before);
    const entries = await readReplaceEntries(saved.planId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.summary).toContain('変更なし');
    expect(entries[0]!.actorName).toBe('テスト管理者');
  });

  test('rows that continue keep their ids, changed ones move their version on, new ones are added and missing ones archived', async () => {
    const original = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'ids' });
    const saved = await savePlanDocument({ db: connection.db, document: original });
    const before = await readRows(saved.planId);

    const changed = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'ids' });
    const a1 = findAction(changed, 'a1');
    a1.title = 'オンライン申請の拡充（改訂）';
    a1.tasks[2]!.progress = 100;
    a1.tasks.push({ fy: 2026, department: 'digital', planText: '新しいタスク', progress: null });
    a1.kpis = a1.kpis.filter((kpi) => kpi.key !== 'paperless');
    a1.kpis[0]!.actuals[1]!.value = 1900;
    changed.plan.nodes = changed.plan.nodes.filter((node) => node.key !== 'work');

    await savePlanDocument({ db: connection.db, document: changed, replace: true });
    const after = await readRows(saved.planId);

    // The document reads back as what was saved.
    expect((await loadPlanDocument({ db: connection.db, planId: saved.planId }))?.document).toStrictEqual(
      changed,
    );
    // Same ids for what continues.
    expect(after.actions.get('a1')).toEqual({
      id: before.actions.get('a1')!.id,
      version: 2,
      archived: false,
    });
    expect(after.actions.get('a2')).toEqual(before.actions.get('a2'));
    expect(after.tasks.get('a1/2023/対象手続きの洗い出し')).toEqual(
      before.tasks.get('a1/2023/対象手続きの洗い出し'),
    );
    expect(after.tasks.get('a1/2024/申請フォーム作成')).toEqual({
      ...before.tasks.get('a1/2024/申請フォーム作成'),
      version: 2,
    });
    expect(after.kpis.get('a1/applications')).toEqual(before.kpis.get('a1/applications'));
    expect(after.actuals.get('a1/applications/2025-03-31')).toEqual({
      ...before.actuals.get('a1/applications/2025-03-31'),
      version: 2,
    });
    // New rows.
    expect(after.tasks.get('a1/2026/新しいタスク')).toMatchObject({ version: 1, archived: false });
    expect(before.tasks.has('a1/2026/新しいタスク')).toBe(false);
    // Missing rows are archived, not deleted: the node, its action, the KPI and its actual.
    expect(after.nodes.get('work')).toMatchObject({ id: before.nodes.get('work')!.id, archived: true });
    expect(after.actions.get('a3')).toMatchObject({ id: before.actions.get('a3')!.id, archived: true });
    expect(after.kpis.get('a1/paperless')).toMatchObject({ archived: true });
    expect(after.actuals.get('a1/paperless/2024-09-30')).toMatchObject({ archived: true });

    const [entry] = await readReplaceEntries(saved.planId);
    expect(entry!.after).toMatchObject({
      counts: {
        nodes: { added: 0, changed: 0, archived: 1 },
        actions: { added: 0, changed: 1, archived: 1 },
        tasks: { added: 1, changed: 1, archived: 0 },
        kpis: { added: 0, changed: 0, archived: 1 },
        actuals: { added: 0, changed: 1, archived: 1 },
      },
    });
    expect(entry!.summary).toContain('追加 1件・変更 3件・アーカイブ 4件');
  });

  test('an archived node or action whose key returns comes back with its id', async () => {
    const original = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'returns' });
    const saved = await savePlanDocument({ db: connection.db, document: original });
    const before = await readRows(saved.planId);
    const without = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'returns' });
    without.plan.nodes = without.plan.nodes.filter((node) => node.key !== 'work');
    await savePlanDocument({ db: connection.db, document: without, replace: true });

    await savePlanDocument({ db: connection.db, document: original, replace: true });

    const after = await readRows(saved.planId);
    expect(after.nodes.get('work')).toEqual({
      id: before.nodes.get('work')!.id,
      version: 3,
      archived: false,
    });
    expect(after.actions.get('a3')).toEqual({
      id: before.actions.get('a3')!.id,
      version: 3,
      archived: false,
    });
    expect((await loadPlanDocument({ db: connection.db, planId: saved.planId }))?.document).toStrictEqual(
      original,
    );
    const entries = await readReplaceEntries(saved.planId);
    expect(entries).toHaveLength(2);
  });

  test('an action moved to another node keeps its id, and tasks without a key are matched by year, department and order', async () => {
    const original = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'moved' });
    const saved = await savePlanDocument({ db: connection.db, document: original });
    const before = await readRows(saved.planId);

    const changed = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'moved' });
    const a2 = findAction(changed, 'a2');
    changed.plan.nodes[0]!.children[0]!.actions = changed.plan.nodes[0]!.children[0]!.actions.filter(
      (action) => action.key !== 'a2',
    );
    changed.plan.nodes[1]!.actions.push(a2);
    // A spreadsheet round trip drops the task's key and rewords it: still the same task.
    const a1 = findAction(changed, 'a1');
    delete a1.tasks[0]!.key;
    a1.tasks[0]!.planText = '対象手続きの洗い出し（全課）';

    await savePlanDocument({ db: connection.db, document: changed, replace: true });
    const after = await readRows(saved.planId);

    expect(after.actions.get('a2')).toEqual({ ...before.actions.get('a2'), version: 2 });
    expect(after.tasks.get('a1/2023/対象手続きの洗い出し（全課）')).toEqual({
      ...before.tasks.get('a1/2023/対象手続きの洗い出し'),
      version: 2,
    });
    expect((await loadPlanDocument({ db: connection.db, planId: saved.planId }))?.document).toStrictEqual(
      changed,
    );
  });

  test('two keyed tasks are never matched by order: a new key is a new task', async () => {
    const original = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'keys' });
    const saved = await savePlanDocument({ db: connection.db, document: original });
    const before = await readRows(saved.planId);
    const changed = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'keys' });
    findAction(changed, 'a1').tasks[0]!.key = 't1-renewed';

    await savePlanDocument({ db: connection.db, document: changed, replace: true });

    const tasks = await connection.db.select().from(tasksTable).where(eq(tasksTable.planId, saved.planId));
    const t1 = tasks.find((row) => row.key === 't1');
    const renewed = tasks.find((row) => row.key === 't1-renewed');
    expect(t1).toMatchObject({ id: before.tasks.get('a1/2023/対象手続きの洗い出し')!.id });
    expect(t1?.archivedAt).not.toBeNull();
    expect(renewed).toMatchObject({ version: 1, archivedAt: null });
    expect(renewed?.id).not.toBe(t1?.id);
  });

  test('a changed owner list moves the action’s version on', async () => {
    const original = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'owners' });
    const saved = await savePlanDocument({ db: connection.db, document: original });
    const changed = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'owners' });
    findAction(changed, 'a1').owners = ['citizens', 'digital', 'tax'];

    await savePlanDocument({ db: connection.db, document: changed, replace: true });

    expect((await readRows(saved.planId)).actions.get('a1')?.version).toBe(2);
    const stored = await loadPlanDocument({ db: connection.db, planId: saved.planId });
    expect(findAction(stored!.document, 'a1').owners).toEqual(['citizens', 'digital', 'tax']);
  });
});
