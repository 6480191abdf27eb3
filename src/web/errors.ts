import { ApiError } from './api';

/** What the failed page was showing: the message names the missing thing. */
export type ErrorSubject = 'list' | 'plan' | 'action';

export interface ErrorDescription {
  /** What turned out to be missing or failing; a missing plan on an action page is the plan. */
  subject: ErrorSubject;
  title: string;
  detail: string;
  /** Asking again may help (network or server trouble), unlike a missing page. */
  retryable: boolean;
}

const NOT_FOUND_TITLES: Record<ErrorSubject, string> = {
  list: 'ページが見つかりません',
  plan: '計画が見つかりません',
  action: 'アクションが見つかりません',
};

/** Japanese messages are chosen here by error code and status, so the screens read the same whatever the API says. */
export function describeError(error: unknown, subject: ErrorSubject): ErrorDescription {
  if (!(error instanceof ApiError)) {
    return {
      subject,
      title: '表示中にエラーが発生しました',
      detail: 'ページを再読み込みしてください。解決しない場合はシステム管理者にお問い合わせください。',
      retryable: true,
    };
  }
  if (error.status === 0) {
    return {
      subject,
      title: 'サーバーに接続できません',
      detail: 'ネットワークの接続を確認してから、もう一度お試しください。',
      retryable: true,
    };
  }
  const code = error.code;
  if (code.startsWith('plan.') && code.endsWith('not_found')) {
    return {
      subject: 'plan',
      title: NOT_FOUND_TITLES.plan,
      detail: notFoundDetail('plan'),
      retryable: false,
    };
  }
  if (code.startsWith('action.') && code.endsWith('not_found')) {
    return {
      subject: 'action',
      title: NOT_FOUND_TITLES.action,
      detail: notFoundDetail('action'),
      retryable: false,
    };
  }
  // An ID that is not even well formed (400) cannot name an existing page either.
  if (error.status === 404 || error.status === 400) {
    return { subject, title: NOT_FOUND_TITLES[subject], detail: notFoundDetail(subject), retryable: false };
  }
  if (error.status >= 500) {
    return {
      subject,
      title: 'サーバーでエラーが発生しました',
      detail:
        'しばらく待ってから、もう一度お試しください。解決しない場合はシステム管理者にお問い合わせください。',
      retryable: true,
    };
  }
  return { subject, title: 'データを読み込めませんでした', detail: error.message, retryable: true };
}

function notFoundDetail(subject: ErrorSubject): string {
  switch (subject) {
    case 'plan':
      return '指定された計画は登録されていないか、削除された可能性があります。URL をご確認ください。';
    case 'action':
      return '指定されたアクションはこの計画に登録されていません。URL をご確認ください。';
    case 'list':
      return 'URL をご確認ください。';
  }
}
