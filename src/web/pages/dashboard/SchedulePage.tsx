import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ScheduleResponse } from '../../../server/dashboard/dashboard.schemas';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { scheduleQuery } from './dashboard-api';
import { formatFy } from './dashboard-format';

export function SchedulePage({ planId }: { planId: string }) {
  const { t } = useI18n();
  const query = useQuery(scheduleQuery(planId));
  if (query.isError)
    return <ErrorState error={query.error} subject="plan" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading label={t('schedule.loading')} />;
  return <ScheduleView data={query.data} />;
}

/**
 * The plan's year schedule as a Gantt-like table: a row per schedule item, a column per fiscal year, the
 * planned step written in its year (試験導入 → システム導入 → 実装), today's fiscal year marked in words
 * and by a border, never by colour alone.
 */
function ScheduleView({ data }: { data: ScheduleResponse }) {
  const { t, locale } = useI18n();
  const { plan, schedule } = data;
  useDocumentTitle(formatPageTitle(t('schedule.title'), plan.title));
  const current = formatFy(schedule.currentFy, locale);
  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{t('nav.plans')}</Link> },
          {
            key: 'plan',
            content: (
              <Link to="/plans/$planId" params={{ planId: plan.id }}>
                <PlanText>{plan.title}</PlanText>
              </Link>
            ),
          },
          { key: 'schedule', content: t('schedule.title') },
        ]}
      />
      <p className="eyebrow">
        <PlanText>{plan.title}</PlanText>
      </p>
      <h1>{t('schedule.title')}</h1>
      <p>{t('schedule.lead', { level: plan.actionLevel, current })}</p>
      <nav className="dashboard-links" aria-label={t('dashboard.related')}>
        <ul className="inline-list">
          <li>
            <Link to="/plans/$planId/dashboard" params={{ planId: plan.id }}>
              {t('dashboard.title')}
            </Link>
          </li>
          <li>
            <Link to="/plans/$planId" params={{ planId: plan.id }}>
              {t('dashboard.planPage')}
            </Link>
          </li>
        </ul>
      </nav>
      {schedule.rows.length === 0 ? (
        <p className="notice">{t('schedule.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table schedule-gantt" data-testid="schedule">
            <caption>{t('schedule.caption', { plan: plan.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{plan.actionLevel}</th>
                <th scope="col">{t('schedule.item')}</th>
                {schedule.years.map((fy) => (
                  <th
                    scope="col"
                    key={fy}
                    className={fy === schedule.currentFy ? 'is-current' : undefined}
                    aria-current={fy === schedule.currentFy ? 'date' : undefined}
                  >
                    {formatFy(fy, locale)}
                    {fy === schedule.currentFy && (
                      <span className="current-mark">{t('schedule.currentYear')}</span>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {schedule.rows.map((row, index) => {
                const first = index === 0 || schedule.rows[index - 1]!.actionKey !== row.actionKey;
                return (
                  <tr key={row.key} className={first ? 'is-first' : undefined}>
                    <td>
                      {first ? (
                        <Link
                          to="/plans/$planId/actions/$actionKey"
                          params={{ planId: plan.id, actionKey: row.actionKey }}
                        >
                          <PlanText>
                            {row.number} {row.title}
                          </PlanText>
                        </Link>
                      ) : (
                        <span className="visually-hidden">
                          <PlanText>
                            {row.number} {row.title}
                          </PlanText>
                        </span>
                      )}
                    </td>
                    <th scope="row">
                      {row.item === null ? t('schedule.tasks') : <PlanText>{row.item}</PlanText>}
                    </th>
                    {row.cells.map((cell) => {
                      const currentClass = cell.fy === schedule.currentFy ? ' is-current' : '';
                      if (cell.texts.length === 0) {
                        return (
                          <td key={cell.fy} className={`gantt-cell${currentClass}`}>
                            <span aria-hidden="true">—</span>
                            <span className="visually-hidden">{t('schedule.nothing')}</span>
                          </td>
                        );
                      }
                      return (
                        <td key={cell.fy} className={`gantt-cell gantt-cell--planned${currentClass}`}>
                          <ul className="gantt-bar">
                            {cell.texts.map((text) => (
                              <li key={text}>
                                <PlanText>{text}</PlanText>
                              </li>
                            ))}
                          </ul>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
