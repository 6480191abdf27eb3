import { Link } from '@tanstack/react-router';
import { describeError, type ErrorSubject } from '../errors';
import { formatPageTitle } from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/i18n';

/** A page still loading; without a label it says only that something is loading. */
export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  useDocumentTitle(formatPageTitle(t('shell.loadingTitle')));
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="loading__spinner" aria-hidden="true" />
      {label ?? t('shell.loading')}
    </div>
  );
}

/** The page when its data could not be loaded: its own h1 and title, and a way on. */
export function ErrorState({
  error,
  subject,
  planId,
  onRetry,
}: {
  error: unknown;
  subject: ErrorSubject;
  /** On an action page: the plan to go back to, when the plan itself exists. */
  planId?: string;
  onRetry?: () => void;
}) {
  const { t, locale } = useI18n();
  const description = describeError({ error, subject, locale });
  useDocumentTitle(formatPageTitle(description.title));
  return (
    <div className="error-state">
      <h1>{description.title}</h1>
      <p>{description.detail}</p>
      <ul className="link-list">
        {description.retryable && onRetry && (
          <li>
            <button type="button" className="button" onClick={onRetry}>
              {t('status.retry')}
            </button>
          </li>
        )}
        {planId && description.subject === 'action' && (
          <li>
            <Link to="/plans/$planId" params={{ planId }}>
              {t('status.backToPlan')}
            </Link>
          </li>
        )}
        <li>
          <Link to="/">{t('status.backToPlans')}</Link>
        </li>
      </ul>
    </div>
  );
}
