import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEntries } from '../audit/audit.repository.js';
import { listDepartments, upsertDepartments } from '../departments/departments.repository.js';
import type { ActionDetailResponse } from '../plans/plans.schemas.js';
import { buildPlanDocumentInput } from '../plans/plans.test-fixtures.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { createTestApp, createTestUser, loginAs, type TestApp } from '../test-support.js';
import type {
  ActionEffects,
  BprProjectDetail,
  EffectOptions,
  FundingListDetail,
  FundingListsResponse,
  SeriesDetail,
} from './effects.schemas.js';
import { createTestBprProject, printingColumns } from './effects.test-fixtures.js';

/*
 * The effects API over HTTP: 401 → 400 → 403 → success for the routes, the editor's department scope on
 * BPR rows, version conflicts, archiving, CSV, publishing and the open data, and a KPI that takes its
 * actual from a BPR total (いちき串木野市's AI-OCR・RPA活用による業務削減時間).
 */

let testApp: TestApp;
let municipalityId: string;
let planId: string;
let digitalId: string;
let citizensId: string;
let admin: string;
let editor: string;
let viewer: string;
let ichikiPlanId: string;
let ichikiMunicipalityId: string;
let ichikiDepartmentId: string;

function send(cookie: string | null, options: InjectOptions) {
  return testApp.app.inject({ ...options, headers: { ...options.headers, ...(cookie && { cookie }) } });
}

const base = () => `/api/municipalities/${municipalityId}`;

function resultBody(overrides: Record<string, unknown> = {}) {
  return {
    number: '3',
    process: '健診アンケート入力業務',
    departmentId: digitalId,
    hoursBefore: 288,
    hoursAfter: 204,
    statedHoursSaved: 84,
    statedReductionRate: null,
    note: null,
    actionIds: [],
    ...overrides,
  };
}

const projectBody = {
  title: 'BPRプロジェクトの実証結果（評価）',
  fy: 2023,
  source: '本部会議資料',
  note: '',
  statedHoursSaved: null,
  statedReductionRate: null,
};

beforeAll(async () => {
  testApp = await createTestApp();
  const { db, app } = testApp;
  const saved = await importPlanDocument({ db, input: buildPlanDocumentInput() });
  municipalityId = saved.municipalityId;
  planId = saved.planId;
  const departments = await listDepartments({ db, municipalityId });
  digitalId = departments.find((department) => department.key === 'digital')!.id;
  citizensId = departments.find((department) => department.key === 'citizens')!.id;
  const member = async (role: 'admin' | 'editor' | 'viewer', departmentIds: string[] = []) =>
    loginAs({ app, user: await createTestUser({ db, membership: { municipalityId, role, departmentIds } }) });
  admin = await member('admin');
  editor = await member('editor', [digitalId]);
  viewer = await member('viewer');

  const ichiki = await importPlanDocument({
    db,
    input: JSON.parse(
      readFileSync(new URL('../../../samples/ichikikushikino-dx-plan.json', import.meta.url), 'utf8'),
    ),
  });
  ichikiPlanId = ichiki.planId;
  ichikiMunicipalityId = ichiki.municipalityId;
  const ids = await upsertDepartments({
    db,
    municipalityId: ichikiMunicipalityId,
    departments: [{ key: 'general-affairs', name: '総務課' }],
  });
  ichikiDepartmentId = ids.get('general-affairs')!;
});

afterAll(async () => {
  await testApp?.close();
});

