import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import type { Locale } from '../../../domain/locale';
import type { DashboardResponse } from '../../../server/dashboard/dashboard.schemas';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { NoValue } from '../../components/RateValue';
import { RatingBadge, RatingScale } from '../../components/RatingBadge';
import { ErrorState, Loading } from '../../components/StatusViews';
import {
  createRatingTones,
  formatDateTime,
  formatOptionalRate,
  formatPageTitle,
  formatRate,
  type RatingView,
} from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.ja';
import { PlanText } from '../../i18n/PlanText';
import { dashboardQuery } from './dashboard-api';
import { CHART_COLORS, formatDate, formatFy, ratingLabel, TONE_COLORS } from './dashboard-format';
import { EChart } from './EChart';
import type { ChartOption } from './echarts-setup';
import { PublicationPanel } from './PublicationPanel';
import { usePrintOpensDetails } from './usePrintOpensDetails';
import { WhatIfPanel } from './WhatIfPanel';

type Dashboard = DashboardResponse;
type Tally = Dashboard['total'];

export function DashboardPage({ planId }: { planId: string }) {
  const { t } = useI18n();
  const query = useQuery(dashboardQuery(planId));
  if (query.isError) {
    return <ErrorState error={query.error} subject="plan" onRetry={() => void query.refetch()} />;
  }
  if (!query.data) return <Loading label={t('dashboard.loading')} />;
  return (
    <RatingScale ratings={query.data.ratings}>
      <DashboardView data={query.data} />
    </RatingScale>
  );
}

/** A rating with its label in the current language (a city's own label names stay as written). */
export function useRatingLabel(): (rating: RatingView) => RatingView {
  const { locale } = useI18n();
  return (rating) => ({ ...rating, label: ratingLabel(rating, locale) });
}

/** The labels a tally shows: the bands and 未評価 always, a status only when some action has it. */
function listShownRatings(ratings: RatingView[], tallies: Tally[]): RatingView[] {
  return ratings.filter(
    (rating) => rating.kind !== 'status' || tallies.some((tally) => (tally.counts[rating.key] ?? 0) > 0),
  );
}

function DashboardView({ data }: { data: Dashboard }) {
  const { t, locale } = useI18n();
  const { plan } = data;
  useDocumentTitle(formatPageTitle(t('dashboard.title'), plan.title));
  usePrintOpensDetails();
  const level = plan.actionLevel;

  return (
    <div className="dashboard">
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
          { key: 'dashboard', content: t('dashboard.title') },
        ]}
      />
      <p className="eyebrow">
        <PlanText>
          {plan.municipality.prefecture} {plan.municipality.name}
        </PlanText>
      </p>
      <h1>
        <PlanText>{plan.title}</PlanText> <span className="heading-suffix">{t('dashboard.title')}</span>
      </h1>
      <nav className="dashboard-links" aria-label={t('dashboard.related')}>
        <ul className="inline-list">
          <li>
            <Link to="/plans/$planId" params={{ planId: plan.id }}>
              {t('dashboard.planPage')}
            </Link>
          </li>
          <li>
            <Link to="/plans/$planId/schedule" params={{ planId: plan.id }}>
              {t('schedule.title')}
            </Link>
          </li>
          {plan.publishedAt && (
            <li>
              <a href={plan.publicPath}>{t('publication.open')}</a>
            </li>
          )}
        </ul>
      </nav>
      <Freshness data={data} locale={locale} />
      <KeyFigures data={data} />
      <RatingCountsSection data={data} />
      {data.levels.map((entry) => (
        <LevelSection key={entry.depth} data={data} level={entry} />
      ))}
      <DepartmentSection data={data} />
      <HeatmapSection data={data} />
      <AtRiskSection data={data} />
      <AlertsSection data={data} />
      <RoundSection data={data} />
      <PublicationPanel plan={plan} />
      <WhatIfPanel
        planId={plan.id}
        actionLevel={level}
        current={data.whatIf.current}
        ratingScale={plan.evaluation.ratingScale}
        municipalityId={plan.municipality.id}
      />
    </div>
  );
}

