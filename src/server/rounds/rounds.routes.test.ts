import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEntries } from '../audit/audit.repository.js';
import { listDepartments } from '../departments/departments.repository.js';
import type { PlanDetailResponse } from '../plans/plans.schemas.js';
import { buildPlanDocumentInput } from '../plans/plans.test-fixtures.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { createTestApp, createTestUser, loginAs, type TestApp } from '../test-support.js';
import type {
  DepartmentProgressResponse,
  KpiSaveResponse,
  RoundBoardResponse,
  RoundEvaluationResponse,
  RoundListResponse,
  RoundView,
  SubmissionResponse,
  TaskConflictCurrent,
  TaskSaveResponse,
} from './rounds.schemas.js';

/*
 * A progress round over HTTP, as the DX office and two departments of 試験市 live it: the office opens
 * the FY2024 September round; デジタル戦略課 updates its task, a KPI and the assessment, submits, is sent
 * back, fixes and resubmits; the office accepts and closes; a later edit is refused.
 */

let testApp: TestApp;
let planId: string;
let municipalityId: string;
let departments: Map<string, string>;
const cookies: Record<'admin' | 'editor' | 'otherEditor' | 'viewer' | 'otherAdmin', string> = {
  admin: '',
  editor: '',
  otherEditor: '',
  viewer: '',
  otherAdmin: '',
};

type Who = keyof typeof cookies | 'visitor';

function send(who: Who, options: InjectOptions) {
  return testApp.app.inject({
    ...options,
    headers: { ...options.headers, ...(who !== 'visitor' && { cookie: cookies[who] }) },
  });
}

beforeAll(async () => {
  testApp = await createTestApp();
  const { db, app } = testApp;
  const saved = await importPlanDocument({ db, input: buildPlanDocumentInput() });
  const other = await importPlanDocument({
    db,
    input: buildPlanDocumentInput({ code: '412066', municipalityName: '他市' }),
  });
  planId = saved.planId;
  municipalityId = saved.municipalityId;
  departments = new Map(
    (await listDepartments({ db, municipalityId })).map((department) => [department.key, department.id]),
  );
  const member = async (
    login: string,
    role: 'admin' | 'editor' | 'viewer',
    keys: string[] = [],
    id = municipalityId,
  ) => {
    const user = await createTestUser({
      db,
      login,
      displayName: login,
      membership: { municipalityId: id, role, departmentIds: keys.map((key) => departments.get(key)!) },
    });
    return loginAs({ app, user });
  };
  cookies.admin = await member('dx-office', 'admin');
  cookies.editor = await member('digital-clerk', 'editor', ['digital']);
  cookies.otherEditor = await member('tax-clerk', 'editor', ['tax']);
  cookies.viewer = await member('council', 'viewer');
  cookies.otherAdmin = await member('other-admin', 'admin', [], other.municipalityId);
});

afterAll(async () => {
  await testApp?.close();
});

const roundsUrl = () => `/api/plans/${planId}/rounds`;
let round: RoundView;
const departmentUrl = (key = 'digital', roundId = round.id) =>
  `/api/plans/${planId}/rounds/${roundId}/departments/${departments.get(key)}`;

async function getPage(who: Who = 'editor', key = 'digital', roundId = round.id) {
  const response = await send(who, { method: 'GET', url: departmentUrl(key, roundId) });
  expect(response.statusCode).toBe(200);
  return response.json<DepartmentProgressResponse>();
}

async function getPlanRevision(): Promise<number> {
  const response = await send('admin', { method: 'GET', url: `/api/plans/${planId}` });
  return response.json<PlanDetailResponse>().plan.revision;
}

async function latestAudit(subjectType: string) {
  const [entry] = await listAuditEntries({
    db: testApp.db,
    filter: { municipalityId, planId, subjectTypes: [subjectType], limit: 1 },
  });
  return entry;
}

