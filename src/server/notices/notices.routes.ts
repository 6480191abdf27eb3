import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { notificationSettingsInputSchema } from '../../domain/progress-round.schemas.js';
import { municipalityParamsSchema, uuidSchema } from '../accounts/accounts.schemas.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import type { NoticeDeployment } from './notices.transport.js';
import {
  getNotificationSettingsView,
  retryNotice,
  sendTestNotice,
  updateNotificationSettings,
} from './notices.usecases.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
} as const;

export const notificationSettingsSchema = z.object({
  reminderDaysBefore: z.number(),
  emailEnabled: z.boolean(),
  webhookUrl: z.string().nullable(),
  updatedAt: z.string().nullable(),
  version: z.number(),
});

export const noticeSchema = z.object({
  id: z.string(),
  kind: z.enum(['reminder', 'returned', 'accepted', 'test']),
  channel: z.enum(['email', 'webhook']),
  subject: z.string(),
  recipientCount: z.number(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string(),
});

export const notificationSettingsResponseSchema = z.object({
  settings: notificationSettingsSchema,
  emailAvailable: z.boolean(),
  mailFrom: z.string().nullable(),
  notices: z.array(noticeSchema),
});
export type NotificationSettingsResponse = z.infer<typeof notificationSettingsResponseSchema>;

/** The admin's notification settings (reminders, e-mail, webhook) and the outbox's latest notices. */
export function registerNoticeRoutes({
  app,
  db,
  deployment,
}: {
  app: FastifyInstance;
  db: Database;
  deployment: NoticeDeployment;
}): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notices'];

  routes.get(
    '/api/municipalities/:municipalityId/notification-settings',
    {
      schema: {
        tags,
        summary: '通知設定と最近の通知（管理者）',
        params: municipalityParamsSchema,
        response: { 200: notificationSettingsResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getNotificationSettingsView({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
        deployment,
      });
    },
  );

  routes.put(
    '/api/municipalities/:municipalityId/notification-settings',
    {
      schema: {
        tags,
        summary: '通知設定を保存（お知らせの日数・メール・Webhook）',
        params: municipalityParamsSchema,
        body: notificationSettingsInputSchema,
        response: { 200: notificationSettingsSchema, ...errors },
      },
    },
    async (request) =>
      updateNotificationSettings({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
        input: request.body,
      }),
  );

  routes.post(
    '/api/municipalities/:municipalityId/notification-settings/test',
    {
      schema: {
        tags,
        summary: 'テスト通知を送る（自分のメールアドレスと Webhook へ）',
        params: municipalityParamsSchema,
        response: { 200: z.object({ queued: z.number() }), ...errors },
      },
    },
    async (request) =>
      sendTestNotice({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
        deployment,
        now: new Date(),
      }),
  );

  routes.post(
    '/api/municipalities/:municipalityId/notices/:noticeId/retry',
    {
      schema: {
        tags,
        summary: '送信できなかった通知を再送',
        params: municipalityParamsSchema.extend({ noticeId: uuidSchema }),
        response: { 200: noticeSchema, ...errors },
      },
    },
    async (request) =>
      retryNotice({
        db,
        actor: requireActor(request),
        ...request.params,
        now: new Date(),
      }),
  );
}
