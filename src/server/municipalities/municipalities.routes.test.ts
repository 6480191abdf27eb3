import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, createTestUser, loginAs, type TestApp } from '../test-support.js';

let testApp: TestApp;
let superAdmin: string;
let admin: string;

beforeAll(async () => {
  testApp = await createTestApp();
  superAdmin = await loginAs({
    app: testApp.app,
    user: await createTestUser({ db: testApp.db, superAdmin: true }),
  });
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/api/municipalities',
    headers: { cookie: superAdmin },
    payload: { code: '402273', name: '嘉麻市', prefecture: '福岡県' },
  });
  admin = await loginAs({
    app: testApp.app,
    user: await createTestUser({
      db: testApp.db,
      membership: { municipalityId: created.json().id, role: 'admin' },
    }),
  });
});

afterAll(async () => {
  await testApp?.close();
});

describe('POST /api/municipalities', () => {
  const post = (cookie: string | null, payload: Record<string, string>) =>
    testApp.app.inject({
      method: 'POST',
      url: '/api/municipalities',
      headers: cookie ? { cookie } : {},
      payload,
    });

  test('a visitor is asked to log in', async () => {
    expect(
      (await post(null, { code: '462161', name: 'いちき串木野市', prefecture: '鹿児島県' })).statusCode,
    ).toBe(401);
  });

  test('a code whose check digit does not match is refused next to the code', async () => {
    const response = await post(superAdmin, {
      code: '462160',
      name: 'いちき串木野市',
      prefecture: '鹿児島県',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([
      { path: 'body.code', message: '全国地方公共団体コードの検査数字が一致しません' },
    ]);
  });

  test('a municipality’s admin may not register a municipality', async () => {
    expect(
      (await post(admin, { code: '462161', name: 'いちき串木野市', prefecture: '鹿児島県' })).statusCode,
    ).toBe(403);
  });

  test('the super-admin registers a municipality; the same code again is a 409', async () => {
    const response = await post(superAdmin, {
      code: '462161',
      name: 'いちき串木野市',
      prefecture: '鹿児島県',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ code: '462161', name: 'いちき串木野市', planCount: 0 });
    const list = await testApp.app.inject({
      method: 'GET',
      url: '/api/municipalities',
      headers: { cookie: superAdmin },
    });
    expect(list.json().municipalities.map((m: { code: string }) => m.code)).toEqual(['402273', '462161']);

    const again = await post(superAdmin, { code: '462161', name: 'いちき串木野市', prefecture: '鹿児島県' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.issues).toEqual([
      { path: 'code', message: 'コード 462161 の自治体はすでに登録されています' },
    ]);
  });
});
