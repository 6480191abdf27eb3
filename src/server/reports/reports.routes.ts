import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import type { PlanViewCache } from '../plans/plans.cache.js';
import { actionParamsSchema, planIdParamsSchema } from '../plans/plans.schemas.js';
import { CONTENT_TYPES, sendFileDownload } from './downloads.js';
import {
  actionReportResponseSchema,
  actionReportUpdateSchema,
  reportOptionsResponseSchema,
  reportParamsSchema,
  reportQuerySchema,
} from './reports.schemas.js';
import {
  exportPlanStratml,
  generatePlanReport,
  getActionReport,
  getReportOptions,
  updateActionReport,
} from './reports.usecases.js';

const readErrors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};

/** Reports (final and round, xlsx / docx / PDF), the StratML export and the final-report fields of an action. */
export function registerReportRoutes({
  app,
  db,
  cache,
}: {
  app: FastifyInstance;
  db: Database;
  cache: PlanViewCache;
}): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/api/plans/:planId/reports',
    {
      schema: {
        tags: ['plans'],
        summary: '報告書の作成に選べる進捗確認の一覧',
        params: planIdParamsSchema,
        response: { 200: reportOptionsResponseSchema, ...readErrors },
      },
    },
    async (request) =>
      getReportOptions({ db, cache, actor: requireActor(request), planId: request.params.planId }),
  );

  routes.get(
    '/api/plans/:planId/reports/:kind',
    {
      schema: {
        tags: ['plans'],
        summary: '報告書のダウンロード（final: 最終報告書、round: 協議会向け進捗状況報告）',
        description:
          'format=xlsx|docx|pdf。round では round=進捗確認ID を指定すると、締め切った進捗確認はその時点の数値で作成します。',
        params: reportParamsSchema,
        querystring: reportQuerySchema,
        response: readErrors,
      },
    },
    async (request, reply) => {
      const file = await generatePlanReport({
        db,
        cache,
        actor: requireActor(request),
        planId: request.params.planId,
        kind: request.params.kind,
        format: request.query.format,
        roundId: request.query.round,
      });
      return sendFileDownload({
        reply,
        filename: file.filename,
        fallback: file.fallback,
        contentType: CONTENT_TYPES[request.query.format],
        bytes: file.bytes,
      });
    },
  );

  routes.get(
    '/api/plans/:planId/stratml',
    {
      schema: {
        tags: ['plans'],
        summary: '計画と評価の StratML Part 2（ISO 17469-1）XML のダウンロード',
        params: planIdParamsSchema,
        response: readErrors,
      },
    },
    async (request, reply) => {
      const file = await exportPlanStratml({
        db,
        cache,
        actor: requireActor(request),
        planId: request.params.planId,
      });
      return sendFileDownload({
        reply,
        filename: file.filename,
        fallback: file.filename,
        contentType: CONTENT_TYPES.xml,
        bytes: file.xml,
      });
    },
  );

  routes.get(
    '/api/plans/:planId/actions/:actionKey/report',
    {
      schema: {
        tags: ['plans'],
        summary: 'アクションの最終報告の記入内容（成果・やったこと・課題・今後の方向性）',
        params: actionParamsSchema,
        response: { 200: actionReportResponseSchema, ...readErrors },
      },
    },
    async (request) =>
      getActionReport({
        db,
        actor: requireActor(request),
        planId: request.params.planId,
        actionKey: request.params.actionKey,
      }),
  );

  routes.patch(
    '/api/plans/:planId/actions/:actionKey/report',
    {
      schema: {
        tags: ['plans'],
        summary: 'アクションの最終報告の記入内容を更新（担い手の課と管理者）',
        description: '省いた項目はそのまま、null か空文字はその項目を消します。version が古いと 409。',
        params: actionParamsSchema,
        body: actionReportUpdateSchema,
        response: { 200: actionReportResponseSchema, ...readErrors, 409: errorResponseSchema },
      },
    },
    async (request) =>
      updateActionReport({
        db,
        actor: requireActor(request),
        planId: request.params.planId,
        actionKey: request.params.actionKey,
        input: request.body,
      }),
  );
}