describe('opening a round', () => {
  const body = { fy: 2024, month: 9, dueDate: '2024-10-15', note: '9月末時点の進捗を入力してください' };

  test('a visitor is asked to log in', async () => {
    const response = await send('visitor', { method: 'POST', url: roundsUrl(), payload: body });
    expect(response.statusCode).toBe(401);
  });

  test('a month that is not a check month is a 400 naming the field', async () => {
    const response = await send('admin', {
      method: 'POST',
      url: roundsUrl(),
      payload: { ...body, month: 10 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([
      { path: 'body.month', message: '確認月は 6月（年度計画）・9月・12月・3月 から選んでください' },
    ]);
  });

  test('a year outside the plan period is a 400 that names the period', async () => {
    const response = await send('admin', {
      method: 'POST',
      url: roundsUrl(),
      payload: { ...body, fy: 2030 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([
      { path: 'fy', message: '年度は計画期間（令和5年度〜令和8年度）の中から選んでください' },
    ]);
  });

  test('an editor, a viewer and another municipality’s admin may not open one', async () => {
    for (const who of ['editor', 'viewer', 'otherAdmin'] as const) {
      const response = await send(who, { method: 'POST', url: roundsUrl(), payload: body });
      expect(response.statusCode, who).toBe(403);
    }
  });

  test('the office opens the round; every department with tasks that year gets its submission', async () => {
    const revision = await getPlanRevision();
    const response = await send('admin', { method: 'POST', url: roundsUrl(), payload: body });

    expect(response.statusCode).toBe(201);
    round = response.json<RoundView>();
    expect(round).toMatchObject({
      fy: 2024,
      month: 9,
      title: '令和6年度 9月の進捗確認',
      dueDate: '2024-10-15',
      referenceDate: '2024-09-30',
      status: 'open',
      version: 1,
    });
    const board = (
      await send('viewer', { method: 'GET', url: `${roundsUrl()}/${round.id}` })
    ).json<RoundBoardResponse>();
    expect(board.submissions.map((s) => [s.departmentName, s.status])).toEqual([
      ['デジタル戦略課', 'not_started'],
      ['税務課', 'not_started'],
    ]);
    expect(await getPlanRevision()).toBe(revision + 1);
    expect(await latestAudit('round')).toMatchObject({
      operation: 'open',
      summary: '令和6年度 9月の進捗確認を開始（提出期限 令和6年10月15日・対象 2課）',
    });
  });

  test('a second round while one is open is refused, whatever its month', async () => {
    const response = await send('admin', {
      method: 'POST',
      url: roundsUrl(),
      payload: { ...body, month: 12 },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'round.already_open',
      message:
        'この計画には受付中の進捗確認（令和6年度 9月の進捗確認）があります。締め切ってから新しい進捗確認を始めてください',
    });
  });

  test('the plan’s round list shows the round with its departments', async () => {
    const response = await send('editor', { method: 'GET', url: roundsUrl() });
    const list = response.json<RoundListResponse>();
    expect(list.rounds).toHaveLength(1);
    expect(list.rounds[0]!.submissions.map((s) => s.departmentName)).toEqual(['デジタル戦略課', '税務課']);
  });

  test('the header’s list of open rounds names the editor’s own department only', async () => {
    const response = await send('editor', { method: 'GET', url: '/api/rounds/open' });
    expect(response.json().rounds).toEqual([
      expect.objectContaining({
        id: round.id,
        title: '令和6年度 9月の進捗確認',
        departments: [{ id: departments.get('digital'), name: 'デジタル戦略課', status: 'not_started' }],
      }),
    ]);
    const forAdmin = await send('admin', { method: 'GET', url: '/api/rounds/open' });
    expect(forAdmin.json().rounds[0].departments).toEqual([]);
    const forOtherCity = await send('otherAdmin', { method: 'GET', url: '/api/rounds/open' });
    expect(forOtherCity.json().rounds).toEqual([]);
  });
});

describe('the department’s page', () => {
  test('lists only the department’s tasks of the round’s year, grouped by action, with the KPIs and assessment of what it owns', async () => {
    const page = await getPage();

    expect(page.department.name).toBe('デジタル戦略課');
    expect(page.editable).toBe(true);
    expect(page.actions.map((action) => action.key)).toEqual(['a1']);
    const [a1] = page.actions;
    expect(a1!.owned).toBe(true);
    expect(a1!.tasks.map((task) => [task.planText, task.progress])).toEqual([['申請フォーム作成', 97.5]]);
    expect(a1!.kpis.map((kpi) => kpi.name)).toEqual(['オンライン申請数', '紙の申請書の枚数']);
    expect(a1!.kpis[0]!.actuals.map((actual) => actual.value)).toEqual([1500, 1800.5]);
    expect(a1!.assessment).toMatchObject({ rate: 70, reason: '対象手続きの拡大が遅れた' });
    expect(page.previousRound).toBeNull();
  });

  test('the page carries an ETag: unchanged, it is a 304; after a change, the new content', async () => {
    const first = await send('editor', { method: 'GET', url: departmentUrl() });
    const etag = first.headers.etag as string;
    const again = await send('editor', {
      method: 'GET',
      url: departmentUrl(),
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);

    const submission = first.json<DepartmentProgressResponse>().submission;
    await send('admin', {
      method: 'PATCH',
      url: `${roundsUrl()}/${round.id}`,
      payload: { dueDate: round.dueDate, note: '期限厳守でお願いします', version: round.version },
    });
    round = (
      await send('admin', { method: 'GET', url: `${roundsUrl()}/${round.id}` })
    ).json<RoundBoardResponse>().round;
    const changed = await send('editor', {
      method: 'GET',
      url: departmentUrl(),
      headers: { 'if-none-match': etag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<DepartmentProgressResponse>().round.note).toBe('期限厳守でお願いします');
    expect(changed.json<DepartmentProgressResponse>().submission).toEqual(submission);
  });

  test('a department without tasks that year is not part of the round', async () => {
    const response = await send('admin', { method: 'GET', url: departmentUrl('citizens') });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('submission.not_found');
  });

  test('another municipality’s admin may not read it', async () => {
    const response = await send('otherAdmin', { method: 'GET', url: departmentUrl() });
    expect(response.statusCode).toBe(403);
  });
});

describe('saving a task row', () => {
  let taskId: string;
  let version: number;

  beforeAll(async () => {
    const task = (await getPage()).actions[0]!.tasks[0]!;
    taskId = task.id;
    version = task.version;
  });

  const taskUrl = () => `${departmentUrl()}/tasks/${taskId}`;

  test('a progress above 100 is a 400 with the field’s Japanese message', async () => {
    const response = await send('editor', {
      method: 'PATCH',
      url: taskUrl(),
      payload: { progress: 120, comment: '', version, commentVersion: 0 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([
      { path: 'body.progress', message: '進捗率は 100 以下にしてください' },
    ]);
  });

  test('another department’s editor and a viewer may not change it', async () => {
    for (const who of ['otherEditor', 'viewer'] as const) {
      const response = await send(who, {
        method: 'PATCH',
        url: taskUrl(),
        payload: { progress: 10, comment: '', version, commentVersion: 0 },
      });
      expect(response.statusCode, who).toBe(403);
    }
  });

  test('the department saves progress and a comment: one audit entry, a new revision, the submission in draft', async () => {
    const revision = await getPlanRevision();
    const response = await send('editor', {
      method: 'PATCH',
      url: taskUrl(),
      payload: { progress: 80, comment: '申請フォームを10件作成', version, commentVersion: 0 },
    });

    expect(response.statusCode).toBe(200);
    const saved = response.json<TaskSaveResponse>();
    expect(saved.task).toMatchObject({
      progress: 80,
      version: version + 1,
      comment: { body: '申請フォームを10件作成', version: 1 },
    });
    expect(saved.submission).toMatchObject({ status: 'draft', lastEditedByName: 'digital-clerk' });
    expect(await getPlanRevision()).toBe(revision + 1);
    expect(await latestAudit('task')).toMatchObject({
      operation: 'progress',
      actionKey: 'a1',
      subjectId: taskId,
      summary:
        'デジタル戦略課：アクション1「オンライン申請の拡充」のタスク「申請フォーム作成」の進捗 97.5% → 80%、コメントを更新（令和6年度 9月の進捗確認）',
      before: { progress: 97.5, comment: '' },
      after: { progress: 80, comment: '申請フォームを10件作成' },
    });
    version = saved.task.version;
  });

  test('a save that names an old version is a 409 carrying what the other person entered', async () => {
    const response = await send('admin', {
      method: 'PATCH',
      url: taskUrl(),
      payload: { progress: 90, comment: '', version: version - 1, commentVersion: 0 },
    });

    expect(response.statusCode).toBe(409);
    const error = response.json().error;
    expect(error.code).toBe('record.conflict');
    expect(error.message).toMatch(/^digital-clerkが先にこのタスクを更新しました。/);
    const current = error.details.current as TaskConflictCurrent;
    expect(current).toMatchObject({
      progress: 80,
      version,
      comment: { body: '申請フォームを10件作成', version: 1 },
    });
    expect(current.lastChange?.byName).toBe('digital-clerk');
  });

  test('the plan text may only change in the June round', async () => {
    const response = await send('editor', {
      method: 'PATCH',
      url: taskUrl(),
      payload: {
        progress: 80,
        comment: '申請フォームを10件作成',
        planText: '別の計画',
        version,
        commentVersion: 1,
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([
      { path: 'planText', message: '計画の内容は、6月（年度計画）の進捗確認でのみ変更できます' },
    ]);
  });

  test('a task of another department is not found through this department’s page', async () => {
    const tax = (await getPage('admin', 'tax')).actions[0]!.tasks[0]!;
    const response = await send('editor', {
      method: 'PATCH',
      url: `${departmentUrl()}/tasks/${tax.id}`,
      payload: { progress: 10, comment: '', version: tax.version, commentVersion: 0 },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('task.not_found');
  });
});

describe('KPI actuals and the overall assessment', () => {
  test('the department adds an actual with its date; the KPI’s version guards the series', async () => {
    const kpi = (await getPage()).actions[0]!.kpis[0]!;
    const url = `${departmentUrl()}/kpis/${kpi.id}/actuals`;

    const invalid = await send('editor', {
      method: 'POST',
      url,
      payload: { value: 1900, date: '2024-09-31', kpiVersion: kpi.version },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.issues[0]).toEqual({
      path: 'body.date',
      message: '日付は YYYY-MM-DD 形式で入力してください',
    });

    const response = await send('editor', {
      method: 'POST',
      url,
      payload: { value: 1900, date: '2024-09-30', kpiVersion: kpi.version },
    });
    expect(response.statusCode).toBe(200);
    const saved = response.json<KpiSaveResponse>();
    expect(saved.kpi.version).toBe(kpi.version + 1);
    expect(saved.kpi.actuals.map((actual) => actual.value)).toEqual([1500, 1800.5, 1900]);
    expect(await latestAudit('kpi_actual')).toMatchObject({
      operation: 'create',
      actionKey: 'a1',
      summary:
        'デジタル戦略課：アクション1「オンライン申請の拡充」の指標「オンライン申請数」の実績値 1,900件（令和6年9月30日時点）を登録（令和6年度 9月の進捗確認）',
    });

    const stale = await send('editor', {
      method: 'POST',
      url,
      payload: { value: 2000, date: '2024-09-30', kpiVersion: kpi.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.actuals).toHaveLength(3);

    const added = saved.kpi.actuals[2]!;
    const corrected = await send('editor', {
      method: 'PATCH',
      url: `${url}/${added.id}`,
      payload: { value: 1950, date: '2024-09-30', kpiVersion: saved.kpi.version },
    });
    expect(corrected.json<KpiSaveResponse>().kpi.actuals[2]!.value).toBe(1950);
    const removed = await send('editor', {
      method: 'POST',
      url: `${url}/${added.id}/archive`,
      payload: { kpiVersion: saved.kpi.version + 1 },
    });
    expect(removed.json<KpiSaveResponse>().kpi.actuals).toHaveLength(2);
    expect(await latestAudit('kpi_actual')).toMatchObject({ operation: 'archive' });
  });

  test('a KPI of an action the department does not own is not found', async () => {
    const kpi = (await getPage()).actions[0]!.kpis[0]!;
    const response = await send('otherEditor', {
      method: 'POST',
      url: `${departmentUrl('tax')}/kpis/${kpi.id}/actuals`,
      payload: { value: 1, date: '2024-09-30', kpiVersion: kpi.version },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toBe(
      '指定された指標は、税務課が担い手のアクションの指標ではありません',
    );
  });

  test('the assessment needs its reason, and then is saved with an audit entry', async () => {
    const assessment = (await getPage()).actions[0]!.assessment!;
    const url = `${departmentUrl()}/actions/a1/assessment`;

    const missing = await send('editor', {
      method: 'PUT',
      url,
      payload: { rate: 85, reason: '', version: assessment.version },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.issues).toEqual([
      { path: 'body.reason', message: '総括評価の理由を入力してください（必須）' },
    ]);

    const saved = await send('editor', {
      method: 'PUT',
      url,
      payload: { rate: 85, reason: '対象手続きを30件に拡大した', version: assessment.version },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().assessment).toMatchObject({
      rate: 85,
      reason: '対象手続きを30件に拡大した',
      version: assessment.version + 1,
    });
    expect(await latestAudit('assessment')).toMatchObject({ operation: 'update', actionKey: 'a1' });

    const stale = await send('editor', {
      method: 'PUT',
      url,
      payload: { rate: 60, reason: '再評価', version: assessment.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({
      rate: 85,
      lastChange: { byName: 'digital-clerk' },
    });
  });
});

describe('submitting, returning and accepting', () => {
  let version: number;

  test('an editor of another department may not submit this one', async () => {
    const submission = (await getPage()).submission;
    version = submission.version;
    const response = await send('otherEditor', {
      method: 'POST',
      url: `${departmentUrl()}/submit`,
      payload: { version },
    });
    expect(response.statusCode).toBe(403);
  });

  test('the department submits; its figures are then locked with a clear message', async () => {
    const response = await send('editor', {
      method: 'POST',
      url: `${departmentUrl()}/submit`,
      payload: { version },
    });
    expect(response.statusCode).toBe(200);
    const { submission } = response.json<SubmissionResponse>();
    expect(submission).toMatchObject({
      status: 'submitted',
      submittedByName: 'digital-clerk',
      version: version + 1,
    });
    version = submission.version;
    expect(await latestAudit('submission')).toMatchObject({
      operation: 'submit',
      summary: 'デジタル戦略課が令和6年度 9月の進捗確認の内容を提出',
    });

    const page = await getPage();
    expect(page.editable).toBe(false);
    const task = page.actions[0]!.tasks[0]!;
    const edit = await send('editor', {
      method: 'PATCH',
      url: `${departmentUrl()}/tasks/${task.id}`,
      payload: {
        progress: 85,
        comment: '',
        version: task.version,
        commentVersion: task.comment?.version ?? 0,
      },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error).toMatchObject({
      code: 'submission.locked',
      message: '提出済みのため変更できません。修正が必要な場合は、DX推進担当課に差し戻しを依頼してください',
    });
  });

  test('returning needs a comment, and only the office may return', async () => {
    const url = `${departmentUrl()}/return`;
    const empty = await send('admin', { method: 'POST', url, payload: { version, comment: ' ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.issues).toEqual([
      { path: 'body.comment', message: '差し戻しの理由（担当課へのコメント）を入力してください' },
    ]);
    const byEditor = await send('editor', {
      method: 'POST',
      url,
      payload: { version, comment: '自分で戻す' },
    });
    expect(byEditor.statusCode).toBe(403);
  });

  test('the office returns it with a comment; the department sees the comment and may edit again', async () => {
    const response = await send('admin', {
      method: 'POST',
      url: `${departmentUrl()}/return`,
      payload: { version, comment: '進捗率の根拠をコメントに書いてください' },
    });
    expect(response.statusCode).toBe(200);
    version = response.json<SubmissionResponse>().submission.version;

    const page = await getPage();
    expect(page.submission).toMatchObject({
      status: 'returned',
      reviewComment: '進捗率の根拠をコメントに書いてください',
      reviewedByName: 'dx-office',
    });
    expect(page.editable).toBe(true);
    const task = page.actions[0]!.tasks[0]!;
    const edit = await send('editor', {
      method: 'PATCH',
      url: `${departmentUrl()}/tasks/${task.id}`,
      payload: {
        progress: 85,
        comment: '申請フォーム12件（根拠: 公開済み一覧）',
        version: task.version,
        commentVersion: 1,
      },
    });
    expect(edit.statusCode).toBe(200);
    // Editing keeps it returned, so the office's comment stays in view until it is submitted again.
    expect(edit.json<TaskSaveResponse>().submission.status).toBe('returned');
  });

  test('accepting before it is submitted again is refused; after resubmission it is accepted', async () => {
    const early = await send('admin', {
      method: 'POST',
      url: `${departmentUrl()}/accept`,
      payload: { version },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'submission.invalid_transition',
      message: '差し戻し中のため、承認できません。再提出を待ってください',
    });

    const resubmitted = await send('editor', {
      method: 'POST',
      url: `${departmentUrl()}/submit`,
      payload: { version },
    });
    version = resubmitted.json<SubmissionResponse>().submission.version;
    const accepted = await send('admin', {
      method: 'POST',
      url: `${departmentUrl()}/accept`,
      payload: { version, comment: '確認しました' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<SubmissionResponse>().submission).toMatchObject({
      status: 'accepted',
      reviewComment: '確認しました',
    });
    expect(await latestAudit('submission')).toMatchObject({ operation: 'accept' });
  });

  test('a review step that names an old version is a 409 with the current submission', async () => {
    const response = await send('admin', {
      method: 'POST',
      url: `${departmentUrl()}/return`,
      payload: { version: 1, comment: 'もう一度' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details.current.status).toBe('accepted');
  });
});

describe('closing the round', () => {
  test('the due date can change while the round is open, with its version', async () => {
    const response = await send('admin', {
      method: 'PATCH',
      url: `${roundsUrl()}/${round.id}`,
      payload: { dueDate: '2024-10-18', note: null, version: round.version },
    });
    expect(response.statusCode).toBe(200);
    round = response.json<RoundView>();
    expect(round).toMatchObject({ dueDate: '2024-10-18', note: null, version: 3 });
    const stale = await send('admin', {
      method: 'PATCH',
      url: `${roundsUrl()}/${round.id}`,
      payload: { dueDate: '2024-10-20', note: null, version: 2 },
    });
    expect(stale.statusCode).toBe(409);
  });

  test('only the office closes; closing freezes the figures and keeps the evaluation as it stood', async () => {
    const byEditor = await send('editor', {
      method: 'POST',
      url: `${roundsUrl()}/${round.id}/close`,
      payload: { version: round.version },
    });
    expect(byEditor.statusCode).toBe(403);

    const open = await send('admin', { method: 'GET', url: `${roundsUrl()}/${round.id}/evaluation` });
    expect(open.statusCode).toBe(404);

    const response = await send('admin', {
      method: 'POST',
      url: `${roundsUrl()}/${round.id}/close`,
      payload: { version: round.version },
    });
    expect(response.statusCode).toBe(200);
    round = response.json<RoundView>();
    expect(round.status).toBe('closed');
    expect(await latestAudit('round')).toMatchObject({
      operation: 'close',
      summary: '令和6年度 9月の進捗確認を締め切り（承認済み 1課・承認前 1課）',
    });

    const evaluation = await send('viewer', { method: 'GET', url: `${roundsUrl()}/${round.id}/evaluation` });
    expect(evaluation.statusCode).toBe(200);
    const body = evaluation.json<RoundEvaluationResponse>();
    const a1 = body.detail.nodes[0]!.children[0]!.actions[0]!;
    expect(a1.assessmentShown).toBe(85);
  });

  test('closing it again and changing it are refused as closed', async () => {
    const again = await send('admin', {
      method: 'POST',
      url: `${roundsUrl()}/${round.id}/close`,
      payload: { version: round.version },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('round.closed');
    const change = await send('admin', {
      method: 'PATCH',
      url: `${roundsUrl()}/${round.id}`,
      payload: { dueDate: '2024-10-30', note: null, version: round.version },
    });
    expect(change.json().error.code).toBe('round.closed');
  });

  test('any later edit through the closed round is refused with a message naming the round', async () => {
    const page = await getPage('admin', 'tax');
    expect(page.editable).toBe(false);
    const task = page.actions[0]!.tasks[0]!;
    const response = await send('admin', {
      method: 'PATCH',
      url: `${departmentUrl('tax')}/tasks/${task.id}`,
      payload: { progress: 50, comment: '', version: task.version, commentVersion: 0 },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('round.closed');
    expect(response.json().error.message).toMatch(/^令和6年度 9月の進捗確認は締め切られています。/);
    const submit = await send('otherEditor', {
      method: 'POST',
      url: `${departmentUrl('tax')}/submit`,
      payload: { version: page.submission.version },
    });
    expect(submit.json().error.code).toBe('round.closed');
  });

  test('the next round starts from the closed figures, and the closed round keeps showing them after later changes', async () => {
    const opened = await send('admin', {
      method: 'POST',
      url: roundsUrl(),
      payload: { fy: 2024, month: 12, dueDate: '2025-01-15' },
    });
    expect(opened.statusCode).toBe(201);
    const next = opened.json<RoundView>();

    const page = await getPage('editor', 'digital', next.id);
    expect(page.previousRound).toEqual({ id: round.id, title: '令和6年度 9月の進捗確認' });
    const task = page.actions[0]!.tasks[0]!;
    expect(task).toMatchObject({ progress: 85, previousProgress: 85, comment: null });

    await send('editor', {
      method: 'PATCH',
      url: `${departmentUrl('digital', next.id)}/tasks/${task.id}`,
      payload: { progress: 100, comment: '完了', version: task.version, commentVersion: 0 },
    });
    const closedPage = await getPage('editor', 'digital', round.id);
    expect(closedPage.actions[0]!.tasks[0]).toMatchObject({
      progress: 85,
      comment: { body: '申請フォーム12件（根拠: 公開済み一覧）' },
    });
    expect(closedPage.actions[0]!.assessment?.rate).toBe(85);
    const livePage = await getPage('editor', 'digital', next.id);
    expect(livePage.actions[0]!.tasks[0]!.progress).toBe(100);
  });
});

describe('the June round, which fixes the year’s task plan', () => {
  test('lets the department change the plan text of its tasks', async () => {
    const current = (await send('admin', { method: 'GET', url: roundsUrl() })).json<RoundListResponse>()
      .rounds[0]!;
    await send('admin', {
      method: 'POST',
      url: `${roundsUrl()}/${current.id}/close`,
      payload: { version: current.version },
    });
    const opened = await send('admin', {
      method: 'POST',
      url: roundsUrl(),
      payload: { fy: 2025, month: 6, dueDate: '2025-06-30' },
    });
    expect(opened.statusCode).toBe(201);
    const june = opened.json<RoundView>();
    expect(june.title).toBe('令和7年度 6月（年度計画）の進捗確認');

    const task = (await getPage('editor', 'digital', june.id)).actions[0]!.tasks[0]!;
    expect(task.planText).toBe('対象拡大');
    const response = await send('editor', {
      method: 'PATCH',
      url: `${departmentUrl('digital', june.id)}/tasks/${task.id}`,
      payload: {
        progress: task.progress,
        comment: '',
        planText: '対象手続きを30件に拡大',
        version: task.version,
        commentVersion: 0,
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<TaskSaveResponse>().task.planText).toBe('対象手続きを30件に拡大');
    expect((await latestAudit('task'))?.summary).toContain('計画の内容を変更');
  });
});
