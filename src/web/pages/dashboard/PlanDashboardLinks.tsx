import { Link } from '@tanstack/react-router';
import { useI18n } from '../../i18n/i18n';

/** On the plan page: the way to the plan's dashboard (with the what-if) and its year schedule. */
export function PlanDashboardLinks({ planId }: { planId: string }) {
  const { t } = useI18n();
  return (
    <nav className="dashboard-links" aria-label={t('dashboard.related')}>
      <ul className="inline-list">
        <li>
          <Link to="/plans/$planId/dashboard" params={{ planId }} className="button">
            {t('dashboard.open')}
          </Link>
        </li>
        <li>
          <Link to="/plans/$planId/schedule" params={{ planId }} className="button button--secondary">
            {t('schedule.title')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
