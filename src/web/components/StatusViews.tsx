import { Link } from '@tanstack/react-router';
import { describeError, type ErrorSubject } from '../errors';
import { formatPageTitle } from '../format';
import { useDocumentTitle } from '../hooks';

export function Loading({ label }: { label: string }) {
  useDocumentTitle(formatPageTitle('読み込み中'));
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="loading__spinner" aria-hidden="true" />
      {label}
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
  const description = describeError(error, subject);
  useDocumentTitle(formatPageTitle(description.title));
  return (
    <div className="error-state">
      <h1>{description.title}</h1>
      <p>{description.detail}</p>
      <ul className="link-list">
        {description.retryable && onRetry && (
          <li>
            <button type="button" className="button" onClick={onRetry}>
              もう一度読み込む
            </button>
          </li>
        )}
        {planId && description.subject === 'action' && (
          <li>
            <Link to="/plans/$planId" params={{ planId }}>
              計画のページへ戻る
            </Link>
          </li>
        )}
        <li>
          <Link to="/">計画一覧へ戻る</Link>
        </li>
      </ul>
    </div>
  );
}
