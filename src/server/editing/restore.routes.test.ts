import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ActionDetailResponse } from '../plans/plans.schemas.js';
import type {
  ActionEditingResponse,
  ActionRecord,
  KpiRecord,
  NodeRecord,
  TaskRecord,
} from './editing.schemas.js';
import { createEditingContext, type EditingContext } from './editing.test-fixtures.js';
import type { ArchivedItem, ArchivedItemsResponse } from './restore.schemas.js';

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
  expect(response.statusCode, response.body).toBe(200);
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

async function readArchived(): Promise<ArchivedItem[]> {
  const response = await context.send('admin', {
    method: 'GET',
    url: `/api/plans/${context.planId}/archived`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ArchivedItemsResponse>().items;
}

async function post<T>(url: string, payload: Record<string, unknown>, status = 200): Promise<T> {
  const response = await context.send('admin', { method: 'POST', url, payload });
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

async function archive(path: string, version: number): Promise<void> {
  await post(`/api/plans/${context.planId}/${path}/archive`, { version });
}

async function createAction(number: string, title: string): Promise<ActionRecord> {
  return post<ActionRecord>(
    `/api/plans/${context.planId}/actions`,
    { number, title, owners: ['digital'], nodeId: null },
    201,
  );
}

async function createTask(actionKey: string, planText: string): Promise<TaskRecord> {
  return post<TaskRecord>(
    `/api/plans/${context.planId}/actions/${actionKey}/tasks`,
    { fy: 2024, department: 'digital', planText, progress: 40 },
    201,
  );
}

describe('POST /api/plans/:planId/tasks/:taskId/restore', () => {
  test('401 → 400 → 403 → 200: the task is back, the history says so and the action’s evaluation returns', async () => {
    const before = await readActionPage('a1');
    const task = (await readEditing('a1')).tasks.find((candidate) => candidate.key === 't1')!;
    await archive(`tasks/${task.id}`, task.version);
    expect((await readActionPage('a1')).evaluation).not.toEqual(before.evaluation);

    const url = `/api/plans/${context.planId}/tasks/${task.id}/restore`;
    const payload = { version: task.version + 1 };
    expect((await context.send('visitor', { method: 'POST', url, payload })).statusCode).toBe(401);
    const invalid = await context.send('admin', { method: 'POST', url, payload: { version: 'one' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.issues[0].path).toBe('body.version');
    expect((await context.send('editor', { method: 'POST', url, payload })).statusCode).toBe(403);
    expect((await context.send('otherAdmin', { method: 'POST', url, payload })).statusCode).toBe(403);

    const revision = await context.readRevision();
    const response = await context.send('admin', { method: 'POST', url, payload });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().summary).toBe(
      '1 オンライン申請の拡充の年度タスク 令和5年度・デジタル戦略課「対象手続きの洗い出し」を復元',
    );
    expect(await context.readRevision()).toBe(revision! + 1);
    expect((await readActionPage('a1')).evaluation).toEqual(before.evaluation);
    expect((await readEditing('a1')).tasks.map((item) => item.id)).toContain(task.id);
    const [entry] = await context.readAudit({ subjectType: 'task', subjectId: task.id });
    expect(entry).toMatchObject({
      operation: 'restore',
      actionKey: 'a1',
      actorName: 'デジタル戦略課 管理者',
      after: { archivedAt: null },
    });
    expect(entry!.before).toEqual({ archivedAt: expect.any(String) });
    expect((await readArchived()).map((item) => item.id)).not.toContain(task.id);
  });

  test('a stale version is a 409, and a task that is not archived is not found', async () => {
    const action = await createAction('20', '版数を確かめるアクション');
    const task = await createTask(action.key, '版数');
    await archive(`tasks/${task.id}`, task.version);
    const url = `/api/plans/${context.planId}/tasks/${task.id}/restore`;

    const stale = await context.send('admin', { method: 'POST', url, payload: { version: task.version } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('record.conflict');

    await post(url, { version: task.version + 1 });
    const again = await context.send('admin', {
      method: 'POST',
      url,
      payload: { version: task.version + 2 },
    });
    expect(again.statusCode).toBe(404);
  });
});

describe('GET /api/plans/:planId/archived', () => {
  test('401 → 403 → 200: the archived records newest first, with their parent and who archived them', async () => {
    const url = `/api/plans/${context.planId}/archived`;
    expect((await context.send('visitor', { method: 'GET', url })).statusCode).toBe(401);
    expect((await context.send('editor', { method: 'GET', url })).statusCode).toBe(403);
    expect((await context.send('otherAdmin', { method: 'GET', url })).statusCode).toBe(403);

    const action = await createAction('21', '一覧を確かめるアクション');
    const first = await createTask(action.key, '先にアーカイブ');
    const second = await createTask(action.key, '後にアーカイブ');
    await archive(`tasks/${first.id}`, first.version);
    await archive(`tasks/${second.id}`, second.version);

    const items = await readArchived();
    const ids = items.map((item) => item.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(items.find((item) => item.id === first.id)).toMatchObject({
      kind: 'task',
      title: '令和6年度・デジタル戦略課「先にアーカイブ」',
      parent: '21 一覧を確かめるアクション',
      actionKey: action.key,
      parentArchived: false,
      archivedBy: 'デジタル戦略課 管理者',
      version: first.version + 1,
    });
    const archivedAt = items.map((item) => item.archivedAt);
    expect(archivedAt).toEqual([...archivedAt].sort().reverse());
  });
});

describe('restoring an action and what belongs to it', () => {
  test('an action comes back with what was archived together with it; what was archived before stays archived', async () => {
    const action = await createAction('22', '戻すアクション');
    const earlier = await createTask(action.key, '先にアーカイブしたタスク');
    const together = await createTask(action.key, '一緒にアーカイブしたタスク');
    const kpi = await post<KpiRecord>(
      `/api/plans/${context.planId}/actions/${action.key}/kpis`,
      { name: '件数', unit: '件', direction: 'increase', target: { value: 10, fy: 2026 } },
      201,
    );
    await post(`/api/plans/${context.planId}/kpis/${kpi.id}/actuals`, { value: 3, date: '2025-03-31' }, 201);
    await archive(`tasks/${earlier.id}`, earlier.version);
    await archive(`actions/${action.key}`, action.version);

    const listed = await readArchived();
    expect(listed.map((item) => item.id)).toEqual(expect.arrayContaining([action.id, earlier.id]));
    expect(listed.map((item) => item.id)).not.toContain(together.id);
    expect(listed.map((item) => item.id)).not.toContain(kpi.id);

    const refused = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/tasks/${earlier.id}/restore`,
      payload: { version: earlier.version + 1 },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'record.parent_archived',
      message:
        '属しているアクション「22 戻すアクション」がアーカイブされています。先にアクション「22 戻すアクション」を復元してください',
    });
    expect(listed.find((item) => item.id === earlier.id)?.parentArchived).toBe(true);

    const restored = await post<{ summary: string }>(
      `/api/plans/${context.planId}/actions/${action.key}/restore`,
      { version: action.version + 1 },
    );
    expect(restored.summary).toBe(
      'アクション「22 戻すアクション」を復元（一緒にアーカイブした年度タスク1件・指標1件も）',
    );
    const editing = await readEditing(action.key);
    expect(editing.tasks.map((task) => task.planText)).toEqual(['一緒にアーカイブしたタスク']);
    expect(editing.kpis.map((item) => item.actuals.length)).toEqual([1]);
    expect((await readArchived()).find((item) => item.id === earlier.id)?.parentArchived).toBe(false);

    await post(`/api/plans/${context.planId}/tasks/${earlier.id}/restore`, { version: earlier.version + 1 });
    expect((await readEditing(action.key)).tasks).toHaveLength(2);
  });

  test('an action whose number a live action now has is refused, naming that action', async () => {
    const action = await createAction('23', '番号が重なるアクション');
    await archive(`actions/${action.key}`, action.version);
    await createAction('23', '新しく番号を使うアクション');

    const response = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/actions/${action.key}/restore`,
      payload: { version: action.version + 1 },
    });

    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'record.number_taken',
      message:
        '番号 23 のアクション「新しく番号を使うアクション」がすでにあるため、復元できません。先にそちらの番号や名称を変更するか、アーカイブしてください',
    });
  });

  test('a KPI comes back with the actuals archived with it; a lone actual waits for its KPI', async () => {
    const kpi = await post<KpiRecord>(
      `/api/plans/${context.planId}/actions/a4/kpis`,
      { name: '参加者数', unit: '人', direction: 'increase', target: { value: 100, fy: 2026 } },
      201,
    );
    const url = `/api/plans/${context.planId}/kpis/${kpi.id}`;
    const lone = await post<{ id: string; version: number }>(
      `${url}/actuals`,
      { value: 10, date: '2024-03-31' },
      201,
    );
    await post(`${url}/actuals`, { value: 20, date: '2025-03-31' }, 201);
    await archive(`actuals/${lone.id}`, lone.version);
    await archive(`kpis/${kpi.id}`, kpi.version);

    const refused = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/actuals/${lone.id}/restore`,
      payload: { version: lone.version + 1 },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('指標「参加者数」を復元してください');

    await post(`${url}/restore`, { version: kpi.version + 1 });
    const restored = (await readEditing('a4')).kpis.find((item) => item.id === kpi.id)!;
    expect(restored.actuals.map((actual) => actual.value)).toEqual([20]);

    await post(`/api/plans/${context.planId}/actuals/${lone.id}/restore`, { version: lone.version + 1 });
    const entries = await context.readAudit({ subjectType: 'kpi_actual', subjectId: lone.id });
    expect(entries[0]).toMatchObject({ operation: 'restore' });
  });

  test('a node comes back at the end of its parent’s nodes', async () => {
    const node = await post<NodeRecord>(
      `/api/plans/${context.planId}/nodes`,
      { title: '戻す柱', number: '9', parentId: null },
      201,
    );
    await archive(`nodes/${node.id}`, node.version);
    const restored = await post<{ summary: string }>(
      `/api/plans/${context.planId}/nodes/${node.id}/restore`,
      {
        version: node.version + 1,
      },
    );
    expect(restored.summary).toBe('「9 戻す柱」を復元');
    const outline = await context.send('admin', {
      method: 'GET',
      url: `/api/plans/${context.planId}/outline`,
    });
    const topLevel = outline
      .json<{ nodes: NodeRecord[] }>()
      .nodes.filter((item) => item.parentId === null)
      .map((item) => item.id);
    expect(topLevel.at(-1)).toBe(node.id);
  });
});

describe('closed rounds', () => {
  test('a restore changes the live plan only: a closed round’s evaluation stays as it was frozen', async () => {
    const action = await createAction('25', '締め切り後に戻すアクション');
    const task = await createTask(action.key, '締め切り前にアーカイブ');
    await archive(`tasks/${task.id}`, task.version);
    const round = await post<{ id: string; version: number }>(
      `/api/plans/${context.planId}/rounds`,
      { fy: 2024, month: 9, dueDate: '2024-10-15' },
      201,
    );
    await post(`/api/plans/${context.planId}/rounds/${round.id}/close`, { version: round.version });
    const evaluationUrl = `/api/plans/${context.planId}/rounds/${round.id}/evaluation`;
    const frozen = await context.send('admin', { method: 'GET', url: evaluationUrl });
    expect(frozen.statusCode, frozen.body).toBe(200);

    await post(`/api/plans/${context.planId}/tasks/${task.id}/restore`, { version: task.version + 1 });

    expect((await readEditing(action.key)).tasks.map((item) => item.id)).toEqual([task.id]);
    const after = await context.send('admin', { method: 'GET', url: evaluationUrl });
    expect(after.json().detail).toEqual(frozen.json().detail);
  });
});
