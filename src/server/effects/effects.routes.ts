import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import { buildOrganisationReportSections } from '../organisation/organisation.report-sections.js';
import {
  archiveBprProject,
  archiveBprResult,
  createBprProject,
  createBprResult,
  findBprProjects,
  getBprProjectDetail,
  updateBprProjectHeader,
  updateBprResultRow,
} from './bpr.usecases.js';
import { sendCsvDownload } from './effects.replies.js';
import { renderSectionCsv, reportSectionSchema } from './effects.report-sections.js';
import {
  actionEffectsParamsSchema,
  actionEffectsSchema,
  amountUnitQuerySchema,
  bprProjectDetailSchema,
  bprProjectListSchema,
  bprProjectParamsSchema,
  bprProjectRequestSchema,
  bprProjectUpdateRequestSchema,
  bprResultParamsSchema,
  bprResultRequestSchema,
  bprResultUpdateRequestSchema,
  effectOptionsSchema,
  effectTableKindSchema,
  effectTableParamsSchema,
  fundingItemParamsSchema,
  fundingItemRequestSchema,
  fundingItemUpdateRequestSchema,
  fundingListDetailSchema,
  fundingListParamsSchema,
  fundingListRequestSchema,
  fundingListsResponseSchema,
  fundingListUpdateRequestSchema,
  kpiSourceParamsSchema,
  kpiSourceRequestSchema,
  kpiSourceResponseSchema,
  municipalityParamsSchema,
  publishRequestSchema,
  publishResponseSchema,
  seriesDetailSchema,
  seriesListSchema,
  seriesParamsSchema,
  seriesRequestSchema,
  seriesRowParamsSchema,
  seriesRowRequestSchema,
  seriesRowUpdateRequestSchema,
  seriesUpdateRequestSchema,
  versionRequestSchema,
} from './effects.schemas.js';
import {
  buildEffectsReportSections,
  buildTableSection,
  findPublishedTables,
  getActionEffects,
  getEffectOptions,
  getPublishedTableSection,
  setTablePublished,
} from './effects.usecases.js';
import {
  archiveFundingItem,
  archiveFundingList,
  createFundingItem,
  createFundingList,
  findFundingLists,
  getFundingListDetail,
  updateFundingItemRow,
  updateFundingListHeader,
} from './funding.usecases.js';
import { setKpiSource } from './kpi-sources.usecases.js';
import {
  archiveSeries,
  archiveSeriesRow,
  createSeries,
  createSeriesRow,
  findSeriesList,
  getSeriesDetail,
  updateSeriesHeader,
  updateSeriesRowValues,
} from './series.usecases.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
} as const;

const okResponseSchema = z.object({ ok: z.literal(true) });

const M = '/api/municipalities/:municipalityId';

