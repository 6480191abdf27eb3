import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEntries } from '../audit/audit.repository.js';
import { listDepartments } from '../departments/departments.repository.js';
import { stopOffloadWorker } from '../offload/offload.js';
import { buildPlanDocumentInput, TEST_MUNICIPALITY_CODES } from '../plans/plans.test-fixtures.js';
import { exportPlanDocument, importPlanDocument } from '../plans/plans.usecases.js';
import { createTestApp, createTestUser, loginAs, type TestApp } from '../test-support.js';
import { SHEETS, XLSX_CONTENT_TYPE } from './workbook.columns.js';
import type { WorkbookApplyResponse, WorkbookPreviewResponse } from './workbook.schemas.js';
import { editWorkbook, findColumn, findRow, readGrid } from './workbook.test-support.js';

let testApp: TestApp;
let kamaId: string;
let kamaMunicipalityId: string;
let fixtureId: string;
let admin: string;
let editor: string;
let viewer: string;

const kamaSample = JSON.parse(
  readFileSync(new URL('../../../samples/kama-digital-plan-1.json', import.meta.url), 'utf8'),
);

function send(cookie: string | null, options: InjectOptions) {
  return testApp.app.inject({ ...options, headers: { ...options.headers, ...(cookie && { cookie }) } });
}

async function download(planId: string): Promise<Buffer> {
  const response = await send(admin, { url: `/api/plans/${planId}/workbook` });
  expect(response.statusCode).toBe(200);
  return response.rawPayload;
}

function upload(planId: string, bytes: Uint8Array, step: 'preview' | string = 'preview', cookie = admin) {
  return send(cookie, {
    method: 'POST',
    url: `/api/plans/${planId}/workbook/${step}`,
    headers: { 'content-type': XLSX_CONTENT_TYPE },
    payload: Buffer.from(bytes),
  });
}

beforeAll(async () => {
  testApp = await createTestApp();
  const { db, app } = testApp;
  const kama = await importPlanDocument({ db, input: kamaSample });
  kamaId = kama.planId;
  kamaMunicipalityId = kama.municipalityId;
  fixtureId = (
    await importPlanDocument({ db, input: buildPlanDocumentInput({ code: TEST_MUNICIPALITY_CODES[1] }) })
  ).planId;
  const departments = await listDepartments({ db, municipalityId: kama.municipalityId });
  const digital = departments.find((department) => department.key === 'digital-strategy')!.id;
  const member = async (role: 'admin' | 'editor' | 'viewer') =>
    loginAs({
      app,
      user: await createTestUser({
        db,
        membership: {
          municipalityId: kama.municipalityId,
          role,
          departmentIds: role === 'editor' ? [digital] : [],
        },
      }),
    });
  admin = await member('admin');
  editor = await member('editor');
  viewer = await member('viewer');
  const superAdmin = await loginAs({ app, user: await createTestUser({ db, superAdmin: true }) });
  // The fixture plan belongs to another municipality: the super-admin works on it.
  fixtureCookie = superAdmin;
});

let fixtureCookie: string;

afterAll(async () => {
  await stopOffloadWorker();
  await testApp?.close();
});

