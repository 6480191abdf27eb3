import { readFileSync } from 'node:fs';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { planNodeSchema } from '../domain/plan.schemas.js';
import { registerAccountRoutes } from './accounts/accounts.routes.js';
import { createLoginThrottle, type LoginThrottle } from './accounts/login-throttle.js';
import { createSessionStore, type SessionStore } from './accounts/sessions.js';
import { registerAuditRoutes } from './audit/audit.routes.js';
import { registerAuthentication } from './auth.js';
import { registerCommentRoutes } from './comments/comments.routes.js';
import { registerDashboardRoutes } from './dashboard/dashboard.routes.js';
import { registerDepartmentRoutes } from './departments/departments.routes.js';
import { registerEditingRoutes } from './editing/editing.routes.js';
import { registerEffectsRoutes } from './effects/effects.routes.js';
import { registerErrorHandler } from './errors.js';
import { registerEvidenceRoutes } from './evidence/evidence.routes.js';
import { registerHealthRoutes } from './health/health.routes.js';
import { registerHistoryRoutes } from './history/history.routes.js';
import { registerMunicipalityRoutes } from './municipalities/municipalities.routes.js';
import { registerNoticeRoutes } from './notices/notices.routes.js';
import { type NoticeDeployment, readNoticeDeployment } from './notices/notices.transport.js';
import { registerOrganisationRoutes } from './organisation/organisation.routes.js';
import { createPlanViewCache, type PlanViewCache } from './plans/plans.cache.js';
import { registerPlanRoutes } from './plans/plans.routes.js';
import { planTreeNodeSchema } from './plans/plans.schemas.js';
import { registerPortalRoutes } from './portal/portal.routes.js';
import { registerReportRoutes } from './reports/reports.routes.js';
import { registerRoundRoutes } from './rounds/rounds.routes.js';
import { collectRoutes } from './route-registry.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerWebUi } from './web.js';
import { registerWorkbookRoutes } from './workbook/workbook.routes.js';

const packageVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Recursive schemas need a name to be described in OpenAPI: they become components that refer to
 * themselves. A registry of our own, so that nothing else that turns zod into JSON Schema is affected.
 */
const openApiRegistry = z.registry<{ id: string }>();
openApiRegistry.add(planTreeNodeSchema, { id: 'PlanTreeNode' });
openApiRegistry.add(planNodeSchema, { id: 'PlanNode' });

/**
 * The HTTP application: the JSON API under /api, its OpenAPI description at /api/docs, and the web UI.
 * Built in-process for tests (`app.inject()`), listened on by main.ts.
 */
export async function buildApp({
  db,
  logger = false,
  webRoot,
  cache = createPlanViewCache(),
  sessions = createSessionStore({ db }),
  throttle = createLoginThrottle(),
  trustProxy = process.env.KISEKI_TRUST_PROXY === 'true',
  noticeDeployment = readNoticeDeployment(),
}: {
  db: Database;
  /** Fastify's pino logger options; off unless asked for, so that tests stay quiet. */
  logger?: FastifyServerOptions['logger'];
  /** The built web UI (default dist/web). */
  webRoot?: string;
  cache?: PlanViewCache;
  sessions?: SessionStore;
  throttle?: LoginThrottle;
  /** Behind a TLS-terminating reverse proxy: trust its X-Forwarded-* headers (KISEKI_TRUST_PROXY=true). */
  trustProxy?: boolean;
  /** SMTP server, sender and public URL for notices (KISEKI_SMTP_URL, KISEKI_MAIL_FROM, KISEKI_PUBLIC_URL). */
  noticeDeployment?: NoticeDeployment;
}): Promise<FastifyInstance> {
  const app = Fastify({ logger, bodyLimit: 20 * 1024 * 1024, trustProxy });
  collectRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerSecurityHeaders({ app });
  registerErrorHandler({ app });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kiseki API',
        description: '自治体DX推進計画の進捗管理と評価（Kiseki / 軌跡）の API',
        version: packageVersion,
      },
      tags: [
        { name: 'plans', description: '計画・アクション・評価' },
        { name: 'municipalities', description: '自治体' },
        { name: 'accounts', description: 'ログイン・利用者・招待' },
        { name: 'audit', description: '変更履歴' },
        { name: 'editing', description: '計画の編集（管理者）' },
        { name: 'departments', description: '部署' },
        { name: 'comments', description: 'コメント' },
        { name: 'rounds', description: '進捗確認・課の入力・提出と確認' },
        { name: 'evidence', description: '取組の写真・資料' },
        { name: 'notices', description: '通知設定（提出期限のお知らせ・差し戻し・承認）' },
        { name: 'system', description: '稼働確認' },
      ],
    },
    transform: createJsonSchemaTransform({ schemaRegistry: openApiRegistry }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: openApiRegistry }),
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null, docExpansion: 'list', deepLinking: true },
  });

  await registerAuthentication({ app, sessions });
  registerHealthRoutes({ app, db });
  registerAccountRoutes({ app, db, sessions, throttle });
  registerAuditRoutes({ app, db });
  registerMunicipalityRoutes({ app, db });
  registerPlanRoutes({ app, db, cache });
  registerEditingRoutes({ app, db });
  registerDepartmentRoutes({ app, db });
  registerCommentRoutes({ app, db });
  registerHistoryRoutes({ app, db });
  registerRoundRoutes({ app, db, cache, deployment: noticeDeployment });
  registerEvidenceRoutes({ app, db });
  registerNoticeRoutes({ app, db, deployment: noticeDeployment });
  registerWorkbookRoutes({ app, db, cache });
  registerReportRoutes({ app, db, cache });
  registerEffectsRoutes({ app, db });
  registerOrganisationRoutes({ app, db });
  registerDashboardRoutes({ app, db, cache });
  registerPortalRoutes({ app, db, cache });
  registerWebUi({ app, ...(webRoot !== undefined && { webRoot }) });
  return app;
}
