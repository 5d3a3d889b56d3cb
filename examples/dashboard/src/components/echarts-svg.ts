import * as charts from 'echarts/charts';
import * as components from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// The parts of ECharts the @kepu/charts options use, and no more (the bundler keeps only the
// members named here): this module is loaded only when a chart is first shown (see EChart.tsx),
// so ECharts stays out of the page's initial JavaScript. A new chart type or component in
// @kepu/charts must be registered here.
use([
  charts.BarChart,
  charts.HeatmapChart,
  charts.LineChart,
  components.AriaComponent,
  components.GraphicComponent,
  components.GridComponent,
  components.LegendComponent,
  components.MarkAreaComponent,
  components.MarkLineComponent,
  components.TitleComponent,
  components.TooltipComponent,
  components.VisualMapComponent,
  SVGRenderer,
]);

/** Starts an ECharts instance drawing SVG into `element`. */
export const initSvgChart = (element: HTMLElement) => init(element, undefined, { renderer: 'svg' });
