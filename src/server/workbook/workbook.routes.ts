import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import type { PlanViewCache } from '../plans/plans.cache.js';
import { planIdParamsSchema } from '../plans/plans.schemas.js';
import { CONTENT_TYPES, sendFileDownload } from '../reports/downloads.js';
import { XLSX_CONTENT_TYPE } from './workbook.columns.js';
import {
  workbookApplyQuerySchema,
  workbookApplyResponseSchema,
  workbookPreviewResponseSchema,
} from './workbook.schemas.js';
import { applyPlanWorkbook, exportPlanWorkbook, previewPlanWorkbook } from './workbook.usecases.js';

/** The raw bytes of the upload; the use case checks its size and that it is a zip at all. */
const uploadBodySchema = z.instanceof(Buffer, { error: 'xlsx ファイルを送ってください' });

const uploadErrors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  413: errorResponseSchema,
};

/** The plan workbook (計画の入力用シート): download pre-filled, upload to preview, upload to apply. */
export function registerWorkbookRoutes({
  app,
  db,
  cache,
}: {
  app: FastifyInstance;
  db: Database;
  cache: PlanViewCache;
}): void {
  app.register(async (scope) => {
    // In this plugin's scope only: the body of an upload is the xlsx file itself. Fastify's own limit is
    // set above ours so that a large file gets our message (workbook.too_large) rather than a bare 413.
    scope.addContentTypeParser(
      XLSX_CONTENT_TYPE,
      { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    const routes = scope.withTypeProvider<ZodTypeProvider>();

    routes.get(
      '/api/plans/:planId/workbook',
      {
        schema: {
          tags: ['plans'],
          summary: '計画の入力用シート（xlsx、現在の計画を記入済み）のダウンロード',
          params: planIdParamsSchema,
          response: { 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const download = await exportPlanWorkbook({
          db,
          cache,
          actor: requireActor(request),
          planId: request.params.planId,
        });
        return sendFileDownload({
          reply,
          filename: download.filename,
          fallback: 'plan-workbook.xlsx',
          contentType: CONTENT_TYPES.xlsx,
          bytes: download.bytes,
        });
      },
    );

    routes.post(
      '/api/plans/:planId/workbook/preview',
      {
        schema: {
          tags: ['plans'],
          summary: '入力用シートを読み、反映すると何が変わるかを返す（何も変更しません）',
          description: `本文は xlsx ファイルそのもの（Content-Type: ${XLSX_CONTENT_TYPE}）。誤りはすべて issues に、シート・行・列とともに返します。`,
          params: planIdParamsSchema,
          body: uploadBodySchema,
          response: { 200: workbookPreviewResponseSchema, ...uploadErrors },
        },
      },
      async (request) => {
        const preview = await previewPlanWorkbook({
          db,
          cache,
          actor: requireActor(request),
          planId: request.params.planId,
          bytes: request.body,
        });
        return { planId: preview.planId, revision: preview.revision, diff: preview.diff };
      },
    );

    routes.post(
      '/api/plans/:planId/workbook/apply',
      {
        schema: {
          tags: ['plans'],
          summary: '入力用シートを計画に反映する（すべてか、何もしないか）',
          description:
            'プレビューと同じファイルを送ります。プレビューの後に計画が変わっていたら 409（record.conflict）で何も反映しません。',
          params: planIdParamsSchema,
          querystring: workbookApplyQuerySchema,
          body: uploadBodySchema,
          response: { 200: workbookApplyResponseSchema, ...uploadErrors },
        },
      },
      async (request) => {
        const { saved, diff } = await applyPlanWorkbook({
          db,
          cache,
          actor: requireActor(request),
          planId: request.params.planId,
          bytes: request.body,
          revision: request.query.revision,
        });
        return { planId: saved.planId, revision: saved.revision, diff };
      },
    );
  });
}
