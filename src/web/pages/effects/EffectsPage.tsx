import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { formatAmount, fundingKindLabels } from '../../../domain/effects';
import { formatFiscalYear } from '../../../domain/fiscal-year';
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
import { BprProjectForm } from './BprForms';
import { bprProjectsQuery, fundingListsQuery, seriesListQuery } from './effects.api';
import { AmountUnitChoice, FundingListForm, useAmountUnit } from './FundingForms';
import { SeriesForm } from './SeriesForms';
import { DifferenceMarker, formatHours, useMunicipalityName } from './shared';

/** The municipality's effects and money: BPR projects, cost and volume series, grants and budgets. */
export function EffectsPage({ municipalityId }: { municipalityId: string }) {
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
  if (!bpr.data || !series.data || !funding.data) return <Loading label="効果・予算を読み込んでいます…" />;
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
  const municipalityName = useMunicipalityName(municipalityId);
  useDocumentTitle(formatPageTitle(`${municipalityName} 効果・予算`));
  const canEdit = useCan('effects.edit', { municipalityId, departmentIds: [] });
  const [unit, setUnit] = useAmountUnit();
  const [creating, setCreating] = useState<'bpr' | 'series' | 'funding' | null>(null);
  const navigate = useNavigate();
  const toggle = (kind: 'bpr' | 'series' | 'funding') => setCreating(creating === kind ? null : kind);

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          { key: 'effects', content: `${municipalityName} 効果・予算` },
        ]}
      />
      <h1>
        <span className="heading-prefix">{municipalityName}</span>効果・予算
      </h1>
      <p className="lead">
        BPR（業務改革）で削減した時間、費用や件数の推移、交付金・予算を、資料の表のまま記録します。合計と前年増減はすべて各行から計算し、資料に書かれた数値と食い違うものは「資料と相違」と表示します。
      </p>
      <p>
        <Link to="/municipalities/$municipalityId/organisation" params={{ municipalityId }}>
          推進体制・会議（会議体・名簿・開催回数）へ
        </Link>
      </p>

      <section className="section" aria-labelledby="bpr-heading">
        <h2 id="bpr-heading">BPR実証結果</h2>
        {bpr.projects.length === 0 ? (
          <p>BPRの実証結果はまだ登録されていません。</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="bpr-projects">
              <caption className="visually-hidden">BPR実証結果の一覧</caption>
              <thead>
                <tr>
                  <th scope="col">表題</th>
                  <th scope="col">年度</th>
                  <th scope="col" className="numeric">
                    対象業務
                  </th>
                  <th scope="col" className="numeric">
                    削減時間の合計（未測定を除く）
                  </th>
                  <th scope="col" className="numeric">
                    削減率
                  </th>
                  <th scope="col">公開</th>
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
                        {project.title}
                      </Link>
                    </th>
                    <td>{formatFiscalYear(project.fy)}</td>
                    <td className="numeric">
                      {project.totals.processCount}業務
                      <span className="cell-note">未測定 {project.totals.unmeasuredCount}</span>
                    </td>
                    <td className="numeric">
                      {formatHours(project.totals.hoursSaved)}
                      {project.totals.checks.some((check) => check.differs) && <DifferenceMarker />}
                    </td>
                    <td className="numeric">
                      {project.totals.reductionRateShown === null ? (
                        <NoValue />
                      ) : (
                        `${project.totals.reductionRateShown.toFixed(1)}%`
                      )}
                    </td>
                    <td>{project.published ? '公開中' : '非公開'}</td>
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
              BPRプロジェクトを登録
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
        <h2 id="series-heading">費用・件数の推移</h2>
        {series.series.length === 0 ? (
          <p>推移表はまだ登録されていません。</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="series-list">
              <caption className="visually-hidden">推移表の一覧</caption>
              <thead>
                <tr>
                  <th scope="col">表題</th>
                  <th scope="col">年度</th>
                  <th scope="col">列</th>
                  <th scope="col">公開</th>
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
                        {entry.title}
                      </Link>
                      {entry.flagCount > 0 && <DifferenceMarker />}
                    </th>
                    <td>
                      {entry.years.length === 0
                        ? '—'
                        : `${formatFiscalYear(entry.years[0]!)}〜${formatFiscalYear(entry.years.at(-1)!)}`}
                    </td>
                    <td>{entry.columns.map((column) => column.label).join('・')}</td>
                    <td>{entry.published ? '公開中' : '非公開'}</td>
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
              推移表を登録
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
        <h2 id="funding-heading">交付金・予算</h2>
        <AmountUnitChoice unit={unit} onChange={setUnit} />
        {funding.lists.length === 0 ? (
          <p>交付金・予算の一覧はまだ登録されていません。</p>
        ) : (
          <>
            <div className="table-scroll">
              <table className="data-table" data-testid="funding-lists">
                <caption className="visually-hidden">交付金・予算の一覧</caption>
                <thead>
                  <tr>
                    <th scope="col">表題</th>
                    <th scope="col">種類</th>
                    <th scope="col">年度</th>
                    <th scope="col" className="numeric">
                      事業数
                    </th>
                    <th scope="col" className="numeric">
                      合計
                    </th>
                    <th scope="col">公開</th>
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
                          {list.title}
                        </Link>
                      </th>
                      <td>{fundingKindLabels[list.kind]}</td>
                      <td>{formatFiscalYear(list.fy)}</td>
                      <td className="numeric">{list.totals.itemCount}</td>
                      <td className="numeric">
                        {list.kind === 'grant' ? (
                          <>
                            事業費 {formatAmount(list.totals.projectCost, unit)}
                            <span className="cell-note">
                              採択額 {formatAmount(list.totals.grantAmount, unit)}
                            </span>
                          </>
                        ) : (
                          `予算額 ${formatAmount(list.totals.budgetAmount, unit)}`
                        )}
                        {list.totals.checks.some((check) => check.differs) && <DifferenceMarker />}
                      </td>
                      <td>{list.published ? '公開中' : '非公開'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>年度別・種類別の合計</h3>
            <div className="table-scroll">
              <table className="data-table" data-testid="funding-by-type">
                <caption className="visually-hidden">交付金・予算の年度別・種類別の合計</caption>
                <thead>
                  <tr>
                    <th scope="col">年度</th>
                    <th scope="col">区分</th>
                    <th scope="col">事業タイプ</th>
                    <th scope="col" className="numeric">
                      事業数
                    </th>
                    <th scope="col" className="numeric">
                      事業費
                    </th>
                    <th scope="col" className="numeric">
                      採択額
                    </th>
                    <th scope="col" className="numeric">
                      予算額
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
                        <th scope="row">{formatFiscalYear(total.fy)}</th>
                        <td>{fundingKindLabels[total.kind]}</td>
                        <td>{isYearTotal ? <strong>年度計</strong> : (total.type ?? '（記載なし）')}</td>
                        <td className="numeric">{total.itemCount}</td>
                        <td className="numeric">
                          {total.kind === 'grant' ? formatAmount(total.projectCost, unit) : <NoValue />}
                        </td>
                        <td className="numeric">
                          {total.kind === 'grant' ? formatAmount(total.grantAmount, unit) : <NoValue />}
                        </td>
                        <td className="numeric">
                          {total.kind === 'budget' ? formatAmount(total.budgetAmount, unit) : <NoValue />}
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
              交付金・予算の一覧を登録
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
