import { describe, expect, it } from 'vitest';
import { renderBarChartSvg, renderKpiChartSvg } from './portal.charts.js';

const base = {
  id: 'kpi-0',
  title: 'オンライン申請数の推移 <テスト>',
  description: 'このペースでは令和8年度末に 87.5 %（概ね達成）の見込み',
  unit: '件',
  startDate: '2024-04-01',
  actuals: [
    { date: '2025-03-31', value: 125, hypothetical: false },
    { date: '2026-03-31', value: 150, hypothetical: true },
  ],
  baseline: { date: '2024-03-31', value: 100 },
  target: { date: '2027-03-31', value: 200 },
  forecast: { from: { date: '2025-03-31', value: 125 }, to: { date: '2027-03-31', value: 175 } },
  labels: { actual: '実績値', baseline: '基準値', target: '目標値', forecast: '見込み' },
  formatYear: (fy: number) => `R${fy - 2018}`,
};

describe('the KPI chart as inline SVG', () => {
  it('is an image named by its title and description, with the text escaped', () => {
    const svg = renderKpiChartSvg(base);
    expect(svg).toMatch(
      /^<svg class="chart" viewBox="0 0 640 300" role="img" aria-labelledby="kpi-0-title kpi-0-desc"/,
    );
    expect(svg).toContain('<title id="kpi-0-title">オンライン申請数の推移 &lt;テスト&gt;</title>');
    expect(svg).toContain(
      '<desc id="kpi-0-desc">このペースでは令和8年度末に 87.5 %（概ね達成）の見込み</desc>',
    );
  });

  it('draws the actuals, the baseline, the target and the forecast, each with a text label and no inline style', () => {
    const svg = renderKpiChartSvg(base);
    expect(svg.match(/<circle class="chart__point/g)).toHaveLength(2);
    expect(svg).toContain('chart__point--hypothetical');
    expect(svg).toContain('<polyline class="chart__actual"');
    for (const part of ['chart__baseline', 'chart__target', 'chart__forecast'])
      expect(svg).toContain(`class="${part}"`);
    for (const label of ['実績値', '基準値', '目標値', '見込み']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('>R6</text>');
    expect(svg).not.toContain('style=');
  });

  it('leaves out the lines it has no figures for', () => {
    const svg = renderKpiChartSvg({ ...base, actuals: [], baseline: null, forecast: null });
    expect(svg).not.toContain('chart__point');
    expect(svg).not.toContain('chart__baseline');
    expect(svg).not.toContain('chart__forecast');
    expect(svg).toContain('chart__target');
  });
});

describe('the bar chart as inline SVG', () => {
  it('writes each bar’s label and value, so that colour is never the only cue', () => {
    const svg = renderBarChartSvg({
      id: 'ratings',
      title: '評価区分ごとの件数',
      description: '達成 3件、課題あり 1件',
      bars: [
        { label: '達成', value: 3, tone: 'band-1' },
        { label: '課題あり', value: 1, tone: 'band-5' },
      ],
      formatValue: (value) => `${value}件`,
    });
    expect(svg).toContain('>達成</text>');
    expect(svg).toContain('>3件</text>');
    expect(svg).toContain('class="chart__bar chart__bar--band-5"');
  });
});
