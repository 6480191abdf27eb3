import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseConnection } from '../../db/database.js';
import { createTestDatabase } from '../../db/test-database.js';
import { planDocumentSchema } from '../../domain/plan.schemas.js';
import { buildApp } from '../app.js';
import { createTestUser, loginAs } from '../test-support.js';
import { createPlanViewCache, type PlanViewCache } from './plans.cache.js';
import type { ActionDetailResponse, PlanDetailResponse, PlanListResponse } from './plans.schemas.js';
import { buildPlanDocument, buildPlanDocumentInput, TEST_MUNICIPALITY_CODES } from './plans.test-fixtures.js';
import { importPlanDocument } from './plans.usecases.js';

const unknownPlanId = '00000000-0000-4000-8000-000000000000';

let connection: DatabaseConnection;
let app: FastifyInstance;
let cache: PlanViewCache;
let planId: string;
let cookie: string;

/** A request of a signed-in super-admin. */
function request(options: InjectOptions) {
  return app.inject({ ...options, headers: { cookie, ...options.headers } });
}

beforeAll(async () => {
  connection = await createTestDatabase();
  cache = createPlanViewCache();
  app = await buildApp({ db: connection.db, cache, webRoot: join(tmpdir(), 'kiseki-no-such-web-root') });
  cookie = await loginAs({ app, user: await createTestUser({ db: connection.db, superAdmin: true }) });
  const saved = await importPlanDocument({ db: connection.db, input: buildPlanDocumentInput() });
  planId = saved.planId;
});

afterAll(async () => {
  await app?.close();
  await connection?.close();
});

describe('GET /api/plans/:planId', () => {
  test('the plan detail carries the tree, each node’s tally and each action’s three reference rates', async () => {
    const response = await request({ url: `/api/plans/${planId}` });

    expect(response.statusCode).toBe(200);
    const body = response.json<PlanDetailResponse>();
    expect(body.plan).toMatchObject({
      id: planId,
      slug: 'test-plan',
      actionCount: 4,
      levels: ['テーマ', '重点施策'],
      revision: 1,
      municipality: { code: TEST_MUNICIPALITY_CODES[0], name: '試験市' },
    });
    expect(body.plan.evaluation.kpiAggregation).toBe('min');
    expect(body.nodes.map((node) => node.key)).toEqual(['life', 'work']);
    expect(body.nodes[0]!.children[0]!.depth).toBe(1);
    expect(body.nodes[0]!.evaluation.actionCount).toBe(2);
    expect(body.total.actionCount).toBe(4);
    expect(body.actions.map((action) => action.key)).toEqual(['a4']);

    const [a1, a2] = body.nodes[0]!.children[0]!.actions;
    expect(a1!.owners).toEqual([
      { key: 'digital', name: 'デジタル戦略課' },
      { key: 'citizens', name: '市民課' },
    ]);
    expect(a1!.assessmentShown).toBe(70);
    expect(a1!.kpiShown).not.toBeNull();
    expect(a1!.tasksShown).not.toBeNull();
    expect(a2!.rating.kind).toBe('status');
    const a3 = body.nodes[1]!.actions[0]!;
    expect(a3).toMatchObject({
      basis: 'assessment',
      assessmentShown: 88.8,
      kpiShown: null,
      tasksShown: null,
    });
  });

  test('an unknown plan is a 404 with a Japanese message', async () => {
    const response = await request({ url: `/api/plans/${unknownPlanId}` });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'plan.not_found', message: '指定された計画は見つかりません' },
    });
  });

  test('a malformed plan id is a 400 that names the parameter', async () => {
    const response = await request({ url: '/api/plans/not-a-uuid' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: 'request.invalid',
        message: 'リクエストの内容に誤りがあります',
        issues: [{ path: 'params.planId', message: '計画IDの形式が正しくありません' }],
      },
    });
  });

  test('the response carries an ETag, and a request that names it gets 304 without a body', async () => {
    const first = await request({ url: `/api/plans/${planId}` });
    const etag = first.headers.etag as string;

    const second = await request({ url: `/api/plans/${planId}`, headers: { 'if-none-match': etag } });

    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe('');
    expect(second.headers.etag).toBe(etag);
  });
});

