import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EVIDENCE_MAX_BYTES } from '../../domain/evidence.js';
import { listAuditEntries } from '../audit/audit.repository.js';
import { listDepartments } from '../departments/departments.repository.js';
import { buildPlanDocumentInput } from '../plans/plans.test-fixtures.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { TINY_PNG } from '../rounds/rounds.test-fixtures.js';
import { createTestApp, createTestUser, loginAs, type TestApp } from '../test-support.js';

let testApp: TestApp;
let planId: string;
let municipalityId: string;
let uploadUrl: string;
let editorCookie: string;
let viewerCookie: string;

function send(cookie: string | null, options: InjectOptions) {
  return testApp.app.inject({ ...options, headers: { ...options.headers, ...(cookie && { cookie }) } });
}

function upload(
  cookie: string | null,
  { bytes, fileName, actionKey = 'a1' }: { bytes: Buffer; fileName: string; actionKey?: string },
) {
  const query = new URLSearchParams({ actionKey, fileName, caption: '説明会の様子' });
  return send(cookie, {
    method: 'POST',
    url: `${uploadUrl}?${query}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
}

beforeAll(async () => {
  testApp = await createTestApp();
  const { db, app } = testApp;
  const saved = await importPlanDocument({ db, input: buildPlanDocumentInput() });
  planId = saved.planId;
  municipalityId = saved.municipalityId;
  const digital = (await listDepartments({ db, municipalityId })).find((d) => d.key === 'digital')!;
  const admin = await createTestUser({ db, membership: { municipalityId, role: 'admin' } });
  const editor = await createTestUser({
    db,
    displayName: 'デジタル戦略課 担当',
    membership: { municipalityId, role: 'editor', departmentIds: [digital.id] },
  });
  const viewer = await createTestUser({ db, membership: { municipalityId, role: 'viewer' } });
  editorCookie = await loginAs({ app, user: editor });
  viewerCookie = await loginAs({ app, user: viewer });
  const opened = await send(await loginAs({ app, user: admin }), {
    method: 'POST',
    url: `/api/plans/${planId}/rounds`,
    payload: { fy: 2024, month: 9, dueDate: '2024-10-15' },
  });
  uploadUrl = `/api/plans/${planId}/rounds/${opened.json().id}/departments/${digital.id}/evidence`;
});

afterAll(async () => {
  await testApp?.close();
});

describe('uploading evidence', () => {
  test('a visitor is asked to log in, and a viewer may not upload', async () => {
    expect((await upload(null, { bytes: TINY_PNG, fileName: 'a.png' })).statusCode).toBe(401);
    expect((await upload(viewerCookie, { bytes: TINY_PNG, fileName: 'a.png' })).statusCode).toBe(403);
  });

  test('a file whose content is not on the list is refused, whatever its name says', async () => {
    const response = await upload(editorCookie, {
      bytes: Buffer.from('<script>alert(1)</script>'),
      fileName: 'photo.jpg',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'evidence.invalid_file',
      message: expect.stringContaining('「photo.jpg」は登録できない種類のファイルです'),
    });
  });

  test('a file over 10 MB is refused as too large', async () => {
    const big = Buffer.alloc(EVIDENCE_MAX_BYTES + 1);
    TINY_PNG.copy(big);
    const response = await upload(editorCookie, { bytes: big, fileName: 'big.png' });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('evidence.too_large');
  });

  test('a JSON body instead of the file is a 400 that says what to send', async () => {
    const response = await send(editorCookie, {
      method: 'POST',
      url: `${uploadUrl}?actionKey=a1&fileName=a.png`,
      payload: { file: 'x' },
    });
    expect(response.statusCode).toBe(400);
  });

  test('a photo is stored with the type read from its bytes, listed on the action and served as an image', async () => {
    const response = await upload(editorCookie, { bytes: TINY_PNG, fileName: 'C:\\写真\\説明会.jpg' });

    expect(response.statusCode).toBe(201);
    const { evidence } = response.json();
    expect(evidence).toMatchObject({
      kind: 'photo',
      fileName: '説明会.jpg',
      contentType: 'image/png',
      size: TINY_PNG.length,
      caption: '説明会の様子',
      departmentName: 'デジタル戦略課',
      roundTitle: '令和6年度 9月の進捗確認',
      uploadedByName: 'デジタル戦略課 担当',
    });
    const [entry] = await listAuditEntries({
      db: testApp.db,
      filter: { municipalityId, planId, subjectTypes: ['evidence'], limit: 1 },
    });
    expect(entry).toMatchObject({ operation: 'create', actionKey: 'a1', subjectId: evidence.id });

    const list = await send(viewerCookie, { method: 'GET', url: `/api/plans/${planId}/actions/a1/evidence` });
    expect(list.json().evidence.map((item: { id: string }) => item.id)).toEqual([evidence.id]);

    const file = await send(viewerCookie, { method: 'GET', url: evidence.url });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(
      `inline; filename="___.jpg"; filename*=UTF-8''${encodeURIComponent('説明会.jpg')}`,
    );
    expect(file.rawPayload.equals(TINY_PNG)).toBe(true);

    const again = await send(viewerCookie, {
      method: 'GET',
      url: evidence.url,
      headers: { 'if-none-match': file.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  test('a PDF is offered as a download, not shown', async () => {
    const response = await upload(editorCookie, {
      bytes: Buffer.from('%PDF-1.7\n%…'),
      fileName: '報告書.pdf',
    });
    const file = await send(viewerCookie, { method: 'GET', url: response.json().evidence.url });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; /);
  });

  test('removing a file archives it: it is no longer listed nor served, and the history keeps it', async () => {
    const { evidence } = (await upload(editorCookie, { bytes: TINY_PNG, fileName: 'remove-me.png' })).json();
    const archived = await send(editorCookie, { method: 'POST', url: `${uploadUrl}/${evidence.id}/archive` });
    expect(archived.statusCode).toBe(200);

    expect((await send(viewerCookie, { method: 'GET', url: evidence.url })).statusCode).toBe(404);
    const list = await send(viewerCookie, { method: 'GET', url: `/api/plans/${planId}/actions/a1/evidence` });
    expect(list.json().evidence.map((item: { id: string }) => item.id)).not.toContain(evidence.id);
    const again = await send(editorCookie, { method: 'POST', url: `${uploadUrl}/${evidence.id}/archive` });
    expect(again.statusCode).toBe(404);
  });

  test('an action the department neither owns nor has tasks in is refused', async () => {
    const response = await upload(editorCookie, { bytes: TINY_PNG, fileName: 'a.png', actionKey: 'a2' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toBe('デジタル戦略課は、このアクションの担い手ではありません');
  });
});
