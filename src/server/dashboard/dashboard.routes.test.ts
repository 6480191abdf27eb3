import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WhatIfOptions } from '../../domain/what-if.js';
import { listAuditEntries, recordAudit } from '../audit/audit.repository.js';
import { listDepartments } from '../departments/departments.repository.js';
import type { ActionDetailResponse, PlanDetailResponse } from '../plans/plans.schemas.js';
import { tasksTable } from '../plans/plans.table.js';
import { buildPlanDocumentInput, TEST_MUNICIPALITY_CODES } from '../plans/plans.test-fixtures.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { progressRoundsTable, roundSubmissionsTable } from '../rounds/rounds.table.js';
import {
  buildSuperAdminActor,
  createTestApp,
  createTestUser,
  loginAs,
  type TestApp,
} from '../test-support.js';
import type {
  DashboardResponse,
  DepartmentViewResponse,
  KpiChartsResponse,
  ScheduleResponse,
  WhatIfAdoptResponse,
  WhatIfResponse,
} from './dashboard.schemas.js';

function readSample(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../samples/${name}`, import.meta.url), 'utf8'));
}

const unknownPlanId = '00000000-0000-4000-8000-000000000000';

let testApp: TestApp;
let kamaId: string;
let kamaMunicipalityId: string;
let ichikiId: string;
let testPlanId: string;
let testMunicipalityId: string;
let adminCookie: string;
let viewerCookie: string;
let otherAdminCookie: string;

function send(cookie: string | null, options: InjectOptions) {
  return testApp.app.inject({ ...options, headers: { ...options.headers, ...(cookie && { cookie }) } });
}

beforeAll(async () => {
  testApp = await createTestApp();
  const { db, app } = testApp;
  const kama = await importPlanDocument({ db, input: readSample('kama-digital-plan-1.json') });
  kamaId = kama.planId;
  kamaMunicipalityId = kama.municipalityId;
  ichikiId = (await importPlanDocument({ db, input: readSample('ichikikushikino-dx-plan.json') })).planId;
  const test = await importPlanDocument({
    db,
    input: buildPlanDocumentInput({ code: TEST_MUNICIPALITY_CODES[1] }),
  });
  testPlanId = test.planId;
  testMunicipalityId = test.municipalityId;
  const admin = await createTestUser({
    db,
    membership: { municipalityId: kamaMunicipalityId, role: 'admin' },
  });
  const viewer = await createTestUser({
    db,
    membership: { municipalityId: kamaMunicipalityId, role: 'viewer' },
  });
  const otherAdmin = await createTestUser({
    db,
    membership: { municipalityId: testMunicipalityId, role: 'admin' },
  });
  adminCookie = await loginAs({ app, user: admin });
  viewerCookie = await loginAs({ app, user: viewer });
  otherAdminCookie = await loginAs({ app, user: otherAdmin });
});

afterAll(async () => {
  await testApp?.close();
});

const tasksFirst: WhatIfOptions = {
  basisOrder: 'tasks_first',
  assessmentReplacesTasks: true,
  kpiBasis: 'per_kpi',
  thresholds: [100, 90, 80, 60, 0],
};

describe('GET /api/plans/:planId/dashboard', () => {
  test('a visitor is asked to log in, a malformed ID is refused, another municipality is forbidden', async () => {
    expect((await send(null, { url: `/api/plans/${kamaId}/dashboard` })).statusCode).toBe(401);
    expect((await send(viewerCookie, { url: '/api/plans/not-a-uuid/dashboard' })).statusCode).toBe(400);
    expect((await send(otherAdminCookie, { url: `/api/plans/${kamaId}/dashboard` })).statusCode).toBe(403);
    expect((await send(viewerCookie, { url: `/api/plans/${unknownPlanId}/dashboard` })).statusCode).toBe(404);
  });

  test('a viewer sees 嘉麻市’s 50 actions counted by label, per theme and department, with no round open', async () => {
    const response = await send(viewerCookie, { url: `/api/plans/${kamaId}/dashboard` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json<DashboardResponse>();
    expect(body.total.actionCount).toBe(50);
    expect(body.levels.map((level) => level.name)).toEqual(['テーマ', '重点施策']);
    expect(body.departments.find((row) => row.departmentKey === 'citizens')).toMatchObject({
      name: '市民課',
      departmentId: expect.any(String),
    });
    expect(body.heatmap.years).toEqual([2024, 2025, 2026]);
    expect(body.round).toBeNull();
    expect(body.comparison).toBeNull();
    expect(body.plan.publishedAt).toBeNull();
    expect(body.plan.publicPath).toBe('/public/402273/kama-digital-plan-1/');
    expect(body.whatIf.current).toEqual({ ...tasksFirst, basisOrder: 'kpi_first' });
    expect(body.freshness.latestActualDate).toBe('2027-03-31');
    // Action 13 is rated やや未達 by its assessment and has no improvement plan written.
    expect(body.atRisk.map((entry) => entry.actionKey)).toContain('action-13');
    expect(body.alerts).toContainEqual(
      expect.objectContaining({ actionKey: 'action-13', code: 'rating.no_improvement_plan' }),
    );
  });

  test('an open round shows each department’s submission and the tasks nobody has updated since it opened', async () => {
    const { db } = testApp;
    const departments = await listDepartments({ db, municipalityId: kamaMunicipalityId });
    const departmentId = (key: string) => departments.find((department) => department.key === key)!.id;
    const [round] = await db
      .insert(progressRoundsTable)
      .values({
        municipalityId: kamaMunicipalityId,
        planId: kamaId,
        fy: 2025,
        month: 9,
        dueDate: '2025-09-30',
        openedAt: new Date('2025-09-01T00:00:00Z'),
      })
      .returning();
    await db.insert(roundSubmissionsTable).values([
      {
        municipalityId: kamaMunicipalityId,
        planId: kamaId,
        roundId: round!.id,
        departmentId: departmentId('digital-strategy'),
        status: 'submitted',
        submittedAt: new Date('2025-09-20T00:00:00Z'),
      },
      {
        municipalityId: kamaMunicipalityId,
        planId: kamaId,
        roundId: round!.id,
        departmentId: departmentId('hr-secretariat'),
      },
    ]);
    const tasks = await db
      .select()
      .from(tasksTable)
      .where(and(eq(tasksTable.planId, kamaId), eq(tasksTable.fy, 2025)));
    const updated = tasks.filter((task) => task.departmentId === departmentId('hr-secretariat'));
    for (const task of updated) {
      await recordAudit({
        db,
        actor: buildSuperAdminActor(),
        entry: {
          municipalityId: kamaMunicipalityId,
          planId: kamaId,
          subjectType: 'task',
          subjectId: task.id,
          operation: 'progress',
          summary: '進捗を更新',
        },
      });
    }

    const body = (
      await send(adminCookie, { url: `/api/plans/${kamaId}/dashboard` })
    ).json<DashboardResponse>();
    expect(body.round).toMatchObject({ id: round!.id, fy: 2025, month: 9, dueDate: '2025-09-30' });
    expect(body.round!.submissions.map((row) => [row.name, row.status])).toEqual([
      ['デジタル戦略課', 'submitted'],
      ['人事秘書課', 'not_started'],
    ]);
    const stale = body.alerts.filter((alert) => alert.code === 'task.not_updated');
    expect(stale.some((alert) => alert.departmentKeys.includes('digital-strategy'))).toBe(true);
    expect(stale.some((alert) => alert.departmentKeys.includes('hr-secretariat'))).toBe(false);
    expect(body.freshness.latestProgressAt).not.toBeNull();

    await db.delete(progressRoundsTable).where(eq(progressRoundsTable.id, round!.id));
  });

  test('the label counts are compared with the plan as it stood when the last round closed', async () => {
    const { db } = testApp;
    const snapshot = readSample('kama-digital-plan-1.json') as {
      plan: { nodes: { children: { actions: { key: string; assessment?: unknown }[] }[] }[] };
    };
    // As it stood then: action 13's assessment had not been entered yet (it was rated by its tasks).
    for (const node of snapshot.plan.nodes)
      for (const child of node.children)
        for (const action of child.actions) if (action.key === 'action-13') delete action.assessment;
    const [round] = await db
      .insert(progressRoundsTable)
      .values({
        municipalityId: kamaMunicipalityId,
        planId: kamaId,
        fy: 2025,
        month: 12,
        dueDate: '2025-12-26',
        status: 'closed',
        closedAt: new Date('2026-01-10T00:00:00Z'),
        snapshot: snapshot as never,
      })
      .returning();
    const body = (
      await send(viewerCookie, { url: `/api/plans/${kamaId}/dashboard` })
    ).json<DashboardResponse>();
    expect(body.comparison?.round).toMatchObject({ id: round!.id, month: 12 });
    expect(body.comparison!.total.counts.needs_attention).toBe(body.total.counts.needs_attention! + 1);
    expect(body.comparison!.total.counts.slightly_short).toBe(body.total.counts.slightly_short! - 1);
  });
});

describe('POST /api/plans/:planId/what-if', () => {
  test('a visitor is asked to log in, bad options are refused by field, another municipality is forbidden', async () => {
    const url = `/api/plans/${kamaId}/what-if`;
    expect((await send(null, { method: 'POST', url, payload: tasksFirst })).statusCode).toBe(401);
    const invalid = await send(viewerCookie, {
      method: 'POST',
      url,
      payload: { ...tasksFirst, basisOrder: 'x' },
    });
    expect(invalid.statusCode).toBe(400);
    const unordered = await send(viewerCookie, {
      method: 'POST',
      url,
      payload: { ...tasksFirst, thresholds: [100, 90, 95, 60, 0] },
    });
    expect(unordered.statusCode).toBe(400);
    expect(unordered.json().error.issues).toContainEqual({
      path: 'body.thresholds[2]',
      message: '評価区分の下限は上から順に小さくしてください',
    });
    expect((await send(otherAdminCookie, { method: 'POST', url, payload: tasksFirst })).statusCode).toBe(403);
  });

  test('a viewer sees action 6 go from 概ね達成 (KPI 83.3 %) to ほぼ達成 (task mean 90.0 %), and nothing is saved', async () => {
    const response = await send(viewerCookie, {
      method: 'POST',
      url: `/api/plans/${kamaId}/what-if`,
      payload: tasksFirst,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<WhatIfResponse>();
    const action6 = body.rows.find((row) => row.actionKey === 'action-06')!;
    expect(action6.before).toMatchObject({ shown: 83.3, basis: 'kpi', rating: { label: '概ね達成' } });
    expect(action6.after).toMatchObject({ shown: 90, basis: 'tasks', rating: { label: 'ほぼ達成' } });
    expect(body.settings.basisOrder).toEqual(['assessment', 'tasks', 'kpi']);
    const plan = (await send(viewerCookie, { url: `/api/plans/${kamaId}` })).json<PlanDetailResponse>();
    expect(plan.plan.evaluation.basisOrder).toEqual(['kpi', 'assessment', 'tasks']);
    expect(plan.plan.revision).toBe(body.revision);
  });
});

describe('POST /api/plans/:planId/what-if/adopt', () => {
  test('only an admin may adopt; a stale revision is refused with the current one', async () => {
    const url = `/api/plans/${kamaId}/what-if/adopt`;
    const plan = (await send(viewerCookie, { url: `/api/plans/${kamaId}` })).json<PlanDetailResponse>();
    const payload = { revision: plan.plan.revision, options: tasksFirst };
    expect((await send(null, { method: 'POST', url, payload })).statusCode).toBe(401);
    expect(
      (await send(adminCookie, { method: 'POST', url, payload: { options: tasksFirst } })).statusCode,
    ).toBe(400);
    expect((await send(viewerCookie, { method: 'POST', url, payload })).statusCode).toBe(403);
    // Someone else adopts the plan's own settings first: the revision the what-if was computed on is stale.
    const current = { ...tasksFirst, basisOrder: 'kpi_first' as const };
    const first = await send(adminCookie, { method: 'POST', url, payload: { ...payload, options: current } });
    expect(first.statusCode).toBe(200);
    const stale = await send(adminCookie, { method: 'POST', url, payload });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'record.conflict',
      details: { current: { revision: plan.plan.revision + 1 } },
    });
  });

  test('an admin adopts task-mean-first: action 6 becomes ほぼ達成, the revision moves on and the history says so; then back', async () => {
    const url = `/api/plans/${kamaId}/what-if/adopt`;
    const before = (await send(adminCookie, { url: `/api/plans/${kamaId}` })).json<PlanDetailResponse>();
    const adopted = await send(adminCookie, {
      method: 'POST',
      url,
      payload: { revision: before.plan.revision, options: tasksFirst },
    });
    expect(adopted.statusCode).toBe(200);
    const result = adopted.json<WhatIfAdoptResponse>();
    expect(result.revision).toBe(before.plan.revision + 1);
    expect(result.kpiBasisChanged).toBe(0);

    const action = (
      await send(adminCookie, { url: `/api/plans/${kamaId}/actions/action-06` })
    ).json<ActionDetailResponse>();
    expect(action.evaluation.rating.label).toBe('ほぼ達成');
    expect(action.evaluation.basis).toBe('tasks');

    const [entry] = await listAuditEntries({
      db: testApp.db,
      filter: { municipalityId: kamaMunicipalityId, planId: kamaId, subjectTypes: ['plan'], limit: 1 },
    });
    expect(entry).toMatchObject({ operation: 'evaluation_settings' });
    expect(entry!.summary).toContain('評価根拠の順序 総括評価 → タスク平均 → 目標(値)');

    const back = await send(adminCookie, {
      method: 'POST',
      url,
      payload: { revision: result.revision, options: { ...tasksFirst, basisOrder: 'kpi_first' } },
    });
    expect(back.statusCode).toBe(200);
    const again = (
      await send(adminCookie, { url: `/api/plans/${kamaId}/actions/action-06` })
    ).json<ActionDetailResponse>();
    expect(again.evaluation.rating.label).toBe('概ね達成');
    expect(again.evaluation.result?.shown).toBe(83.3);
  });

  test('adopting one KPI basis for all rewrites every KPI’s basis in the plan', async () => {
    const before = (await send(adminCookie, { url: `/api/plans/${kamaId}` })).json<PlanDetailResponse>();
    const adopted = await send(adminCookie, {
      method: 'POST',
      url: `/api/plans/${kamaId}/what-if/adopt`,
      payload: {
        revision: before.plan.revision,
        options: { ...tasksFirst, basisOrder: 'kpi_first', kpiBasis: 'ratio' },
      },
    });
    expect(adopted.statusCode).toBe(200);
    expect(adopted.json<WhatIfAdoptResponse>().kpiBasisChanged).toBeGreaterThan(0);
    const action = (
      await send(adminCookie, { url: `/api/plans/${kamaId}/actions/action-06` })
    ).json<ActionDetailResponse>();
    expect(action.action.kpis[0]!.basis).toBe('ratio');
    expect(action.evaluation.result?.shown).toBe(96.2);
  });
});

describe('GET /api/plans/:planId/schedule', () => {
  test('a visitor is asked to log in; a member sees いちき串木野市’s schedule with this year marked', async () => {
    expect((await send(null, { url: `/api/plans/${ichikiId}/schedule` })).statusCode).toBe(401);
    expect((await send(viewerCookie, { url: '/api/plans/x/schedule' })).statusCode).toBe(400);
    expect((await send(viewerCookie, { url: `/api/plans/${ichikiId}/schedule` })).statusCode).toBe(403);
    const superAdmin = await loginAs({
      app: testApp.app,
      user: await createTestUser({ db: testApp.db, superAdmin: true }),
    });
    const body = (
      await send(superAdmin, { url: `/api/plans/${ichikiId}/schedule` })
    ).json<ScheduleResponse>();
    expect(body.schedule.years).toEqual([2023, 2024, 2025, 2026]);
    expect(
      body.schedule.rows.find((row) => row.item === '書かない窓口')!.cells.map((cell) => cell.texts),
    ).toEqual([['試験導入'], ['システム導入'], ['実装'], []]);
    expect(body.schedule.currentFy).toBeGreaterThanOrEqual(2026);
  });
});

describe('GET /api/plans/:planId/dashboard/departments/:departmentId', () => {
  test('a visitor is asked to log in, a malformed or unknown department is refused', async () => {
    const departments = await listDepartments({ db: testApp.db, municipalityId: kamaMunicipalityId });
    const url = `/api/plans/${kamaId}/dashboard/departments/${departments[0]!.id}`;
    expect((await send(null, { url })).statusCode).toBe(401);
    expect(
      (await send(viewerCookie, { url: `/api/plans/${kamaId}/dashboard/departments/x` })).statusCode,
    ).toBe(400);
    expect((await send(otherAdminCookie, { url })).statusCode).toBe(403);
    const unknown = await send(viewerCookie, {
      url: `/api/plans/${kamaId}/dashboard/departments/${unknownPlanId}`,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('department.not_found');
  });

  test('人事秘書課 sees its actions 6 and 47–49 … with its own tasks, and the link to its round page when one is open', async () => {
    const { db } = testApp;
    const departments = await listDepartments({ db, municipalityId: kamaMunicipalityId });
    const hr = departments.find((department) => department.key === 'hr-secretariat')!;
    const url = `/api/plans/${kamaId}/dashboard/departments/${hr.id}`;
    const closed = (await send(viewerCookie, { url })).json<DepartmentViewResponse>();
    expect(closed.department).toEqual({ id: hr.id, key: 'hr-secretariat', name: '人事秘書課' });
    const action6 = closed.actions.find((action) => action.key === 'action-06')!;
    expect(action6.owner).toBe(true);
    expect(action6.tasks.map((task) => task.planText)).toContain('ホームページ構成の見直し');
    expect(action6.tasks.every((task) => !task.planText.includes('SNSの配信方法'))).toBe(true);
    expect(closed.round).toBeNull();

    const [round] = await db
      .insert(progressRoundsTable)
      .values({
        municipalityId: kamaMunicipalityId,
        planId: kamaId,
        fy: 2026,
        month: 9,
        dueDate: '2026-09-30',
      })
      .returning();
    await db.insert(roundSubmissionsTable).values({
      municipalityId: kamaMunicipalityId,
      planId: kamaId,
      roundId: round!.id,
      departmentId: hr.id,
      status: 'draft',
    });
    const open = (await send(viewerCookie, { url })).json<DepartmentViewResponse>();
    expect(open.round).toMatchObject({
      id: round!.id,
      submissionStatus: 'draft',
      editPath: `/plans/${kamaId}/rounds/${round!.id}/departments/${hr.id}`,
    });
    expect(open.round!.tasks.length).toBeGreaterThan(0);
    expect(open.round!.tasks.every((task) => !task.updated)).toBe(true);
    expect(open.alerts.some((alert) => alert.code === 'task.not_updated')).toBe(true);
  });
});

describe('GET /api/plans/:planId/actions/:actionKey/kpi-charts', () => {
  test('a visitor is asked to log in, an unknown action is 404, another municipality is forbidden', async () => {
    const url = `/api/plans/${testPlanId}/actions/a1/kpi-charts`;
    expect((await send(null, { url })).statusCode).toBe(401);
    expect((await send(viewerCookie, { url })).statusCode).toBe(403);
    const own = await send(otherAdminCookie, { url: `/api/plans/${testPlanId}/actions/none/kpi-charts` });
    expect(own.statusCode).toBe(404);
  });

  test('a KPI with two actuals gets a forecast to the end of its target year; one with a single actual does not', async () => {
    const body = (
      await send(otherAdminCookie, { url: `/api/plans/${testPlanId}/actions/a1/kpi-charts` })
    ).json<KpiChartsResponse>();
    const [applications, paperless] = body.kpis;
    expect(applications).toMatchObject({
      key: 'applications',
      basis: 'baseline',
      baseline: { value: 1000, date: '2023-03-31', label: '令和4年度末' },
      target: { value: 2000, fy: 2026, date: '2027-03-31' },
      forecast: { available: true, date: '2027-03-31' },
      pace: { available: true },
    });
    if (!applications!.forecast.available) throw new Error('no forecast');
    expect(applications!.forecast.sentence).toMatch(/^このペースでは令和8年度末に .+ %（.+）の見込み$/);
    expect(paperless!.forecast).toEqual({
      available: false,
      reason: '実績値が2時点以上ないため、見込みは計算しません',
    });
  });
});
