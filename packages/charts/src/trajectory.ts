import { indexPlan, type Plan, TARGET_STATUS_NAMES, type TargetEvaluation } from '@kepu/core';
import type { EChartsOption } from 'echarts';
import { base, type ChartOptions, named, pick } from './labels.js';
import { PALETTE, STATUS_COLOURS } from './palette.js';

type Point = [number, number | null];

function pathValue(from: number, to: number, share: number, compound: boolean): number {
  if (compound && from > 0 && to > 0) return from * (to / from) ** share;
  return from + (to - from) * share;
}

/**
 * A target's trajectory: what was observed each year (gaps where nothing was observed — never a
 * 0), the path expected from the baseline to the goal at the deadline (straight or compound, as
 * the target says), the goal itself (a line, or a band for a range), the deadline, and the
 * forecast from the observations (dashed). For a cumulative target the observed line is the
 * running total. A qualitative target has no trajectory: the chart says so instead of drawing an
 * empty axis. Pure.
 *
 * @example
 * ```ts
 * import { targetTrajectoryOption } from '@kepu/charts';
 * const evaluation = scorecard.targets.find((t) => t.target === 'literacy-rate-2025')!;
 * chart.setOption(targetTrajectoryOption(plan, evaluation));
 * ```
 */
export function targetTrajectoryOption(
  plan: Plan,
  evaluation: TargetEvaluation,
  options: ChartOptions = {},
): EChartsOption {
  const lang = options.lang;
  const index = indexPlan(plan);
  const target = index.targets.get(evaluation.target);
  const statusName = pick(lang, TARGET_STATUS_NAMES[evaluation.status]);
  const title =
    options.title ?? (target ? named(lang, { name: target.title, nameEn: target.titleEn }) : evaluation.target);
  if (!target || target.kind === 'qualitative') {
    return {
      ...base(title, statusName),
      graphic: {
        type: 'text',
        left: 'center',
        top: 'middle',
        style: {
          text: pick(lang, {
            zh: '定性目标：由评审判定，无数值轨迹',
            en: 'Qualitative target: judged by review, no numeric trajectory',
          }),
          fontSize: 13,
          fill: PALETTE.black,
        },
      },
    };
  }
  const indicator = index.indicators.get(target.indicator);
  const unit = indicator?.unit ?? '';
  const cumulative = target.cadence === 'cumulative-by-deadline';
  const start = target.startYear ?? plan.meta.period.start;
  const deadline = target.deadline.year;
  const baselineYear = target.baseline?.year ?? (cumulative ? start - 1 : undefined);
  const baselineValue = target.baseline?.value ?? (cumulative ? 0 : undefined);

  // Observed: one point per year of the window; years without an observation are null (a gap).
  const byYear = new Map(evaluation.series.map((p) => [p.period, p.value]));
  const firstYear = Math.min(baselineYear ?? start, ...evaluation.series.map((p) => p.period), start);
  const lastObserved = Math.max(firstYear, ...evaluation.series.map((p) => p.period));
  const lastYear = Math.max(deadline, evaluation.forecast?.year ?? deadline, lastObserved);
  const observed: Point[] = [];
  let running = 0;
  for (let year = firstYear; year <= lastObserved; year++) {
    const value = byYear.get(year);
    if (year === baselineYear && baselineValue !== undefined && value === undefined) {
      observed.push([year, baselineValue]);
      continue;
    }
    if (value === undefined) {
      observed.push([year, null]);
      continue;
    }
    running += value;
    observed.push([year, cumulative ? running : value]);
  }

  const c = target.comparator;
  // A growth target's goal and forecast are growth rates, not levels: they have no place on the
  // level axis, so only the observed levels are drawn and the subtitle states the requirement.
  const growth = target.cadence === 'year-on-year-growth';
  const goal = c.op === 'range' ? (baselineValue !== undefined && baselineValue > c.max ? c.max : c.min) : c.value;
  const series: NonNullable<EChartsOption['series']> = [
    {
      name: pick(lang, {
        zh: cumulative ? '累计实际值' : '实际值',
        en: cumulative ? 'Observed (cumulative)' : 'Observed',
      }),
      type: 'line',
      data: observed,
      connectNulls: false,
      symbolSize: 7,
      lineStyle: { width: 2, color: PALETTE.blue },
      itemStyle: { color: PALETTE.blue },
      markLine: {
        symbol: 'none',
        silent: true,
        data: [
          ...(c.op === 'range' || growth
            ? []
            : [
                {
                  yAxis: goal,
                  name: pick(lang, { zh: '目标值', en: 'Goal' }),
                  lineStyle: { color: PALETTE.green, type: 'solid' as const },
                },
              ]),
          {
            xAxis: deadline,
            name: pick(lang, { zh: '期限', en: 'Deadline' }),
            lineStyle: { color: PALETTE.grey, type: 'dotted' as const },
          },
        ],
        label: { formatter: '{b}' },
      },
      ...(c.op === 'range'
        ? {
            markArea: {
              silent: true,
              itemStyle: { color: 'rgba(0, 158, 115, 0.12)' },
              data: [[{ yAxis: c.min, name: pick(lang, { zh: '目标区间', en: 'Goal range' }) }, { yAxis: c.max }]],
            },
          }
        : {}),
    },
  ];
  if (
    baselineYear !== undefined &&
    baselineValue !== undefined &&
    target.cadence !== 'every-year' &&
    target.cadence !== 'year-on-year-growth'
  ) {
    const expected: Point[] = [];
    for (let year = baselineYear; year <= deadline; year++) {
      const share = deadline === baselineYear ? 1 : (year - baselineYear) / (deadline - baselineYear);
      expected.push([year, pathValue(baselineValue, goal, share, target.trajectory === 'compound')]);
    }
    series.push({
      name: pick(lang, { zh: '应达路径', en: 'Expected path' }),
      type: 'line',
      data: expected,
      symbol: 'none',
      lineStyle: { type: 'dashed', color: PALETTE.green },
      itemStyle: { color: PALETTE.green },
    });
  }
  const lastPoint = [...observed].reverse().find((p) => p[1] !== null);
  if (evaluation.forecast && lastPoint && !growth) {
    series.push({
      name: pick(lang, { zh: '预测', en: 'Forecast' }),
      type: 'line',
      data: [lastPoint, [evaluation.forecast.year, evaluation.forecast.value]],
      lineStyle: { type: 'dotted', width: 2, color: STATUS_COLOURS[evaluation.status] },
      itemStyle: { color: STATUS_COLOURS[evaluation.status] },
      symbol: 'emptyCircle',
    });
  }
  return {
    ...base(title, `${statusName} · ${evaluation.requirement}`),
    color: [PALETTE.blue, PALETTE.green, STATUS_COLOURS[evaluation.status]],
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 56, right: 24, top: options.title === false ? 24 : 64, bottom: 48 },
    // Years are labels, not quantities: no thousands separator ("2,020").
    xAxis: {
      type: 'value',
      min: firstYear,
      max: lastYear,
      minInterval: 1,
      axisLabel: { formatter: (v: number) => String(v) },
    },
    yAxis: { type: 'value', name: unit, scale: !cumulative },
    series,
  };
}
