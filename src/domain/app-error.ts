import type { ValidationIssue } from './validation.js';

/**
 * Every error the system raises on purpose carries one of these stable codes. The server maps each code
 * to an HTTP status in one table (src/server/errors.ts); the UI may choose its own message by code.
 */
export type AppErrorCode =
  | 'request.invalid'
  | 'route.not_found'
  | 'plan.not_found'
  | 'plan.already_exists'
  | 'plan.ambiguous_reference'
  | 'plan.invalid_document'
  | 'action.not_found'
  | 'server.internal_error';

const defaultMessages: Record<AppErrorCode, string> = {
  'request.invalid': 'リクエストの内容に誤りがあります',
  'route.not_found': '指定されたURLは見つかりません',
  'plan.not_found': '指定された計画は見つかりません',
  'plan.already_exists': '同じスラッグの計画がすでにあります',
  'plan.ambiguous_reference': '同じスラッグの計画が複数の自治体にあります。計画IDで指定してください',
  'plan.invalid_document': '計画ファイルに誤りがあります',
  'action.not_found': '指定されたアクションは見つかりません',
  'server.internal_error': 'サーバーでエラーが発生しました。時間をおいてもう一度お試しください',
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues: ValidationIssue[] | undefined;

  constructor({
    code,
    message,
    issues,
    cause,
  }: {
    code: AppErrorCode;
    message?: string;
    issues?: ValidationIssue[];
    cause?: unknown;
  }) {
    super(message ?? defaultMessages[code], cause === undefined ? undefined : { cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
