export { KepuChartError } from './errors.js';
export { responsibilityHeatmapOption } from './heatmap.js';
export type { ChartLang, ChartOptions } from './labels.js';
export { gradeColours, PALETTE, STATUS_COLOURS } from './palette.js';
export type { SheetChartOptions } from './ranking.js';
export { gradeDistributionOption, groupComparisonOption, rankingOption } from './ranking.js';
export { targetTrajectoryOption } from './trajectory.js';
