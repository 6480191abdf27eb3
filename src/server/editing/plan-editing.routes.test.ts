import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_EVALUATION_SETTINGS } from '../../domain/evaluation/settings.js';
import type { PlanDetailResponse } from '../plans/plans.schemas.js';
import type { NodeRecord, PlanOutlineResponse, PlanSettingsRecord } from './editing.schemas.js';
import { createEditingContext, type EditingContext } from './editing.test-fixtures.js';

let context: EditingContext;

beforeAll(async () => {
  context = await createEditingContext();
});

afterAll(async () => {
  await context?.close();
});

function buildNewPlan(overrides: Record<string, unknown> = {}) {
  return {
    slug: 'new-plan',
    title: '第2次 試験市DX推進計画',
    period: { startFy: 2026, endFy: 2029 },
    levels: ['柱', '施策'],
    actionLevel: 'アクション',
    evaluation: DEFAULT_EVALUATION_SETTINGS,
    ...overrides,
  };
}

async function readOutline(planId = context.planId): Promise<PlanOutlineResponse> {
  const response = await context.send('admin', { method: 'GET', url: `/api/plans/${planId}/outline` });
  expect(response.statusCode).toBe(200);
  return response.json<PlanOutlineResponse>();
}

describe('POST /api/municipalities/:municipalityId/plans', () => {
  const url = () => `/api/municipalities/${context.municipalityId}/plans`;

  test('a visitor is asked to log in', async () => {
    const response = await context.send('visitor', { method: 'POST', url: url(), payload: buildNewPlan() });
    expect(response.statusCode).toBe(401);
  });

  test('an invalid plan is refused with a Japanese message for each field', async () => {
    const response = await context.send('admin', {
      method: 'POST',
      url: url(),
      payload: buildNewPlan({
        slug: 'スラッグ',
        title: '',
        period: { startFy: 2029, endFy: 2026 },
        evaluation: {
          ...DEFAULT_EVALUATION_SETTINGS,
          ratingScale: [
            { key: 'a', label: '達成', min: 80 },
            { key: 'b', label: '未達', min: 90 },
          ],
        },
      }),
    });
    expect(response.statusCode).toBe(400);
    const issues = response.json().error.issues as { path: string; message: string }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'body.slug', message: 'キーは半角英数字と - _ で書いてください' },
        { path: 'body.title', message: '入力してください' },
        { path: 'body.period', message: '計画期間の終わりは始まり以降にしてください' },
        {
          path: 'body.evaluation.ratingScale[1].min',
          message: '評価区分の下限は上から順に小さくしてください',
        },
        { path: 'body.evaluation.ratingScale[1].min', message: '最後の評価区分の下限は 0 にしてください' },
      ]),
    );
  });

  test('an editor, a viewer and another municipality’s admin may not create a plan', async () => {
    for (const user of ['editor', 'viewer', 'otherAdmin'] as const) {
      const response = await context.send(user, { method: 'POST', url: url(), payload: buildNewPlan() });
      expect(response.statusCode, user).toBe(403);
    }
  });

  test('the admin creates an empty plan, with its history entry; the same slug again is refused', async () => {
    const response = await context.send('admin', { method: 'POST', url: url(), payload: buildNewPlan() });

    expect(response.statusCode).toBe(201);
    const plan = response.json<PlanSettingsRecord>();
    expect(plan).toMatchObject({
      slug: 'new-plan',
      title: '第2次 試験市DX推進計画',
      period: { startFy: 2026, endFy: 2029 },
      levels: ['柱', '施策'],
      version: 1,
      revision: 1,
    });
    expect(plan.evaluation.ratingScale.map((band) => band.label)).toEqual([
      '達成',
      'ほぼ達成',
      '概ね達成',
      'やや未達',
      '課題あり',
    ]);
    const page = await context.send('viewer', { method: 'GET', url: `/api/plans/${plan.id}` });
    expect(page.json<PlanDetailResponse>().plan).toMatchObject({ title: plan.title, actionCount: 0 });
    const [entry] = await context.readAudit({ subjectType: 'plan', subjectId: plan.id });
    expect(entry).toMatchObject({ operation: 'create', summary: '計画「第2次 試験市DX推進計画」を作成' });
    expect(entry!.after).toMatchObject({ period: '令和8年度〜令和11年度', levels: ['柱', '施策'] });

    const again = await context.send('admin', { method: 'POST', url: url(), payload: buildNewPlan() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.issues[0]).toMatchObject({ path: 'slug' });
  });
});

