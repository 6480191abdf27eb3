import {
  formatDueDate,
  formatRoundTitle,
  type SubmissionStatus,
  submissionStatusLabels,
} from '../../domain/progress-round.js';

/** The words of each notice: a subject line and a plain-text body (e-mail), joined for a chat. */
export interface NoticeMessage {
  subject: string;
  body: string;
}

interface RoundContext {
  planId: string;
  planTitle: string;
  round: { id: string; fy: number; month: number; dueDate: string };
  department: { id: string; name: string };
  publicUrl: string | null;
}

const FOOTER = '（このメッセージは Kiseki（軌跡）から自動で送信しています）';

function pageLine({ planId, round, department, publicUrl }: RoundContext): string {
  if (!publicUrl) return 'Kiseki にログインし、計画のページの「進捗確認」から入力ページを開いてください。';
  return `入力ページ: ${publicUrl}/plans/${planId}/rounds/${round.id}/departments/${department.id}`;
}

export function buildReminderMessage(
  context: RoundContext & { status: SubmissionStatus; today: string },
): NoticeMessage {
  const title = formatRoundTitle(context.round);
  return {
    subject: `【Kiseki】${title}の提出期限が近づいています（${context.department.name}）`,
    body: [
      `${context.department.name} ご担当者様`,
      '',
      `「${context.planTitle}」の${title}の提出期限は ${formatDueDate({ dueDate: context.round.dueDate, today: context.today })} です。`,
      `まだ提出されていません（現在の状況: ${submissionStatusLabels[context.status]}）。`,
      '期限までに進捗を入力し、「提出する」を押してください。',
      '',
      pageLine(context),
      '',
      FOOTER,
    ].join('\n'),
  };
}

export function buildReviewMessage(
  context: RoundContext & { kind: 'returned' | 'accepted'; comment: string | null; reviewerName: string },
): NoticeMessage {
  const title = formatRoundTitle(context.round);
  const returned = context.kind === 'returned';
  return {
    subject: `【Kiseki】${title}：${returned ? '差し戻しがありました' : '承認されました'}（${context.department.name}）`,
    body: [
      `${context.department.name} ご担当者様`,
      '',
      returned
        ? `「${context.planTitle}」の${title}で、提出された内容が差し戻されました（${context.reviewerName}）。コメントを確認して修正し、もう一度提出してください。`
        : `「${context.planTitle}」の${title}で、提出された内容が承認されました（${context.reviewerName}）。`,
      ...(context.comment ? ['', `コメント: ${context.comment}`] : []),
      '',
      pageLine(context),
      '',
      FOOTER,
    ].join('\n'),
  };
}

export function buildTestMessage({
  municipalityName,
  actorName,
}: {
  municipalityName: string;
  actorName: string;
}): NoticeMessage {
  return {
    subject: '【Kiseki】通知のテスト',
    body: [
      `${municipalityName}の通知設定のテストです（${actorName} が送信）。`,
      'このメッセージが届いていれば、提出期限のお知らせや差し戻し・承認の通知もここに届きます。',
      '',
      FOOTER,
    ].join('\n'),
  };
}

/** A chat message is one text: the subject line, then the body. */
export function toChatText(message: NoticeMessage): string {
  return `${message.subject}\n\n${message.body}`;
}
