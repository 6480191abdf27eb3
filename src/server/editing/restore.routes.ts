import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import {
  actionKeyParamsSchema,
  actualParamsSchema,
  kpiParamsSchema,
  nodeParamsSchema,
  planParamsSchema,
  taskParamsSchema,
  versionBodySchema,
} from './editing.schemas.js';
import { archivedItemsResponseSchema, restoreResponseSchema } from './restore.schemas.js';
import {
  listArchivedItems,
  restoreAction,
  restoreActual,
  restoreKpi,
  restoreNode,
  restoreTask,
} from './restore.usecases.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
} as const;

/**
 * What was archived in a plan and its way back (`plan.edit`, as archiving). Each restore names the
 * version of the archived record it read, as the archive routes do.
 */
export function registerRestoreRoutes({ app, db }: { app: FastifyInstance; db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['editing'];
  const restoreSchema = { body: versionBodySchema, response: { 200: restoreResponseSchema, ...errors } };

  routes.get(
    '/api/plans/:planId/archived',
    {
      schema: {
        tags,
        summary: '計画の中でアーカイブした階層・アクション・年度タスク・指標・実績値（新しい順）',
        params: planParamsSchema,
        response: { 200: archivedItemsResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listArchivedItems({ db, actor: requireActor(request), planId: request.params.planId });
    },
  );

  routes.post(
    '/api/plans/:planId/nodes/:nodeId/restore',
    { schema: { tags, summary: '階層を復元', params: nodeParamsSchema, ...restoreSchema } },
    async (request) =>
      restoreNode({ db, actor: requireActor(request), ...request.params, version: request.body.version }),
  );

  routes.post(
    '/api/plans/:planId/actions/:actionKey/restore',
    {
      schema: {
        tags,
        summary: 'アクションを復元（一緒にアーカイブした年度タスク・指標も）',
        params: actionKeyParamsSchema,
        ...restoreSchema,
      },
    },
    async (request) =>
      restoreAction({ db, actor: requireActor(request), ...request.params, version: request.body.version }),
  );

  routes.post(
    '/api/plans/:planId/tasks/:taskId/restore',
    { schema: { tags, summary: '年度タスクを復元', params: taskParamsSchema, ...restoreSchema } },
    async (request) =>
      restoreTask({ db, actor: requireActor(request), ...request.params, version: request.body.version }),
  );

  routes.post(
    '/api/plans/:planId/kpis/:kpiId/restore',
    {
      schema: {
        tags,
        summary: '指標を復元（一緒にアーカイブした実績値も）',
        params: kpiParamsSchema,
        ...restoreSchema,
      },
    },
    async (request) =>
      restoreKpi({ db, actor: requireActor(request), ...request.params, version: request.body.version }),
  );

  routes.post(
    '/api/plans/:planId/actuals/:actualId/restore',
    { schema: { tags, summary: '実績値を復元', params: actualParamsSchema, ...restoreSchema } },
    async (request) =>
      restoreActual({ db, actor: requireActor(request), ...request.params, version: request.body.version }),
  );
}
