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
  | 'auth.unauthenticated'
  | 'auth.invalid_credentials'
  | 'auth.rate_limited'
  | 'auth.forbidden'
  | 'auth.cross_origin'
  | 'auth.password_change_required'
  | 'auth.weak_password'
  | 'auth.wrong_password'
  | 'user.not_found'
  | 'user.already_exists'
  | 'invitation.invalid'
  | 'municipality.not_found'
  | 'department.not_found'
  | 'record.conflict'
  | 'record.duplicate_key'
  | 'record.not_empty'
  | 'record.parent_archived'
  | 'record.number_taken'
  | 'node.not_found'
  | 'task.not_found'
  | 'kpi.not_found'
  | 'kpi_actual.not_found'
  | 'comment.not_found'
  | 'municipality.already_exists'
  | 'round.not_found'
  | 'round.closed'
  | 'round.already_open'
  | 'round.already_exists'
  | 'submission.not_found'
  | 'submission.locked'
  | 'submission.invalid_transition'
  | 'evidence.not_found'
  | 'evidence.invalid_file'
  | 'evidence.too_large'
  | 'notice.not_found'
  | 'workbook.too_large'
  | 'workbook.unreadable'
  | 'workbook.invalid'
  | 'workbook.other_plan'
  | 'report.round_not_found'
  | 'bpr_project.not_found'
  | 'bpr_result.not_found'
  | 'series.not_found'
  | 'series_row.not_found'
  | 'series.year_taken'
  | 'funding_list.not_found'
  | 'funding_item.not_found'
  | 'effects_table.not_found'
  | 'body.not_found'
  | 'roster.not_found'
  | 'meeting.not_found'
  | 'server.internal_error';

const defaultMessages: Record<AppErrorCode, string> = {
  'request.invalid': 'リクエストの内容に誤りがあります',
  'route.not_found': '指定されたURLは見つかりません',
  'plan.not_found': '指定された計画は見つかりません',
  'plan.already_exists': '同じスラッグの計画がすでにあります',
  'plan.ambiguous_reference': '同じスラッグの計画が複数の自治体にあります。計画IDで指定してください',
  'plan.invalid_document': '計画ファイルに誤りがあります',
  'action.not_found': '指定されたアクションは見つかりません',
  'auth.unauthenticated': 'ログインしてください（ログインの有効期限が切れた可能性があります）',
  'auth.invalid_credentials': 'ログインIDまたはパスワードが正しくありません',
  'auth.rate_limited':
    'ログインの失敗が続いたため、しばらくログインできません。15分ほど待ってからもう一度お試しください',
  'auth.forbidden': 'この操作を行う権限がありません',
  'auth.cross_origin': '別のサイトからの操作は受け付けられません',
  'auth.password_change_required': '初回ログインのため、パスワードを変更してください',
  'auth.weak_password': 'パスワードが条件を満たしていません',
  'auth.wrong_password': '現在のパスワードが正しくありません',
  'user.not_found': '指定された利用者は見つかりません',
  'user.already_exists': '同じログインIDの利用者がすでにいます',
  'invitation.invalid': 'この招待リンクは無効か、有効期限が切れています。管理者に再発行を依頼してください',
  'municipality.not_found': '指定された自治体は見つかりません',
  'department.not_found': '指定された課は見つかりません',
  'record.conflict':
    'ほかの人が先にこの内容を更新しました。最新の内容を確認してから、もう一度入力してください',
  'record.duplicate_key': '同じキーのものがすでにあります（アーカイブしたものを含みます）',
  'record.not_empty':
    '中に含まれているものがあるため、アーカイブできません。先に移動またはアーカイブしてください',
  'record.parent_archived': '属している先がアーカイブされています。先にそちらを復元してください',
  'record.number_taken': '同じ番号・名称のものがすでにあるため、復元できません',
  'node.not_found': '指定された階層は見つかりません（アーカイブされた可能性があります）',
  'task.not_found': '指定された年度タスクは見つかりません（アーカイブされた可能性があります）',
  'kpi.not_found': '指定された指標は見つかりません（アーカイブされた可能性があります）',
  'kpi_actual.not_found': '指定された実績値は見つかりません（アーカイブされた可能性があります）',
  'comment.not_found': '指定されたコメントは見つかりません（削除された可能性があります）',
  'municipality.already_exists': '同じ全国地方公共団体コードの自治体がすでに登録されています',
  'round.not_found': '指定された進捗確認は見つかりません',
  'round.closed': 'この進捗確認は締め切られています。締め切り時点の数値で確定しているため変更できません',
  'round.already_open':
    'この計画には受付中の進捗確認があります。締め切ってから新しい進捗確認を始めてください',
  'round.already_exists': '同じ年度・月の進捗確認がすでにあります',
  'submission.not_found': 'この課はこの進捗確認の対象ではありません（この年度のタスクがありません）',
  'submission.locked':
    '提出済みのため変更できません。修正が必要な場合は、DX推進担当課に差し戻しを依頼してください',
  'submission.invalid_transition': 'この提出状況では、その操作はできません',
  'evidence.not_found': '指定された写真・資料は見つかりません',
  'evidence.invalid_file': 'この種類のファイルは登録できません',
  'evidence.too_large': 'ファイルが大きすぎます',
  'notice.not_found': '指定された通知は見つかりません',
  'workbook.too_large': 'ファイルが大きすぎます。10 MB 以下の xlsx ファイルにしてください',
  'workbook.unreadable':
    'xlsx 形式のファイルとして読み取れません。Excel で開き「Excel ブック (*.xlsx)」として保存し直してから取り込んでください',
  'workbook.invalid':
    '入力用シートに誤りがあります。次の点をすべて直してから、もう一度取り込んでください（何も取り込んでいません）',
  'workbook.other_plan':
    'このファイルは別の計画の入力用シートです。この計画のページからダウンロードしたシートをお使いください',
  'report.round_not_found': '指定された進捗確認は見つかりません',
  'bpr_project.not_found': '指定されたBPRプロジェクトは見つかりません',
  'bpr_result.not_found': '指定されたBPRの対象業務は見つかりません',
  'series.not_found': '指定された推移表は見つかりません',
  'series_row.not_found': '指定された年度の行は見つかりません',
  'series.year_taken': 'この年度の行はすでにあります。既存の行を編集してください',
  'funding_list.not_found': '指定された交付金・予算の一覧は見つかりません',
  'funding_item.not_found': '指定された事業は見つかりません',
  'effects_table.not_found': '指定された表は見つからないか、公開されていません',
  'body.not_found': '指定された会議体は見つかりません',
  'roster.not_found': '指定された名簿は見つかりません',
  'meeting.not_found': '指定された会議は見つかりません',
  'server.internal_error': 'サーバーでエラーが発生しました。時間をおいてもう一度お試しください',
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues: ValidationIssue[] | undefined;
  /** Data the client needs to recover, e.g. the current record after a version conflict. */
  readonly details: unknown;

  constructor({
    code,
    message,
    issues,
    details,
    cause,
  }: {
    code: AppErrorCode;
    message?: string;
    issues?: ValidationIssue[];
    details?: unknown;
    cause?: unknown;
  }) {
    super(message ?? defaultMessages[code], cause === undefined ? undefined : { cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
