import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database.js';
import {
  acceptInputSchema,
  assessmentInputSchema,
  kpiActualArchiveInputSchema,
  kpiActualInputSchema,
  returnInputSchema,
  roundCloseInputSchema,
  roundOpenInputSchema,
  roundUpdateInputSchema,
  submitInputSchema,
  taskProgressInputSchema,
} from '../../domain/progress-round.schemas.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import type { NoticeDeployment } from '../notices/notices.transport.js';
import type { PlanViewCache } from '../plans/plans.cache.js';
import { sendRenderedView } from '../replies.js';
import { createDepartmentPageCache, type DepartmentPageCache } from './department-pages.js';
import {
  addKpiActual,
  archiveKpiActualValue,
  saveAssessment,
  updateKpiActualValue,
  updateTaskProgress,
} from './progress.usecases.js';
import { createRoundSnapshotCache, type RoundSnapshotCache } from './round-snapshots.js';
import {
  assessmentParamsSchema,
  assessmentSaveResponseSchema,
  departmentProgressResponseSchema,
  departmentRoundParamsSchema,
  kpiActualParamsSchema,
  kpiParamsSchema,
  kpiSaveResponseSchema,
  openRoundsResponseSchema,
  planRoundsParamsSchema,
  roundBoardResponseSchema,
  roundEvaluationResponseSchema,
  roundListResponseSchema,
  roundParamsSchema,
  roundSchema,
  submissionResponseSchema,
  taskParamsSchema,
  taskSaveResponseSchema,
} from './rounds.schemas.js';
import {
  closeRound,
  findOpenRoundsForActor,
  findRoundsOfPlan,
  getDepartmentProgress,
  getRoundBoard,
  getRoundEvaluation,
  openRound,
  updateRoundSchedule,
} from './rounds.usecases.js';
import { acceptSubmission, returnSubmission, submitDepartment } from './submissions.usecases.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
} as const;

