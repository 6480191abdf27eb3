import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import {
  commentCreateRequestSchema,
  commentListResponseSchema,
  commentParamsSchema,
  commentRecordSchema,
  commentsParamsSchema,
} from './comments.schemas.js';
import { archiveComment, createComment, findComments } from './comments.usecases.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
} as const;

/** Comments on an action (internal: never on the public portal). */
export function registerCommentRoutes({ app, db }: { app: FastifyInstance; db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['comments'];

  routes.get(
    '/api/plans/:planId/actions/:actionKey/comments',
    {
      schema: {
        tags,
        summary: 'アクションへのコメント（古い順）',
        params: commentsParamsSchema,
        response: { 200: commentListResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { comments: await findComments({ db, actor: requireActor(request), ...request.params }) };
    },
  );

  routes.post(
    '/api/plans/:planId/actions/:actionKey/comments',
    {
      schema: {
        tags,
        summary: 'アクションにコメントする（閲覧者を含む全員）',
        params: commentsParamsSchema,
        body: commentCreateRequestSchema,
        response: { 201: commentRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const comment = await createComment({
        db,
        actor: requireActor(request),
        ...request.params,
        input: request.body,
      });
      return reply.code(201).send(comment);
    },
  );

  routes.post(
    '/api/plans/:planId/comments/:commentId/archive',
    {
      schema: {
        tags,
        summary: 'コメントを削除（アーカイブ。本人または管理者）',
        params: commentParamsSchema,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => {
      await archiveComment({ db, actor: requireActor(request), ...request.params });
      return { ok: true as const };
    },
  );
}
