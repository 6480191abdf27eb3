import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { evidenceFilesTable } from '../evidence/evidence.table.js';
import type { ActionDetailResponse } from '../plans/plans.schemas.js';
import { kpiActualsTable, kpisTable, tasksTable } from '../plans/plans.table.js';
import type {
  ActionEditingResponse,
  ActionRecord,
  ActualRecord,
  KpiRecord,
  PlanOutlineResponse,
  TaskRecord,
} from './editing.schemas.js';
import { createEditingContext, type EditingContext } from './editing.test-fixtures.js';

let context: EditingContext;

beforeAll(async () => {
  context = await createEditingContext();
});

afterAll(async () => {
  await context?.close();
});

async function readEditing(actionKey: string): Promise<ActionEditingResponse> {
  const response = await context.send('admin', {
    method: 'GET',
    url: `/api/plans/${context.planId}/actions/${actionKey}/editing`,
  });
  expect(response.statusCode).toBe(200);
  return response.json<ActionEditingResponse>();
}

async function readActionPage(actionKey: string): Promise<ActionDetailResponse> {
  const response = await context.send('viewer', {
    method: 'GET',
    url: `/api/plans/${context.planId}/actions/${actionKey}`,
  });
  expect(response.statusCode).toBe(200);
  return response.json<ActionDetailResponse>();
}

function fieldsOf(action: ActionRecord) {
  const { id: _id, key: _key, nodeId: _node, position: _position, ...fields } = action;
  return fields;
}

