import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { formatFiscalYearIn } from '../../../domain/locale';
import type {
  BprProjectList,
  FundingListsResponse,
  SeriesList,
} from '../../../server/effects/effects.schemas';
import { useCan } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { NoValue } from '../../components/RateValue';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { PlanText } from '../../i18n/PlanText';
import { BprProjectForm } from './BprForms';
import { bprProjectsQuery, fundingListsQuery, seriesListQuery } from './effects.api';
import { AmountUnitChoice, FundingListForm, useAmountUnit } from './FundingForms';
import { SeriesForm } from './SeriesForms';
import {
  DifferenceMarker,
  formatAmountIn,
  formatHours,
  formatYearRange,
  PageName,
  useEffectsText,
  useMunicipalityName,
} from './shared';

/** The municipality's effects and money: BPR projects, cost and volume series, grants and budgets. */
export function EffectsPage({ municipalityId }: { municipalityId: string }) {
  const { t } = useEffectsText();
  const bpr = useQuery(bprProjectsQuery(municipalityId));
  const series = useQuery(seriesListQuery(municipalityId));
  const funding = useQuery(fundingListsQuery(municipalityId));
  const error = bpr.error ?? series.error ?? funding.error;
  if (error) {
    return (
      <ErrorState
        error={error}
        subject="list"
        onRetry={() => {
          void bpr.refetch();
          void series.refetch();
          void funding.refetch();
        }}
      />
    );
  }
  if (!bpr.data || !series.data || !funding.data) return <Loading label={t('effects.loading')} />;
  return (
    <EffectsView municipalityId={municipalityId} bpr={bpr.data} series={series.data} funding={funding.data} />
  );
}