describe('evaluation cache', () => {
  test('a plan is evaluated once per revision however often it is asked for, and again after a change', async () => {
    const saved = await importPlanDocument({
      db: connection.db,
      input: buildPlanDocumentInput({ slug: 'cached-plan' }),
    });
    const loadsBefore = cache.stats().loads;

    const first = await request({ url: `/api/plans/${saved.planId}` });
    await request({ url: `/api/plans/${saved.planId}` });
    await request({ url: `/api/plans/${saved.planId}/actions/a1` });
    await request({ url: `/api/plans/${saved.planId}/actions/a3` });
    expect(cache.stats().loads - loadsBefore).toBe(1);

    // A change made elsewhere (here straight through the use case, as the CLI would) bumps the revision.
    await importPlanDocument({
      db: connection.db,
      input: buildPlanDocumentInput({ slug: 'cached-plan', title: '改訂した計画' }),
      replace: true,
    });
    const afterChange = await request({
      url: `/api/plans/${saved.planId}`,
      headers: { 'if-none-match': first.headers.etag as string },
    });

    expect(cache.stats().loads - loadsBefore).toBe(2);
    expect(afterChange.statusCode).toBe(200);
    expect(afterChange.headers.etag).not.toBe(first.headers.etag);
    expect(afterChange.json<PlanDetailResponse>().plan).toMatchObject({ title: '改訂した計画', revision: 2 });
  });
});

describe('GET /api/plans/:planId/actions/:actionKey', () => {
  test('the action detail gives the action, its path, its departments and its evaluation', async () => {
    const response = await request({ url: `/api/plans/${planId}/actions/a1` });

    expect(response.statusCode).toBe(200);
    const body = response.json<ActionDetailResponse>();
    expect(body.path).toEqual([
      { key: 'life', number: '1', title: 'くらし', level: 'テーマ' },
      { key: 'life-online', number: '1-1', title: '行かない窓口', level: '重点施策' },
    ]);
    expect(body.action.key).toBe('a1');
    expect(body.action.tasks).toHaveLength(5);
    expect(body.departments.map((department) => department.key)).toEqual(['digital', 'citizens']);
    expect(body.evaluation.actionKey).toBe('a1');
    expect(body.evaluation.assessment.result?.shown).toBe(70);
    expect(body.ratings.length).toBeGreaterThan(0);
    expect(response.headers.etag).toBeDefined();
  });

  test('an action directly under the plan has an empty path', async () => {
    const response = await request({ url: `/api/plans/${planId}/actions/a4` });

    expect(response.json<ActionDetailResponse>().path).toEqual([]);
  });

  test('an unknown action is a 404 with a Japanese message', async () => {
    const response = await request({ url: `/api/plans/${planId}/actions/no-such-action` });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'action.not_found', message: '指定されたアクションは見つかりません' },
    });
  });

  test('an action key that is too long is a 400, not a 500', async () => {
    const response = await request({ url: `/api/plans/${planId}/actions/${'a'.repeat(65)}` });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues[0].path).toBe('params.actionKey');
  });
});

describe('GET /api/plans/:planId/export', () => {
  test('the export is a download of the document that was imported', async () => {
    const response = await request({ url: `/api/plans/${planId}/export` });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="test-plan.json"');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(planDocumentSchema.parse(response.json())).toStrictEqual(buildPlanDocument());
  });

  test('an exported document imports into another database unchanged', async () => {
    const exported = (await request({ url: `/api/plans/${planId}/export` })).json();
    const other = await createTestDatabase();
    try {
      const saved = await importPlanDocument({ db: other.db, input: exported });
      const otherApp = await buildApp({ db: other.db });
      const otherCookie = await loginAs({
        app: otherApp,
        user: await createTestUser({ db: other.db, superAdmin: true }),
      });
      const again = await otherApp.inject({
        url: `/api/plans/${saved.planId}/export`,
        headers: { cookie: otherCookie },
      });
      await otherApp.close();

      expect(again.json()).toStrictEqual(exported);
    } finally {
      await other.close();
    }
  });

  test('exporting an unknown plan is a 404', async () => {
    const response = await request({ url: `/api/plans/${unknownPlanId}/export` });

    expect(response.statusCode).toBe(404);
  });
});