async function createActionAsAdmin(payload: Record<string, unknown>): Promise<ActionRecord> {
  const response = await context.send('admin', {
    method: 'POST',
    url: `/api/plans/${context.planId}/actions`,
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ActionRecord>();
}

describe('POST /api/plans/:planId/actions', () => {
  const url = () => `/api/plans/${context.planId}/actions`;

  test('401 for a visitor, 400 with the field named, 403 for an editor, 201 with its key for the admin', async () => {
    const { nodes } = (
      await context.send('admin', { method: 'GET', url: `/api/plans/${context.planId}/outline` })
    ).json<PlanOutlineResponse>();
    const measure = nodes.find((node) => node.key === 'life-online')!;
    const payload = {
      number: '5',
      title: '窓口のキャッシュレス化',
      aim: '窓口で現金を扱わない',
      owners: ['citizens', 'tax'],
      nodeId: measure.id,
    };
    expect((await context.send('visitor', { method: 'POST', url: url(), payload })).statusCode).toBe(401);
    const invalid = await context.send('admin', {
      method: 'POST',
      url: url(),
      payload: { ...payload, number: '', owners: ['tax', 'tax'] },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.issues).toEqual([
      { path: 'body.number', message: '入力してください' },
      { path: 'body.owners', message: '同じ課が2回選ばれています' },
    ]);
    expect((await context.send('editor', { method: 'POST', url: url(), payload })).statusCode).toBe(403);

    const action = await createActionAsAdmin(payload);

    expect(action).toMatchObject({
      key: 'action-5',
      number: '5',
      owners: ['citizens', 'tax'],
      nodeId: measure.id,
      position: 2,
      version: 1,
    });
    const page = await readActionPage('action-5');
    expect(page.action.owners).toEqual(['citizens', 'tax']);
    expect(page.evaluation.rating.label).toBe('未評価');
    const [entry] = await context.readAudit({ subjectType: 'action', subjectId: action.id });
    expect(entry).toMatchObject({
      operation: 'create',
      actionKey: 'action-5',
      summary: 'アクション「5 窓口のキャッシュレス化」を追加',
    });
    expect(entry!.after).toMatchObject({ owners: ['市民課', '税務課'], aim: '窓口で現金を扱わない' });
  });

  test('an unknown department is named next to the owners field', async () => {
    const response = await context.send('admin', {
      method: 'POST',
      url: url(),
      payload: { number: '6', title: '未知の課', owners: ['no-such'], nodeId: null },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([
      { path: 'owners', message: '課 "no-such" は登録されていません' },
    ]);
  });

  test('a key already used, even by an archived action, is refused', async () => {
    const response = await context.send('admin', {
      method: 'POST',
      url: url(),
      payload: { key: 'a1', number: '7', title: '重複', owners: [], nodeId: null },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'record.duplicate_key' });
  });
});

describe('PUT /api/plans/:planId/actions/:actionKey', () => {
  test('the admin changes the action’s texts and owners; the page shows them and the history says what changed', async () => {
    const { action } = await readEditing('a2');
    const revisionBefore = await context.readRevision();
    const response = await context.send('admin', {
      method: 'PUT',
      url: `/api/plans/${context.planId}/actions/a2`,
      payload: {
        ...fieldsOf(action),
        title: 'キャッシュレス決済の導入',
        approach: '税・料金の窓口にキャッシュレス端末を置く',
        owners: ['tax', 'citizens'],
        schedule: [{ item: '端末', entries: [{ fy: 2024, text: '導入' }] }],
        status: 'active',
      },
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<ActionRecord>()).toMatchObject({
      version: action.version + 1,
      owners: ['tax', 'citizens'],
    });
    expect(await context.readRevision()).toBe(revisionBefore! + 1);
    const page = await readActionPage('a2');
    expect(page.action).toMatchObject({
      title: 'キャッシュレス決済の導入',
      owners: ['tax', 'citizens'],
      status: 'active',
      schedule: [{ item: '端末', entries: [{ fy: 2024, text: '導入' }] }],
    });
    const [entry] = await context.readAudit({ subjectType: 'action', subjectId: action.id });
    expect(entry!.summary).toBe(
      'アクション「2 キャッシュレス決済の導入」を変更（名称、やること、担い手、実施スケジュール、状態）',
    );
    expect(entry!.before).toMatchObject({ owners: ['税務課'], status: 'not_started' });
    expect(entry!.after).toMatchObject({
      owners: ['税務課', '市民課'],
      schedule: ['端末（令和6年度 導入）'],
    });
  });

  test('the final report and the overall assessment are left as they were', async () => {
    const { action } = await readEditing('a1');
    const before = await readActionPage('a1');
    const response = await context.send('admin', {
      method: 'PUT',
      url: `/api/plans/${context.planId}/actions/a1`,
      payload: { ...fieldsOf(action), note: '備考を更新' },
    });
    expect(response.statusCode).toBe(200);
    const after = await readActionPage('a1');
    expect(after.action.report).toEqual(before.action.report);
    expect(after.action.assessment).toEqual(before.action.assessment);
    expect(after.action.note).toBe('備考を更新');
  });

  test('a stale version is a 409 with the action as it is now; re-applying with that version succeeds', async () => {
    const { action } = await readEditing('a4');
    const first = await context.send('admin', {
      method: 'PUT',
      url: `/api/plans/${context.planId}/actions/a4`,
      payload: { ...fieldsOf(action), title: '先に保存した人の名称' },
    });
    expect(first.statusCode).toBe(200);

    const stale = await context.send('admin', {
      method: 'PUT',
      url: `/api/plans/${context.planId}/actions/a4`,
      payload: { ...fieldsOf(action), aim: '後から保存した人の目指すこと' },
    });
    expect(stale.statusCode).toBe(409);
    const current = stale.json().error.details.current as ActionRecord;
    expect(current).toMatchObject({ title: '先に保存した人の名称', version: action.version + 1 });

    const reapplied = await context.send('admin', {
      method: 'PUT',
      url: `/api/plans/${context.planId}/actions/a4`,
      payload: { ...fieldsOf(action), aim: '後から保存した人の目指すこと', version: current.version },
    });
    expect(reapplied.statusCode).toBe(200);
    expect(reapplied.json<ActionRecord>()).toMatchObject({ version: action.version + 2 });
  });
});

describe('moving and archiving actions', () => {
  test('an action moves to another node and its page’s path follows', async () => {
    const { nodes, action } = await readEditing('a4');
    const work = nodes.find((node) => node.key === 'work')!;
    const response = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/actions/a4/move`,
      payload: { parentId: work.id, position: 0, version: action.version },
    });
    expect(response.statusCode).toBe(200);
    expect((await readActionPage('a4')).path.map((node) => node.key)).toEqual(['work']);
    const [entry] = await context.readAudit({ subjectType: 'action', subjectId: action.id });
    expect(entry).toMatchObject({
      operation: 'move',
      before: { node: '計画の直下' },
      after: { node: '2 しごと' },
    });
  });

  test('archiving an action archives its tasks, KPIs and actuals too, and keeps its evidence rows', async () => {
    const action = await createActionAsAdmin({
      number: '8',
      title: 'アーカイブするアクション',
      owners: ['digital'],
      nodeId: null,
    });
    const task = (
      await context.send('admin', {
        method: 'POST',
        url: `/api/plans/${context.planId}/actions/${action.key}/tasks`,
        payload: { fy: 2024, department: 'digital', planText: '準備', progress: 10 },
      })
    ).json<TaskRecord>();
    const kpi = (
      await context.send('admin', {
        method: 'POST',
        url: `/api/plans/${context.planId}/actions/${action.key}/kpis`,
        payload: { name: '件数', unit: '件', direction: 'increase', target: { value: 10, fy: 2026 } },
      })
    ).json<KpiRecord>();
    await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/kpis/${kpi.id}/actuals`,
      payload: { value: 3, date: '2025-03-31' },
    });
    await context.db.insert(evidenceFilesTable).values({
      municipalityId: context.municipalityId,
      planId: context.planId,
      actionId: action.id,
      departmentId: context.departmentIds.get('digital')!,
      kind: 'photo',
      fileName: 'work.png',
      contentType: 'image/png',
      size: 1,
      sha256: 'x',
      data: Buffer.from([0]),
    });

    const response = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/actions/${action.key}/archive`,
      payload: { version: action.version },
    });

    expect(response.statusCode).toBe(200);
    const page = await context.send('viewer', {
      method: 'GET',
      url: `/api/plans/${context.planId}/actions/${action.key}`,
    });
    expect(page.statusCode).toBe(404);
    const [taskRow] = await context.db.select().from(tasksTable).where(eq(tasksTable.id, task.id));
    const [kpiRow] = await context.db.select().from(kpisTable).where(eq(kpisTable.id, kpi.id));
    const actuals = await context.db.select().from(kpiActualsTable).where(eq(kpiActualsTable.kpiId, kpi.id));
    expect(taskRow?.archivedAt).not.toBeNull();
    expect(kpiRow?.archivedAt).not.toBeNull();
    expect(actuals.every((row) => row.archivedAt !== null)).toBe(true);
    expect(
      await context.db.select().from(evidenceFilesTable).where(eq(evidenceFilesTable.actionId, action.id)),
    ).toHaveLength(1);
    const [entry] = await context.readAudit({ subjectType: 'action', subjectId: action.id });
    expect(entry).toMatchObject({
      operation: 'archive',
      summary: 'アクション「8 アーカイブするアクション」をアーカイブ',
    });
  });
});

describe('yearly tasks', () => {
  test('401 → 400 → 403 → 201: the admin adds a task and the action’s task mean changes', async () => {
    const url = `/api/plans/${context.planId}/actions/a2/tasks`;
    const payload = { fy: 2025, department: 'tax', planText: '端末の追加', progress: 50, expected: true };
    expect((await context.send('visitor', { method: 'POST', url, payload })).statusCode).toBe(401);
    const invalid = await context.send('admin', {
      method: 'POST',
      url,
      payload: { ...payload, progress: 120 },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.issues).toEqual([
      { path: 'body.progress', message: '100以下にしてください' },
    ]);
    expect((await context.send('editor', { method: 'POST', url, payload })).statusCode).toBe(403);

    const response = await context.send('admin', { method: 'POST', url, payload });

    expect(response.statusCode).toBe(201);
    const task = response.json<TaskRecord>();
    expect(task).toMatchObject({ fy: 2025, department: 'tax', progress: 50, expected: true, version: 1 });
    expect(task.key).toMatch(/^task-[0-9a-f]{8}$/);
    const page = await readActionPage('a2');
    expect(page.evaluation.tasks.years.map((year) => year.fy)).toEqual([2024, 2025]);
    const [entry] = await context.readAudit({ subjectType: 'task', subjectId: task.id });
    expect(entry).toMatchObject({ operation: 'create', actionKey: 'a2' });
    expect(entry!.summary).toBe(
      '2 キャッシュレス決済の導入の年度タスク 令和7年度・税務課「端末の追加」を追加',
    );
  });

  test('a fiscal year outside the plan period is refused next to the year field', async () => {
    const response = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/actions/a2/tasks`,
      payload: { fy: 2030, department: 'tax', planText: '期間外', progress: null },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([
      { path: 'fy', message: '年度は計画期間（令和5年度〜令和8年度）の中で選んでください' },
    ]);
  });

  test('the admin corrects a progress: 80% → 100% in the history, a stale version is a 409', async () => {
    const { tasks } = await readEditing('a2');
    const task = tasks.find((candidate) => candidate.fy === 2024)!;
    const { id: _id, key: _key, position: _position, ...fields } = task;
    const response = await context.send('admin', {
      method: 'PUT',
      url: `/api/plans/${context.planId}/tasks/${task.id}`,
      payload: { ...fields, progress: 80 },
    });
    expect(response.statusCode).toBe(200);
    const [entry] = await context.readAudit({ subjectType: 'task', subjectId: task.id });
    expect(entry).toMatchObject({ operation: 'update', before: { progress: 100 }, after: { progress: 80 } });
    expect(entry!.summary).toContain('を変更（進捗）');

    const stale = await context.send('admin', {
      method: 'PUT',
      url: `/api/plans/${context.planId}/tasks/${task.id}`,
      payload: { ...fields, progress: 90 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ progress: 80, version: task.version + 1 });
  });

  test('an archived task leaves the action page and cannot be changed any more', async () => {
    const { tasks } = await readEditing('a2');
    const task = tasks.find((candidate) => candidate.planText === '端末の追加')!;
    const response = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/tasks/${task.id}/archive`,
      payload: { version: task.version },
    });
    expect(response.statusCode).toBe(200);
    expect((await readActionPage('a2')).action.tasks.map((item) => item.planText)).not.toContain(
      '端末の追加',
    );
    const again = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/tasks/${task.id}/archive`,
      payload: { version: task.version + 1 },
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('task.not_found');
  });
});

describe('KPIs and actuals', () => {
  test('the admin adds a KPI and an actual, and the action is rated from the KPI', async () => {
    const kpiResponse = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/actions/a2/kpis`,
      payload: {
        name: 'キャッシュレス決済の割合',
        unit: '%',
        direction: 'increase',
        basis: 'ratio',
        target: { value: 50, fy: 2026 },
      },
    });
    expect(kpiResponse.statusCode, kpiResponse.body).toBe(201);
    const kpi = kpiResponse.json<KpiRecord>();
    const actualResponse = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/kpis/${kpi.id}/actuals`,
      payload: { value: 45, date: '2025-03-31' },
    });
    expect(actualResponse.statusCode).toBe(201);

    const page = await readActionPage('a2');
    expect(page.evaluation.basis).toBe('kpi');
    expect(page.evaluation.result?.shown).toBe(90);
    const [entry] = await context.readAudit({ subjectType: 'kpi_actual' });
    expect(entry!.summary).toBe(
      '2 キャッシュレス決済の導入の指標「キャッシュレス決済の割合」の実績値（令和7年3月31日 45%）を追加',
    );
  });

  test('a KPI without a target is a 400 naming the target, a viewer may not add one', async () => {
    const url = `/api/plans/${context.planId}/actions/a2/kpis`;
    const invalid = await context.send('admin', {
      method: 'POST',
      url,
      payload: { name: '目標なし', unit: '件', direction: 'increase' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.issues).toEqual([
      { path: 'body.target', message: '必須の項目です（値がありません）' },
    ]);
    const refused = await context.send('viewer', {
      method: 'POST',
      url,
      payload: { name: '閲覧者', unit: '件', direction: 'increase', target: { value: 1, fy: 2026 } },
    });
    expect(refused.statusCode).toBe(403);
  });

  test('changing a KPI and an actual moves their versions on; a stale actual is a 409', async () => {
    const { kpis } = await readEditing('a2');
    const kpi = kpis.find((candidate) => candidate.name === 'キャッシュレス決済の割合')!;
    const kpiResponse = await context.send('admin', {
      method: 'PUT',
      url: `/api/plans/${context.planId}/kpis/${kpi.id}`,
      payload: {
        name: kpi.name,
        unit: kpi.unit,
        direction: kpi.direction,
        basis: kpi.basis,
        baseline: { value: 20, date: '2024-03-31', label: '令和5年度末' },
        target: { value: 50, fy: 2026 },
        version: kpi.version,
      },
    });
    expect(kpiResponse.statusCode).toBe(200);
    const [kpiEntry] = await context.readAudit({ subjectType: 'kpi', subjectId: kpi.id });
    expect(kpiEntry!.summary).toContain('を変更（基準値、基準値の日付、基準値の時点）');

    const actual = kpi.actuals[0]!;
    const actualResponse = await context.send('admin', {
      method: 'PUT',
      url: `/api/plans/${context.planId}/actuals/${actual.id}`,
      payload: { value: 50, date: actual.date, version: actual.version },
    });
    expect(actualResponse.statusCode).toBe(200);
    expect(actualResponse.json<ActualRecord>()).toMatchObject({ value: 50, version: actual.version + 1 });
    expect((await readActionPage('a2')).evaluation.result?.shown).toBe(100);

    const stale = await context.send('admin', {
      method: 'PUT',
      url: `/api/plans/${context.planId}/actuals/${actual.id}`,
      payload: { value: 40, date: actual.date, version: actual.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ value: 50 });
  });

  test('archiving an actual and then its KPI takes them out of the evaluation', async () => {
    const { kpis } = await readEditing('a2');
    const kpi = kpis.find((candidate) => candidate.name === 'キャッシュレス決済の割合')!;
    const actual = kpi.actuals[0]!;
    const archivedActual = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/actuals/${actual.id}/archive`,
      payload: { version: actual.version },
    });
    expect(archivedActual.statusCode).toBe(200);
    expect((await readActionPage('a2')).evaluation.basis).not.toBe('kpi');

    const archivedKpi = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/kpis/${kpi.id}/archive`,
      payload: { version: kpi.version },
    });
    expect(archivedKpi.statusCode).toBe(200);
    expect((await readActionPage('a2')).action.kpis).toEqual([]);
    const entries = await context.readAudit({ subjectId: kpi.id });
    expect(entries.map((entry) => entry.operation)).toEqual(['archive', 'update', 'create']);
  });
});
