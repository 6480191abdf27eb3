import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { municipalityFieldsSchema } from '../../domain/plan-editing.schemas.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import { municipalityListResponseSchema } from '../plans/plans.schemas.js';
import { createMunicipality, findMunicipalities } from './municipalities.usecases.js';

export function registerMunicipalityRoutes({ app, db }: { app: FastifyInstance; db: Database }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/municipalities',
    {
      schema: {
        tags: ['municipalities'],
        summary: '自治体の一覧',
        response: { 200: municipalityListResponseSchema },
      },
    },
    async (request) => ({ municipalities: await findMunicipalities({ db, actor: requireActor(request) }) }),
  );

  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/municipalities',
    {
      schema: {
        tags: ['municipalities'],
        summary: '自治体を登録（システム管理者）',
        body: municipalityFieldsSchema,
        response: {
          201: z.object({
            id: z.string(),
            code: z.string(),
            name: z.string(),
            prefecture: z.string(),
            planCount: z.number(),
          }),
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          409: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const municipality = await createMunicipality({
        db,
        actor: requireActor(request),
        input: request.body,
      });
      return reply.code(201).send(municipality);
    },
  );
}
