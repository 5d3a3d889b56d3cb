import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// The parts of ECharts the @kepu/charts options use, and no more: this module is loaded only
// when a chart is first shown (see EChart.tsx), so ECharts stays out of the page's initial
// JavaScript. A new chart type or component in @kepu/charts must be registered here.
use([
  BarChart,
  HeatmapChart,
  LineChart,
  AriaComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

/** Starts an ECharts instance drawing SVG into `element`. */
export const initSvgChart = (element: HTMLElement) => init(element, undefined, { renderer: 'svg' });
