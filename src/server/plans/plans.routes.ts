import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { planDocumentSchema } from '../../domain/plan.schemas.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import { sendJsonDownload, sendRenderedView } from '../replies.js';
import type { PlanViewCache } from './plans.cache.js';
import {
  actionDetailResponseSchema,
  actionParamsSchema,
  planDetailResponseSchema,
  planIdParamsSchema,
  planListResponseSchema,
} from './plans.schemas.js';
import { exportPlanDocument, findPlans, getActionDetail, getPlanDetail } from './plans.usecases.js';

export const planListQuerySchema = z.object({
  municipality: z
    .string()
    .regex(/^\d{6}$/, '自治体は全国地方公共団体コード（6桁の数字）で指定してください')
    .optional()
    .describe('全国地方公共団体コード（6桁）で絞り込む'),
});

const cachedJsonDescription =
  'ETag を返します。If-None-Match が一致すれば 304 Not Modified（本文なし）を返します。';

export function registerPlanRoutes({
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
    '/api/plans',
    {
      schema: {
        tags: ['plans'],
        summary: '計画の一覧',
        querystring: planListQuerySchema,
        response: { 200: planListResponseSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => ({
      plans: await findPlans({
        db,
        actor: requireActor(request),
        municipalityCode: request.query.municipality,
      }),
    }),
  );

  routes.get(
    '/api/plans/:planId',
    {
      schema: {
        tags: ['plans'],
        summary: '計画の詳細（階層・各アクションの評価）',
        description: cachedJsonDescription,
        params: planIdParamsSchema,
        response: { 200: planDetailResponseSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const view = await getPlanDetail({
        db,
        cache,
        actor: requireActor(request),
        planId: request.params.planId,
      });
      return sendRenderedView({ request, reply, view });
    },
  );

  routes.get(
    '/api/plans/:planId/actions/:actionKey',
    {
      schema: {
        tags: ['plans'],
        summary: 'アクションの詳細（3つの参考値と評価根拠）',
        description: cachedJsonDescription,
        params: actionParamsSchema,
        response: { 200: actionDetailResponseSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { planId, actionKey } = request.params;
      const view = await getActionDetail({ db, cache, actor: requireActor(request), planId, actionKey });
      return sendRenderedView({ request, reply, view });
    },
  );

  routes.get(
    '/api/plans/:planId/export',
    {
      schema: {
        tags: ['plans'],
        summary: '計画ファイル（kiseki-plan@1 形式の JSON）のダウンロード',
        params: planIdParamsSchema,
        response: { 200: planDocumentSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const document = await exportPlanDocument({
        db,
        actor: requireActor(request),
        planId: request.params.planId,
      });
      return sendJsonDownload({
        reply,
        filename: `${document.plan.slug}.json`,
        json: `${JSON.stringify(document, null, 2)}\n`,
      });
    },
  );
}
