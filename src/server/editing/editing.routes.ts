import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import {
  archiveAction,
  archiveActual,
  archiveKpi,
  archiveTask,
  createAction,
  createActual,
  createKpi,
  createTask,
  getActionEditing,
  moveAction,
  updateAction,
  updateActual,
  updateKpi,
  updateTask,
} from './action-editing.usecases.js';
import {
  actionCreateRequestSchema,
  actionEditingResponseSchema,
  actionKeyParamsSchema,
  actionRecordSchema,
  actionUpdateRequestSchema,
  actualCreateRequestSchema,
  actualParamsSchema,
  actualRecordSchema,
  actualUpdateRequestSchema,
  kpiCreateRequestSchema,
  kpiParamsSchema,
  kpiRecordSchema,
  kpiUpdateRequestSchema,
  moveRequestSchema,
  municipalityParamsSchema,
  nodeCreateRequestSchema,
  nodeParamsSchema,
  nodeRecordSchema,
  nodeUpdateRequestSchema,
  planCreateRequestSchema,
  planOutlineResponseSchema,
  planParamsSchema,
  planSettingsRecordSchema,
  planSettingsUpdateRequestSchema,
  taskCreateRequestSchema,
  taskParamsSchema,
  taskRecordSchema,
  taskUpdateRequestSchema,
  versionBodySchema,
} from './editing.schemas.js';
import {
  archiveNode,
  createNode,
  createPlan,
  getPlanOutline,
  moveNode,
  updateNode,
  updatePlanSettings,
} from './editing.usecases.js';
import { registerRestoreRoutes } from './restore.routes.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
} as const;

const okSchema = z.object({ ok: z.literal(true) });

/**
 * The DX office's editing of plans (`plan.edit`): a new plan, its settings, its levels (nodes), actions,
 * yearly tasks, KPIs and actuals. Every change names the version it read; deleting is archiving.
 */
