import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ADMINS, type MatrixContext, type PermissionCase } from '../permission-matrix.fixture.js';
import { getNotificationSettings, insertNotices } from './notices.repository.js';
import { noticesTable } from './notices.table.js';

/** A notice that gave up, for the retry case. */
async function storeFailedNotice(context: MatrixContext): Promise<string> {
  const dedupeKey = `matrix:${randomUUID()}`;
  await insertNotices({
    db: context.db,
    notices: [
      {
        municipalityId: context.municipalityId,
        planId: null,
        roundId: null,
        departmentId: null,
        kind: 'test',
        channel: 'webhook',
        recipients: [],
        webhookUrl: 'http://127.0.0.1:9/unreachable',
        subject: 'テスト',
        body: 'テスト',
        dedupeKey,
        nextAttemptAt: new Date(),
      },
    ],
  });
  const [row] = await context.db
    .update(noticesTable)
    .set({ status: 'failed' })
    .where(eq(noticesTable.dedupeKey, dedupeKey))
    .returning({ id: noticesTable.id });
  return row!.id;
}

export const noticePermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/municipalities/:municipalityId/notification-settings',
    allowed: ADMINS,
    request: (context) => ({
      method: 'GET',
      url: `/api/municipalities/${context.municipalityId}/notification-settings`,
    }),
  },
  {
    route: 'PUT /api/municipalities/:municipalityId/notification-settings',
    allowed: ADMINS,
    request: async (context) => {
      const settings = await getNotificationSettings({
        db: context.db,
        municipalityId: context.municipalityId,
      });
      return {
        method: 'PUT',
        url: `/api/municipalities/${context.municipalityId}/notification-settings`,
        payload: {
          reminderDaysBefore: 3,
          emailEnabled: true,
          webhookUrl: 'http://127.0.0.1:9/hooks/matrix',
          version: settings.version,
        },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/notification-settings/test',
    // With no webhook saved yet the office's test is a 400 (nowhere to send): let through all the same.
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `/api/municipalities/${context.municipalityId}/notification-settings/test`,
    }),
  },
  {
    route: 'POST /api/municipalities/:municipalityId/notices/:noticeId/retry',
    allowed: ADMINS,
    request: async (context) => ({
      method: 'POST',
      url: `/api/municipalities/${context.municipalityId}/notices/${await storeFailedNotice(context)}/retry`,
    }),
  },
];
