import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import type { PlanViewCache } from '../plans/plans.cache.js';
import {
  actionParamsSchema,
  dashboardResponseSchema,
  departmentParamsSchema,
  departmentViewResponseSchema,
  kpiChartsResponseSchema,
  planIdParamsSchema,
  scheduleResponseSchema,
  whatIfAdoptRequestSchema,
  whatIfAdoptResponseSchema,
  whatIfRequestSchema,
  whatIfResponseSchema,
} from './dashboard.schemas.js';
import {
  adoptWhatIfSettings,
  comparePlanWhatIf,
  getDepartmentView,
  getKpiCharts,
  getPlanDashboard,
  getPlanSchedule,
} from './dashboard.usecases.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
} as const;

export function registerDashboardRoutes({
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
    '/api/plans/:planId/dashboard',
    {
      schema: {
        tags: ['plans'],
        summary:
          'ダッシュボード（評価区分の件数、平均達成率、年度別ヒートマップ、要注意、データの不備、提出状況）',
        params: planIdParamsSchema,
        response: { 200: dashboardResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getPlanDashboard({ db, cache, actor: requireActor(request), planId: request.params.planId });
    },
  );

  routes.post(
    '/api/plans/:planId/what-if',
    {
      schema: {
        tags: ['plans'],
        summary: '評価方法を変えた場合の試算（保存しません）',
        description:
          '評価根拠の順序・指標の算定基準・総括評価の扱い・評価区分の下限を変えて、全アクションの評価を現在の設定と並べて返します。',
        params: planIdParamsSchema,
        body: whatIfRequestSchema,
        response: { 200: whatIfResponseSchema, ...errors },
      },
    },
    async (request) =>
      comparePlanWhatIf({
        db,
        cache,
        actor: requireActor(request),
        planId: request.params.planId,
        options: request.body,
      }),
  );

  routes.post(
    '/api/plans/:planId/what-if/adopt',
    {
      schema: {
        tags: ['plans'],
        summary: '試算した評価方法をこの計画の設定として採用',
        description:
          '比較を表示したときの計画の revision を指定します。計画がその後に更新されていれば 409 を返します。',
        params: planIdParamsSchema,
        body: whatIfAdoptRequestSchema,
        response: { 200: whatIfAdoptResponseSchema, 409: errorResponseSchema, ...errors },
      },
    },
    async (request) =>
      adoptWhatIfSettings({
        db,
        actor: requireActor(request),
        planId: request.params.planId,
        revision: request.body.revision,
        options: request.body.options,
      }),
  );

  routes.get(
    '/api/plans/:planId/schedule',
    {
      schema: {
        tags: ['plans'],
        summary: '計画の年度スケジュール（今年度に印）',
        params: planIdParamsSchema,
        response: { 200: scheduleResponseSchema, ...errors },
      },
    },
    async (request) =>
      getPlanSchedule({ db, cache, actor: requireActor(request), planId: request.params.planId }),
  );

  routes.get(
    '/api/plans/:planId/dashboard/departments/:departmentId',
    {
      schema: {
        tags: ['plans'],
        summary: '課ごとの画面（担当するアクションとタスク、評価、受付中の進捗確認で必要なこと）',
        params: departmentParamsSchema,
        response: { 200: departmentViewResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getDepartmentView({
        db,
        cache,
        actor: requireActor(request),
        planId: request.params.planId,
        departmentId: request.params.departmentId,
      });
    },
  );

  routes.get(
    '/api/plans/:planId/actions/:actionKey/kpi-charts',
    {
      schema: {
        tags: ['plans'],
        summary: 'アクションの指標のグラフ用データ（実績・基準値・目標値・見込み・進み具合）',
        params: actionParamsSchema,
        response: { 200: kpiChartsResponseSchema, ...errors },
      },
    },
    async (request) =>
      getKpiCharts({
        db,
        cache,
        actor: requireActor(request),
        planId: request.params.planId,
        actionKey: request.params.actionKey,
      }),
  );
}
