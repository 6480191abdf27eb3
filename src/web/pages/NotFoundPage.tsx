import { Link } from '@tanstack/react-router';
import { formatPageTitle } from '../format';
import { useDocumentTitle } from '../hooks';
import { useAreaMessages, useI18n } from '../i18n/i18n';
import { pagesMessages } from './pages.messages';

export function NotFoundPage() {
  const { t: shellText } = useI18n();
  const { t } = useAreaMessages(pagesMessages);
  const title = shellText('errors.notFound.list');
  useDocumentTitle(formatPageTitle(title));
  return (
    <div className="error-state">
      <h1>{title}</h1>
      <p>{t('notFound.detail')}</p>
      <ul className="link-list">
        <li>
          <Link to="/">{shellText('status.backToPlans')}</Link>
        </li>
      </ul>
    </div>
  );
}
