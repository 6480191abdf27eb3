import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseConnection } from '../../db/database.js';
import { createTestDatabase } from '../../db/test-database.js';
import { buildApp } from '../app.js';
import { listAuditEntries } from '../audit/audit.repository.js';
import { buildPlanDocumentInput } from '../plans/plans.test-fixtures.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { createTestUser, loginAs } from '../test-support.js';
import type { NotificationSettingsResponse } from './notices.routes.js';
import { noticesTable } from './notices.table.js';

let connection: DatabaseConnection;
let app: FastifyInstance;
let municipalityId: string;
let adminCookie: string;
let editorCookie: string;

function send(cookie: string | null, options: InjectOptions) {
  return app.inject({ ...options, headers: { ...options.headers, ...(cookie && { cookie }) } });
}

beforeAll(async () => {
  connection = await createTestDatabase();
  app = await buildApp({
    db: connection.db,
    webRoot: join(tmpdir(), 'kiseki-no-such-web-root'),
    // No SMTP server in this deployment: e-mail is unavailable, the webhook still works.
    noticeDeployment: { smtpUrl: null, mailFrom: 'kiseki@localhost', publicUrl: null },
  });
  const saved = await importPlanDocument({ db: connection.db, input: buildPlanDocumentInput() });
  municipalityId = saved.municipalityId;
  const admin = await createTestUser({
    db: connection.db,
    displayName: 'DX推進担当',
    membership: { municipalityId, role: 'admin' },
  });
  const editor = await createTestUser({ db: connection.db, membership: { municipalityId, role: 'editor' } });
  adminCookie = await loginAs({ app, user: admin });
  editorCookie = await loginAs({ app, user: editor });
});

afterAll(async () => {
  await app?.close();
  await connection?.close();
});

const settingsUrl = () => `/api/municipalities/${municipalityId}/notification-settings`;

describe('notification settings', () => {
  test('a visitor is asked to log in; an editor may not see them', async () => {
    expect((await send(null, { method: 'GET', url: settingsUrl() })).statusCode).toBe(401);
    expect((await send(editorCookie, { method: 'GET', url: settingsUrl() })).statusCode).toBe(403);
  });

  test('a municipality that never saved them has the defaults, and the admin learns that e-mail is unavailable here', async () => {
    const response = await send(adminCookie, { method: 'GET', url: settingsUrl() });
    expect(response.statusCode).toBe(200);
    const body = response.json<NotificationSettingsResponse>();
    expect(body.settings).toMatchObject({
      reminderDaysBefore: 3,
      emailEnabled: true,
      webhookUrl: null,
      version: 1,
    });
    expect(body.emailAvailable).toBe(false);
    expect(body.notices).toEqual([]);
  });

  test('a webhook URL that is not http(s) and a day count out of range are 400s naming the fields', async () => {
    const response = await send(adminCookie, {
      method: 'PUT',
      url: settingsUrl(),
      payload: {
        reminderDaysBefore: 40,
        emailEnabled: true,
        webhookUrl: 'ftp://chat.example/hook',
        version: 1,
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([
      { path: 'body.reminderDaysBefore', message: '日数は 30 以下にしてください' },
      {
        path: 'body.webhookUrl',
        message: 'Webhook の URL は http:// または https:// で始まる URL にしてください',
      },
    ]);
  });

  test('the admin saves them; the history keeps the change without the webhook’s secret; a stale save is a 409', async () => {
    const payload = {
      reminderDaysBefore: 5,
      emailEnabled: false,
      webhookUrl: 'https://chat.example.lg.jp/hooks/very-secret-token',
      version: 1,
    };
    const response = await send(adminCookie, { method: 'PUT', url: settingsUrl(), payload });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ reminderDaysBefore: 5, emailEnabled: false, version: 2 });

    const [entry] = await listAuditEntries({
      db: connection.db,
      filter: { municipalityId, subjectTypes: ['settings'], limit: 1 },
    });
    expect(entry?.summary).toBe('通知設定を変更（提出期限の5日前からお知らせ・メールなし・Webhook あり）');
    expect(JSON.stringify(entry?.after)).not.toContain('very-secret-token');

    const stale = await send(adminCookie, { method: 'PUT', url: settingsUrl(), payload });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.version).toBe(2);
  });

  test('a test notice is queued for the webhook, and a notice that gave up can be sent again', async () => {
    const queued = await send(adminCookie, { method: 'POST', url: `${settingsUrl()}/test` });
    expect(queued.statusCode).toBe(200);
    expect(queued.json()).toEqual({ queued: 1 });

    const listed = (
      await send(adminCookie, { method: 'GET', url: settingsUrl() })
    ).json<NotificationSettingsResponse>();
    expect(
      listed.notices.map((notice) => [notice.kind, notice.channel, notice.status, notice.subject]),
    ).toEqual([['test', 'webhook', 'pending', '【Kiseki】通知のテスト']]);

    const noticeId = listed.notices[0]!.id;
    const notYetFailed = await send(adminCookie, {
      method: 'POST',
      url: `/api/municipalities/${municipalityId}/notices/${noticeId}/retry`,
    });
    expect(notYetFailed.statusCode).toBe(404);

    await connection.db.update(noticesTable).set({ status: 'failed', attempts: 48, lastError: 'HTTP 500' });
    const retried = await send(adminCookie, {
      method: 'POST',
      url: `/api/municipalities/${municipalityId}/notices/${noticeId}/retry`,
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
