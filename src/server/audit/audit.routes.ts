import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { isoDateSchema } from '../../domain/plan.schemas.js';
import { uuidSchema } from '../accounts/accounts.schemas.js';
import { requireActor } from '../auth.js';
import { ensureCan } from '../authorization.js';
import { errorResponseSchema } from '../errors.js';
import { listAuditEntries } from './audit.repository.js';

export const auditQuerySchema = z.object({
  planId: uuidSchema.optional(),
  actionKey: z.string().max(64).optional(),
  subjectType: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, '種類はカンマ区切りの英小文字で指定してください')
    .optional()
    .describe('task,kpi,action … のようにカンマ区切り'),
  actorUserId: uuidSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  before: z.coerce.number().int().positive().optional().describe('このIDより古い履歴（次のページ）'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditEntrySchema = z.object({
  id: z.number(),
  planId: z.string().nullable(),
  actionKey: z.string().nullable(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  operation: z.string(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  actorUserId: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
});

export const auditResponseSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `before` for the next (older) page; null when this is the last. */
  nextBefore: z.number().nullable(),
});
export type AuditResponse = z.infer<typeof auditResponseSchema>;

export function registerAuditRoutes({ app, db }: { app: FastifyInstance; db: Database }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/municipalities/:municipalityId/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '変更履歴（誰が・いつ・何を・変更前 → 変更後）',
        params: z.object({ municipalityId: uuidSchema }),
        querystring: auditQuerySchema,
        response: {
          200: auditResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const { municipalityId } = request.params;
      ensureCan(requireActor(request), 'plan.read', { municipalityId });
      const query = request.query;
      const entries = await listAuditEntries({
        db,
        filter: {
          municipalityId,
          planId: query.planId,
          actionKey: query.actionKey,
          subjectTypes: query.subjectType?.split(','),
          actorUserId: query.actorUserId,
          from: query.from,
          to: query.to,
          beforeId: query.before,
          limit: query.limit,
        },
      });
      reply.header('cache-control', 'no-store');
      return {
        entries: entries.map(({ municipalityId: _municipality, ...entry }) => entry),
        nextBefore: entries.length === query.limit ? (entries.at(-1)?.id ?? null) : null,
      };
    },
  );
}
