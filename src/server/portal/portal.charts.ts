import { fiscalYearOfDate, fiscalYearStart } from '../../domain/fiscal-year.js';
import { toDayNumber } from '../../domain/forecast.js';
import { escapeHtml } from './portal.html.js';

/*
 * Charts of the public portal as inline SVG, drawn on the server by pure functions: no JavaScript, no
 * request of their own, printable. Colours come from the portal's stylesheet through classes (no inline
 * styles, which the Content-Security-Policy refuses); lines differ by dash pattern and carry text labels,
 * so that no information rests on colour alone. Each chart is an image with a title and a description;
 * the page gives the same figures as a table and a sentence.
 */

const WIDTH = 640;
const HEIGHT = 300;
const MARGIN = { top: 20, right: 120, bottom: 40, left: 64 };

function formatTick(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Round steps (1, 2, 5 × 10^n) that give about five gridlines. */
function buildTicks(min: number, max: number): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw) ?? raw;
  const ticks: number[] = [];
  for (let tick = Math.floor(min / step) * step; tick <= max + step / 2; tick += step) {
    ticks.push(Math.round(tick * 1e6) / 1e6);
  }
  return ticks;
}

export interface KpiChartInput {
  /** Unique on the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  description: string;
  unit: string;
  /** Where the time axis starts at the latest: the baseline's date or the plan's first day. */
  startDate: string;
  actuals: { date: string; value: number; hypothetical: boolean }[];
  baseline: { date: string | null; value: number } | null;
  target: { date: string; value: number };
  forecast: { from: { date: string; value: number }; to: { date: string; value: number } } | null;
  labels: { actual: string; baseline: string; target: string; forecast: string };
  /** The label of a fiscal year on the time axis (R6, FY2024). */
  formatYear: (fy: number) => string;
}

/** A KPI over time: its actuals, the baseline and target lines, and the forecast's trend line. */
export function renderKpiChartSvg(input: KpiChartInput): string {
  const dates = [
    input.startDate,
    ...input.actuals.map((actual) => actual.date),
    input.target.date,
    ...(input.baseline?.date ? [input.baseline.date] : []),
  ];
  const xs = dates.map(toDayNumber);
  const firstFy = fiscalYearOfDate([...dates].sort()[0]!);
  const xMin = Math.min(toDayNumber(fiscalYearStart(firstFy)), ...xs);
  const xMax = Math.max(...xs);
  const values = [
    ...input.actuals.map((actual) => actual.value),
    input.target.value,
    ...(input.baseline ? [input.baseline.value] : []),
    ...(input.forecast ? [input.forecast.from.value, input.forecast.to.value] : []),
  ];
  const ticks = buildTicks(Math.min(0, ...values), Math.max(...values) * 1.05);
  const yMin = ticks[0]!;
  const yMax = ticks.at(-1)!;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (day: number) => MARGIN.left + ((day - xMin) / Math.max(1, xMax - xMin)) * plotWidth;
  const y = (value: number) => MARGIN.top + (1 - (value - yMin) / (yMax - yMin || 1)) * plotHeight;
  const right = MARGIN.left + plotWidth;
  const fixed = (value: number) => value.toFixed(1);

  const parts: string[] = [];
  for (const tick of ticks) {
    parts.push(
      `<line class="chart__grid" x1="${MARGIN.left}" x2="${right}" y1="${fixed(y(tick))}" y2="${fixed(y(tick))}"/>`,
      `<text class="chart__tick" x="${MARGIN.left - 8}" y="${fixed(y(tick) + 4)}" text-anchor="end">${escapeHtml(formatTick(tick))}</text>`,
    );
  }
  for (let fy = firstFy; toDayNumber(fiscalYearStart(fy)) <= xMax; fy++) {
    const position = x(toDayNumber(fiscalYearStart(fy)));
    parts.push(
      `<line class="chart__axis-mark" x1="${fixed(position)}" x2="${fixed(position)}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight + 6}"/>`,
      `<text class="chart__tick" x="${fixed(position + 4)}" y="${MARGIN.top + plotHeight + 22}">${escapeHtml(input.formatYear(fy))}</text>`,
    );
  }
  parts.push(
    `<line class="chart__axis" x1="${MARGIN.left}" x2="${right}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight}"/>`,
  );
  // The labels at the right end of the lines, pushed apart where two lines run close together.
  const rightLabels: { text: string; y: number }[] = [];
  if (input.baseline) {
    const position = fixed(y(input.baseline.value));
    parts.push(
      `<line class="chart__baseline" x1="${MARGIN.left}" x2="${right}" y1="${position}" y2="${position}"/>`,
    );
    rightLabels.push({ text: input.labels.baseline, y: y(input.baseline.value) + 4 });
  }
  const targetY = fixed(y(input.target.value));
  parts.push(
    `<line class="chart__target" x1="${MARGIN.left}" x2="${right}" y1="${targetY}" y2="${targetY}"/>`,
  );
  rightLabels.push({ text: input.labels.target, y: y(input.target.value) + 4 });
  if (input.forecast) {
    const { from, to } = input.forecast;
    parts.push(
      `<line class="chart__forecast" x1="${fixed(x(toDayNumber(from.date)))}" y1="${fixed(y(from.value))}" x2="${fixed(x(toDayNumber(to.date)))}" y2="${fixed(y(to.value))}"/>`,
    );
    rightLabels.push({ text: input.labels.forecast, y: y(to.value) + 4 });
  }
  rightLabels.sort((a, b) => a.y - b.y);
  rightLabels.forEach((label, index) => {
    const previous = rightLabels[index - 1];
    if (previous && label.y - previous.y < 16) label.y = previous.y + 16;
    parts.push(
      `<text class="chart__label" x="${right + 6}" y="${fixed(label.y)}">${escapeHtml(label.text)}</text>`,
    );
  });
  if (input.actuals.length > 0) {
    const points = input.actuals.map((actual) => ({ cx: x(toDayNumber(actual.date)), cy: y(actual.value) }));
    if (points.length > 1) {
      parts.push(
        `<polyline class="chart__actual" points="${points.map((point) => `${fixed(point.cx)},${fixed(point.cy)}`).join(' ')}"/>`,
      );
    }
    input.actuals.forEach((actual, index) => {
      const point = points[index]!;
      parts.push(
        `<circle class="chart__point${actual.hypothetical ? ' chart__point--hypothetical' : ''}" cx="${fixed(point.cx)}" cy="${fixed(point.cy)}" r="5"/>`,
      );
    });
    // The latest actual is named just below its point, on the side that stays inside the plot.
    const last = points.at(-1)!;
    const anchor = last.cx > MARGIN.left + plotWidth / 2 ? 'end' : 'start';
    const offset = anchor === 'end' ? -10 : 10;
    parts.push(
      `<text class="chart__label chart__label--actual" x="${fixed(last.cx + offset)}" y="${fixed(last.cy + 22)}" text-anchor="${anchor}">${escapeHtml(input.labels.actual)}</text>`,
    );
  }

  const titleId = `${input.id}-title`;
  const descriptionId = `${input.id}-desc`;
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${titleId} ${descriptionId}" focusable="false">`,
    `<title id="${titleId}">${escapeHtml(input.title)}</title>`,
    `<desc id="${descriptionId}">${escapeHtml(input.description)}</desc>`,
    ...parts,
    '</svg>',
  ].join('');
}

