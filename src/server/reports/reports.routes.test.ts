import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEntries } from '../audit/audit.repository.js';
import { listDepartments } from '../departments/departments.repository.js';
import { evidenceFilesTable } from '../evidence/evidence.table.js';
import { stopOffloadWorker } from '../offload/offload.js';
import { actionsTable } from '../plans/plans.table.js';
import { exportPlanDocument, importPlanDocument } from '../plans/plans.usecases.js';
import { progressRoundsTable } from '../rounds/rounds.table.js';
import { createTestApp, createTestUser, loginAs, type TestApp } from '../test-support.js';
import { loadSample } from '../workbook/workbook.test-support.js';
import type { ActionReportResponse, ReportOptionsResponse } from './reports.schemas.js';
import { extractDocxText, extractPdfPages, readOfficeParts } from './reports.test-support.js';
import { createTestPng } from './test-png.js';

let testApp: TestApp;
let planId: string;
let municipalityId: string;
let admin: string;
let ownEditor: string;
let otherEditor: string;
let viewer: string;

const OUTCOME = '公式ホームページ アクセス数25%';
const WORK_DONE = '・SNS配信方法の整理、見直し\n・ホームページの構成の見直し';
const ISSUES = '見やすいホームページ構成について、他の情報発信ツール（SNS）との連携を深める';

const PNG = createTestPng({ width: 160, height: 90, rgb: [0, 88, 155] });
/** A photo whose bytes are damaged: left out of the report, by name, rather than breaking it. */
const BROKEN_PNG = Buffer.concat([PNG.subarray(0, 40), Buffer.alloc(30, 0xff)]);

function send(cookie: string | null, options: InjectOptions) {
  return testApp.app.inject({ ...options, headers: { ...options.headers, ...(cookie && { cookie }) } });
}

function reportUrl(actionKey = 'action-06') {
  return `/api/plans/${planId}/actions/${actionKey}/report`;
}

beforeAll(async () => {
  testApp = await createTestApp();
  const { db, app } = testApp;
  const saved = await importPlanDocument({ db, input: loadSample('kama-digital-plan-1') });
  planId = saved.planId;
  municipalityId = saved.municipalityId;
  const departments = new Map(
    (await listDepartments({ db, municipalityId })).map((department) => [department.key, department.id]),
  );
  const member = async (role: 'admin' | 'editor' | 'viewer', departmentKey?: string) =>
    loginAs({
      app,
      user: await createTestUser({
        db,
        membership: {
          municipalityId,
          role,
          departmentIds: departmentKey ? [departments.get(departmentKey)!] : [],
        },
      }),
    });
  admin = await member('admin');
  // Action 6 belongs to 人事秘書課 and デジタル戦略課; 市民課 has nothing to do with it.
  ownEditor = await member('editor', 'hr-secretariat');
  otherEditor = await member('editor', 'citizens');
  viewer = await member('viewer');
});

afterAll(async () => {
  await stopOffloadWorker();
  await testApp?.close();
});

describe('PATCH /api/plans/:planId/actions/:actionKey/report', () => {
  test('a visitor is asked to log in, a wrong body is a 400 naming the field, another department is refused', async () => {
    expect(
      (await send(null, { method: 'PATCH', url: reportUrl(), payload: { version: 1 } })).statusCode,
    ).toBe(401);
    const invalid = await send(ownEditor, {
      method: 'PATCH',
      url: reportUrl(),
      payload: { version: 1, direction: 'someday', outcome: 'x'.repeat(2001) },
    });
    expect(invalid.statusCode).toBe(400);
    const paths = invalid
      .json<{ error: { issues: { path: string }[] } }>()
      .error.issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['body.direction', 'body.outcome']));
    expect(
      (await send(otherEditor, { method: 'PATCH', url: reportUrl(), payload: { version: 1 } })).statusCode,
    ).toBe(403);
    expect(
      (await send(viewer, { method: 'PATCH', url: reportUrl(), payload: { version: 1 } })).statusCode,
    ).toBe(403);
    expect(
      (await send(ownEditor, { method: 'PATCH', url: reportUrl('no-such-action'), payload: { version: 1 } }))
        .statusCode,
    ).toBe(404);
  });

  test('the owner department enters 成果, やったこと, 課題 and 今後の方向性; history and the plan revision follow', async () => {
    const read = await send(viewer, { url: reportUrl() });
    expect(read.json<ActionReportResponse>()).toMatchObject({ editable: false, report: { outcome: null } });
    const mine = await send(ownEditor, { url: reportUrl() });
    const { version, editable } = mine.json<ActionReportResponse>();
    expect(editable).toBe(true);
    const revisionBefore = (await send(viewer, { url: `/api/plans/${planId}` })).json<{
      plan: { revision: number };
    }>().plan.revision;

    const response = await send(ownEditor, {
      method: 'PATCH',
      url: reportUrl(),
      payload: { version, outcome: OUTCOME, workDone: WORK_DONE, issuesAhead: ISSUES, direction: 'continue' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<ActionReportResponse>()).toMatchObject({
      version: version + 1,
      report: { outcome: OUTCOME, workDone: WORK_DONE, issuesAhead: ISSUES, direction: 'continue' },
    });
    const plan = (await send(viewer, { url: `/api/plans/${planId}` })).json<{ plan: { revision: number } }>()
      .plan;
    expect(plan.revision).toBe(revisionBefore + 1);
    const document = await exportPlanDocument({ db: testApp.db, actor: null, planId });
    expect(document.plan.nodes[0]!.children[0]!.actions[5]!.report).toEqual({
      outcome: OUTCOME,
      workDone: WORK_DONE,
      issuesAhead: ISSUES,
      direction: 'continue',
    });
    const [entry] = await listAuditEntries({
      db: testApp.db,
      filter: { municipalityId, planId, actionKey: 'action-06', subjectTypes: ['report'], limit: 1 },
    });
    expect(entry).toMatchObject({
      operation: 'update',
      summary:
        '「6 インターネット利用機会の向上」の最終報告（成果・やったこと・課題・今後の方向性）を更新：今後の方向性「継続」',
      before: { outcome: null, direction: null },
      after: { outcome: OUTCOME, direction: 'continue' },
    });

    const stale = await send(admin, {
      method: 'PATCH',
      url: reportUrl(),
      payload: { version, outcome: '古い版から' },
    });
    expect(stale.statusCode).toBe(409);
    expect(
      stale.json<{ error: { details: { current: ActionReportResponse } } }>().error.details.current.report
        .outcome,
    ).toBe(OUTCOME);
  });
});

