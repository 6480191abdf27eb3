import type { Locale } from '../domain/locale';
import { ApiError } from './api';
import { translate } from './i18n/i18n';
import type { MessageKey } from './i18n/messages.ja';

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

const NOT_FOUND_TITLES: Record<ErrorSubject, MessageKey> = {
  list: 'errors.notFound.list',
  plan: 'errors.notFound.plan',
  action: 'errors.notFound.action',
};

const NOT_FOUND_DETAILS: Record<ErrorSubject, MessageKey> = {
  list: 'errors.notFoundDetail.list',
  plan: 'errors.notFoundDetail.plan',
  action: 'errors.notFoundDetail.action',
};

/**
 * The screen's own messages are chosen here by error code and status, so the screens read the same
 * whatever the API says; only the last case shows the API's (Japanese) message as it is.
 */
export function describeError({
  error,
  subject,
  locale,
}: {
  error: unknown;
  subject: ErrorSubject;
  locale: Locale;
}): ErrorDescription {
  const t = (key: MessageKey) => translate(locale, key);
  const notFound = (missing: ErrorSubject): ErrorDescription => ({
    subject: missing,
    title: t(NOT_FOUND_TITLES[missing]),
    detail: t(NOT_FOUND_DETAILS[missing]),
    retryable: false,
  });
  if (!(error instanceof ApiError)) {
    return { subject, title: t('errors.unexpected'), detail: t('errors.unexpectedDetail'), retryable: true };
  }
  if (error.status === 0) {
    return { subject, title: t('errors.offline'), detail: t('errors.offlineDetail'), retryable: true };
  }
  const code = error.code;
  if (code.startsWith('plan.') && code.endsWith('not_found')) return notFound('plan');
  if (code.startsWith('action.') && code.endsWith('not_found')) return notFound('action');
  // An ID that is not even well formed (400) cannot name an existing page either.
  if (error.status === 404 || error.status === 400) return notFound(subject);
  if (error.status >= 500) {
    return { subject, title: t('errors.server'), detail: t('errors.serverDetail'), retryable: true };
  }
  return { subject, title: t('errors.loadFailed'), detail: error.message, retryable: true };
}

/**
 * The message of a failed submission: the API's own message as it is (Japanese by design), the
 * screen's words when the server could not be reached or the failure is not the API's.
 */
export function describeFailure({ error, locale }: { error: unknown; locale: Locale }): string {
  if (error instanceof ApiError && error.status === 0) return translate(locale, 'errors.network');
  if (error instanceof ApiError) return error.message;
  return translate(locale, 'errors.sendFailed');
}