export interface BarChartInput {
  id: string;
  title: string;
  description: string;
  bars: { label: string; value: number; tone: string }[];
  /** How a value is written at the end of its bar (12件, 12). */
  formatValue: (value: number) => string;
}

/** Horizontal bars with their label and count written out, e.g. the number of actions per rating. */
export function renderBarChartSvg(input: BarChartInput): string {
  const rowHeight = 32;
  const labelWidth = 150;
  const valueWidth = 70;
  const width = WIDTH;
  const height = input.bars.length * rowHeight + 8;
  const max = Math.max(1, ...input.bars.map((bar) => bar.value));
  const barSpace = width - labelWidth - valueWidth;
  const parts = input.bars.map((bar, index) => {
    const top = index * rowHeight + 4;
    const barWidth = (bar.value / max) * barSpace;
    return [
      `<text class="chart__bar-label" x="${labelWidth - 10}" y="${top + 20}" text-anchor="end">${escapeHtml(bar.label)}</text>`,
      `<rect class="chart__bar chart__bar--${escapeHtml(bar.tone)}" x="${labelWidth}" y="${top + 4}" width="${barWidth.toFixed(1)}" height="${rowHeight - 10}"/>`,
      `<text class="chart__bar-value" x="${(labelWidth + barWidth + 8).toFixed(1)}" y="${top + 20}">${escapeHtml(input.formatValue(bar.value))}</text>`,
    ].join('');
  });
  const titleId = `${input.id}-title`;
  const descriptionId = `${input.id}-desc`;
  return [
    `<svg class="chart chart--bars" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId} ${descriptionId}" focusable="false">`,
    `<title id="${titleId}">${escapeHtml(input.title)}</title>`,
    `<desc id="${descriptionId}">${escapeHtml(input.description)}</desc>`,
    ...parts,
    '</svg>',
  ].join('');
}
