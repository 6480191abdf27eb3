import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/*
 * The parts of Apache ECharts the series chart uses, and nothing else, so that the file loaded on demand
 * stays small. Imported only through a dynamic import(): never part of the first load.
 */

use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export { init };
