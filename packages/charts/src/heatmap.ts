import { type Plan, responsibilityMatrix } from '@kepu/core';
import type { EChartsOption } from 'echarts';
import { base, type ChartOptions, named, pick } from './labels.js';
import { PALETTE } from './palette.js';

/**
 * The responsibility matrix as a heatmap: units down, tasks across (by their printed codes),
 * a cell dark blue where the unit leads the task, light where it is a partner named on the task,
 * lighter where it is a partner only as a member of a partner group. Pure.
 *
 * @example
 * ```ts
 * import { responsibilityHeatmapOption } from '@kepu/charts';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * chart.setOption(responsibilityHeatmapOption(zhengningPlan));
 * ```
 */
export function responsibilityHeatmapOption(
  plan: Plan,
  options: ChartOptions & { include?: 'involved' | 'all' } = {},
): EChartsOption {
  const lang = options.lang;
  const matrix = responsibilityMatrix(plan, { include: options.include ?? 'involved' });
  const levels = [
    { value: 3, label: pick(lang, { zh: '牵头', en: 'Lead' }), color: PALETTE.blue },
    { value: 2, label: pick(lang, { zh: '配合', en: 'Partner' }), color: PALETTE.skyBlue },
    { value: 1, label: pick(lang, { zh: '领导小组成员配合', en: 'Partner via group' }), color: '#CFE8F7' },
    { value: 0, label: pick(lang, { zh: '无', en: 'None' }), color: '#F4F4F4' },
  ];
  const data: Array<[number, number, number]> = [];
  matrix.units.forEach((unit, row) => {
    matrix.tasks.forEach((task, column) => {
      const role = matrix.cells[row]?.[column] ?? 'none';
      const value = role === 'lead' ? 3 : role === 'none' ? 0 : task.partners.includes(unit.id) ? 2 : 1;
      data.push([column, row, value]);
    });
  });
  return {
    ...base(options.title ?? pick(lang, { zh: '任务责任矩阵', en: 'Responsibility matrix' })),
    tooltip: { position: 'top' },
    grid: { left: 8, right: 16, top: options.title === false ? 16 : 48, bottom: 72, containLabel: true },
    xAxis: {
      type: 'category',
      data: matrix.tasks.map((t) => t.code),
      axisLabel: { rotate: 60, fontSize: 10 },
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: matrix.units.map((u) => named(lang, u)),
      inverse: true,
      splitArea: { show: true },
    },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: levels.map((l) => ({ value: l.value, label: l.label, color: l.color })),
    },
    series: [{ type: 'heatmap', data, itemStyle: { borderColor: '#FFFFFF', borderWidth: 1 } }],
  };
}
