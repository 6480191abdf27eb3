import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { EVIDENCE_MAX_BYTES } from '../../domain/evidence.js';
import { uuidSchema } from '../accounts/accounts.schemas.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import { isEtagFresh } from '../replies.js';
import { departmentRoundParamsSchema, evidenceSchema, submissionSchema } from '../rounds/rounds.schemas.js';
import {
  archiveDepartmentEvidence,
  findActionEvidence,
  getEvidenceFile,
  uploadEvidence,
} from './evidence.usecases.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  413: errorResponseSchema,
} as const;

export const evidenceUploadQuerySchema = z.object({
  actionKey: z.string().min(1, 'アクションを指定してください').max(64),
  taskId: uuidSchema.optional(),
  fileName: z
    .string()
    .trim()
    .min(1, 'ファイル名を指定してください')
    .max(255, 'ファイル名は255文字以内にしてください'),
  caption: z.string().trim().max(200, '説明は200文字以内にしてください').optional(),
});

const fileBodySchema = z.custom<Buffer>((value) => Buffer.isBuffer(value), {
  message: 'ファイルの中身を送ってください（Content-Type: application/octet-stream）',
});

/** A header value for the file name: ASCII for old clients, the real name in RFC 5987 form. */
function contentDisposition({ inline, fileName }: { inline: boolean; fileName: string }): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Photos and files of the work: upload and removal through a round, download, an action's gallery. */
export function registerEvidenceRoutes({ app, db }: { app: FastifyInstance; db: Database }): void {
  // The upload's body is the file itself; a little room above the limit, so that the use case can say
  // "too large" in the clerk's words rather than the framework's.
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: EVIDENCE_MAX_BYTES + 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['evidence'];

  routes.post(
    '/api/plans/:planId/rounds/:roundId/departments/:departmentId/evidence',
    {
      schema: {
        tags,
        summary: '写真・資料を登録（本文はファイルそのもの。種類は中身で判定、10MBまで）',
        params: departmentRoundParamsSchema,
        querystring: evidenceUploadQuerySchema,
        body: fileBodySchema,
        response: { 201: z.object({ evidence: evidenceSchema, submission: submissionSchema }), ...errors },
      },
    },
    async (request, reply) => {
      const { actionKey, taskId, fileName, caption } = request.query;
      const saved = await uploadEvidence({
        db,
        actor: requireActor(request),
        ...request.params,
        actionKey,
        taskId,
        fileName,
        caption,
        bytes: request.body,
      });
      return reply.code(201).send(saved);
    },
  );

  routes.post(
    '/api/plans/:planId/rounds/:roundId/departments/:departmentId/evidence/:evidenceId/archive',
    {
      schema: {
        tags,
        summary: '写真・資料を削除（履歴には残る）',
        params: departmentRoundParamsSchema.extend({ evidenceId: uuidSchema }),
        response: { 200: z.object({ submission: submissionSchema }), ...errors },
      },
    },
    async (request) => {
      const { evidenceId, ...target } = request.params;
      return archiveDepartmentEvidence({ db, actor: requireActor(request), ...target, evidenceId });
    },
  );

  routes.get(
    '/api/plans/:planId/actions/:actionKey/evidence',
    {
      schema: {
        tags,
        summary: 'アクションの写真・資料の一覧',
        params: z.object({ planId: uuidSchema, actionKey: z.string().min(1).max(64) }),
        response: { 200: z.object({ evidence: z.array(evidenceSchema) }), ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { evidence: await findActionEvidence({ db, actor: requireActor(request), ...request.params }) };
    },
  );

  routes.get(
    '/api/plans/:planId/evidence/:evidenceId',
    {
      schema: {
        tags,
        summary: '写真・資料のファイル（写真は画面に表示、それ以外はダウンロード）',
        params: z.object({ planId: uuidSchema, evidenceId: uuidSchema }),
        response: errors,
      },
    },
    async (request, reply) => {
      const file = await getEvidenceFile({ db, actor: requireActor(request), ...request.params });
      const etag = `"${file.sha256.slice(0, 32)}"`;
      reply
        .header('etag', etag)
        .header('cache-control', 'private, no-cache')
        // Served as exactly what the bytes were checked to be, never run: no sniffing, no scripts.
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox")
        .header(
          'content-disposition',
          contentDisposition({ inline: file.kind === 'photo', fileName: file.fileName }),
        );
      // The body is the file's bytes, not JSON: sent past the JSON response schemas.
      const raw: FastifyReply = reply;
      if (isEtagFresh({ ifNoneMatch: request.headers['if-none-match'], etag })) return raw.code(304).send();
      return raw.type(file.contentType).send(file.data);
    },
  );
}
