import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkDatabase, type Database } from '../../db/database.js';

export const healthResponseSchema = z.object({ status: z.literal('ok') });

export function registerHealthRoutes({ app, db }: { app: FastifyInstance; db: Database }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: '稼働確認（データベースへの接続を含む）',
        response: { 200: healthResponseSchema },
      },
    },
    async () => {
      await checkDatabase({ db });
      return { status: 'ok' as const };
    },
  );
}