/** Progress rounds: opening, the status board, a department's page and its changes, the review. */
export function registerRoundRoutes({
  app,
  db,
  cache,
  deployment,
  snapshots = createRoundSnapshotCache(),
  pages = createDepartmentPageCache(),
}: {
  app: FastifyInstance;
  db: Database;
  cache: PlanViewCache;
  deployment: NoticeDeployment;
  snapshots?: RoundSnapshotCache;
  pages?: DepartmentPageCache;
}): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rounds'];

  routes.get(
    '/api/rounds/open',
    {
      schema: {
        tags,
        summary: '受付中の進捗確認（ログイン中の利用者が入力する課つき）',
        response: { 200: openRoundsResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return findOpenRoundsForActor({ db, actor: requireActor(request) });
    },
  );

  routes.get(
    '/api/plans/:planId/rounds',
    {
      schema: {
        tags,
        summary: '計画の進捗確認の一覧（新しい順、課ごとの提出状況つき）',
        params: planRoundsParamsSchema,
        response: { 200: roundListResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return findRoundsOfPlan({ db, actor: requireActor(request), planId: request.params.planId });
    },
  );

  routes.post(
    '/api/plans/:planId/rounds',
    {
      schema: {
        tags,
        summary: '進捗確認を開始（年度・確認月・提出期限）',
        params: planRoundsParamsSchema,
        body: roundOpenInputSchema,
        response: { 201: roundSchema, ...errors },
      },
    },
    async (request, reply) => {
      const round = await openRound({
        db,
        actor: requireActor(request),
        planId: request.params.planId,
        input: request.body,
      });
      return reply.code(201).send(round);
    },
  );

  routes.get(
    '/api/plans/:planId/rounds/:roundId',
    {
      schema: {
        tags,
        summary: '進捗確認の提出状況（課ごとの状況・最終更新・確認）',
        params: roundParamsSchema,
        response: { 200: roundBoardResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getRoundBoard({ db, actor: requireActor(request), ...request.params, now: new Date() });
    },
  );

  routes.patch(
    '/api/plans/:planId/rounds/:roundId',
    {
      schema: {
        tags,
        summary: '提出期限・お知らせ文を変更',
        params: roundParamsSchema,
        body: roundUpdateInputSchema,
        response: { 200: roundSchema, ...errors },
      },
    },
    async (request) =>
      updateRoundSchedule({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    '/api/plans/:planId/rounds/:roundId/close',
    {
      schema: {
        tags,
        summary: '進捗確認を締め切る（その時点の計画を保存し、数値を確定）',
        params: roundParamsSchema,
        body: roundCloseInputSchema,
        response: { 200: roundSchema, ...errors },
      },
    },
    async (request) =>
      closeRound({ db, actor: requireActor(request), ...request.params, version: request.body.version }),
  );

  routes.get(
    '/api/plans/:planId/rounds/:roundId/evaluation',
    {
      schema: {
        tags,
        summary: '締め切り時点の評価（締め切った進捗確認のみ）',
        description: 'ETag を返します。締め切った進捗確認の内容は変わりません。',
        params: roundParamsSchema,
        response: { 200: roundEvaluationResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const view = await getRoundEvaluation({
        db,
        snapshots,
        actor: requireActor(request),
        ...request.params,
      });
      return sendRenderedView({ request, reply, view });
    },
  );

  routes.get(
    '/api/plans/:planId/rounds/:roundId/departments/:departmentId',
    {
      schema: {
        tags,
        summary: '課の入力ページ（この年度の自課のタスク・指標・総括評価・写真）',
        description: 'ETag を返します。計画が変わるまで同じ内容で、If-None-Match が一致すれば 304。',
        params: departmentRoundParamsSchema,
        response: { 200: departmentProgressResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const view = await getDepartmentProgress({
        db,
        cache,
        snapshots,
        pages,
        actor: requireActor(request),
        ...request.params,
        now: new Date(),
      });
      return sendRenderedView({ request, reply, view });
    },
  );

  routes.patch(
    '/api/plans/:planId/rounds/:roundId/departments/:departmentId/tasks/:taskId',
    {
      schema: {
        tags,
        summary: 'タスクの進捗率・コメント（6月は計画の内容も）を保存',
        description: 'version（タスク）と commentVersion（この進捗確認のコメント。なければ 0）が古いと 409。',
        params: taskParamsSchema,
        body: taskProgressInputSchema,
        response: { 200: taskSaveResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { taskId, ...target } = request.params;
      return updateTaskProgress({ db, actor: requireActor(request), ...target, taskId, input: request.body });
    },
  );

  routes.post(
    '/api/plans/:planId/rounds/:roundId/departments/:departmentId/kpis/:kpiId/actuals',
    {
      schema: {
        tags,
        summary: '指標の実績値（値と時点）を登録',
        params: kpiParamsSchema,
        body: kpiActualInputSchema,
        response: { 200: kpiSaveResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { kpiId, ...target } = request.params;
      return addKpiActual({ db, actor: requireActor(request), ...target, kpiId, input: request.body });
    },
  );

  routes.patch(
    '/api/plans/:planId/rounds/:roundId/departments/:departmentId/kpis/:kpiId/actuals/:actualId',
    {
      schema: {
        tags,
        summary: '指標の実績値を修正',
        params: kpiActualParamsSchema,
        body: kpiActualInputSchema,
        response: { 200: kpiSaveResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { kpiId, actualId, ...target } = request.params;
      return updateKpiActualValue({
        db,
        actor: requireActor(request),
        ...target,
        kpiId,
        actualId,
        input: request.body,
      });
    },
  );

  routes.post(
    '/api/plans/:planId/rounds/:roundId/departments/:departmentId/kpis/:kpiId/actuals/:actualId/archive',
    {
      schema: {
        tags,
        summary: '指標の実績値を削除（履歴には残る）',
        params: kpiActualParamsSchema,
        body: kpiActualArchiveInputSchema,
        response: { 200: kpiSaveResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { kpiId, actualId, ...target } = request.params;
      return archiveKpiActualValue({
        db,
        actor: requireActor(request),
        ...target,
        kpiId,
        actualId,
        kpiVersion: request.body.kpiVersion,
      });
    },
  );

  routes.put(
    '/api/plans/:planId/rounds/:roundId/departments/:departmentId/actions/:actionKey/assessment',
    {
      schema: {
        tags,
        summary: '総括評価（評価と理由）を保存。rate を null にすると削除',
        params: assessmentParamsSchema,
        body: assessmentInputSchema,
        response: { 200: assessmentSaveResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { actionKey, ...target } = request.params;
      return saveAssessment({ db, actor: requireActor(request), ...target, actionKey, input: request.body });
    },
  );

  routes.post(
    '/api/plans/:planId/rounds/:roundId/departments/:departmentId/submit',
    {
      schema: {
        tags,
        summary: '課の内容を提出（確認が終わるまで変更できなくなる）',
        params: departmentRoundParamsSchema,
        body: submitInputSchema,
        response: { 200: submissionResponseSchema, ...errors },
      },
    },
    async (request) => ({
      submission: await submitDepartment({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      }),
    }),
  );

  routes.post(
    '/api/plans/:planId/rounds/:roundId/departments/:departmentId/return',
    {
      schema: {
        tags,
        summary: '提出を差し戻す（コメント必須。担当課に通知）',
        params: departmentRoundParamsSchema,
        body: returnInputSchema,
        response: { 200: submissionResponseSchema, ...errors },
      },
    },
    async (request) => ({
      submission: await returnSubmission({
        db,
        actor: requireActor(request),
        ...request.params,
        ...request.body,
        deployment,
      }),
    }),
  );

  routes.post(
    '/api/plans/:planId/rounds/:roundId/departments/:departmentId/accept',
    {
      schema: {
        tags,
        summary: '提出を承認する（担当課に通知）',
        params: departmentRoundParamsSchema,
        body: acceptInputSchema,
        response: { 200: submissionResponseSchema, ...errors },
      },
    },
    async (request) => ({
      submission: await acceptSubmission({
        db,
        actor: requireActor(request),
        ...request.params,
        ...request.body,
        deployment,
      }),
    }),
  );
}
