import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEntries, recordAudit } from '../audit/audit.repository.js';
import { actionCommentsTable } from '../comments/comments.table.js';
import { importEffectsSamples } from '../effects/effects.samples.js';
import { listSeries } from '../effects/series.repository.js';
import { actionsTable } from '../plans/plans.table.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { progressRoundsTable } from '../rounds/rounds.table.js';
import {
  buildSuperAdminActor,
  createTestApp,
  createTestUser,
  loginAs,
  type TestApp,
} from '../test-support.js';

function readSample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../../samples/${name}`, import.meta.url), 'utf8'));
}

const kamaPath = '/public/402273/kama-digital-plan-1/';

let testApp: TestApp;
let kamaId: string;
let kamaMunicipalityId: string;
let ichikiId: string;
let adminCookie: string;
let viewerCookie: string;

function send(cookie: string | null, options: InjectOptions) {
  return testApp.app.inject({ ...options, headers: { ...options.headers, ...(cookie && { cookie }) } });
}

const COMMENT = '内部向けコメント: 予算の見通しが立たない';
const HISTORY = '内部の変更履歴: 進捗を 20 % から 100 % に修正';

beforeAll(async () => {
  testApp = await createTestApp();
  const { db, app } = testApp;
  const kama = await importPlanDocument({ db, input: readSample('kama-digital-plan-1.json') });
  kamaId = kama.planId;
  kamaMunicipalityId = kama.municipalityId;
  ichikiId = (await importPlanDocument({ db, input: readSample('ichikikushikino-dx-plan.json') })).planId;
  await importPlanDocument({ db, input: readSample('kashima-dx-strategy.json') });
  const admin = await createTestUser({
    db,
    membership: { municipalityId: kamaMunicipalityId, role: 'admin' },
  });
  const viewer = await createTestUser({
    db,
    membership: { municipalityId: kamaMunicipalityId, role: 'viewer' },
  });
  adminCookie = await loginAs({ app, user: admin });
  viewerCookie = await loginAs({ app, user: viewer });

  // What must never reach the public: an internal comment and the history of changes.
  const [action6] = await db.select().from(actionsTable).where(eq(actionsTable.key, 'action-06'));
  await db.insert(actionCommentsTable).values({
    municipalityId: kamaMunicipalityId,
    planId: kamaId,
    actionId: action6!.id,
    authorName: '本部員',
    body: COMMENT,
  });
  await recordAudit({
    db,
    actor: buildSuperAdminActor(),
    entry: {
      municipalityId: kamaMunicipalityId,
      planId: kamaId,
      actionKey: 'action-06',
      subjectType: 'task',
      operation: 'progress',
      summary: HISTORY,
    },
  });
});

afterAll(async () => {
  await testApp?.close();
});

describe('an unpublished plan', () => {
  test('is not on the portal: its pages and its open data answer the portal’s own 404 page', async () => {
    for (const url of [
      kamaPath,
      `${kamaPath}actions/action-06.html`,
      `${kamaPath}data/actions.csv`,
      `/public/en${kamaPath.slice(7)}`,
    ]) {
      const response = await send(null, { url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<html lang=');
      expect(response.body).not.toContain('<div id="root">');
    }
    const index = await send(null, { url: '/public/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('公開中の計画はまだありません。');
  });

  test('an unknown portal address is the portal’s 404, not the single-page app', async () => {
    const response = await send(null, { url: '/public/no/such/page' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('ページが見つかりません');
  });
});

describe('POST /api/plans/:planId/publication/publish and withdraw', () => {
  test('a visitor is asked to log in, a malformed ID is refused, a viewer may not publish', async () => {
    const url = `/api/plans/${kamaId}/publication/publish`;
    expect((await send(null, { method: 'POST', url })).statusCode).toBe(401);
    expect(
      (await send(adminCookie, { method: 'POST', url: '/api/plans/x/publication/publish' })).statusCode,
    ).toBe(400);
    expect((await send(viewerCookie, { method: 'POST', url })).statusCode).toBe(403);
    expect(
      (await send(adminCookie, { method: 'POST', url: `/api/plans/${ichikiId}/publication/publish` }))
        .statusCode,
    ).toBe(403);
  });

  test('an admin publishes 嘉麻市’s plan: the history records it and the portal shows it', async () => {
    const response = await send(adminCookie, {
      method: 'POST',
      url: `/api/plans/${kamaId}/publication/publish`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ publishedAt: expect.any(String), publicPath: kamaPath });
    const again = await send(adminCookie, {
      method: 'POST',
      url: `/api/plans/${kamaId}/publication/publish`,
    });
    expect(again.json().publishedAt).toBe(response.json().publishedAt);
    const entries = await listAuditEntries({
      db: testApp.db,
      filter: { municipalityId: kamaMunicipalityId, planId: kamaId, subjectTypes: ['plan'], limit: 10 },
    });
    expect(entries.filter((entry) => entry.operation === 'publish')).toHaveLength(1);
    expect((await send(null, { url: kamaPath })).statusCode).toBe(200);
  });
});

describe('the public portal of a published plan', () => {
  test('the plan page has a good title, OGP tags, its own stylesheet and no script', async () => {
    const response = await send(null, { url: kamaPath });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    const html = response.body;
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('<title>第1次 嘉麻市デジタル推進計画 — 嘉麻市</title>');
    expect(html).toContain('<meta property="og:title" content="第1次 嘉麻市デジタル推進計画 — 嘉麻市">');
    expect(html).toContain('<meta property="og:locale" content="ja_JP">');
    expect(html).toContain('<link rel="stylesheet" href="../../assets/portal.css">');
    expect(html).toContain('href="actions/action-06.html"');
    expect(html).toContain('href="data/actions.csv"');
    expect(html).not.toMatch(/<script|style=|https?:\/\/(?!www\.digital\.go\.jp)/);
    expect(html).toContain('<svg class="chart chart--bars"');
  });

  test('the action page shows the aim, approach, target, owners, rating and a KPI chart as SVG', async () => {
    const response = await send(null, { url: `${kamaPath}actions/action-06.html` });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<title>6 インターネット利用機会の向上 — 第1次 嘉麻市デジタル推進計画</title>');
    for (const text of [
      '目指すこと',
      'やること',
      '公式ホームページアクセス数 30%向上',
      '人事秘書課・デジタル戦略課',
      '概ね達成',
      '83.3 %',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(
      /<svg class="chart" viewBox="0 0 640 300" role="img" aria-labelledby="kpi-0-title kpi-0-desc"/,
    );
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).not.toMatch(/<script|style=/);
  });

  test('internal comments, the history and the plan’s internal notes never appear', async () => {
    const pages = [
      kamaPath,
      `${kamaPath}actions/action-06.html`,
      `${kamaPath}schedule.html`,
      `${kamaPath}data/actions.csv`,
      `${kamaPath}data/kpis.csv`,
      `${kamaPath}data/kpi-actuals.csv`,
      `${kamaPath}data/plan.json`,
      '/public/en/402273/kama-digital-plan-1/actions/action-06.html',
    ];
    for (const url of pages) {
      const body = (await send(null, { url })).body;
      expect(body, url).not.toContain(COMMENT);
      expect(body, url).not.toContain(HISTORY);
      // The action's note (備考) is the DX office's working remark, not part of the published plan.
      expect(body, url).not.toContain('資料の最終報告の例');
    }
  });

  test('the open data is CSV with a BOM and JSON, with stable identifiers, the municipality code and the licence', async () => {
    const csv = await send(null, { url: `${kamaPath}data/actions.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="402273-kama-digital-plan-1-actions.csv"',
    );
    const bytes = csv.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^全国地方公共団体コード,自治体名,計画ID,計画名,アクションID,番号,名称,/);
    const action6 = lines.find((line) => line.includes('402273/kama-digital-plan-1/action-06'))!;
    expect(action6).toContain('402273,嘉麻市,402273/kama-digital-plan-1,');
    expect(action6).toContain(',概ね達成,mostly_achieved,83.3,目標(値)に対する達成率,0,1,83.3,90.0,,');
    expect(action6).toContain('公共データ利用規約（第1.0版）（PDL1.0）');
    expect(lines).toHaveLength(52);

    const json = (await send(null, { url: `${kamaPath}data/plan.json` })).json();
    expect(json).toMatchObject({
      format: 'kiseki-opendata@1',
      municipality: { code: '402273', name: '嘉麻市' },
      plan: { id: '402273/kama-digital-plan-1' },
      license: { name: '公共データ利用規約（第1.0版）（PDL1.0）' },
    });
    const jsonAction6 = json.actions.find((action: { key: string }) => action.key === 'action-06');
    expect(jsonAction6).toMatchObject({
      id: '402273/kama-digital-plan-1/action-06',
      rating: { label: '概ね達成' },
      rate: 83.3,
      kpis: [{ id: '402273/kama-digital-plan-1/action-06/website-access', rate: 83.3 }],
    });
  });

  test('the English pages translate the portal and the default labels, and link back to Japanese', async () => {
    const response = await send(null, {
      url: '/public/en/402273/kama-digital-plan-1/actions/action-06.html',
    });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Mostly achieved');
    expect(html).toContain(
      '<a href="../../../../402273/kama-digital-plan-1/actions/action-06.html" hreflang="ja" lang="ja">日本語</a>',
    );
    expect(html).toContain('<meta property="og:locale" content="en_US">');
    // The plan's own words stay Japanese and say so, for screen readers (WCAG 3.1.2).
    expect(html).toContain('<h1 lang="ja">6 インターネット利用機会の向上</h1>');
    expect(html).toContain('<td lang="ja"><p>公式ホームページアクセス数 30%向上</p></td>');
  });

  test('a plan address without its final slash is redirected, so that its relative links hold', async () => {
    const response = await send(null, { url: '/public/402273/kama-digital-plan-1' });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(kamaPath);
  });

  test('a page answers 304 to a browser that already has it', async () => {
    const first = await send(null, { url: kamaPath });
    const second = await send(null, {
      url: kamaPath,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(second.statusCode).toBe(304);
  });

  test('the stylesheet is served from the portal itself', async () => {
    const response = await send(null, { url: '/public/assets/portal.css' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(response.body).toContain('.chart__forecast');
  });

  test('once a progress round has closed, the portal shows the plan as it stood then', async () => {
    const snapshot = readSample('kama-digital-plan-1.json') as {
      plan: { nodes: { children: { actions: { key: string; assessment?: unknown }[] }[] }[] };
    };
    for (const node of snapshot.plan.nodes)
      for (const child of node.children)
        for (const action of child.actions)
          if (action.key === 'action-13') action.assessment = { rate: 95, reason: '締切時点の評価' };
    const [round] = await testApp.db
      .insert(progressRoundsTable)
      .values({
        municipalityId: kamaMunicipalityId,
        planId: kamaId,
        fy: 2026,
        month: 9,
        dueDate: '2026-09-30',
        status: 'closed',
        closedAt: new Date('2026-10-05T00:00:00Z'),
        snapshot: snapshot as never,
      })
      .returning();
    const html = (await send(null, { url: `${kamaPath}actions/action-13.html` })).body;
    expect(html).toContain('95.0 %');
    expect(html).toContain('ほぼ達成');
    const plan = (await send(null, { url: kamaPath })).body;
    expect(plan).toContain('令和8年度 9月の進捗確認（締切済み）時点の内容です。');
    await testApp.db.delete(progressRoundsTable).where(eq(progressRoundsTable.id, round!.id));
  });

  test('the schedule page of いちき串木野市 marks this fiscal year', async () => {
    await send(
      await loginAs({ app: testApp.app, user: await createTestUser({ db: testApp.db, superAdmin: true }) }),
      {
        method: 'POST',
        url: `/api/plans/${ichikiId}/publication/publish`,
      },
    );
    const html = (await send(null, { url: '/public/462195/ichikikushikino-dx-plan/schedule.html' })).body;
    expect(html).toContain('<span class="current-mark">今年度</span>');
    expect(html).toContain('③ 窓口業務の改善 — 書かない窓口');
    expect(html).toContain('試験導入');
    const index = (await send(null, { url: '/public/' })).body;
    expect(index).toContain('href="402273/kama-digital-plan-1/index.html"');
    expect(index).toContain('href="462195/ichikikushikino-dx-plan/index.html"');
    expect(index).not.toContain('かしまデジタル変革戦略');
  });

  test('after the admin withdraws it, the plan is gone from the portal again', async () => {
    const response = await send(adminCookie, {
      method: 'POST',
      url: `/api/plans/${kamaId}/publication/withdraw`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().publishedAt).toBeNull();
    expect((await send(null, { url: kamaPath })).statusCode).toBe(404);
    expect((await send(null, { url: `${kamaPath}data/plan.json` })).statusCode).toBe(404);
    const entries = await listAuditEntries({
      db: testApp.db,
      filter: { municipalityId: kamaMunicipalityId, planId: kamaId, subjectTypes: ['plan'], limit: 10 },
    });
    expect(entries.map((entry) => entry.operation)).toContain('withdraw');
  });
});

describe('the effects tables a municipality publishes', () => {
  test('appear on the plan’s portal page with their computed totals and a CSV; unpublished ones do not', async () => {
    const results = await importEffectsSamples({
      db: testApp.db,
      directory: fileURLToPath(new URL('../../../samples/effects', import.meta.url)),
    });
    expect(results.filter((result) => result.error)).toEqual([]);
    const [printing, ...others] = await listSeries({ db: testApp.db, municipalityId: kamaMunicipalityId });
    expect(others).toEqual([]);
    await send(adminCookie, { method: 'POST', url: `/api/plans/${kamaId}/publication/publish` });

    const before = (await send(null, { method: 'GET', url: kamaPath })).body;
    expect(before).not.toContain('取組の効果・予算');

    const published = await send(adminCookie, {
      method: 'POST',
      url: `/api/municipalities/${kamaMunicipalityId}/effects/series/${printing!.id}/publish`,
      payload: { published: true, version: printing!.version },
    });
    expect(published.statusCode).toBe(200);

    const page = (await send(null, { method: 'GET', url: kamaPath })).body;
    expect(page).toContain('取組の効果・予算');
    expect(page).toContain(printing!.title);
    expect(page).toContain('△116,274');
    const href = /href="(data\/effects-series-[0-9a-f-]{36}\.csv)"/.exec(page)?.[1];
    expect(href).toBeDefined();
    const csv = await send(null, { method: 'GET', url: `${kamaPath}${href}` });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(csv.body).toContain('4660095');

    const unknown = await send(null, {
      method: 'GET',
      url: `${kamaPath}data/effects-series-00000000-0000-4000-8000-000000000000.csv`,
    });
    expect(unknown.statusCode).toBe(404);
  });
});