export function registerEffectsRoutes({ app, db }: { app: FastifyInstance; db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['effects'];

  routes.get(
    `${M}/effects/options`,
    {
      schema: {
        tags,
        summary: '入力画面の選択肢（課・アクション・指標とその連携元・事業タイプ）',
        params: municipalityParamsSchema,
        response: { 200: effectOptionsSchema, ...errors },
      },
    },
    async (request) =>
      getEffectOptions({ db, actor: requireActor(request), municipalityId: request.params.municipalityId }),
  );

  routes.get(
    `${M}/effects/report-sections`,
    {
      schema: {
        tags,
        summary: '報告書の節（BPR・推移表・交付金・予算・推進体制・会議の表、合計、資料記載との相違）',
        params: municipalityParamsSchema,
        querystring: amountUnitQuerySchema,
        response: { 200: z.object({ sections: z.array(reportSectionSchema) }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { municipalityId } = request.params;
      return {
        sections: [
          ...(await buildEffectsReportSections({ db, actor, municipalityId, unit: request.query.unit })),
          ...(await buildOrganisationReportSections({ db, actor, municipalityId })),
        ],
      };
    },
  );

  routes.get(
    `${M}/effects/:tableKind/:tableId/csv`,
    {
      schema: {
        tags,
        summary: '表のCSV（UTF-8 BOM付き）',
        params: effectTableParamsSchema,
        querystring: amountUnitQuerySchema,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const section = await buildTableSection({
        db,
        actor: requireActor(request),
        ...request.params,
        unit: request.query.unit,
      });
      return sendCsvDownload({ reply, filename: section.title, csv: renderSectionCsv(section) });
    },
  );

  routes.post(
    `${M}/effects/:tableKind/:tableId/publish`,
    {
      schema: {
        tags,
        summary: '表をオープンデータとして公開・非公開にする',
        params: effectTableParamsSchema,
        body: publishRequestSchema,
        response: { 200: publishResponseSchema, ...errors },
      },
    },
    async (request) =>
      setTablePublished({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  /* BPR */

  routes.get(
    `${M}/bpr-projects`,
    {
      schema: {
        tags,
        summary: 'BPRプロジェクトの一覧と合計',
        params: municipalityParamsSchema,
        response: { 200: bprProjectListSchema, ...errors },
      },
    },
    async (request) =>
      findBprProjects({ db, actor: requireActor(request), municipalityId: request.params.municipalityId }),
  );

  routes.post(
    `${M}/bpr-projects`,
    {
      schema: {
        tags,
        summary: 'BPRプロジェクトを登録',
        params: municipalityParamsSchema,
        body: bprProjectRequestSchema,
        response: { 201: bprProjectDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await createBprProject({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
        input: request.body,
      });
      return reply.code(201).send(detail);
    },
  );

  routes.get(
    `${M}/bpr-projects/:projectId`,
    {
      schema: {
        tags,
        summary: 'BPRプロジェクトの実証結果（各業務・合計・削減率・資料記載との相違・連携する指標）',
        params: bprProjectParamsSchema,
        response: { 200: bprProjectDetailSchema, ...errors },
      },
    },
    async (request) => getBprProjectDetail({ db, actor: requireActor(request), ...request.params }),
  );

  routes.patch(
    `${M}/bpr-projects/:projectId`,
    {
      schema: {
        tags,
        summary: 'BPRプロジェクトの見出し・資料記載の合計を更新',
        params: bprProjectParamsSchema,
        body: bprProjectUpdateRequestSchema,
        response: { 200: bprProjectDetailSchema, ...errors },
      },
    },
    async (request) =>
      updateBprProjectHeader({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    `${M}/bpr-projects/:projectId/archive`,
    {
      schema: {
        tags,
        summary: 'BPRプロジェクトを削除（アーカイブ。履歴は残る）',
        params: bprProjectParamsSchema,
        body: versionRequestSchema,
        response: { 200: okResponseSchema, ...errors },
      },
    },
    async (request) => {
      await archiveBprProject({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      });
      return { ok: true as const };
    },
  );

  routes.post(
    `${M}/bpr-projects/:projectId/results`,
    {
      schema: {
        tags,
        summary: 'BPRの対象業務を追加（担当課は自課の行を追加できる）',
        params: bprProjectParamsSchema,
        body: bprResultRequestSchema,
        response: { 201: bprProjectDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await createBprResult({
        db,
        actor: requireActor(request),
        ...request.params,
        input: request.body,
      });
      return reply.code(201).send(detail);
    },
  );

  routes.patch(
    `${M}/bpr-projects/:projectId/results/:resultId`,
    {
      schema: {
        tags,
        summary: 'BPRの対象業務を更新',
        params: bprResultParamsSchema,
        body: bprResultUpdateRequestSchema,
        response: { 200: bprProjectDetailSchema, ...errors },
      },
    },
    async (request) =>
      updateBprResultRow({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    `${M}/bpr-projects/:projectId/results/:resultId/archive`,
    {
      schema: {
        tags,
        summary: 'BPRの対象業務を削除（アーカイブ）',
        params: bprResultParamsSchema,
        body: versionRequestSchema,
        response: { 200: bprProjectDetailSchema, ...errors },
      },
    },
    async (request) =>
      archiveBprResult({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      }),
  );

  /* Series */

  routes.get(
    `${M}/series`,
    {
      schema: {
        tags,
        summary: '推移表（費用・件数など）の一覧',
        params: municipalityParamsSchema,
        response: { 200: seriesListSchema, ...errors },
      },
    },
    async (request) =>
      findSeriesList({ db, actor: requireActor(request), municipalityId: request.params.municipalityId }),
  );

  routes.post(
    `${M}/series`,
    {
      schema: {
        tags,
        summary: '推移表を登録（列の定義つき）',
        params: municipalityParamsSchema,
        body: seriesRequestSchema,
        response: { 201: seriesDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await createSeries({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
        input: request.body,
      });
      return reply.code(201).send(detail);
    },
  );

  routes.get(
    `${M}/series/:seriesId`,
    {
      schema: {
        tags,
        summary: '推移表（年度ごとの値・前年増減・資料記載との相違）',
        params: seriesParamsSchema,
        response: { 200: seriesDetailSchema, ...errors },
      },
    },
    async (request) => getSeriesDetail({ db, actor: requireActor(request), ...request.params }),
  );

  routes.patch(
    `${M}/series/:seriesId`,
    {
      schema: {
        tags,
        summary: '推移表の見出し・列を更新',
        params: seriesParamsSchema,
        body: seriesUpdateRequestSchema,
        response: { 200: seriesDetailSchema, ...errors },
      },
    },
    async (request) =>
      updateSeriesHeader({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    `${M}/series/:seriesId/archive`,
    {
      schema: {
        tags,
        summary: '推移表を削除（アーカイブ）',
        params: seriesParamsSchema,
        body: versionRequestSchema,
        response: { 200: okResponseSchema, ...errors },
      },
    },
    async (request) => {
      await archiveSeries({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      });
      return { ok: true as const };
    },
  );

  routes.post(
    `${M}/series/:seriesId/rows`,
    {
      schema: {
        tags,
        summary: '推移表に年度の行を追加',
        params: seriesParamsSchema,
        body: seriesRowRequestSchema,
        response: { 201: seriesDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await createSeriesRow({
        db,
        actor: requireActor(request),
        ...request.params,
        input: request.body,
      });
      return reply.code(201).send(detail);
    },
  );

  routes.patch(
    `${M}/series/:seriesId/rows/:rowId`,
    {
      schema: {
        tags,
        summary: '推移表の年度の行を更新',
        params: seriesRowParamsSchema,
        body: seriesRowUpdateRequestSchema,
        response: { 200: seriesDetailSchema, ...errors },
      },
    },
    async (request) =>
      updateSeriesRowValues({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    `${M}/series/:seriesId/rows/:rowId/archive`,
    {
      schema: {
        tags,
        summary: '推移表の年度の行を削除（アーカイブ）',
        params: seriesRowParamsSchema,
        body: versionRequestSchema,
        response: { 200: seriesDetailSchema, ...errors },
      },
    },
    async (request) =>
      archiveSeriesRow({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      }),
  );

  /* Grants and budget lines */

  routes.get(
    `${M}/funding-lists`,
    {
      schema: {
        tags,
        summary: '交付金・予算の一覧と、年度別・種類別の合計',
        params: municipalityParamsSchema,
        response: { 200: fundingListsResponseSchema, ...errors },
      },
    },
    async (request) =>
      findFundingLists({ db, actor: requireActor(request), municipalityId: request.params.municipalityId }),
  );

  routes.post(
    `${M}/funding-lists`,
    {
      schema: {
        tags,
        summary: '交付金の採択結果一覧・予算の一覧を登録',
        params: municipalityParamsSchema,
        body: fundingListRequestSchema,
        response: { 201: fundingListDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await createFundingList({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
        input: request.body,
      });
      return reply.code(201).send(detail);
    },
  );

  routes.get(
    `${M}/funding-lists/:listId`,
    {
      schema: {
        tags,
        summary: '交付金・予算の一覧（事業・合計・資料記載との相違）',
        params: fundingListParamsSchema,
        response: { 200: fundingListDetailSchema, ...errors },
      },
    },
    async (request) => getFundingListDetail({ db, actor: requireActor(request), ...request.params }),
  );

  routes.patch(
    `${M}/funding-lists/:listId`,
    {
      schema: {
        tags,
        summary: '交付金・予算の一覧の見出し・資料記載の合計を更新',
        params: fundingListParamsSchema,
        body: fundingListUpdateRequestSchema,
        response: { 200: fundingListDetailSchema, ...errors },
      },
    },
    async (request) =>
      updateFundingListHeader({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    `${M}/funding-lists/:listId/archive`,
    {
      schema: {
        tags,
        summary: '交付金・予算の一覧を削除（アーカイブ）',
        params: fundingListParamsSchema,
        body: versionRequestSchema,
        response: { 200: okResponseSchema, ...errors },
      },
    },
    async (request) => {
      await archiveFundingList({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      });
      return { ok: true as const };
    },
  );

  routes.post(
    `${M}/funding-lists/:listId/items`,
    {
      schema: {
        tags,
        summary: '事業を追加（交付金: 事業費・採択額・補助率、予算: 予算額）',
        params: fundingListParamsSchema,
        body: fundingItemRequestSchema,
        response: { 201: fundingListDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await createFundingItem({
        db,
        actor: requireActor(request),
        ...request.params,
        input: request.body,
      });
      return reply.code(201).send(detail);
    },
  );

  routes.patch(
    `${M}/funding-lists/:listId/items/:itemId`,
    {
      schema: {
        tags,
        summary: '事業を更新',
        params: fundingItemParamsSchema,
        body: fundingItemUpdateRequestSchema,
        response: { 200: fundingListDetailSchema, ...errors },
      },
    },
    async (request) =>
      updateFundingItemRow({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    `${M}/funding-lists/:listId/items/:itemId/archive`,
    {
      schema: {
        tags,
        summary: '事業を削除（アーカイブ）',
        params: fundingItemParamsSchema,
        body: versionRequestSchema,
        response: { 200: fundingListDetailSchema, ...errors },
      },
    },
    async (request) =>
      archiveFundingItem({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      }),
  );

  /* The plan side: a KPI's source, an action's effects */

  routes.put(
    '/api/plans/:planId/actions/:actionKey/kpis/:kpiKey/source',
    {
      schema: {
        tags,
        summary: '指標の実績値をBPRの合計・推移表の列から自動反映する（null で解除）',
        params: kpiSourceParamsSchema,
        body: kpiSourceRequestSchema,
        response: { 200: kpiSourceResponseSchema, ...errors },
      },
    },
    async (request) =>
      setKpiSource({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.get(
    '/api/plans/:planId/actions/:actionKey/effects',
    {
      schema: {
        tags,
        summary: 'アクションに連携するBPRの業務・交付金・予算・会議・指標の連携元',
        params: actionEffectsParamsSchema,
        response: { 200: actionEffectsSchema, ...errors },
      },
    },
    async (request) => getActionEffects({ db, actor: requireActor(request), ...request.params }),
  );

  /* Open data: published tables, no login */

  const publicParams = z.object({
    municipalityCode: z
      .string()
      .regex(/^\d{6}$/, '自治体は全国地方公共団体コード（6桁の数字）で指定してください'),
  });

  routes.get(
    '/api/public/municipalities/:municipalityCode/effects',
    {
      config: { public: true },
      schema: {
        tags: ['open data'],
        summary: '公開された表（BPR・推移表・交付金・予算）の JSON',
        params: publicParams,
        response: {
          200: z.object({
            municipality: z.object({ code: z.string(), name: z.string(), prefecture: z.string() }),
            tables: z.array(
              z.object({
                kind: effectTableKindSchema,
                id: z.string(),
                title: z.string(),
                fy: z.number().nullable(),
                publishedAt: z.string(),
                csvUrl: z.string(),
                section: reportSectionSchema,
              }),
            ),
          }),
          400: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { municipalityCode } = request.params;
      const published = await findPublishedTables({ db, municipalityCode });
      return {
        municipality: published.municipality,
        tables: published.tables.map((table) => ({
          ...table,
          csvUrl: `/api/public/municipalities/${municipalityCode}/effects/${table.kind}/${table.id}/csv`,
        })),
      };
    },
  );

  routes.get(
    '/api/public/municipalities/:municipalityCode/effects/:tableKind/:tableId/csv',
    {
      config: { public: true },
      schema: {
        tags: ['open data'],
        summary: '公開された表の CSV（UTF-8 BOM付き、金額は円）',
        params: publicParams.extend({
          tableKind: effectTableKindSchema,
          tableId: z.uuid('IDの形式が正しくありません'),
        }),
        response: { 200: z.string(), 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const section = await getPublishedTableSection({ db, ...request.params });
      return sendCsvDownload({ reply, filename: section.title, csv: renderSectionCsv(section) });
    },
  );
}