describe('BPR projects and results', () => {
  test('a visitor is asked to log in', async () => {
    const response = await send(null, { method: 'GET', url: `${base()}/bpr-projects` });

    expect(response.statusCode).toBe(401);
  });

  test('a project without a title or with a fiscal year that is not a number is refused, naming each field', async () => {
    const response = await send(admin, {
      method: 'POST',
      url: `${base()}/bpr-projects`,
      payload: { ...projectBody, title: ' ', fy: '令和5年度' },
    });

    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .error.issues.map((issue: { path: string }) => issue.path)
        .sort(),
    ).toEqual(['body.fy', 'body.title']);
  });

  test('a viewer may read but not create a project; an editor may not create one either', async () => {
    const asViewer = await send(viewer, {
      method: 'POST',
      url: `${base()}/bpr-projects`,
      payload: projectBody,
    });
    const asEditor = await send(editor, {
      method: 'POST',
      url: `${base()}/bpr-projects`,
      payload: projectBody,
    });
    const read = await send(viewer, { method: 'GET', url: `${base()}/bpr-projects` });

    expect(asViewer.statusCode).toBe(403);
    expect(asEditor.statusCode).toBe(403);
    expect(read.statusCode).toBe(200);
  });

  test('the DX office creates a project; rows add up over measured rows only, and stated totals are checked', async () => {
    const created = await send(admin, {
      method: 'POST',
      url: `${base()}/bpr-projects`,
      payload: projectBody,
    });
    expect(created.statusCode).toBe(201);
    const project = created.json<BprProjectDetail>().project;
    expect(project).toMatchObject({
      title: projectBody.title,
      fy: 2023,
      note: null,
      published: false,
      version: 1,
    });

    await send(admin, {
      method: 'POST',
      url: `${base()}/bpr-projects/${project.id}/results`,
      payload: resultBody(),
    });
    await send(admin, {
      method: 'POST',
      url: `${base()}/bpr-projects/${project.id}/results`,
      payload: resultBody({
        number: '7',
        process: '道路占用更新業務',
        hoursBefore: 200,
        hoursAfter: null,
        statedHoursSaved: null,
      }),
    });
    const updated = await send(admin, {
      method: 'PATCH',
      url: `${base()}/bpr-projects/${project.id}`,
      payload: { ...projectBody, statedHoursSaved: 80, statedReductionRate: 29, version: project.version },
    });

    expect(updated.statusCode).toBe(200);
    const detail = updated.json<BprProjectDetail>();
    expect(detail.results.map((row) => [row.number, row.measured, row.hoursSaved])).toEqual([
      ['3', true, 84],
      ['7', false, null],
    ]);
    expect(detail.totals).toMatchObject({
      measuredCount: 1,
      unmeasuredCount: 1,
      hoursBefore: 288,
      hoursSaved: 84,
    });
    expect(detail.totals.reductionRateShown).toBe(29.2);
    expect(detail.totals.checks.map((check) => [check.stated, check.differs])).toEqual([
      [80, true],
      [29, false],
    ]);
  });

  test('an editor adds and changes rows of its own department, but not of another one', async () => {
    const { project } = await createTestBprProject({ db: testApp.db, municipalityId });

    const own = await send(editor, {
      method: 'POST',
      url: `${base()}/bpr-projects/${project.id}/results`,
      payload: resultBody(),
    });
    const other = await send(editor, {
      method: 'POST',
      url: `${base()}/bpr-projects/${project.id}/results`,
      payload: resultBody({ departmentId: citizensId }),
    });
    expect(own.statusCode).toBe(201);
    expect(other.statusCode).toBe(403);

    const row = own.json<BprProjectDetail>().results[0]!;
    const movedAway = await send(editor, {
      method: 'PATCH',
      url: `${base()}/bpr-projects/${project.id}/results/${row.id}`,
      payload: { ...resultBody({ departmentId: citizensId }), version: row.version },
    });
    const changed = await send(editor, {
      method: 'PATCH',
      url: `${base()}/bpr-projects/${project.id}/results/${row.id}`,
      payload: { ...resultBody({ hoursAfter: 100 }), version: row.version },
    });
    expect(movedAway.statusCode).toBe(403);
    expect(changed.statusCode).toBe(200);
    expect(changed.json<BprProjectDetail>().results[0]).toMatchObject({ hoursSaved: 188, version: 2 });
  });

  test('a stale version is a 409 that carries the current row', async () => {
    const detail = await createTestBprProject({ db: testApp.db, municipalityId, departmentId: digitalId });
    const row = detail.results[0]!;
    const url = `${base()}/bpr-projects/${detail.project.id}/results/${row.id}`;
    await send(admin, {
      method: 'PATCH',
      url,
      payload: { ...resultBody({ hoursAfter: 10 }), version: row.version },
    });

    const stale = await send(admin, {
      method: 'PATCH',
      url,
      payload: { ...resultBody({ hoursAfter: 20 }), version: row.version },
    });

    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('record.conflict');
    expect(stale.json().error.details.current).toMatchObject({ id: row.id, hoursAfter: 10, version: 2 });
  });

  test('a department of another municipality, or an action of another plan elsewhere, is refused by name', async () => {
    const { project } = await createTestBprProject({ db: testApp.db, municipalityId });

    const wrongDepartment = await send(admin, {
      method: 'POST',
      url: `${base()}/bpr-projects/${project.id}/results`,
      payload: resultBody({ departmentId: ichikiDepartmentId }),
    });
    const wrongAction = await send(admin, {
      method: 'POST',
      url: `${base()}/bpr-projects/${project.id}/results`,
      payload: resultBody({ actionIds: ['00000000-0000-4000-8000-000000000000'] }),
    });

    expect(wrongDepartment.statusCode).toBe(404);
    expect(wrongDepartment.json().error.issues).toEqual([
      { path: 'departmentId', message: 'この自治体の課を選んでください' },
    ]);
    expect(wrongAction.statusCode).toBe(404);
    expect(wrongAction.json().error.issues[0].path).toBe('actionIds');
  });

  test('a row linked to an action shows on that action’s effects, and archiving keeps the row in the history', async () => {
    const options = (
      await send(viewer, { method: 'GET', url: `${base()}/effects/options` })
    ).json<EffectOptions>();
    const a1 = options.actions.find((action) => action.key === 'a1')!;
    const { project } = await createTestBprProject({ db: testApp.db, municipalityId });
    const created = await send(admin, {
      method: 'POST',
      url: `${base()}/bpr-projects/${project.id}/results`,
      payload: resultBody({ process: 'リンクする業務', actionIds: [a1.id] }),
    });
    const row = created.json<BprProjectDetail>().results[0]!;
    expect(row.actions.map((action) => action.key)).toEqual(['a1']);

    const effects = (
      await send(viewer, { method: 'GET', url: `/api/plans/${planId}/actions/a1/effects` })
    ).json<ActionEffects>();
    expect(effects.bprResults.map((result) => result.process)).toContain('リンクする業務');

    const archived = await send(admin, {
      method: 'POST',
      url: `${base()}/bpr-projects/${project.id}/results/${row.id}/archive`,
      payload: { version: row.version },
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json<BprProjectDetail>().results).toEqual([]);
    const history = await listAuditEntries({
      db: testApp.db,
      filter: { municipalityId, subjectTypes: ['bpr'], limit: 100 },
    });
    expect(history.filter((entry) => entry.subjectId === row.id).map((entry) => entry.operation)).toEqual([
      'archive',
      'create',
    ]);
  });

  test('an unknown project is a 404 with a Japanese message', async () => {
    const response = await send(viewer, {
      method: 'GET',
      url: `${base()}/bpr-projects/00000000-0000-4000-8000-000000000000`,
    });

    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({
      code: 'bpr_project.not_found',
      message: '指定されたBPRプロジェクトは見つかりません',
    });
  });
});