describe('GET /api/plans/:planId/reports/:kind', () => {
  test('a visitor is asked to log in, a wrong format is a 400, another municipality’s admin is refused', async () => {
    expect((await send(null, { url: `/api/plans/${planId}/reports/final?format=pdf` })).statusCode).toBe(401);
    const wrong = await send(viewer, { url: `/api/plans/${planId}/reports/final?format=odt` });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { issues: { message: string }[] } }>().error.issues[0]!.message).toBe(
      '形式は xlsx・docx・pdf のどれかを指定してください',
    );
    const stranger = await createTestUser({
      db: testApp.db,
      membership: {
        municipalityId: (
          await importPlanDocument({ db: testApp.db, input: loadSample('kashima-dx-strategy') })
        ).municipalityId,
        role: 'admin',
      },
    });
    const strangerCookie = await loginAs({ app: testApp.app, user: stranger });
    expect(
      (await send(strangerCookie, { url: `/api/plans/${planId}/reports/final?format=pdf` })).statusCode,
    ).toBe(403);
    const unknownRound = await send(viewer, {
      url: `/api/plans/${planId}/reports/round?format=pdf&round=00000000-0000-4000-8000-000000000000`,
    });
    expect(unknownRound.statusCode).toBe(404);
  });

  test('the final report PDF: A4, Noto Sans JP embedded as a subset, action 6 rated 概ね達成 with its 成果 and photo, page numbers', async () => {
    const actionId = await findActionId('action-06');
    const departmentId = (await listDepartments({ db: testApp.db, municipalityId })).find(
      (department) => department.key === 'hr-secretariat',
    )!.id;
    const photo = (fileName: string, data: Buffer, caption: string | null) => ({
      municipalityId,
      planId,
      actionId,
      departmentId,
      kind: 'photo' as const,
      fileName,
      contentType: 'image/png',
      size: data.length,
      sha256: 'test',
      data,
      caption,
    });
    await testApp.db
      .insert(evidenceFilesTable)
      .values([
        photo('homepage.png', PNG, 'リニューアルしたホームページ'),
        photo('broken.png', BROKEN_PNG, null),
      ]);
    const response = await send(viewer, { url: `/api/plans/${planId}/reports/final?format=pdf` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(
      encodeURIComponent('kama-digital-plan-1-最終報告書.pdf'),
    );
    const bytes = response.rawPayload;
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansJP/);
    // A subset: far smaller than the 5.5 MB font it came from.
    expect(bytes.length).toBeLessThan(1_500_000);

    const pages = await extractPdfPages(bytes);
    expect(pages[0]).toContain('第1次 嘉麻市デジタル推進計画 最終報告書');
    expect(pages[0]).toContain('概ね達成');
    expect(pages.at(-1)).toContain(`${pages.length} / ${pages.length} ページ`);
    const action6 = pages.find(
      (page) => page.includes('6 インターネット利用機会の向上') && page.includes('目指すこと'),
    )!;
    expect(action6).toContain('目標達成率');
    expect(action6).toContain('概ね達成');
    expect(action6).toContain('達成率 83.3%（目標(値)に対する達成率）');
    expect(action6).toContain(OUTCOME);
    expect(action6).toContain('SNS配信方法の整理、見直し');
    expect(action6).toContain('今後の方向性');
    expect(action6).toContain('継続');
    expect(action6).toContain('リニューアルしたホームページ');
    expect(action6).toContain('broken.png');
    expect(action6).toContain('人事秘書課・デジタル戦略課');
  });

  test('the final report in Word carries the same text, with the header row marked to repeat', async () => {
    const response = await send(viewer, { url: `/api/plans/${planId}/reports/final?format=docx` });
    expect(response.statusCode).toBe(200);
    const text = await extractDocxText(response.rawPayload);
    expect(text).toContain('6 インターネット利用機会の向上');
    expect(text).toContain('概ね達成');
    expect(text).toContain(OUTCOME);
    const parts = await readOfficeParts(response.rawPayload);
    expect(parts.get('word/document.xml')).toContain('<w:tblHeader/>');
    expect(parts.get('word/document.xml')).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect([...parts.keys()].some((name) => name.startsWith('word/footer'))).toBe(true);
    expect([...parts.values()].some((xml) => xml.includes('NUMPAGES'))).toBe(true);
    const zip = await import('jszip').then((module) => module.default.loadAsync(response.rawPayload));
    expect(Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))).toHaveLength(1);
  });

  test('the final report in Excel: a summary sheet and one sheet per action, A4, print areas and repeated header rows', async () => {
    const response = await send(viewer, { url: `/api/plans/${planId}/reports/final?format=xlsx` });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(response.rawPayload).buffer);
    expect(workbook.worksheets).toHaveLength(51);
    const summary = workbook.worksheets[0]!;
    expect(summary.name).toBe('一覧');
    expect(summary.pageSetup.paperSize).toBe(9);
    expect(summary.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
    expect(summary.pageSetup.printArea).toMatch(/^A1:G\d+$/);
    const sheet = workbook.worksheets.find((candidate) => candidate.name.startsWith('6 インターネット'))!;
    const values = sheet
      .getSheetValues()
      .flat()
      .filter((value) => typeof value === 'string');
    expect(values).toEqual(expect.arrayContaining(['目標達成率', '概ね達成', OUTCOME, '継続']));
    expect(sheet.getImages()).toHaveLength(1);
  });

  test('the council’s progress report for the live plan lists each pillar and measure with this year’s tasks and label counts', async () => {
    const response = await send(viewer, { url: `/api/plans/${planId}/reports/round?format=pdf` });
    expect(response.statusCode).toBe(200);
    const pages = await extractPdfPages(response.rawPayload);
    const text = pages.join('\n');
    expect(text).toContain('進捗状況報告');
    expect(text).toMatch(/テーマ \S+ くらしのデジタル推進/);
    expect(text).toMatch(/達成\s*1件/);
    // Table headers repeat on every page a section's table runs over.
    const withTable = pages.filter((page) => page.includes('達成率・評価'));
    expect(withTable.length).toBeGreaterThan(1);
  });

  test('a closed round’s report uses its snapshot, not the plan as it is now', async () => {
    const document = await exportPlanDocument({ db: testApp.db, actor: null, planId });
    const action6 = document.plan.nodes[0]!.children[0]!.actions[5]!;
    action6.tasks = action6.tasks.map((task) => (task.fy === 2025 ? { ...task, progress: 10 } : task));
    const [round] = await testApp.db
      .insert(progressRoundsTable)
      .values({
        municipalityId,
        planId,
        fy: 2025,
        month: 12,
        dueDate: '2025-12-20',
        status: 'closed',
        closedAt: new Date('2025-12-25T03:00:00Z'),
        snapshot: document,
      })
      .returning({ id: progressRoundsTable.id });
    const options = (
      await send(viewer, { url: `/api/plans/${planId}/reports` })
    ).json<ReportOptionsResponse>();
    expect(options.rounds).toEqual([
      { id: round!.id, label: '令和7年度 12月の進捗確認', status: 'closed', closedOn: '2025-12-25' },
    ]);
    const response = await send(viewer, {
      url: `/api/plans/${planId}/reports/round?format=docx&round=${round!.id}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('進捗状況報告-R7.docx'));
    const text = await extractDocxText(response.rawPayload);
    expect(text).toContain('令和7年度 12月の進捗確認');
    expect(text).toContain('令和7年12月25日の締め切り時点の数値');
    expect(text).toContain('R7平均 10.0%');
  });
});

describe('GET /api/plans/:planId/stratml', () => {
  test('is refused to a visitor and served to a viewer as XML', async () => {
    expect((await send(null, { url: `/api/plans/${planId}/stratml` })).statusCode).toBe(401);
    const response = await send(viewer, { url: `/api/plans/${planId}/stratml` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    expect(response.body).toContain('Type="Performance_Report"');
  });
});

async function findActionId(actionKey: string): Promise<string> {
  const [row] = await testApp.db
    .select({ id: actionsTable.id })
    .from(actionsTable)
    .where(and(eq(actionsTable.planId, planId), eq(actionsTable.key, actionKey)));
  return row!.id;
}