/** How fresh the data is: the dashboard guidebook asks for it on every dashboard. */
function Freshness({ data, locale }: { data: Dashboard; locale: Locale }) {
  const { t } = useI18n();
  const { freshness } = data;
  return (
    <dl className="freshness" aria-label={t('dashboard.freshness')}>
      <div>
        <dt>{t('dashboard.planUpdatedAt')}</dt>
        <dd>{formatDateTime({ iso: freshness.planUpdatedAt, locale })}</dd>
      </div>
      <div>
        <dt>{t('dashboard.latestProgressAt')}</dt>
        <dd>
          {freshness.latestProgressAt
            ? formatDateTime({ iso: freshness.latestProgressAt, locale })
            : t('common.none')}
        </dd>
      </div>
      <div>
        <dt>{t('dashboard.latestActualDate')}</dt>
        <dd>
          {freshness.latestActualDate ? formatDate(freshness.latestActualDate, locale) : t('common.none')}
        </dd>
      </div>
      <div>
        <dt>{t('dashboard.generatedAt')}</dt>
        <dd>{formatDateTime({ iso: data.generatedAt, locale })}</dd>
      </div>
    </dl>
  );
}

function KeyFigures({ data }: { data: Dashboard }) {
  const { t, locale } = useI18n();
  const { total, comparison, plan, round } = data;
  const previous = comparison?.total;
  return (
    <section className="section" aria-labelledby="key-figures">
      <h2 id="key-figures">{t('dashboard.keyFigures')}</h2>
      <dl className="key-figures">
        <div className="key-figure">
          <dt>{t('dashboard.actionCount', { level: plan.actionLevel })}</dt>
          <dd>
            <span className="key-figure__value">{t('common.count', { count: total.actionCount })}</span>
            <span className="key-figure__note">{t('dashboard.ratedCount', { count: total.ratedCount })}</span>
          </dd>
        </div>
        <div className="key-figure">
          <dt>{t('dashboard.meanRate')}</dt>
          <dd>
            <span className="key-figure__value">{formatOptionalRate(total.meanRate)}</span>
            <span className="key-figure__note">
              {previous
                ? t('dashboard.comparedWith', {
                    value: formatOptionalRate(previous.meanRate),
                    round: formatRound(comparison.round, locale, t),
                  })
                : t('dashboard.noComparisonShort')}
            </span>
          </dd>
        </div>
        <div className="key-figure">
          <dt>{t('dashboard.atRiskCount')}</dt>
          <dd>
            <span className="key-figure__value">{t('common.count', { count: data.atRisk.length })}</span>
          </dd>
        </div>
        <div className="key-figure">
          <dt>{t('dashboard.alertCount')}</dt>
          <dd>
            <span className="key-figure__value">{t('common.count', { count: data.alerts.length })}</span>
          </dd>
        </div>
        <div className="key-figure">
          <dt>{t('dashboard.openRound')}</dt>
          <dd>
            <span className="key-figure__value">
              {round ? formatRound(round, locale, t) : t('dashboard.noRound')}
            </span>
            {round && (
              <span className="key-figure__note">
                {t('round.due', { date: formatDate(round.dueDate, locale) })}
              </span>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function formatRound(round: { fy: number; month: number }, locale: Locale, t: Translate): string {
  return t('round.name', { fy: formatFy(round.fy, locale), month: round.month });
}

function RatingCountsSection({ data }: { data: Dashboard }) {
  const { t, locale } = useI18n();
  const translated = useRatingLabel();
  const { total, comparison, ratings, plan } = data;
  const tones = useMemo(() => createRatingTones(ratings), [ratings]);
  const shown = useMemo(
    () => listShownRatings(ratings, comparison ? [total, comparison.total] : [total]),
    [ratings, total, comparison],
  );
  const parts = shown
    .map(
      (rating) =>
        `${translated(rating).label} ${t('common.count', { count: total.counts[rating.key] ?? 0 })}`,
    )
    .join(t('common.listSeparator'));
  const summary = t('counts.summary', { level: plan.actionLevel, total: total.actionCount, parts });
  const option = useMemo((): ChartOption => {
    const labels = shown.map((rating) => ratingLabel(rating, locale));
    return {
      grid: {
        left: 8,
        right: 48,
        top: comparison ? 32 : 8,
        bottom: 8,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      legend: comparison
        ? { top: 0, data: [t('counts.now'), t('counts.previous')], textStyle: { color: CHART_COLORS.text } }
        : undefined,
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: CHART_COLORS.muted } },
      yAxis: {
        type: 'category',
        data: labels,
        inverse: true,
        axisLabel: { color: CHART_COLORS.text, fontSize: 14 },
      },
      series: [
        {
          name: t('counts.now'),
          type: 'bar',
          data: shown.map((rating) => ({
            value: total.counts[rating.key] ?? 0,
            itemStyle: { color: TONE_COLORS[tones.get(rating.key) ?? 'status'] },
          })),
          label: { show: true, position: 'right', color: CHART_COLORS.text, fontWeight: 'bold' },
        },
        ...(comparison
          ? [
              {
                name: t('counts.previous'),
                type: 'bar' as const,
                data: shown.map((rating) => comparison.total.counts[rating.key] ?? 0),
                itemStyle: { color: CHART_COLORS.previous },
                label: { show: true, position: 'right' as const, color: CHART_COLORS.muted },
              },
            ]
          : []),
      ],
    };
  }, [shown, total, comparison, tones, locale, t]);

  return (
    <section className="section" aria-labelledby="rating-counts">
      <h2 id="rating-counts">{t('counts.title')}</h2>
      <p>{summary}</p>
      <p className="muted">
        {comparison
          ? t('counts.comparison', { round: formatRound(comparison.round, locale, t) })
          : t('dashboard.noComparison')}
      </p>
      <div className="chart-with-table">
        <EChart
          option={option}
          label={summary}
          height={Math.max(160, shown.length * (comparison ? 44 : 34) + 40)}
        />
        <div className="table-scroll">
          <table className="data-table data-table--compact">
            <caption>{t('counts.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.rating')}</th>
                <th scope="col" className="numeric">
                  {t('counts.now')}
                </th>
                {comparison && (
                  <>
                    <th scope="col" className="numeric">
                      {t('counts.previous')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('counts.change')}
                    </th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {shown.map((rating) => {
                const now = total.counts[rating.key] ?? 0;
                const before = comparison?.total.counts[rating.key] ?? 0;
                return (
                  <tr key={rating.key}>
                    <th scope="row">
                      <RatingBadge rating={translated(rating)} />
                    </th>
                    <td className="numeric">{t('common.count', { count: now })}</td>
                    {comparison && (
                      <>
                        <td className="numeric">{t('common.count', { count: before })}</td>
                        <td className="numeric">{formatChange(now - before)}</td>
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

function formatChange(change: number): string {
  if (change === 0) return '±0';
  return change > 0 ? `+${change}` : `−${Math.abs(change)}`;
}

function formatPointChange(value: number | null, mean: number | null): string {
  if (value === null || mean === null) return '—';
  const difference = Math.round((value - mean) * 10) / 10;
  if (difference === 0) return '±0.0';
  return `${difference > 0 ? '+' : '−'}${Math.abs(difference).toFixed(1)}`;
}

function TallyCells({ tally, ratings }: { tally: Tally; ratings: RatingView[] }) {
  return (
    <>
      {ratings.map((rating) => (
        <td key={rating.key} className="numeric">
          {tally.counts[rating.key] ?? 0}
        </td>
      ))}
    </>
  );
}

function LevelSection({ data, level }: { data: Dashboard; level: Dashboard['levels'][number] }) {
  const { t } = useI18n();
  const translated = useRatingLabel();
  const shown = listShownRatings(data.ratings, level.groups);
  const planMean = data.total.meanRate;
  const headingId = `level-${level.depth}`;
  const rated = level.groups.filter((group) => group.meanRate !== null);
  const best = rated.reduce<(typeof rated)[number] | null>(
    (top, group) => (!top || group.meanRate! > top.meanRate! ? group : top),
    null,
  );
  const summary =
    rated.length > 0 && best
      ? t('levels.summary', {
          level: level.name,
          count: level.groups.length,
          best: best.title,
          rate: formatRate(best.meanRate!),
        })
      : t('levels.summaryNone', { level: level.name });
  const option = useMemo(
    (): ChartOption => ({
      grid: {
        left: 8,
        right: 56,
        top: 8,
        bottom: 8,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: 100,
        axisLabel: { color: CHART_COLORS.muted, formatter: '{value}%' },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: level.groups.map((group) =>
          truncate(group.number ? `${group.number} ${group.title}` : group.title, 18),
        ),
        axisLabel: { color: CHART_COLORS.text },
      },
      series: [
        {
          type: 'bar',
          data: level.groups.map((group) => group.meanRate),
          itemStyle: { color: CHART_COLORS.accent },
          label: { show: true, position: 'right', color: CHART_COLORS.text, formatter: '{c}%' },
          markLine:
            planMean === null
              ? undefined
              : {
                  symbol: 'none',
                  data: [{ xAxis: planMean, name: t('levels.planMean') }],
                  lineStyle: { color: CHART_COLORS.text, type: 'dashed', width: 2 },
                  label: { formatter: `${t('levels.planMean')} {c}%`, color: CHART_COLORS.text },
                },
        },
      ],
    }),
    [level, planMean, t],
  );
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('levels.title', { level: level.name })}</h2>
      <p>{summary}</p>
      {rated.length > 0 && (
        <EChart option={option} label={summary} height={Math.max(140, level.groups.length * 34 + 40)} />
      )}
      <div className="table-scroll">
        <table className="data-table tally-table">
          <caption>{t('levels.tableCaption', { level: level.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{level.name}</th>
              <th scope="col" className="numeric">
                {t('common.actions', { level: data.plan.actionLevel })}
              </th>
              {shown.map((rating) => (
                <th scope="col" key={rating.key} className="numeric">
                  {translated(rating).label}
                </th>
              ))}
              <th scope="col" className="numeric">
                {t('dashboard.meanRate')}
              </th>
              <th scope="col" className="numeric">
                {t('levels.difference')}
              </th>
            </tr>
          </thead>
          <tbody>
            {level.groups.map((group) => (
              <tr key={group.key}>
                <th scope="row">
                  <PlanText>{group.number ? `${group.number} ${group.title}` : group.title}</PlanText>
                </th>
                <td className="numeric">{group.actionCount}</td>
                <TallyCells tally={group} ratings={shown} />
                <td className="numeric">
                  {group.meanRate === null ? <NoValue /> : formatRate(group.meanRate)}
                </td>
                <td className="numeric">{formatPointChange(group.meanRate, planMean)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function DepartmentSection({ data }: { data: Dashboard }) {
  const { t } = useI18n();
  const translated = useRatingLabel();
  const shown = listShownRatings(data.ratings, data.departments);
  if (data.departments.length === 0) return null;
  return (
    <section className="section" aria-labelledby="departments">
      <h2 id="departments">{t('departments.title')}</h2>
      <p>{t('departments.lead', { level: data.plan.actionLevel })}</p>
      <div className="table-scroll">
        <table className="data-table tally-table">
          <caption>{t('departments.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.department')}</th>
              <th scope="col" className="numeric">
                {t('common.actions', { level: data.plan.actionLevel })}
              </th>
              {shown.map((rating) => (
                <th scope="col" key={rating.key} className="numeric">
                  {translated(rating).label}
                </th>
              ))}
              <th scope="col" className="numeric">
                {t('dashboard.meanRate')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.departments.map((department) => (
              <tr key={department.departmentKey ?? 'none'}>
                <th scope="row">
                  {department.departmentId ? (
                    <Link
                      to="/plans/$planId/dashboard/departments/$departmentId"
                      params={{ planId: data.plan.id, departmentId: department.departmentId }}
                    >
                      <PlanText>{department.name}</PlanText>
                    </Link>
                  ) : (
                    t('departments.unowned')
                  )}
                </th>
                <td className="numeric">{department.actionCount}</td>
                <TallyCells tally={department} ratings={shown} />
                <td className="numeric">
                  {department.meanRate === null ? <NoValue /> : formatRate(department.meanRate)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function HeatmapSection({ data }: { data: Dashboard }) {
  const { t, locale } = useI18n();
  const { heatmap, plan } = data;
  const rows = useMemo(
    () => heatmap.rows.filter((row) => row.cells.some((cell) => cell.taskCount > 0)),
    [heatmap.rows],
  );
  const scale = plan.evaluation.ratingScale;
  const tones = useMemo(() => createRatingTones(data.ratings), [data.ratings]);
  const low = rows.reduce(
    (count, row) =>
      count +
      row.cells.filter((cell) => cell.shown !== null && cell.shown < (scale.at(-2)?.min ?? 60)).length,
    0,
  );
  const summary =
    rows.length === 0
      ? t('heatmap.empty', { level: plan.actionLevel })
      : t('heatmap.summary', {
          level: plan.actionLevel,
          count: rows.length,
          years: heatmap.years.map((fy) => formatFy(fy, locale)).join(t('common.listSeparator')),
          low,
          threshold: formatRate(scale.at(-2)?.min ?? 60),
        });
  const option = useMemo((): ChartOption => {
    const pieces = scale.map((band, index) => ({
      min: band.min,
      ...(index > 0 ? { max: scale[index - 1]!.min - 0.05 } : {}),
      color: TONE_COLORS[tones.get(band.key) ?? 'status'],
      label: ratingLabel({ key: band.key, label: band.label }, locale),
    }));
    return {
      grid: {
        left: 8,
        right: 8,
        top: 8,
        bottom: 56,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      xAxis: {
        type: 'category',
        data: heatmap.years.map((fy) => formatFy(fy, locale)),
        position: 'top',
        axisLabel: { color: CHART_COLORS.text },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((row) => truncate(`${row.number} ${row.title}`, 20)),
        axisLabel: { color: CHART_COLORS.text },
      },
      visualMap: {
        type: 'piecewise',
        dimension: 2,
        pieces,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        textStyle: { color: CHART_COLORS.text },
      },
      series: [
        {
          type: 'heatmap',
          data: rows.flatMap((row, y) =>
            row.cells.flatMap((cell, x) => (cell.shown === null ? [] : [[x, y, cell.shown]])),
          ),
          label: {
            show: true,
            color: '#ffffff',
            fontWeight: 'bold',
            formatter: (params: { value: unknown }) => {
              const value = (params.value as number[])[2]!;
              return `${value.toFixed(1)}%`;
            },
          },
          itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
        },
      ],
    };
  }, [rows, heatmap.years, scale, tones, locale]);

  return (
    <section className="section" aria-labelledby="heatmap">
      <h2 id="heatmap">{t('heatmap.title')}</h2>
      <p>{summary}</p>
      {rows.length > 0 && (
        <>
          <EChart option={option} label={summary} height={rows.length * 30 + 110} />
          <details className="disclosure print-open">
            <summary>{t('heatmap.table')}</summary>
            <div className="table-scroll">
              <table className="data-table heatmap-table">
                <caption>{t('heatmap.tableCaption', { level: plan.actionLevel })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{plan.actionLevel}</th>
                    {heatmap.years.map((fy) => (
                      <th scope="col" key={fy} className="numeric">
                        {formatFy(fy, locale)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.actionKey}>
                      <th scope="row">
                        <Link
                          to="/plans/$planId/actions/$actionKey"
                          params={{ planId: plan.id, actionKey: row.actionKey }}
                        >
                          <PlanText>
                            {row.number} {row.title}
                          </PlanText>
                        </Link>
                      </th>
                      {row.cells.map((cell) => (
                        <td key={cell.fy} className="numeric">
                          {cell.shown === null ? <NoValue /> : formatRate(cell.shown)}
                          {cell.projection && (
                            <span className="marker marker--projection">{t('common.projection')}</span>
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

function AtRiskSection({ data }: { data: Dashboard }) {
  const { t } = useI18n();
  const translated = useRatingLabel();
  return (
    <section className="section" aria-labelledby="at-risk">
      <h2 id="at-risk">{t('atRisk.title', { level: data.plan.actionLevel })}</h2>
      <p>{t('atRisk.lead')}</p>
      {data.atRisk.length === 0 ? (
        <p className="notice">{t('atRisk.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="at-risk">
            <caption>{t('atRisk.tableCaption', { count: data.atRisk.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{data.plan.actionLevel}</th>
                <th scope="col">{t('common.rating')}</th>
                <th scope="col" className="numeric">
                  {t('common.rate')}
                </th>
                <th scope="col">{t('atRisk.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {data.atRisk.map((entry) => (
                <tr key={entry.actionKey}>
                  <th scope="row">
                    <Link
                      to="/plans/$planId/actions/$actionKey"
                      params={{ planId: data.plan.id, actionKey: entry.actionKey }}
                    >
                      <PlanText>
                        {entry.number} {entry.title}
                      </PlanText>
                    </Link>
                  </th>
                  <td>
                    <RatingBadge rating={translated(entry.rating)} />
                  </td>
                  <td className="numeric">{formatOptionalRate(entry.shown)}</td>
                  <td>
                    <ul className="plain-list">
                      {entry.reasons.map((reason) => (
                        <li key={reason.message}>
                          <span className="marker">
                            {t(reason.code === 'pace' ? 'atRisk.pace' : 'atRisk.rating')}
                          </span>{' '}
                          <span lang="ja">{reason.message}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const ALERT_CODES = [
  'task.not_updated',
  'rating.no_improvement_plan',
  'kpi.missing_actual',
  'kpi.no_owner',
] as const;
const ALERT_TITLES: Record<(typeof ALERT_CODES)[number], MessageKey> = {
  'task.not_updated': 'alerts.taskNotUpdated',
  'rating.no_improvement_plan': 'alerts.noImprovementPlan',
  'kpi.missing_actual': 'alerts.missingActual',
  'kpi.no_owner': 'alerts.noOwner',
};

function AlertsSection({ data }: { data: Dashboard }) {
  const { t } = useI18n();
  return (
    <section className="section" aria-labelledby="alerts">
      <h2 id="alerts">{t('alerts.title')}</h2>
      <p>{t('alerts.lead')}</p>
      {data.alerts.length === 0 ? (
        <p className="notice">{t('alerts.none')}</p>
      ) : (
        ALERT_CODES.map((code) => {
          const alerts = data.alerts.filter((alert) => alert.code === code);
          if (alerts.length === 0) return null;
          return (
            <details key={code} className="disclosure print-open" data-testid={`alerts-${code}`}>
              <summary>
                {t(ALERT_TITLES[code])}（{t('common.count', { count: alerts.length })}）
              </summary>
              <ul className="alert-list">
                {alerts.map((alert) => (
                  <li key={`${alert.actionKey}-${alert.message}`}>
                    <Link
                      to="/plans/$planId/actions/$actionKey"
                      params={{ planId: data.plan.id, actionKey: alert.actionKey }}
                    >
                      <PlanText>
                        {alert.number} {alert.title}
                      </PlanText>
                    </Link>
                    : <span lang="ja">{alert.message}</span>
                  </li>
                ))}
              </ul>
            </details>
          );
        })
      )}
    </section>
  );
}

export const SUBMISSION_STATUS_KEYS: Record<
  NonNullable<Dashboard['round']>['submissions'][number]['status'],
  MessageKey
> = {
  not_started: 'round.status.not_started',
  draft: 'round.status.draft',
  submitted: 'round.status.submitted',
  returned: 'round.status.returned',
  accepted: 'round.status.accepted',
};

function RoundSection({ data }: { data: Dashboard }) {
  const { t, locale } = useI18n();
  const { round } = data;
  if (!round) {
    return (
      <section className="section" aria-labelledby="round">
        <h2 id="round">{t('round.title')}</h2>
        <p className="notice">{t('round.none')}</p>
      </section>
    );
  }
  const counts = new Map<string, number>();
  for (const submission of round.submissions)
    counts.set(submission.status, (counts.get(submission.status) ?? 0) + 1);
  const summary = t('round.summary', {
    total: round.submissions.length,
    parts: Object.entries(SUBMISSION_STATUS_KEYS)
      .filter(([status]) => counts.has(status))
      .map(([status, key]) => `${t(key)} ${t('common.count', { count: counts.get(status) ?? 0 })}`)
      .join(t('common.listSeparator')),
  });
  return (
    <section className="section" aria-labelledby="round">
      <h2 id="round">{t('round.title')}</h2>
      <p>
        {t('round.open', {
          round: formatRound(round, locale, t),
          due: formatDate(round.dueDate, locale),
          opened: formatDateTime({ iso: round.openedAt, locale }),
        })}
      </p>
      <p>{summary}</p>
      <div className="table-scroll">
        <table className="data-table data-table--compact" data-testid="submissions">
          <caption>{t('round.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.department')}</th>
              <th scope="col">{t('round.status')}</th>
              <th scope="col">{t('round.submittedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {round.submissions.map((submission) => (
              <tr key={submission.departmentId}>
                <th scope="row">
                  <Link
                    to="/plans/$planId/dashboard/departments/$departmentId"
                    params={{ planId: data.plan.id, departmentId: submission.departmentId }}
                  >
                    <PlanText>{submission.name}</PlanText>
                  </Link>
                </th>
                <td>
                  <span className={`status status--${submission.status}`}>
                    {t(SUBMISSION_STATUS_KEYS[submission.status])}
                  </span>
                </td>
                <td>
                  {submission.submittedAt ? (
                    formatDateTime({ iso: submission.submittedAt, locale })
                  ) : (
                    <NoValue />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
