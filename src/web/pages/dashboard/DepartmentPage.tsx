import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { DepartmentViewResponse } from '../../../server/dashboard/dashboard.schemas';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { NoValue, RateValue } from '../../components/RateValue';
import { RatingBadge, RatingScale } from '../../components/RatingBadge';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle, formatProgress } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { formatRound, SUBMISSION_STATUS_KEYS, useRatingLabel } from './DashboardPage';
import { departmentViewQuery } from './dashboard-api';
import { formatDate, formatFy } from './dashboard-format';

export function DepartmentPage({ planId, departmentId }: { planId: string; departmentId: string }) {
  const { t } = useI18n();
  const query = useQuery(departmentViewQuery(planId, departmentId));
  if (query.isError)
    return <ErrorState error={query.error} subject="plan" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading label={t('department.loading')} />;
  return (
    <RatingScale ratings={query.data.ratings}>
      <DepartmentView data={query.data} />
    </RatingScale>
  );
}

/** One department's page: its part of the open round first (what is due), then its actions and tasks. */
function DepartmentView({ data }: { data: DepartmentViewResponse }) {
  const { t, locale } = useI18n();
  const translated = useRatingLabel();
  const { plan, department, round } = data;
  useDocumentTitle(formatPageTitle(department.name, plan.title));
  const pending = round?.tasks.filter((task) => !task.updated) ?? [];

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
          {
            key: 'dashboard',
            content: (
              <Link to="/plans/$planId/dashboard" params={{ planId: plan.id }}>
                {t('dashboard.title')}
              </Link>
            ),
          },
          { key: 'department', content: department.name },
        ]}
      />
      <p className="eyebrow">
        <PlanText>{plan.title}</PlanText>
      </p>
      <h1>{t('department.title', { name: department.name })}</h1>

      <section className="section" aria-labelledby="department-round">
        <h2 id="department-round">{t('department.round')}</h2>
        {!round ? (
          <p className="notice">{t('round.none')}</p>
        ) : (
          <>
            <p>
              {t('department.roundOpen', {
                round: formatRound(round, locale, t),
                due: formatDate(round.dueDate, locale),
              })}{' '}
              {round.submissionStatus && (
                <span className={`status status--${round.submissionStatus}`}>
                  {t(SUBMISSION_STATUS_KEYS[round.submissionStatus])}
                </span>
              )}
            </p>
            <p>
              {t('department.pending', {
                count: pending.length,
                total: round.tasks.length,
                fy: formatFy(round.fy, locale),
              })}
            </p>
            <p>
              <a className="button" href={round.editPath}>
                {t('department.edit')}
              </a>
            </p>
            {round.tasks.length > 0 && (
              <div className="table-scroll">
                <table className="data-table" data-testid="department-round-tasks">
                  <caption>{t('department.roundTasks', { fy: formatFy(round.fy, locale) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{plan.actionLevel}</th>
                      <th scope="col">{t('department.task')}</th>
                      <th scope="col" className="numeric">
                        {t('department.progress')}
                      </th>
                      <th scope="col">{t('department.updated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {round.tasks.map((task) => (
                      <tr key={task.taskId}>
                        <td>
                          <PlanText>
                            {task.actionNumber} {task.actionTitle}
                          </PlanText>
                        </td>
                        <th scope="row">
                          <PlanText>{task.planText}</PlanText>
                        </th>
                        <td className="numeric">
                          {task.progress === null ? <NoValue /> : formatProgress(task.progress)}
                        </td>
                        <td>
                          {task.updated ? (
                            t('department.updatedYes')
                          ) : (
                            <span className="marker marker--notice">{t('department.updatedNo')}</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>

      {(data.alerts.length > 0 || data.atRisk.length > 0) && (
        <section className="section" aria-labelledby="department-attention">
          <h2 id="department-attention">{t('department.attention')}</h2>
          <ul className="alert-list">
            {data.atRisk.map((entry) => (
              <li key={`risk-${entry.actionKey}`}>
                <Link
                  to="/plans/$planId/actions/$actionKey"
                  params={{ planId: plan.id, actionKey: entry.actionKey }}
                >
                  <PlanText>
                    {entry.number} {entry.title}
                  </PlanText>
                </Link>
                : <span lang="ja">{entry.reasons.map((reason) => reason.message).join('／')}</span>
              </li>
            ))}
            {data.alerts.map((alert) => (
              <li key={`alert-${alert.actionKey}-${alert.message}`}>
                <Link
                  to="/plans/$planId/actions/$actionKey"
                  params={{ planId: plan.id, actionKey: alert.actionKey }}
                >
                  <PlanText>
                    {alert.number} {alert.title}
                  </PlanText>
                </Link>
                : <span lang="ja">{alert.message}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="section" aria-labelledby="department-actions">
        <h2 id="department-actions">{t('department.actions', { level: plan.actionLevel })}</h2>
        {data.actions.length === 0 ? (
          <p className="notice">{t('department.noActions', { level: plan.actionLevel })}</p>
        ) : (
          data.actions.map((action) => (
            <article
              key={action.key}
              className="department-action"
              aria-labelledby={`department-action-${action.key}`}
            >
              <h3 id={`department-action-${action.key}`}>
                <Link
                  to="/plans/$planId/actions/$actionKey"
                  params={{ planId: plan.id, actionKey: action.key }}
                >
                  <PlanText>
                    {action.number} {action.title}
                  </PlanText>
                </Link>
              </h3>
              <p className="department-action__rating">
                <RatingBadge rating={translated(action.rating)} /> <RateValue result={action.result} />{' '}
                <span className="muted">
                  {action.owner ? t('department.owner') : t('department.contributor')}
                </span>
              </p>
              {action.tasks.length > 0 && (
                <div className="table-scroll">
                  <table className="data-table data-table--compact">
                    <caption>{t('department.tasksCaption', { name: department.name })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('common.fiscalYear')}</th>
                        <th scope="col">{t('department.task')}</th>
                        <th scope="col" className="numeric">
                          {t('department.progress')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {action.tasks.map((task) => (
                        <tr key={task.position}>
                          <td>{formatFy(task.fy, locale)}</td>
                          <th scope="row">
                            <PlanText>{task.planText}</PlanText>
                          </th>
                          <td className="numeric">
                            {task.progress === null ? <NoValue /> : formatProgress(task.progress)}
                            {task.expected && (
                              <span className="marker marker--projection">{t('common.expected')}</span>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </article>
          ))
        )}
      </section>
    </>
  );
}