export function registerEditingRoutes({ app, db }: { app: FastifyInstance; db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['editing'];

  routes.post(
    '/api/municipalities/:municipalityId/plans',
    {
      schema: {
        tags,
        summary: '計画を新規作成（期間・階層の名称・評価の設定）',
        params: municipalityParamsSchema,
        body: planCreateRequestSchema,
        response: { 201: planSettingsRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const plan = await createPlan({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
        input: request.body,
      });
      return reply.code(201).send(plan);
    },
  );

  routes.get(
    '/api/plans/:planId/outline',
    {
      schema: {
        tags,
        summary: '編集用の計画の骨組み（設定・階層・アクション・課、版数つき）',
        params: planParamsSchema,
        response: { 200: planOutlineResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getPlanOutline({ db, actor: requireActor(request), planId: request.params.planId });
    },
  );

  routes.put(
    '/api/plans/:planId/settings',
    {
      schema: {
        tags,
        summary: '計画の設定を変更',
        params: planParamsSchema,
        body: planSettingsUpdateRequestSchema,
        response: { 200: planSettingsRecordSchema, ...errors },
      },
    },
    async (request) =>
      updatePlanSettings({
        db,
        actor: requireActor(request),
        planId: request.params.planId,
        input: request.body,
      }),
  );

  routes.post(
    '/api/plans/:planId/nodes',
    {
      schema: {
        tags,
        summary: '階層（テーマ・重点施策など）を追加',
        params: planParamsSchema,
        body: nodeCreateRequestSchema,
        response: { 201: nodeRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const node = await createNode({
        db,
        actor: requireActor(request),
        planId: request.params.planId,
        input: request.body,
      });
      return reply.code(201).send(node);
    },
  );

  routes.put(
    '/api/plans/:planId/nodes/:nodeId',
    {
      schema: {
        tags,
        summary: '階層の番号・名称・説明を変更',
        params: nodeParamsSchema,
        body: nodeUpdateRequestSchema,
        response: { 200: nodeRecordSchema, ...errors },
      },
    },
    async (request) =>
      updateNode({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    '/api/plans/:planId/nodes/:nodeId/move',
    {
      schema: {
        tags,
        summary: '階層を移動・並べ替え',
        params: nodeParamsSchema,
        body: moveRequestSchema,
        response: { 200: nodeRecordSchema, ...errors },
      },
    },
    async (request) => moveNode({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    '/api/plans/:planId/nodes/:nodeId/archive',
    {
      schema: {
        tags,
        summary: '階層をアーカイブ（中が空のときだけ）',
        params: nodeParamsSchema,
        body: versionBodySchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      await archiveNode({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      });
      return { ok: true as const };
    },
  );

  routes.post(
    '/api/plans/:planId/actions',
    {
      schema: {
        tags,
        summary: 'アクションを追加',
        params: planParamsSchema,
        body: actionCreateRequestSchema,
        response: { 201: actionRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const action = await createAction({
        db,
        actor: requireActor(request),
        planId: request.params.planId,
        input: request.body,
      });
      return reply.code(201).send(action);
    },
  );

  routes.get(
    '/api/plans/:planId/actions/:actionKey/editing',
    {
      schema: {
        tags,
        summary: '編集用のアクション（年度タスク・指標・実績値、版数つき）',
        params: actionKeyParamsSchema,
        response: { 200: actionEditingResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getActionEditing({ db, actor: requireActor(request), ...request.params });
    },
  );

  routes.put(
    '/api/plans/:planId/actions/:actionKey',
    {
      schema: {
        tags,
        summary: 'アクションの内容（目指すこと・やること・目標・担い手など）を変更',
        params: actionKeyParamsSchema,
        body: actionUpdateRequestSchema,
        response: { 200: actionRecordSchema, ...errors },
      },
    },
    async (request) =>
      updateAction({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    '/api/plans/:planId/actions/:actionKey/move',
    {
      schema: {
        tags,
        summary: 'アクションを別の階層へ移動・並べ替え',
        params: actionKeyParamsSchema,
        body: moveRequestSchema,
        response: { 200: actionRecordSchema, ...errors },
      },
    },
    async (request) =>
      moveAction({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    '/api/plans/:planId/actions/:actionKey/archive',
    {
      schema: {
        tags,
        summary: 'アクションをアーカイブ（年度タスク・指標も一緒に）',
        params: actionKeyParamsSchema,
        body: versionBodySchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      await archiveAction({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      });
      return { ok: true as const };
    },
  );

  routes.post(
    '/api/plans/:planId/actions/:actionKey/tasks',
    {
      schema: {
        tags,
        summary: '年度タスクを追加',
        params: actionKeyParamsSchema,
        body: taskCreateRequestSchema,
        response: { 201: taskRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const task = await createTask({
        db,
        actor: requireActor(request),
        ...request.params,
        input: request.body,
      });
      return reply.code(201).send(task);
    },
  );

  routes.put(
    '/api/plans/:planId/tasks/:taskId',
    {
      schema: {
        tags,
        summary: '年度タスクを変更（進捗の補正を含む）',
        params: taskParamsSchema,
        body: taskUpdateRequestSchema,
        response: { 200: taskRecordSchema, ...errors },
      },
    },
    async (request) =>
      updateTask({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    '/api/plans/:planId/tasks/:taskId/archive',
    {
      schema: {
        tags,
        summary: '年度タスクをアーカイブ',
        params: taskParamsSchema,
        body: versionBodySchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      await archiveTask({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      });
      return { ok: true as const };
    },
  );

  routes.post(
    '/api/plans/:planId/actions/:actionKey/kpis',
    {
      schema: {
        tags,
        summary: '指標（KPI）を追加',
        params: actionKeyParamsSchema,
        body: kpiCreateRequestSchema,
        response: { 201: kpiRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const kpi = await createKpi({
        db,
        actor: requireActor(request),
        ...request.params,
        input: request.body,
      });
      return reply.code(201).send(kpi);
    },
  );

  routes.put(
    '/api/plans/:planId/kpis/:kpiId',
    {
      schema: {
        tags,
        summary: '指標を変更',
        params: kpiParamsSchema,
        body: kpiUpdateRequestSchema,
        response: { 200: kpiRecordSchema, ...errors },
      },
    },
    async (request) =>
      updateKpi({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    '/api/plans/:planId/kpis/:kpiId/archive',
    {
      schema: {
        tags,
        summary: '指標をアーカイブ（実績値も一緒に）',
        params: kpiParamsSchema,
        body: versionBodySchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      await archiveKpi({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      });
      return { ok: true as const };
    },
  );

  routes.post(
    '/api/plans/:planId/kpis/:kpiId/actuals',
    {
      schema: {
        tags,
        summary: '指標の実績値を追加',
        params: kpiParamsSchema,
        body: actualCreateRequestSchema,
        response: { 201: actualRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actual = await createActual({
        db,
        actor: requireActor(request),
        ...request.params,
        input: request.body,
      });
      return reply.code(201).send(actual);
    },
  );

  routes.put(
    '/api/plans/:planId/actuals/:actualId',
    {
      schema: {
        tags,
        summary: '実績値を変更',
        params: actualParamsSchema,
        body: actualUpdateRequestSchema,
        response: { 200: actualRecordSchema, ...errors },
      },
    },
    async (request) =>
      updateActual({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    '/api/plans/:planId/actuals/:actualId/archive',
    {
      schema: {
        tags,
        summary: '実績値をアーカイブ',
        params: actualParamsSchema,
        body: versionBodySchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      await archiveActual({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      });
      return { ok: true as const };
    },
  );

  registerRestoreRoutes({ app, db });
}