describe('a KPI that takes its actual from a BPR total', () => {
  const ichikiBase = () => `/api/municipalities/${ichikiMunicipalityId}`;
  const kpiUrl = () =>
    `/api/plans/${ichikiPlanId}/actions/business-improvement/kpis/ai-ocr-rpa-hours-saved/source`;
  let superAdmin: string;

  beforeAll(async () => {
    superAdmin = await loginAs({
      app: testApp.app,
      user: await createTestUser({ db: testApp.db, superAdmin: true }),
    });
  });

  async function kpiOfAction() {
    const detail = (
      await send(superAdmin, {
        method: 'GET',
        url: `/api/plans/${ichikiPlanId}/actions/business-improvement`,
      })
    ).json<ActionDetailResponse>();
    return {
      actuals: detail.action.kpis.find((kpi) => kpi.key === 'ai-ocr-rpa-hours-saved')!.actuals,
      evaluation: detail.evaluation.kpi.kpis.find((kpi) => kpi.kpiKey === 'ai-ocr-rpa-hours-saved')!,
      revision: detail.plan.revision,
    };
  }

  test('いちき串木野市: the hours saved of the rows become the KPI’s actual, and follow every change of the rows', async () => {
    const project = (
      await send(superAdmin, {
        method: 'POST',
        url: `${ichikiBase()}/bpr-projects`,
        payload: { ...projectBody, title: '令和6年度 AI-OCR・RPA', fy: 2024 },
      })
    ).json<BprProjectDetail>().project;
    const linked = await send(superAdmin, {
      method: 'PUT',
      url: kpiUrl(),
      payload: {
        source: { kind: 'bpr_project', bprProjectId: project.id, metric: 'hours_saved' },
        version: null,
      },
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ version: 1, actuals: [] });
    const before = await kpiOfAction();
    expect(before.actuals).toEqual([]);

    const added = await send(superAdmin, {
      method: 'POST',
      url: `${ichikiBase()}/bpr-projects/${project.id}/results`,
      payload: resultBody({ departmentId: ichikiDepartmentId, hoursBefore: 700, hoursAfter: 100 }),
    });
    const afterAdd = await kpiOfAction();
    expect(added.json<BprProjectDetail>().kpiLinks[0]!.actuals).toEqual([{ value: 600, date: '2025-03-31' }]);
    expect(afterAdd.actuals).toEqual([
      {
        value: 600,
        date: '2025-03-31',
        note: 'BPR実証結果「令和6年度 AI-OCR・RPA」の削減時間の合計（未測定を除く）から自動反映',
      },
    ]);
    expect(afterAdd.evaluation.result?.shown).toBe(60);
    expect(afterAdd.revision).toBeGreaterThan(before.revision);

    const row = added.json<BprProjectDetail>().results[0]!;
    await send(superAdmin, {
      method: 'PATCH',
      url: `${ichikiBase()}/bpr-projects/${project.id}/results/${row.id}`,
      payload: {
        ...resultBody({ departmentId: ichikiDepartmentId, hoursBefore: 700, hoursAfter: 0 }),
        version: row.version,
      },
    });
    const afterChange = await kpiOfAction();
    expect(afterChange.actuals.map((actual) => actual.value)).toEqual([700]);
    expect(afterChange.evaluation.result?.shown).toBe(70);

    await send(superAdmin, {
      method: 'POST',
      url: `${ichikiBase()}/bpr-projects/${project.id}/results/${row.id}/archive`,
      payload: { version: row.version + 1 },
    });
    const afterArchive = await kpiOfAction();
    expect(afterArchive.actuals).toEqual([]);
    expect(afterArchive.evaluation.result).toBeNull();

    const history = await listAuditEntries({
      db: testApp.db,
      filter: { municipalityId: ichikiMunicipalityId, actionKey: 'business-improvement', limit: 20 },
    });
    expect(
      history.filter((entry) => entry.subjectType === 'kpi_actual').map((entry) => entry.summary),
    ).toEqual([
      '指標「AI-OCR・RPA活用による業務削減時間」の実績値を自動反映（令和6年度末 700時間 → なし）',
      '指標「AI-OCR・RPA活用による業務削減時間」の実績値を自動反映（令和6年度末 600時間 → 令和6年度末 700時間）',
      '指標「AI-OCR・RPA活用による業務削減時間」の実績値を自動反映（なし → 令和6年度末 600時間）',
    ]);
  });

  test('replacing the plan with a file that lacks the derived actual writes it again from the BPR rows', async () => {
    const project = (
      await send(superAdmin, {
        method: 'POST',
        url: `${ichikiBase()}/bpr-projects`,
        payload: { ...projectBody, title: '置き換え前後のBPR', fy: 2024 },
      })
    ).json<BprProjectDetail>().project;
    const options = (
      await send(superAdmin, { method: 'GET', url: `${ichikiBase()}/effects/options` })
    ).json<EffectOptions>();
    const current = options.kpis.find((kpi) => kpi.kpiKey === 'ai-ocr-rpa-hours-saved')!.source;
    await send(superAdmin, {
      method: 'PUT',
      url: kpiUrl(),
      payload: {
        source: { kind: 'bpr_project', bprProjectId: project.id, metric: 'hours_saved' },
        version: current?.version ?? null,
      },
    });
    await send(superAdmin, {
      method: 'POST',
      url: `${ichikiBase()}/bpr-projects/${project.id}/results`,
      payload: resultBody({ departmentId: ichikiDepartmentId, hoursBefore: 500, hoursAfter: 100 }),
    });
    expect((await kpiOfAction()).actuals.map((actual) => actual.value)).toEqual([400]);

    await importPlanDocument({
      db: testApp.db,
      input: JSON.parse(
        readFileSync(new URL('../../../samples/ichikikushikino-dx-plan.json', import.meta.url), 'utf8'),
      ),
      replace: true,
    });

    const after = await kpiOfAction();
    expect(after.actuals.map((actual) => actual.value)).toEqual([400]);
    expect(after.evaluation.result?.shown).toBe(40);
  });

  test('the link names the version it read; a second link from a stale read is a 409, and null unlinks', async () => {
    const project = (
      await send(superAdmin, { method: 'POST', url: `${ichikiBase()}/bpr-projects`, payload: projectBody })
    ).json<BprProjectDetail>().project;
    const options = (
      await send(superAdmin, { method: 'GET', url: `${ichikiBase()}/effects/options` })
    ).json<EffectOptions>();
    const current = options.kpis.find((kpi) => kpi.kpiKey === 'ai-ocr-rpa-hours-saved')!.source!;

    const stale = await send(superAdmin, {
      method: 'PUT',
      url: kpiUrl(),
      payload: {
        source: { kind: 'bpr_project', bprProjectId: project.id, metric: 'process_count' },
        version: null,
      },
    });
    const unlinked = await send(superAdmin, {
      method: 'PUT',
      url: kpiUrl(),
      payload: { source: null, version: current.version },
    });

    expect(stale.statusCode).toBe(409);
    expect(unlinked.statusCode).toBe(200);
    expect(unlinked.json()).toEqual({ kpiId: expect.any(String), source: null, version: null, actuals: [] });
  });

  test('an editor may not set a KPI’s source, and an unknown KPI or a series column that does not exist is named', async () => {
    const asEditor = await send(editor, {
      method: 'PUT',
      url: `/api/plans/${planId}/actions/a1/kpis/applications/source`,
      payload: { source: null, version: null },
    });
    const unknownKpi = await send(admin, {
      method: 'PUT',
      url: `/api/plans/${planId}/actions/a1/kpis/no-such-kpi/source`,
      payload: { source: null, version: null },
    });
    const series = (
      await send(admin, {
        method: 'POST',
        url: `${base()}/series`,
        payload: { title: '推移', description: null, columns: printingColumns, source: null, note: null },
      })
    ).json<SeriesDetail>().series;
    const wrongColumn = await send(admin, {
      method: 'PUT',
      url: `/api/plans/${planId}/actions/a1/kpis/paperless/source`,
      payload: { source: { kind: 'series_column', seriesId: series.id, columnKey: 'pages' }, version: null },
    });

    expect(asEditor.statusCode).toBe(403);
    expect(unknownKpi.statusCode).toBe(404);
    expect(unknownKpi.json().error.code).toBe('kpi.not_found');
    expect(wrongColumn.statusCode).toBe(400);
    expect(wrongColumn.json().error.issues).toEqual([
      { path: 'source.columnKey', message: '推移表の列を選んでください' },
    ]);
  });

  test('a KPI fed by a series column takes one actual per fiscal year', async () => {
    const series = (
      await send(admin, {
        method: 'POST',
        url: `${base()}/series`,
        payload: { title: '印刷', description: null, columns: printingColumns, source: null, note: null },
      })
    ).json<SeriesDetail>().series;
    for (const [fy, mono, colour] of [
      [2022, 4_485_691, 501_844],
      [2023, 3_897_822, 338_760],
    ] as const) {
      await send(admin, {
        method: 'POST',
        url: `${base()}/series/${series.id}/rows`,
        payload: { fy, values: { mono, colour }, statedValues: null, statedChanges: null, note: null },
      });
    }

    const linked = await send(admin, {
      method: 'PUT',
      url: `/api/plans/${planId}/actions/a1/kpis/paperless/source`,
      payload: { source: { kind: 'series_column', seriesId: series.id, columnKey: 'sheets' }, version: null },
    });

    expect(
      linked.json().actuals.map((actual: { date: string; value: number }) => [actual.date, actual.value]),
    ).toEqual([
      ['2023-03-31', 4_987_535],
      ['2024-03-31', 4_236_582],
    ]);
  });
});

