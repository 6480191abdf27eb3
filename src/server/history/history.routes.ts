import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { idSchema } from '../../domain/plan-editing.schemas.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import { findPlanHistoryPeople } from './history.usecases.js';

export const historyPeopleResponseSchema = z.object({
  people: z.array(z.object({ userId: z.string().nullable(), name: z.string(), entryCount: z.number() })),
});
export type HistoryPeopleResponse = z.infer<typeof historyPeopleResponseSchema>;

/**
 * What the plan's history page needs beside the entries themselves (which come from
 * GET /api/municipalities/:municipalityId/audit): the people to filter by.
 */
export function registerHistoryRoutes({ app, db }: { app: FastifyInstance; db: Database }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/plans/:planId/history/people',
    {
      schema: {
        tags: ['audit'],
        summary: '計画の変更履歴に登場する人（絞り込み用）',
        params: z.object({ planId: idSchema }),
        response: {
          200: historyPeopleResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return {
        people: await findPlanHistoryPeople({
          db,
          actor: requireActor(request),
          planId: request.params.planId,
        }),
      };
    },
  );
}
