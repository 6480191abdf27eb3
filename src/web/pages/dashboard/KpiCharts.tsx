import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { KpiChartsResponse } from '../../../server/dashboard/dashboard.schemas';
import { formatFigure, formatRate } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { kpiChartsQuery } from './dashboard-api';
import { CHART_COLORS, formatFy, formatReportDate, ratingLabel } from './dashboard-format';
import { EChart } from './EChart';
import type { ChartOption } from './echarts-setup';
import { usePrintOpensDetails } from './usePrintOpensDetails';

type KpiChart = KpiChartsResponse['kpis'][number];

/**
 * The action page's KPI charts: each KPI's actuals over time with its baseline and target, the straight
 * line its target needs, and the forecast (the trend of the actuals to the end of the target year).
 */
export function KpiCharts({ planId, actionKey }: { planId: string; actionKey: string }) {
  const { t } = useI18n();
  const query = useQuery(kpiChartsQuery(planId, actionKey));
  usePrintOpensDetails();
  if (!query.data || query.data.kpis.length === 0) return null;
  return (
    <section className="section" aria-labelledby="kpi-charts">
      <h2 id="kpi-charts">{t('kpiCharts.title')}</h2>
      {query.data.kpis.map((kpi) => (
        <KpiChartView key={kpi.key} kpi={kpi} />
      ))}
    </section>
  );
}

/** A KPI figure with its unit, to one decimal at most: 112.5件. */
function formatKpiFigure(value: number, unit: string): string {
  return formatFigure(Math.round(value * 10) / 10, unit);
}