describe('series', () => {
  test('columns must be unique and a sum column must add entered columns', async () => {
    const response = await send(admin, {
      method: 'POST',
      url: `${base()}/series`,
      payload: {
        title: '推移',
        description: null,
        columns: [
          { key: 'a', label: 'A', unit: '枚' },
          { key: 'a', label: 'A2', unit: '枚' },
          { key: 'total', label: '計', unit: '枚', sumOf: ['a', 'missing'] },
        ],
        source: null,
        note: null,
      },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'body.columns[1].key',
      'body.columns[2].sumOf',
    ]);
  });

  test('a row may not set a computed column, and a year can be entered only once', async () => {
    const series = (
      await send(admin, {
        method: 'POST',
        url: `${base()}/series`,
        payload: { title: '印刷2', description: null, columns: printingColumns, source: null, note: null },
      })
    ).json<SeriesDetail>().series;
    const row = {
      fy: 2021,
      values: { mono: 1, colour: 2 },
      statedValues: null,
      statedChanges: null,
      note: null,
    };

    const computed = await send(admin, {
      method: 'POST',
      url: `${base()}/series/${series.id}/rows`,
      payload: { ...row, values: { sheets: 3 } },
    });
    const first = await send(admin, {
      method: 'POST',
      url: `${base()}/series/${series.id}/rows`,
      payload: row,
    });
    const again = await send(admin, {
      method: 'POST',
      url: `${base()}/series/${series.id}/rows`,
      payload: row,
    });

    expect(computed.statusCode).toBe(400);
    expect(computed.json().error.issues).toEqual([
      { path: 'values.sheets', message: '"sheets" は合計の列です（自動で計算します）' },
    ]);
    expect(first.statusCode).toBe(201);
    expect(first.json<SeriesDetail>().rows[0]!.values.sheets).toBe(3);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('series.year_taken');
  });

  test('an editor may not change a series (it belongs to no department)', async () => {
    const response = await send(editor, {
      method: 'POST',
      url: `${base()}/series`,
      payload: { title: '推移', description: null, columns: printingColumns, source: null, note: null },
    });

    expect(response.statusCode).toBe(403);
  });
});