describe('GET /api/plans/:planId/workbook', () => {
  test('a visitor is asked to log in, a malformed ID is a 400, another municipality’s admin is refused', async () => {
    expect((await send(null, { url: `/api/plans/${kamaId}/workbook` })).statusCode).toBe(401);
    expect((await send(admin, { url: '/api/plans/not-an-id/workbook' })).statusCode).toBe(400);
    expect((await send(admin, { url: `/api/plans/${fixtureId}/workbook` })).statusCode).toBe(403);
  });

  test('a viewer downloads the plan as the workbook of seed 001’s tables, one row per yearly task', async () => {
    const response = await send(viewer, { url: `/api/plans/${kamaId}/workbook` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain(XLSX_CONTENT_TYPE);
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('kama-digital-plan-1-入力用シート.xlsx')}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(response.rawPayload).buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(Object.values(SHEETS));
    const tasks = workbook.getWorksheet(SHEETS.tasks)!;
    expect(tasks.getRow(1).values).toEqual([
      undefined,
      'アクション番号',
      'アクション名',
      '担当課',
      '年度',
      '計画',
      '実施/予定(%)',
      '実施・予定の別',
      '重み',
      'タスクのキー',
      'アクションのキー',
    ]);
    const row = findRow(tasks, '計画', 'SNSの配信方法の整理');
    expect(row.getCell(findColumn(tasks, 'アクション番号')).value).toBe('6');
    expect(row.getCell(findColumn(tasks, '担当課')).value).toBe('デジタル戦略課');
    expect(row.getCell(findColumn(tasks, '年度')).value).toBe('令和6年度');
    const progress = row.getCell(findColumn(tasks, '実施/予定(%)'));
    expect(progress.value).toBe(0.8);
    expect(progress.numFmt).toBe('0%');
    expect(tasks.pageSetup.printTitlesRow).toBe('1:1');
    const kpis = workbook.getWorksheet(SHEETS.kpis)!;
    const kpi = findRow(kpis, '指標のキー', 'website-access');
    expect(kpi.getCell(findColumn(kpis, '実績値')).value).toBe(125);
    expect(kpi.getCell(findColumn(kpis, '目標年度')).value).toBe('令和8年度');
  });
});

describe('POST /api/plans/:planId/workbook/preview and apply', () => {
  test('a visitor is asked to log in, an editor and a viewer are refused, a missing revision is a 400', async () => {
    const bytes = await download(kamaId);
    expect((await upload(kamaId, bytes, 'preview', '')).statusCode).toBe(401);
    expect((await upload(kamaId, bytes, 'preview', editor)).statusCode).toBe(403);
    expect((await upload(kamaId, bytes, 'preview', viewer)).statusCode).toBe(403);
    expect((await upload(kamaId, bytes, 'apply')).statusCode).toBe(400);
    expect((await upload(kamaId, bytes, 'apply?revision=1', editor)).statusCode).toBe(403);
  });

  test('an unchanged workbook previews as no change at all', async () => {
    const response = await upload(kamaId, await download(kamaId));
    expect(response.statusCode).toBe(200);
    expect(response.json<WorkbookPreviewResponse>().diff).toEqual({ added: [], changed: [], removed: [] });
  });

  test('export → import → export gives the same plan and the same workbook (the fixture that uses every field)', async () => {
    const first = await send(fixtureCookie, { url: `/api/plans/${fixtureId}/workbook` });
    const before = await exportPlanDocument({ db: testApp.db, actor: null, planId: fixtureId });
    const preview = await send(fixtureCookie, {
      method: 'POST',
      url: `/api/plans/${fixtureId}/workbook/preview`,
      headers: { 'content-type': XLSX_CONTENT_TYPE },
      payload: first.rawPayload,
    });
    expect(preview.json<WorkbookPreviewResponse>().diff).toEqual({ added: [], changed: [], removed: [] });
    const applied = await send(fixtureCookie, {
      method: 'POST',
      url: `/api/plans/${fixtureId}/workbook/apply?revision=${preview.json<WorkbookPreviewResponse>().revision}`,
      headers: { 'content-type': XLSX_CONTENT_TYPE },
      payload: first.rawPayload,
    });
    expect(applied.statusCode).toBe(200);
    expect(await exportPlanDocument({ db: testApp.db, actor: null, planId: fixtureId })).toEqual(before);
    const second = await send(fixtureCookie, { url: `/api/plans/${fixtureId}/workbook` });
    expect(await readGrid(second.rawPayload)).toEqual(await readGrid(first.rawPayload));
  });

  test('a clerk’s edits — ８０％, "95%", R8.2.8, 令和8年2月8日, a date cell, a final-report text — preview as changes and apply', async () => {
    const edited = await editWorkbook(await download(kamaId), (workbook) => {
      const tasks = workbook.getWorksheet(SHEETS.tasks)!;
      const progress = findColumn(tasks, '実施/予定(%)');
      findRow(tasks, '計画', 'SNSの配信方法の整理').getCell(progress).value = '９５％';
      findRow(tasks, '計画', 'ホームページ構成の見直し').getCell(progress).value = '80%';
      const kpis = workbook.getWorksheet(SHEETS.kpis)!;
      const row = findRow(kpis, '指標のキー', 'website-access');
      row.getCell(findColumn(kpis, '実績日')).value = 'R8.2.8';
      row.getCell(findColumn(kpis, '基準日')).value = '令和5年4月1日';
      const next = kpis.addRow([]);
      row.eachCell((cell, column) => {
        next.getCell(column).value = cell.value;
      });
      next.getCell(findColumn(kpis, '実績値')).value = '１２８';
      next.getCell(findColumn(kpis, '実績日')).value = new Date(Date.UTC(2026, 2, 31));
      next.getCell(findColumn(kpis, '実績の区分')).value = '実績';
      next.getCell(findColumn(kpis, '実績の注記')).value = null;
      const report = workbook.getWorksheet(SHEETS.report)!;
      const reportRow = findRow(report, 'アクションのキー', 'action-06');
      reportRow.getCell(findColumn(report, '成果')).value = '公式ホームページ アクセス数25%';
      reportRow.getCell(findColumn(report, '今後の方向性')).value = '継続';
    });
    const preview = await upload(kamaId, edited);
    expect(preview.statusCode).toBe(200);
    const { diff, revision } = preview.json<WorkbookPreviewResponse>();
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    const changes = diff.changed.flatMap((item) =>
      item.changes.map(
        (change) =>
          `${item.key} ${change.field}: ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`,
      ),
    );
    expect(changes).toEqual([
      'action-06 report: null → {"outcome":"公式ホームページ アクセス数25%","direction":"continue"}',
      'action-06:2024:digital-strategy:1 progress: 80 → 95',
      'action-06:2024:hr-secretariat:1 progress: 20 → 80',
      'action-06/website-access baseline: {"value":100,"label":"計画策定時 = 100"} → {"value":100,"date":"2023-04-01","label":"計画策定時 = 100"}',
      expect.stringMatching(
        /^action-06\/website-access actuals: \[\{"value":125,"date":"2027-03-31".*\] → \[\{"value":125,"date":"2026-02-08",.*\},\{"value":128,"date":"2026-03-31","hypothetical":false\}\]$/,
      ),
    ]);

    const applied = await upload(kamaId, edited, `apply?revision=${revision}`);
    expect(applied.statusCode).toBe(200);
    expect(applied.json<WorkbookApplyResponse>().revision).toBeGreaterThan(revision);
    const document = await exportPlanDocument({ db: testApp.db, actor: null, planId: kamaId });
    const action6 = document.plan.nodes[0]!.children[0]!.actions[5]!;
    expect(action6.report).toEqual({ outcome: '公式ホームページ アクセス数25%', direction: 'continue' });
    expect(action6.kpis[0]!.actuals.map((actual) => actual.date)).toEqual(['2026-02-08', '2026-03-31']);

    const history = await listAuditEntries({
      db: testApp.db,
      filter: { municipalityId: kamaMunicipalityId, planId: kamaId, limit: 5 },
    });
    expect(history.map((entry) => entry.operation)).toContain('import_workbook');
    expect(history.find((entry) => entry.operation === 'import_workbook')!.summary).toBe(
      '入力用シート（xlsx）を取り込み：追加0件・変更4件・削除0件',
    );

    // Applying the same file again on the old revision: someone changed the plan since the preview.
    const stale = await upload(kamaId, edited, `apply?revision=${revision}`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { code: string; details: unknown } }>().error).toMatchObject({
      code: 'record.conflict',
      details: { current: { revision: applied.json<WorkbookApplyResponse>().revision } },
    });
  });
});