function KpiChartView({ kpi }: { kpi: KpiChart }) {
  const { t, locale } = useI18n();
  const figure = (value: number) => formatKpiFigure(value, kpi.unit);
  const latest = kpi.actuals.at(-1);
  const sentences: string[] = [];
  sentences.push(
    latest
      ? t('kpiCharts.latest', {
          value: figure(latest.value),
          date: formatReportDate(latest.date, locale),
          target: figure(kpi.target.value),
          fy: formatFy(kpi.target.fy, locale),
        })
      : t('kpiCharts.noActual', { target: figure(kpi.target.value), fy: formatFy(kpi.target.fy, locale) }),
  );
  sentences.push(
    kpi.forecast.available
      ? t('kpiCharts.forecast', {
          fy: formatFy(kpi.forecast.fy, locale),
          rate: formatRate(kpi.forecast.result.shown),
          label: ratingLabel(kpi.forecast.result.rating, locale),
          value: figure(kpi.forecast.projectedValue),
        })
      : t('kpiCharts.noForecast'),
  );
  if (kpi.pace.available) {
    sentences.push(
      t(kpi.pace.behind ? 'kpiCharts.behind' : 'kpiCharts.onPace', {
        expected: figure(kpi.pace.expectedValue),
      }),
    );
  }
  const summary = sentences.join(locale === 'ja' ? '' : ' ');

  const option = useMemo((): ChartOption => {
    const figure = (value: number) => formatKpiFigure(value, kpi.unit);
    const toTime = (date: string) => `${date}T00:00:00`;
    return {
      grid: {
        left: 8,
        right: 96,
        top: 40,
        bottom: 8,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      legend: { top: 0, textStyle: { color: CHART_COLORS.text } },
      xAxis: {
        type: 'time',
        axisLabel: {
          color: CHART_COLORS.muted,
          formatter: locale === 'ja' ? '{yyyy}年{M}月' : '{yyyy}-{MM}',
        },
      },
      yAxis: {
        type: 'value',
        scale: true,
        axisLabel: { color: CHART_COLORS.muted, formatter: `{value}${kpi.unit}` },
        splitLine: { lineStyle: { color: CHART_COLORS.grid } },
      },
      series: [
        {
          name: t('kpiCharts.actual'),
          type: 'line',
          data: kpi.actuals.map((actual) => ({
            value: [toTime(actual.date), actual.value],
            symbol: actual.hypothetical ? 'emptyCircle' : 'circle',
          })),
          symbolSize: 10,
          lineStyle: { color: CHART_COLORS.accent, width: 3 },
          itemStyle: { color: CHART_COLORS.accent },
          label: {
            show: true,
            position: 'top',
            color: CHART_COLORS.text,
            formatter: (params: { value: unknown }) => figure((params.value as [string, number])[1]),
          },
          markLine: {
            symbol: 'none',
            data: [
              ...(kpi.baseline
                ? [
                    {
                      yAxis: kpi.baseline.value,
                      name: t('kpiCharts.baseline'),
                      lineStyle: { color: CHART_COLORS.muted, type: 'dotted' as const, width: 2 },
                      label: {
                        formatter: `${t('kpiCharts.baseline')} ${figure(kpi.baseline.value)}`,
                        color: CHART_COLORS.text,
                      },
                    },
                  ]
                : []),
              {
                yAxis: kpi.target.value,
                name: t('kpiCharts.target'),
                lineStyle: { color: CHART_COLORS.target, type: 'dashed' as const, width: 2 },
                label: {
                  formatter: `${t('kpiCharts.target')} ${figure(kpi.target.value)}`,
                  color: CHART_COLORS.text,
                },
              },
            ],
          },
        },
        ...(kpi.pace.available
          ? [
              {
                name: t('kpiCharts.pace'),
                type: 'line' as const,
                data: [
                  [toTime(kpi.pace.start.date), kpi.pace.start.value],
                  [toTime(kpi.pace.end.date), kpi.pace.end.value],
                ],
                symbol: 'none',
                lineStyle: { color: CHART_COLORS.previous, type: 'dotted' as const, width: 2 },
                itemStyle: { color: CHART_COLORS.previous },
              },
            ]
          : []),
        ...(kpi.forecast.available
          ? [
              {
                name: t('kpiCharts.forecastLine'),
                type: 'line' as const,
                data: [
                  [toTime(kpi.forecast.line.from.date), kpi.forecast.line.from.value],
                  [toTime(kpi.forecast.line.to.date), kpi.forecast.line.to.value],
                ],
                symbol: 'diamond',
                symbolSize: 10,
                lineStyle: { color: CHART_COLORS.forecast, type: 'dashed' as const, width: 2 },
                itemStyle: { color: CHART_COLORS.forecast },
              },
            ]
          : []),
      ],
    };
  }, [kpi, t, locale]);

  return (
    <figure className="kpi-chart" data-testid={`kpi-chart-${kpi.key}`}>
      <figcaption>
        <strong>
          <PlanText>{kpi.name}</PlanText>
        </strong>
        <span className="kpi-chart__summary">{summary}</span>
      </figcaption>
      <EChart option={option} label={`${kpi.name}: ${summary}`} height={300} />
      <details className="disclosure print-open">
        <summary>{t('kpiCharts.table')}</summary>
        <table className="data-table data-table--compact">
          <caption>{t('kpiCharts.tableCaption', { name: kpi.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kpiCharts.kind')}</th>
              <th scope="col">{t('kpiCharts.when')}</th>
              <th scope="col" className="numeric">
                {t('kpiCharts.value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {kpi.baseline && (
              <tr>
                <th scope="row">{t('kpiCharts.baseline')}</th>
                <td>
                  {kpi.baseline.label ??
                    (kpi.baseline.date ? formatReportDate(kpi.baseline.date, locale) : '—')}
                </td>
                <td className="numeric">{figure(kpi.baseline.value)}</td>
              </tr>
            )}
            {kpi.actuals.map((actual) => (
              <tr key={`${actual.date}-${actual.value}`}>
                <th scope="row">
                  {t('kpiCharts.actual')}
                  {actual.hypothetical && (
                    <span className="marker marker--hypothetical">{t('common.hypothetical')}</span>
                  )}
                </th>
                <td>{formatReportDate(actual.date, locale)}</td>
                <td className="numeric">{figure(actual.value)}</td>
              </tr>
            ))}
            {kpi.forecast.available && (
              <tr>
                <th scope="row">
                  {t('kpiCharts.forecastLine')}
                  <span className="marker marker--projection">{t('common.projection')}</span>
                </th>
                <td>{formatReportDate(kpi.forecast.date, locale)}</td>
                <td className="numeric">{figure(kpi.forecast.projectedValue)}</td>
              </tr>
            )}
            <tr>
              <th scope="row">{t('kpiCharts.target')}</th>
              <td>{formatReportDate(kpi.target.date, locale)}</td>
              <td className="numeric">{figure(kpi.target.value)}</td>
            </tr>
          </tbody>
        </table>
      </details>
    </figure>
  );
}