describe('grants and budget lines', () => {
  test('a grant needs its cost and grant amount; a budget line takes neither', async () => {
    const list = (
      await send(admin, {
        method: 'POST',
        url: `${base()}/funding-lists`,
        payload: {
          kind: 'grant',
          title: '採択結果一覧',
          fy: 2024,
          program: 'デジタル田園都市国家構想交付金',
          source: null,
          note: null,
          statedProjectCost: 219_541_000,
          statedGrantAmount: 118_948_000,
          statedBudgetAmount: null,
        },
      })
    ).json<FundingListDetail>().list;
    const item = {
      number: '1',
      name: '住民向け行政サービスDX事業',
      summary: null,
      type: 'デジタル実装タイプ TYPE1',
      projectCost: null,
      grantAmount: 71_517_000,
      budgetAmount: 10,
      subsidyRate: { numerator: 1, denominator: 2 },
      note: null,
      actionIds: [],
    };

    const missing = await send(admin, {
      method: 'POST',
      url: `${base()}/funding-lists/${list.id}/items`,
      payload: item,
    });
    const badRate = await send(admin, {
      method: 'POST',
      url: `${base()}/funding-lists/${list.id}/items`,
      payload: { ...item, subsidyRate: { numerator: 3, denominator: 2 } },
    });
    const added = await send(admin, {
      method: 'POST',
      url: `${base()}/funding-lists/${list.id}/items`,
      payload: { ...item, projectCost: 143_034_000, budgetAmount: null },
    });

    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'projectCost',
      'budgetAmount',
    ]);
    expect(badRate.statusCode).toBe(400);
    expect(badRate.json().error.issues[0].path).toBe('body.subsidyRate.numerator');
    expect(added.statusCode).toBe(201);
    const detail = added.json<FundingListDetail>();
    expect(detail.items[0]!.grantShare).toBe(50);
    expect(detail.totals.checks.map((check) => check.differs)).toEqual([true, true]);

    const lists = (
      await send(viewer, { method: 'GET', url: `${base()}/funding-lists` })
    ).json<FundingListsResponse>();
    expect(lists.byYearAndType).toContainEqual(
      expect.objectContaining({
        fy: 2024,
        kind: 'grant',
        type: 'デジタル実装タイプ TYPE1',
        projectCost: 143_034_000,
      }),
    );
  });

  test('the CSV is UTF-8 with a BOM, in 千円 or 円 as asked, with machine values and no total row', async () => {
    const list = (
      await send(admin, {
        method: 'POST',
        url: `${base()}/funding-lists`,
        payload: {
          kind: 'budget',
          title: '令和6年度 当初予算（主なDX関連事業）',
          fy: 2024,
          program: '当初予算',
          source: null,
          note: null,
          statedProjectCost: null,
          statedGrantAmount: null,
          statedBudgetAmount: null,
        },
      })
    ).json<FundingListDetail>().list;
    await send(admin, {
      method: 'POST',
      url: `${base()}/funding-lists/${list.id}/items`,
      payload: {
        number: '2',
        name: '公開型・統合型GIS構築',
        summary: '地図情報をオンラインで取得可能',
        type: null,
        projectCost: null,
        grantAmount: null,
        budgetAmount: 108_955_000,
        subsidyRate: null,
        note: null,
        actionIds: [],
      },
    });

    const thousand = await send(viewer, { method: 'GET', url: `${base()}/effects/funding/${list.id}/csv` });
    const yen = await send(viewer, {
      method: 'GET',
      url: `${base()}/effects/funding/${list.id}/csv?unit=yen`,
    });

    expect(thousand.statusCode).toBe(200);
    expect(thousand.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(thousand.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(thousand.body.startsWith('\uFEFF')).toBe(true);
    expect(thousand.body).toBe(
      '\uFEFFNo.,事業名,事業概要,令和6年度予算（千円）,連携アクション\r\n2,公開型・統合型GIS構築,地図情報をオンラインで取得可能,108955,\r\n',
    );
    expect(yen.body).toContain('令和6年度予算（円）');
    expect(yen.body).toContain(',108955000,');
  });
});

