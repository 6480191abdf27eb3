import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AppErrorCode, isAppError } from '../domain/app-error.js';
import { formatJsonPath, type ValidationIssue } from '../domain/validation.js';

/** The one place where an error code becomes an HTTP status. */
export const httpStatusByCode: Record<AppErrorCode, number> = {
  'request.invalid': 400,
  'route.not_found': 404,
  'plan.not_found': 404,
  'plan.already_exists': 409,
  'plan.ambiguous_reference': 400,
  'plan.invalid_document': 400,
  'action.not_found': 404,
  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.rate_limited': 429,
  'auth.forbidden': 403,
  'auth.cross_origin': 403,
  'auth.password_change_required': 403,
  'auth.weak_password': 400,
  'auth.wrong_password': 400,
  'user.not_found': 404,
  'user.already_exists': 409,
  'invitation.invalid': 410,
  'municipality.not_found': 404,
  'department.not_found': 404,
  'record.conflict': 409,
  'record.duplicate_key': 409,
  'record.not_empty': 409,
  'record.parent_archived': 409,
  'record.number_taken': 409,
  'node.not_found': 404,
  'task.not_found': 404,
  'kpi.not_found': 404,
  'kpi_actual.not_found': 404,
  'comment.not_found': 404,
  'municipality.already_exists': 409,
  'round.not_found': 404,
  'round.closed': 409,
  'round.already_open': 409,
  'round.already_exists': 409,
  'submission.not_found': 404,
  'submission.locked': 409,
  'submission.invalid_transition': 409,
  'evidence.not_found': 404,
  'evidence.invalid_file': 400,
  'evidence.too_large': 413,
  'notice.not_found': 404,
  'workbook.too_large': 413,
  'workbook.unreadable': 400,
  'workbook.invalid': 400,
  'workbook.other_plan': 400,
  'report.round_not_found': 404,
  'bpr_project.not_found': 404,
  'bpr_result.not_found': 404,
  'series.not_found': 404,
  'series_row.not_found': 404,
  'series.year_taken': 409,
  'funding_list.not_found': 404,
  'funding_item.not_found': 404,
  'effects_table.not_found': 404,
  'body.not_found': 404,
  'roster.not_found': 404,
  'meeting.not_found': 404,
  'server.internal_error': 500,
};

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.unknown().optional(),
  }),
});

export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export function buildErrorResponse({
  code,
  message,
  issues,
  details,
}: {
  code: string;
  message: string;
  issues?: ValidationIssue[] | undefined;
  details?: unknown;
}): ErrorResponse {
  return {
    error: {
      code,
      message,
      ...(issues && issues.length > 0 && { issues }),
      ...(details !== undefined && { details }),
    },
  };
}

const messagesByStatus: Record<number, string> = {
  404: '指定されたURLは見つかりません',
  405: 'この操作はできません',
  406: 'この形式では応答できません',
  413: 'リクエストが大きすぎます',
  415: 'この形式のリクエストは受け付けられません',
  429: 'リクエストが多すぎます。しばらくしてからもう一度お試しください',
};

/**
 * AppError → its status; a request that does not match its schema → 400 with every problem and its
 * path; any other client error Fastify raises (bad JSON, wrong content type) → its 4xx. Only what is
 * left, a fault of ours, is a 500, and its details go to the log, not to the client.
 */
export function registerErrorHandler({ app }: { app: FastifyInstance }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = error.validationContext;
      const issues = error.validation.map((issue) => ({
        path: formatJsonPath([
          ...(context ? [context] : []),
          ...issue.instancePath
            .split('/')
            .filter((segment) => segment !== '')
            .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment)),
        ]),
        message: issue.message ?? 'リクエストの内容に誤りがあります',
      }));
      return reply.code(400).send(
        buildErrorResponse({
          code: 'request.invalid',
          message: 'リクエストの内容に誤りがあります',
          issues,
        }),
      );
    }

    if (isAppError(error)) {
      const status = httpStatusByCode[error.code];
      if (status >= 500) request.log.error({ err: error }, error.message);
      return reply.code(status).send(
        buildErrorResponse({
          code: error.code,
          message: error.message,
          issues: error.issues,
          details: error.details,
        }),
      );
    }

    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send(
        buildErrorResponse({
          code: status === 404 ? 'route.not_found' : 'request.invalid',
          message: messagesByStatus[status] ?? 'リクエストの内容に誤りがあります',
        }),
      );
    }

    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(
      buildErrorResponse({
        code: 'server.internal_error',
        message: 'サーバーでエラーが発生しました。時間をおいてもう一度お試しください',
      }),
    );
  });
}