function EffectsView({
  municipalityId,
  bpr,
  series,
  funding,
}: {
  municipalityId: string;
  bpr: BprProjectList;
  series: SeriesList;
  funding: FundingListsResponse;
}) {
  const { t, locale } = useEffectsText();
  const municipalityName = useMunicipalityName(municipalityId);
  const pageName = t('common.pageName', { name: municipalityName });
  useDocumentTitle(formatPageTitle(pageName));
  const canEdit = useCan('effects.edit', { municipalityId, departmentIds: [] });
  const [unit, setUnit] = useAmountUnit();
  const [creating, setCreating] = useState<'bpr' | 'series' | 'funding' | null>(null);
  const navigate = useNavigate();
  const toggle = (kind: 'bpr' | 'series' | 'funding') => setCreating(creating === kind ? null : kind);

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{t('common.plans')}</Link> },
          { key: 'effects', content: <PageName name={municipalityName} /> },
        ]}
      />
      <h1>
        <span className="heading-prefix">
          <PlanText>{municipalityName}</PlanText>
        </span>
        {t('effects.heading')}
      </h1>
      <p className="lead">{t('effects.lead')}</p>
      <p>
        <Link to="/municipalities/$municipalityId/organisation" params={{ municipalityId }}>
          {t('effects.organisationLink')}
        </Link>
      </p>

      <section className="section" aria-labelledby="bpr-heading">
        <h2 id="bpr-heading">{t('effects.bpr.heading')}</h2>
        {bpr.projects.length === 0 ? (
          <p>{t('effects.bpr.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="bpr-projects">
              <caption className="visually-hidden">{t('effects.bpr.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.title')}</th>
                  <th scope="col">{t('common.fy')}</th>
                  <th scope="col" className="numeric">
                    {t('effects.bpr.processes')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('effects.bpr.totalSaved')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('effects.bpr.rate')}
                  </th>
                  <th scope="col">{t('common.publishColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {bpr.projects.map((project) => (
                  <tr key={project.id}>
                    <th scope="row">
                      <Link
                        to="/municipalities/$municipalityId/effects/bpr/$projectId"
                        params={{ municipalityId, projectId: project.id }}
                      >
                        <PlanText>{project.title}</PlanText>
                      </Link>
                    </th>
                    <td>{formatFiscalYearIn({ fy: project.fy, locale })}</td>
                    <td className="numeric">
                      {t('effects.bpr.processCount', { count: project.totals.processCount })}
                      <span className="cell-note">
                        {t('effects.bpr.unmeasuredCount', { count: project.totals.unmeasuredCount })}
                      </span>
                    </td>
                    <td className="numeric">
                      {formatHours({ hours: project.totals.hoursSaved, locale })}
                      {project.totals.checks.some((check) => check.differs) && <DifferenceMarker />}
                    </td>
                    <td className="numeric">
                      {project.totals.reductionRateShown === null ? (
                        <NoValue />
                      ) : (
                        `${project.totals.reductionRateShown.toFixed(1)}%`
                      )}
                    </td>
                    <td>{project.published ? t('common.published') : t('common.unpublished')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canEdit && (
          <p>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={creating === 'bpr'}
              onClick={() => toggle('bpr')}
            >
              {t('effects.bpr.add')}
            </button>
          </p>
        )}
        {creating === 'bpr' && (
          <BprProjectForm
            municipalityId={municipalityId}
            onDone={(detail) =>
              void navigate({
                to: '/municipalities/$municipalityId/effects/bpr/$projectId',
                params: { municipalityId, projectId: detail.project.id },
              })
            }
          />
        )}
      </section>

      <section className="section" aria-labelledby="series-heading">
        <h2 id="series-heading">{t('effects.series.heading')}</h2>
        {series.series.length === 0 ? (
          <p>{t('effects.series.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="series-list">
              <caption className="visually-hidden">{t('effects.series.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.title')}</th>
                  <th scope="col">{t('common.fy')}</th>
                  <th scope="col">{t('effects.series.columns')}</th>
                  <th scope="col">{t('common.publishColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {series.series.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row">
                      <Link
                        to="/municipalities/$municipalityId/effects/series/$seriesId"
                        params={{ municipalityId, seriesId: entry.id }}
                      >
                        <PlanText>{entry.title}</PlanText>
                      </Link>
                      {entry.flagCount > 0 && <DifferenceMarker />}
                    </th>
                    <td>{formatYearRange({ years: entry.years, locale })}</td>
                    <td>
                      <PlanText>
                        {entry.columns.map((column) => column.label).join(t('common.listSeparator'))}
                      </PlanText>
                    </td>
                    <td>{entry.published ? t('common.published') : t('common.unpublished')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canEdit && (
          <p>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={creating === 'series'}
              onClick={() => toggle('series')}
            >
              {t('effects.series.add')}
            </button>
          </p>
        )}
        {creating === 'series' && (
          <SeriesForm
            municipalityId={municipalityId}
            onDone={(detail) =>
              void navigate({
                to: '/municipalities/$municipalityId/effects/series/$seriesId',
                params: { municipalityId, seriesId: detail.series.id },
              })
            }
          />
        )}
      </section>

      <section className="section" aria-labelledby="funding-heading">
        <h2 id="funding-heading">{t('effects.funding.heading')}</h2>
        <AmountUnitChoice unit={unit} onChange={setUnit} />
        {funding.lists.length === 0 ? (
          <p>{t('effects.funding.empty')}</p>
        ) : (
          <>
            <div className="table-scroll">
              <table className="data-table" data-testid="funding-lists">
                <caption className="visually-hidden">{t('effects.funding.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('common.title')}</th>
                    <th scope="col">{t('effects.funding.kind')}</th>
                    <th scope="col">{t('common.fy')}</th>
                    <th scope="col" className="numeric">
                      {t('effects.funding.itemCount')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('effects.funding.total')}
                    </th>
                    <th scope="col">{t('common.publishColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {funding.lists.map((list) => (
                    <tr key={list.id}>
                      <th scope="row">
                        <Link
                          to="/municipalities/$municipalityId/effects/funding/$listId"
                          params={{ municipalityId, listId: list.id }}
                        >
                          <PlanText>{list.title}</PlanText>
                        </Link>
                      </th>
                      <td>{t(`funding.kind.${list.kind}`)}</td>
                      <td>{formatFiscalYearIn({ fy: list.fy, locale })}</td>
                      <td className="numeric">{list.totals.itemCount}</td>
                      <td className="numeric">
                        {list.kind === 'grant' ? (
                          <>
                            {t('effects.funding.projectCostIs', {
                              amount: formatAmountIn({ yen: list.totals.projectCost, unit, locale }),
                            })}
                            <span className="cell-note">
                              {t('effects.funding.grantAmountIs', {
                                amount: formatAmountIn({ yen: list.totals.grantAmount, unit, locale }),
                              })}
                            </span>
                          </>
                        ) : (
                          t('effects.funding.budgetAmountIs', {
                            amount: formatAmountIn({ yen: list.totals.budgetAmount, unit, locale }),
                          })
                        )}
                        {list.totals.checks.some((check) => check.differs) && <DifferenceMarker />}
                      </td>
                      <td>{list.published ? t('common.published') : t('common.unpublished')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>{t('effects.funding.byTypeHeading')}</h3>
            <div className="table-scroll">
              <table className="data-table" data-testid="funding-by-type">
                <caption className="visually-hidden">{t('effects.funding.byTypeCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('common.fy')}</th>
                    <th scope="col">{t('effects.funding.group')}</th>
                    <th scope="col">{t('funding.type')}</th>
                    <th scope="col" className="numeric">
                      {t('effects.funding.itemCount')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('funding.projectCost')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('funding.grantAmount')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('funding.budgetAmount')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {funding.byYear
                    .flatMap((yearTotal) => [
                      ...funding.byYearAndType
                        .filter(
                          (total) =>
                            yearTotal.kind === 'grant' && total.fy === yearTotal.fy && total.kind === 'grant',
                        )
                        .map((total) => ({ total, isYearTotal: false })),
                      { total: yearTotal, isYearTotal: true },
                    ])
                    .map(({ total, isYearTotal }) => (
                      <tr key={`${total.fy}-${total.kind}-${isYearTotal ? 'total' : (total.type ?? '')}`}>
                        <th scope="row">{formatFiscalYearIn({ fy: total.fy, locale })}</th>
                        <td>{t(`funding.kind.${total.kind}`)}</td>
                        <td>
                          {isYearTotal ? (
                            <strong>{t('effects.funding.yearTotal')}</strong>
                          ) : total.type === null ? (
                            t('effects.funding.typeNotStated')
                          ) : (
                            <PlanText>{total.type}</PlanText>
                          )}
                        </td>
                        <td className="numeric">{total.itemCount}</td>
                        <td className="numeric">
                          {total.kind === 'grant' ? (
                            formatAmountIn({ yen: total.projectCost, unit, locale })
                          ) : (
                            <NoValue />
                          )}
                        </td>
                        <td className="numeric">
                          {total.kind === 'grant' ? (
                            formatAmountIn({ yen: total.grantAmount, unit, locale })
                          ) : (
                            <NoValue />
                          )}
                        </td>
                        <td className="numeric">
                          {total.kind === 'budget' ? (
                            formatAmountIn({ yen: total.budgetAmount, unit, locale })
                          ) : (
                            <NoValue />
                          )}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {canEdit && (
          <p>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={creating === 'funding'}
              onClick={() => toggle('funding')}
            >
              {t('effects.funding.add')}
            </button>
          </p>
        )}
        {creating === 'funding' && (
          <FundingListForm
            municipalityId={municipalityId}
            unit={unit}
            onDone={(detail) =>
              void navigate({
                to: '/municipalities/$municipalityId/effects/funding/$listId',
                params: { municipalityId, listId: detail.list.id },
              })
            }
          />
        )}
      </section>
    </>
  );
}