describe('GET /api/plans and /api/municipalities', () => {
  test('a listing filtered by municipality never returns another municipality’s plan', async () => {
    const a = await importPlanDocument({
      db: connection.db,
      input: buildPlanDocumentInput({
        code: TEST_MUNICIPALITY_CODES[3],
        municipalityName: 'A区',
        slug: 'same',
      }),
    });
    const b = await importPlanDocument({
      db: connection.db,
      input: buildPlanDocumentInput({
        code: TEST_MUNICIPALITY_CODES[4],
        municipalityName: 'B市',
        slug: 'same',
      }),
    });

    const listA = (
      await request({ url: `/api/plans?municipality=${TEST_MUNICIPALITY_CODES[3]}` })
    ).json<PlanListResponse>();
    const listB = (
      await request({ url: `/api/plans?municipality=${TEST_MUNICIPALITY_CODES[4]}` })
    ).json<PlanListResponse>();
    const all = (await request({ url: '/api/plans' })).json<PlanListResponse>();

    expect(listA.plans.map((plan) => plan.id)).toEqual([a.planId]);
    expect(listB.plans.map((plan) => plan.id)).toEqual([b.planId]);
    expect(all.plans.map((plan) => plan.id)).toEqual(expect.arrayContaining([a.planId, b.planId, planId]));
  });

  test('a municipality filter that is not a 6-digit code is a 400', async () => {
    const response = await request({ url: '/api/plans?municipality=kama' });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues[0].path).toBe('querystring.municipality');
  });

  test('municipalities are listed with their number of plans', async () => {
    const response = await request({ url: '/api/municipalities' });

    expect(response.statusCode).toBe(200);
    expect(response.json().municipalities).toContainEqual(
      expect.objectContaining({ code: TEST_MUNICIPALITY_CODES[0], name: '試験市', planCount: 2 }),
    );
  });
});

describe('the rest of the server', () => {
  test('the health check answers ok', async () => {
    const response = await request({ url: '/api/health' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  test('the OpenAPI description lists every API route', async () => {
    const response = await request({ url: '/api/docs/json' });

    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/municipalities',
        '/api/plans',
        '/api/plans/{planId}',
        '/api/plans/{planId}/actions/{actionKey}',
        '/api/plans/{planId}/export',
      ]),
    );
    expect(response.json().components.schemas).toHaveProperty('PlanTreeNode');
  });

  test('Swagger UI is served from the server itself', async () => {
    const page = await request({ url: '/api/docs/' });
    const script = await request({ url: '/api/docs/static/swagger-ui-bundle.js' });

    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/(src|href)="https?:\/\//);
    expect(script.statusCode).toBe(200);
  });

  test('every response forbids loading anything from another origin', async () => {
    const response = await request({ url: '/api/health' });

    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  test('the API docs may use inline styles, but no page may run an inline script', async () => {
    const docs = await request({ url: '/api/docs' });
    const policy = docs.headers['content-security-policy'] as string;

    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  test('an unknown API URL is a 404 in JSON, not the web page', async () => {
    const response = await request({ url: '/api/no-such-thing' });

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('route.not_found');
  });

  test('without a built web UI, a page tells how to build it', async () => {
    const response = await request({ url: '/' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('npm run build:web');
  });

  test('with a built web UI, any page URL outside /api gets the app’s index.html', async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'kiseki-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>app</title>');
    const webApp = await buildApp({ db: connection.db, webRoot });
    try {
      const root = await webApp.inject({ url: '/' });
      const deepLink = await webApp.inject({ url: `/plans/${planId}/actions/a1` });
      const missingFile = await webApp.inject({ url: '/missing.js' });
      const api = await webApp.inject({ url: '/api/nothing' });

      expect(root.body).toContain('<title>app</title>');
      expect(deepLink.statusCode).toBe(200);
      expect(deepLink.body).toContain('<title>app</title>');
      expect(missingFile.statusCode).toBe(404);
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe('route.not_found');
    } finally {
      await webApp.close();
      rmSync(webRoot, { recursive: true, force: true });
    }
  });
});
