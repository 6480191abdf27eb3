import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { SeriesColumn } from '../../../domain/effects';
import { formatFiscalYearShort } from '../../../domain/fiscal-year';
import { formatFiscalYearIn } from '../../../domain/locale';
import { formatQuantity, formatSignedChange } from '../../../domain/stated-figures';
import type { SeriesRowView } from '../../../server/effects/effects.schemas';
import { type EffectsText, formatUnitName, formatWithUnit, useEffectsText } from './shared';

/**
 * A bar chart of one column by fiscal year. Apache ECharts is loaded only when the chart is shown (a
 * dynamic import: its own file, never part of the first load), draws on a canvas (nothing the Content
 * Security Policy refuses), and the chart is one image to assistive technology whose name is the text
 * summary below it; the table above is the full alternative.
 */
export function SeriesChart({
  columns,
  rows,
}: {
  columns: readonly SeriesColumn[];
  rows: readonly SeriesRowView[];
}) {
  const id = useId();
  const text = useEffectsText();
  const { t, locale } = text;
  const charted = columns.filter((column) => rows.some((row) => row.values[column.key] !== null));
  const [columnKey, setColumnKey] = useState(
    charted.find((column) => column.sumOf)?.key ?? charted[0]?.key ?? '',
  );
  const column = charted.find((candidate) => candidate.key === columnKey) ?? charted[0];
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const points = useMemo(
    () =>
      column
        ? rows
            .filter((row) => row.values[column.key] !== null)
            .map((row) => ({ fy: row.fy, value: row.values[column.key]! }))
        : [],
    [column, rows],
  );

  useEffect(() => {
    const element = container.current;
    if (!element || !column || points.length === 0) return;
    let disposed = false;
    let dispose: (() => void) | null = null;
    let onResize: (() => void) | null = null;
    void loadECharts()
      .then((echarts) => {
        if (disposed) return;
        const chart = echarts.init(element, null, { renderer: 'canvas' });
        // A canvas cannot read CSS variables: the design tokens are resolved here.
        const styles = getComputedStyle(element);
        const barColour = styles.getPropertyValue('--color-accent').trim() || 'currentColor';
        const textColour = styles.getPropertyValue('--color-text').trim() || 'currentColor';
        chart.setOption({
          animation: false,
          grid: { left: 96, right: 24, top: 24, bottom: 40 },
          textStyle: { fontFamily: styles.fontFamily, color: textColour },
          xAxis: {
            type: 'category',
            data: points.map((point) =>
              locale === 'ja'
                ? formatFiscalYearShort(point.fy)
                : formatFiscalYearIn({ fy: point.fy, locale }),
            ),
          },
          yAxis: {
            type: 'value',
            name: formatWithUnit({ figure: '', unit: column.unit, locale }).trim(),
            axisLabel: { formatter: (value: number) => formatQuantity(value) },
          },
          tooltip: {
            trigger: 'axis',
            renderMode: 'richText',
            valueFormatter: (value: unknown) =>
              typeof value === 'number'
                ? formatWithUnit({ figure: formatQuantity(value), unit: column.unit, locale })
                : '',
          },
          series: [
            {
              type: 'bar',
              name: column.label,
              data: points.map((point) => point.value),
              itemStyle: { color: barColour },
              label: {
                show: true,
                position: 'top',
                formatter: (params: { value: unknown }) =>
                  typeof params.value === 'number' ? formatQuantity(params.value) : '',
              },
            },
          ],
        });
        onResize = () => chart.resize();
        window.addEventListener('resize', onResize);
        dispose = () => chart.dispose();
      })
      .catch(() => setFailed(true));
    return () => {
      disposed = true;
      if (onResize) window.removeEventListener('resize', onResize);
      dispose?.();
    };
  }, [column, points, locale]);

  if (!column) return null;
  const summary = describeSeries({ column, rows, text });
  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('chart.heading')}</h2>
      {charted.length > 1 && (
        <div className="field chart-column">
          <label className="field__label" htmlFor={`${id}-column`}>
            {t('chart.column')}
          </label>
          <select
            id={`${id}-column`}
            className="field__input field__select"
            value={column.key}
            onChange={(event) => setColumnKey(event.target.value)}
          >
            {charted.map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {t('common.labelWithUnit', {
                  label: candidate.label,
                  unit: formatUnitName({ unit: candidate.unit, locale }),
                })}
              </option>
            ))}
          </select>
        </div>
      )}
      <figure className="chart-figure">
        {failed ? (
          <p className="notice">{t('chart.failed')}</p>
        ) : (
          <div
            ref={container}
            className="series-chart"
            role="img"
            aria-label={summary}
            data-testid="series-chart"
          />
        )}
        <figcaption className="chart-summary" data-testid="series-chart-summary">
          {summary}
        </figcaption>
      </figure>
    </section>
  );
}

/** The chart in words: each year's value and its change from the year before (△ for a decrease). */
export function describeSeries({
  column,
  rows,
  text,
}: {
  column: SeriesColumn;
  rows: readonly SeriesRowView[];
  text: EffectsText;
}): string {
  const { t, locale } = text;
  const points = rows
    .filter((row) => row.values[column.key] !== null)
    .map((row) => {
      const fy = formatFiscalYearIn({ fy: row.fy, locale });
      const value = formatWithUnit({
        figure: formatQuantity(row.values[column.key]!),
        unit: column.unit,
        locale,
      });
      const change = row.changes[column.key];
      if (change === null || change === undefined) return t('chart.point', { fy, value });
      return t('chart.pointWithChange', {
        fy,
        value,
        change: formatWithUnit({ figure: formatSignedChange(change), unit: column.unit, locale }),
      });
    });
  return t('chart.summary', { label: column.label, points: points.join(t('chart.pointSeparator')) });
}

type ECharts = typeof import('./echarts-setup');

let echartsModule: Promise<ECharts> | null = null;

function loadECharts(): Promise<ECharts> {
  echartsModule ??= import('./echarts-setup');
  return echartsModule;
}
