import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database.js';
import { requireActor } from '../auth.js';
import { municipalityListResponseSchema } from '../plans/plans.schemas.js';
import { findMunicipalities } from './municipalities.usecases.js';

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
}
