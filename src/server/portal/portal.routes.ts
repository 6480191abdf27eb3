import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requireActor } from '../auth.js';
import { getJapanDate } from '../dashboard/dashboard.models.js';
import { errorResponseSchema } from '../errors.js';
import { readOpenDataLicense } from '../opendata/opendata.license.js';
import type { OpenDataLicense } from '../opendata/opendata.models.js';
import type { PlanViewCache } from '../plans/plans.cache.js';
import { planIdParamsSchema } from '../plans/plans.schemas.js';
import { PORTAL_PREFIX, parsePortalPath } from './portal.paths.js';
import {
  renderActionPage,
  renderIndexPage,
  renderNotFoundPage,
  renderPlanPage,
  renderSchedulePage,
} from './portal.render.js';
import {
  buildPortalEffectsCsv,
  buildPortalOpenData,
  findPortalPlans,
  getPortalPlan,
  publishPlan,
  withdrawPlan,
} from './portal.usecases.js';

/** The portal's stylesheet, read once on first use. */
let stylesheet: string | null = null;
export function readPortalStylesheet(): string {
  stylesheet ??= readFileSync(new URL('./portal.css', import.meta.url), 'utf8');
  return stylesheet;
}

const publicationResponseSchema = z.object({ publishedAt: z.string().nullable(), publicPath: z.string() });

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/**
 * Sends a portal file with an ETag, so that a browser on a slow line revalidates with one small request
 * and a change (or a withdrawal) is seen at once.
 */
function sendPortalFile({
  request,
  reply,
  body,
  type,
  status = 200,
  filename,
}: {
  request: FastifyRequest;
  reply: FastifyReply;
  body: string;
  type: keyof typeof CONTENT_TYPES;
  status?: number;
  filename?: string;
}): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', 'no-cache').header('etag', etag);
  if (filename) reply.header('content-disposition', `attachment; filename="${filename}"`);
  if (status === 200 && request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.code(status).type(CONTENT_TYPES[type]).send(body);
}

/**
 * The public portal (no login) under /public/, and the admin's publish / withdraw. The portal's routes
 * sit outside /api and are registered before the web UI's catch-all, so that a missing portal page is
 * the portal's own 404 page, never the single-page app.
 */
export function registerPortalRoutes({
  app,
  db,
  cache,
  baseUrl = process.env.KISEKI_PUBLIC_BASE_URL?.trim() || null,
  license = readOpenDataLicense(),
}: {
  app: FastifyInstance;
  db: Database;
  cache: PlanViewCache;
  baseUrl?: string | null;
  license?: OpenDataLicense;
}): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    '/api/plans/:planId/publication/publish',
    {
      schema: {
        tags: ['plans'],
        summary: '計画を公開ページに公開（ログイン不要で閲覧できます）',
        params: planIdParamsSchema,
        response: {
          200: publicationResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => publishPlan({ db, actor: requireActor(request), planId: request.params.planId }),
  );

  routes.post(
    '/api/plans/:planId/publication/withdraw',
    {
      schema: {
        tags: ['plans'],
        summary: '計画の公開を取り下げ',
        params: planIdParamsSchema,
        response: {
          200: publicationResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => withdrawPlan({ db, actor: requireActor(request), planId: request.params.planId }),
  );

  app.get('/public', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.redirect(PORTAL_PREFIX, 301),
  );

  app.get('/public/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    const page = parsePortalPath(path);
    const notFound = () =>
      sendPortalFile({
        request,
        reply,
        status: 404,
        type: 'html',
        body: renderNotFoundPage({
          options: { locale: path.startsWith('en/') ? 'en' : 'ja', baseUrl },
          path: path.startsWith('en/') ? 'en/404.html' : '404.html',
        }),
      });
    if (!page) {
      // A plan's folder without its slash would make every relative link point one level too high.
      if (/^(en\/)?\d{6}\/[A-Za-z0-9][A-Za-z0-9_-]*$/.test(path))
        return reply.redirect(`${PORTAL_PREFIX}${path}/`, 301);
      return notFound();
    }
    if (page.kind === 'stylesheet')
      return sendPortalFile({ request, reply, type: 'css', body: readPortalStylesheet() });
    if (page.kind === 'index') {
      const plans = await findPortalPlans({ db });
      return sendPortalFile({
        request,
        reply,
        type: 'html',
        body: renderIndexPage({ plans, options: { locale: page.locale, baseUrl } }),
      });
    }
    const plan = await getPortalPlan({ db, cache, municipalityCode: page.municipalityCode, slug: page.slug });
    if (!plan) return notFound();
    if (page.kind === 'data') {
      const files = buildPortalOpenData({ plan, license });
      return sendPortalFile({
        request,
        reply,
        type: page.file.endsWith('.csv') ? 'csv' : 'json',
        body: files[page.file],
        filename: `${page.municipalityCode}-${page.slug}-${page.file}`,
      });
    }
    if (page.kind === 'effectsData') {
      const table = buildPortalEffectsCsv({ plan, tableKind: page.tableKind, tableId: page.tableId });
      if (!table) return notFound();
      return sendPortalFile({
        request,
        reply,
        type: 'csv',
        body: table.csv,
        filename: `${page.municipalityCode}-effects-${page.tableKind}-${page.tableId}.csv`,
      });
    }
    const options = { locale: page.locale, baseUrl };
    const today = getJapanDate(new Date());
    if (page.kind === 'plan') {
      return sendPortalFile({
        request,
        reply,
        type: 'html',
        body: renderPlanPage({ plan, options, license }),
      });
    }
    if (page.kind === 'schedule') {
      return sendPortalFile({
        request,
        reply,
        type: 'html',
        body: renderSchedulePage({ plan, options, today }),
      });
    }
    const body = renderActionPage({ plan, actionKey: page.actionKey, options, today });
    return body ? sendPortalFile({ request, reply, type: 'html', body }) : notFound();
  });
}
