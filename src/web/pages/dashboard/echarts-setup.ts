import {
  BarChart,
  type BarSeriesOption,
  HeatmapChart,
  type HeatmapSeriesOption,
  LineChart,
  type LineSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  type VisualMapComponentOption,
  VisualMapPiecewiseComponent,
} from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/*
 * Apache ECharts, only the parts the dashboard draws, loaded on demand (import()) so that no page pays
 * for it up front. SVG output: crisp when printed, and it writes styles through the DOM (element.style),
 * which the Content-Security-Policy allows, never as inline <style> or style="" markup. No tooltip (its
 * default markup carries inline styles, and hover is no way to read a figure): values are written on the
 * chart and every chart has a table beside it.
 */
use([
  BarChart,
  HeatmapChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  VisualMapPiecewiseComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | VisualMapComponentOption
>;

export interface MountedChart {
  resize: () => void;
  dispose: () => void;
}

/** The page's own font stack (app.css): ECharts measures labels with it, so they fit where they are drawn. */
const FONT_FAMILY =
  '"Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "BIZ UDPGothic", "Yu Gothic", YuGothic, Meiryo, sans-serif';

export function mountChart(element: HTMLElement, option: ChartOption): MountedChart {
  const chart = init(element, null, { renderer: 'svg' });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT_FAMILY }, ...option });
  return { resize: () => chart.resize(), dispose: () => chart.dispose() };
}