describe('publishing and open data', () => {
  test('only the DX office publishes; a published table is open data as JSON and CSV, an unpublished one is not', async () => {
    const detail = await createTestBprProject({
      db: testApp.db,
      municipalityId,
      departmentId: digitalId,
      title: '公開するBPR',
    });
    const code = buildPlanDocumentInput().municipality.code;
    const csvUrl = `/api/public/municipalities/${code}/effects/bpr/${detail.project.id}/csv`;

    const before = await send(null, { method: 'GET', url: csvUrl });
    const byEditor = await send(editor, {
      method: 'POST',
      url: `${base()}/effects/bpr/${detail.project.id}/publish`,
      payload: { published: true, version: detail.project.version },
    });
    const published = await send(admin, {
      method: 'POST',
      url: `${base()}/effects/bpr/${detail.project.id}/publish`,
      payload: { published: true, version: detail.project.version },
    });
    const list = await send(null, { method: 'GET', url: `/api/public/municipalities/${code}/effects` });
    const csv = await send(null, { method: 'GET', url: csvUrl });

    expect(before.statusCode).toBe(404);
    expect(byEditor.statusCode).toBe(403);
    expect(published.json()).toEqual({ published: true, version: detail.project.version + 1 });
    const table = list.json().tables.find((entry: { id: string }) => entry.id === detail.project.id);
    expect(table).toMatchObject({ kind: 'bpr', title: '公開するBPR', fy: 2023, csvUrl });
    expect(table.section.totals[0][5]).toEqual({ value: 84, text: '84' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('対応前（時間）');
    expect(csv.body).toContain('健診アンケート入力業務,総務部デジタル戦略課,288,204,84,29.2,');
  });

  test('an unknown municipality code is a 404, a malformed one a 400', async () => {
    expect(
      (await send(null, { method: 'GET', url: '/api/public/municipalities/999999/effects' })).statusCode,
    ).toBe(404);
    expect(
      (await send(null, { method: 'GET', url: '/api/public/municipalities/12/effects' })).statusCode,
    ).toBe(400);
  });
});

describe('report sections', () => {
  test('every table is a plain section with columns, rows, totals and the flagged stated figures as notes', async () => {
    const response = await send(viewer, {
      method: 'GET',
      url: `${base()}/effects/report-sections?unit=thousand`,
    });

    expect(response.statusCode).toBe(200);
    const sections = response.json().sections as {
      kind: string;
      title: string;
      notes: { kind: string; text: string }[];
    }[];
    expect(new Set(sections.map((section) => section.kind))).toEqual(
      new Set(['bpr', 'series', 'funding', 'funding_summary', 'roster', 'meeting_counts', 'meetings']),
    );
    const flagged = sections.find((section) => section.title === 'BPRプロジェクトの実証結果（評価）')!;
    expect(flagged.notes).toContainEqual({
      kind: 'stated_differs',
      text: '資料の削減時間の合計（未測定を除く） 80時間 は、各行から計算した 84時間 と一致しません',
    });
  });
});