describe('PUT /api/plans/:planId/settings', () => {
  const url = () => `/api/plans/${context.planId}/settings`;
  const settingsOf = (plan: PlanSettingsRecord) => {
    const { id: _id, municipalityId: _municipality, revision: _revision, ...settings } = plan;
    return settings;
  };

  test('a visitor is asked to log in, a bad body is a 400, an editor is refused', async () => {
    const { plan } = await readOutline();
    expect(
      (await context.send('visitor', { method: 'PUT', url: url(), payload: settingsOf(plan) })).statusCode,
    ).toBe(401);
    const invalid = await context.send('admin', {
      method: 'PUT',
      url: url(),
      payload: { ...settingsOf(plan), version: 'one' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.issues[0].path).toBe('body.version');
    expect(
      (await context.send('editor', { method: 'PUT', url: url(), payload: settingsOf(plan) })).statusCode,
    ).toBe(403);
  });

  test('the admin changes the title and the rating scale: a new version, a new revision, one history entry', async () => {
    const { plan } = await readOutline();
    const revisionBefore = await context.readRevision();
    const response = await context.send('admin', {
      method: 'PUT',
      url: url(),
      payload: {
        ...settingsOf(plan),
        title: '試験市DX推進計画（改訂）',
        evaluation: { ...plan.evaluation, ratingScale: DEFAULT_EVALUATION_SETTINGS.ratingScale },
      },
    });

    expect(response.statusCode).toBe(200);
    const updated = response.json<PlanSettingsRecord>();
    expect(updated).toMatchObject({ title: '試験市DX推進計画（改訂）', version: plan.version + 1 });
    expect(await context.readRevision()).toBe(revisionBefore! + 1);
    expect(updated.revision).toBe(revisionBefore! + 1);
    const page = await context.send('admin', { method: 'GET', url: `/api/plans/${context.planId}` });
    expect(page.json<PlanDetailResponse>().ratings.map((rating) => rating.label)).toContain('ほぼ達成');
    const [entry] = await context.readAudit({ subjectType: 'plan', subjectId: context.planId });
    expect(entry).toMatchObject({ operation: 'update' });
    expect(entry!.summary).toBe('計画「試験市DX推進計画（改訂）」の設定を変更（名称、評価区分）');
  });

  test('a stale version is a 409 whose details carry the settings as they are now', async () => {
    const { plan } = await readOutline();
    const response = await context.send('admin', {
      method: 'PUT',
      url: url(),
      payload: { ...settingsOf(plan), title: '古い画面から', version: plan.version - 1 },
    });

    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'record.conflict',
      details: { current: { title: plan.title, version: plan.version } },
    });
  });

  test('a period that leaves out a year with tasks, and fewer level names than levels, are refused by field', async () => {
    const { plan } = await readOutline();
    const response = await context.send('admin', {
      method: 'PUT',
      url: url(),
      payload: { ...settingsOf(plan), period: { startFy: 2024, endFy: 2026 }, levels: ['テーマ'] },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([
      {
        path: 'period',
        message: '令和5年度〜令和8年度の年度タスクがあるため、計画期間はその年度を含むようにしてください',
      },
      { path: 'levels', message: '階層が2段あるため、階層の名称は2つ以上必要です' },
    ]);
  });
});

describe('nodes', () => {
  const nodesUrl = () => `/api/plans/${context.planId}/nodes`;

  test('adding a node: 401 for a visitor, 400 without a title, 403 for a viewer, 201 for the admin', async () => {
    const payload = { title: 'ぎょうせい', number: '3', parentId: null };
    expect((await context.send('visitor', { method: 'POST', url: nodesUrl(), payload })).statusCode).toBe(
      401,
    );
    const invalid = await context.send('admin', {
      method: 'POST',
      url: nodesUrl(),
      payload: { ...payload, title: ' ' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.issues).toEqual([{ path: 'body.title', message: '入力してください' }]);
    expect((await context.send('viewer', { method: 'POST', url: nodesUrl(), payload })).statusCode).toBe(403);

    const revisionBefore = await context.readRevision();
    const response = await context.send('admin', { method: 'POST', url: nodesUrl(), payload });

    expect(response.statusCode).toBe(201);
    const node = response.json<NodeRecord>();
    expect(node).toMatchObject({ title: 'ぎょうせい', number: '3', parentId: null, position: 2, version: 1 });
    expect(await context.readRevision()).toBe(revisionBefore! + 1);
    const [entry] = await context.readAudit({ subjectType: 'node', subjectId: node.id });
    expect(entry).toMatchObject({
      operation: 'create',
      summary: 'テーマ「3 ぎょうせい」を追加',
      actionKey: null,
    });
    const page = await context.send('admin', { method: 'GET', url: `/api/plans/${context.planId}` });
    expect(page.json<PlanDetailResponse>().nodes.map((item) => item.title)).toContain('ぎょうせい');
  });

  test('a node cannot go deeper than the plan’s levels', async () => {
    const { nodes } = await readOutline();
    const measure = nodes.find((node) => node.key === 'life-online')!;
    const response = await context.send('admin', {
      method: 'POST',
      url: nodesUrl(),
      payload: { title: '三段目', parentId: measure.id },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([
      { path: 'parentId', message: 'この計画の階層は2段（テーマ → 重点施策）までです' },
    ]);
  });

  test('renaming a node names the changed fields in its history entry; a stale version is a 409', async () => {
    const { nodes } = await readOutline();
    const work = nodes.find((node) => node.key === 'work')!;
    const response = await context.send('admin', {
      method: 'PUT',
      url: `${nodesUrl()}/${work.id}`,
      payload: { number: '2', title: 'はたらく', description: '職員の働き方', version: work.version },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<NodeRecord>()).toMatchObject({ title: 'はたらく', version: work.version + 1 });
    const [entry] = await context.readAudit({ subjectType: 'node', subjectId: work.id });
    expect(entry!.summary).toBe('「2 はたらく」を変更（名称、説明）');
    expect(entry!.before).toMatchObject({ title: 'しごと' });
    expect(entry!.after).toMatchObject({ title: 'はたらく' });

    const stale = await context.send('admin', {
      method: 'PUT',
      url: `${nodesUrl()}/${work.id}`,
      payload: { title: '古い画面から', version: work.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({
      title: 'はたらく',
      version: work.version + 1,
    });
  });

  test('moving a node reorders its siblings; it cannot go under itself', async () => {
    const { nodes } = await readOutline();
    const top = nodes.filter((node) => node.parentId === null).sort((a, b) => a.position - b.position);
    const last = top.at(-1)!;
    const response = await context.send('admin', {
      method: 'POST',
      url: `${nodesUrl()}/${last.id}/move`,
      payload: { parentId: null, position: 0, version: last.version },
    });
    expect(response.statusCode).toBe(200);
    const after = (await readOutline()).nodes.filter((node) => node.parentId === null);
    expect(after.sort((a, b) => a.position - b.position).map((node) => node.id)).toEqual([
      last.id,
      ...top.slice(0, -1).map((node) => node.id),
    ]);
    const [entry] = await context.readAudit({ subjectType: 'node', subjectId: last.id });
    expect(entry).toMatchObject({
      operation: 'move',
      before: { position: top.length },
      after: { position: 1 },
    });

    const life = nodes.find((node) => node.key === 'life')!;
    const child = nodes.find((node) => node.key === 'life-online')!;
    const cycle = await context.send('admin', {
      method: 'POST',
      url: `${nodesUrl()}/${life.id}/move`,
      payload: { parentId: child.id, position: 0, version: life.version },
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.issues[0].message).toBe('階層を自分自身の下には移動できません');
  });

  test('a node with actions in it is not archived; an empty one is archived and leaves the plan', async () => {
    const { nodes } = await readOutline();
    const life = nodes.find((node) => node.key === 'life')!;
    const refused = await context.send('admin', {
      method: 'POST',
      url: `${nodesUrl()}/${life.id}/archive`,
      payload: { version: life.version },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'record.not_empty' });
    expect(refused.json().error.message).toContain('下の階層が1件');

    const created = await context.send('admin', {
      method: 'POST',
      url: nodesUrl(),
      payload: { title: '一時的なテーマ', parentId: null },
    });
    const node = created.json<NodeRecord>();
    const archived = await context.send('admin', {
      method: 'POST',
      url: `${nodesUrl()}/${node.id}/archive`,
      payload: { version: node.version },
    });
    expect(archived.statusCode).toBe(200);
    expect((await readOutline()).nodes.map((item) => item.id)).not.toContain(node.id);
    const [entry] = await context.readAudit({ subjectType: 'node', subjectId: node.id });
    expect(entry).toMatchObject({ operation: 'archive', summary: '「一時的なテーマ」をアーカイブ' });
    const again = await context.send('admin', {
      method: 'PUT',
      url: `${nodesUrl()}/${node.id}`,
      payload: { title: 'もう一度', version: node.version + 1 },
    });
    expect(again.statusCode).toBe(404);
  });
});
