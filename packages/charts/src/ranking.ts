import { type AssessmentScheme, defaultMark, type Scorecard, type SheetResult, type UnitScore } from '@kepu/core';
import type { EChartsOption } from 'echarts';
import { KepuChartError } from './errors.js';
import { base, type ChartOptions, named, pick } from './labels.js';
import { gradeColours, PALETTE } from './palette.js';

/**
 * Options of the charts drawn from one sheet of a scorecard.
 *
 * @example
 * ```ts
 * import type { SheetChartOptions } from '@kepu/charts';
 * const options: SheetChartOptions = { sheet: 'departments', scheme, lang: 'en' };
 * ```
 */
export interface SheetChartOptions extends ChartOptions {
  /** The sheet's id. @default the scorecard's first sheet */
  readonly sheet?: string;
  /** The scheme the scorecard was made with: grade colours follow its bands from best to worst. */
  readonly scheme?: AssessmentScheme;
}

/** Picks the sheet, or throws a typed error naming the sheets there are. */
export function sheetOf(scorecard: Scorecard, id: string | undefined): SheetResult {
  const sheet = id === undefined ? scorecard.sheets[0] : scorecard.sheets.find((s) => s.sheet === id);
  if (!sheet) {
    throw new KepuChartError('unknown-sheet', ['sheet'], {
      zh: `考核表“${id}”不存在。可用：${scorecard.sheets.map((s) => s.sheet).join('、')}。`,
      en: `No sheet "${id}" in this scorecard. Use one of: ${scorecard.sheets.map((s) => s.sheet).join(', ')}.`,
    });
  }
  return sheet;
}

/**
 * Grade ids from best to worst with their colour: by the scheme's bands when given, else by the
 * mean score of the units holding each grade.
 */
export function gradeOrder(
  sheet: SheetResult,
  scheme: AssessmentScheme | undefined,
): Array<{ id: string; name: string; nameEn: string | null; colour: string }> {
  const bands = scheme?.sheets.find((s) => s.id === sheet.sheet)?.grades;
  let grades: Array<{ id: string; name: string; nameEn: string | null }>;
  if (bands) {
    grades = [...bands]
      .sort((a, b) => b.min - a.min)
      .map((b) => ({ id: b.id, name: b.name, nameEn: b.nameEn ?? null }));
  } else {
    const seen = new Map<string, { id: string; name: string; nameEn: string | null; total: number; n: number }>();
    for (const unit of sheet.units) {
      if (!unit.grade || unit.score === null) continue;
      const entry = seen.get(unit.grade.id) ?? { ...unit.grade, total: 0, n: 0 };
      entry.total += unit.score;
      entry.n += 1;
      seen.set(unit.grade.id, entry);
    }
    grades = [...seen.values()].sort((a, b) => b.total / b.n - a.total / a.n);
  }
  const colours = gradeColours(grades.length);
  return grades.map((g, i) => ({ ...g, colour: colours[i] ?? PALETTE.grey }));
}

function unitLabel(unit: UnitScore, lang: ChartOptions['lang']): string {
  return named(lang, { name: unit.name, nameEn: unit.nameEn });
}

/**
 * A sheet's ranking as horizontal bars, best at the top, each bar in its grade's colour with
 * score, grade and rank as its label. A vetoed unit says so; a unit that was not assessed stays
 * on the chart with no bar and the label 未评估 / not assessed — never a bar of 0. Pure.
 *
 * @example
 * ```ts
 * import { rankingOption } from '@kepu/charts';
 * chart.setOption(rankingOption(scorecard, { sheet: 'departments', scheme }));
 * ```
 */
export function rankingOption(scorecard: Scorecard, options: SheetChartOptions = {}): EChartsOption {
  const lang = options.lang;
  const sheet = sheetOf(scorecard, options.sheet);
  const grades = gradeOrder(sheet, options.scheme);
  const colour = new Map(grades.map((g) => [g.id, g.colour]));
  // ECharts draws the first category at the bottom: reverse so rank 1 is on top.
  const units = [...sheet.units].reverse();
  const notAssessed = pick(lang, { zh: '未评估', en: 'not assessed' });
  const vetoed = pick(lang, { zh: '一票否决', en: 'vetoed' });
  return {
    ...base(
      options.title ?? `${named(lang, sheet)} · ${pick(lang, { zh: '得分排名', en: 'ranking' })}`,
      `${scorecard.period}`,
    ),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 120, top: options.title === false ? 16 : 56, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: 0, max: sheet.maxScore, name: pick(lang, { zh: '得分', en: 'score' }) },
    // A unit without a score has no bar, so its axis label carries the fact (a bar label would
    // not be drawn).
    yAxis: {
      type: 'category',
      data: units.map((u) => (u.score === null ? `${unitLabel(u, lang)} (${notAssessed})` : unitLabel(u, lang))),
    },
    series: [
      {
        type: 'bar',
        name: pick(lang, { zh: '得分', en: 'Score' }),
        data: units.map((u) => ({
          value: u.score,
          itemStyle: { color: u.grade ? (colour.get(u.grade.id) ?? PALETTE.grey) : PALETTE.grey },
          label: {
            show: true,
            position: 'right' as const,
            formatter:
              u.score === null
                ? notAssessed
                : `${u.score.toFixed(1)} ${u.grade ? named(lang, u.grade) : ''} #${u.rank ?? '—'}${u.vetoed ? ` (${vetoed})` : ''}`,
          },
        })),
      },
    ],
  };
}

/**
 * How many units of a sheet got each grade, best grade first, with the units not assessed as a
 * separate grey bar — so a missing unit is neither hidden nor counted in a grade. When the
 * scheme caps the top grade, the cap is drawn as a line. Pure.
 *
 * @example
 * ```ts
 * import { gradeDistributionOption } from '@kepu/charts';
 * chart.setOption(gradeDistributionOption(scorecard, { sheet: 'townships', scheme }));
 * ```
 */
export function gradeDistributionOption(scorecard: Scorecard, options: SheetChartOptions = {}): EChartsOption {
  const lang = options.lang;
  const sheet = sheetOf(scorecard, options.sheet);
  const grades = gradeOrder(sheet, options.scheme);
  const counts = grades.map((g) => sheet.units.filter((u) => u.grade?.id === g.id).length);
  const missing = sheet.units.filter((u) => u.grade === null).length;
  const categories = [...grades.map((g) => named(lang, g)), pick(lang, { zh: '未评估', en: 'Not assessed' })];
  return {
    ...base(
      options.title ?? `${named(lang, sheet)} · ${pick(lang, { zh: '等次分布', en: 'grade distribution' })}`,
      `${scorecard.period}`,
    ),
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 24, top: options.title === false ? 16 : 56, bottom: 32 },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', minInterval: 1, name: pick(lang, { zh: '单位数', en: 'units' }) },
    series: [
      {
        type: 'bar',
        data: [
          ...counts.map((n, i) => ({ value: n, itemStyle: { color: grades[i]?.colour ?? PALETTE.grey } })),
          { value: missing, itemStyle: { color: PALETTE.grey } },
        ],
        label: { show: true, position: 'top' },
        ...(sheet.topGradeCap
          ? {
              markLine: {
                symbol: 'none',
                data: [
                  {
                    yAxis: sheet.topGradeCap.seats,
                    name: `${pick(lang, { zh: '优秀名额上限', en: 'top-grade cap' })}${defaultMark(sheet, 'topGradeCap', lang ?? 'zh')}`,
                  },
                ],
                // Inside the plot, so the label is never clipped at the chart's edge.
                label: { formatter: '{b}: {c}', position: 'insideEndTop' as const },
                lineStyle: { color: PALETTE.vermillion, type: 'dashed' as const },
              },
            }
          : {}),
      },
    ],
  };
}

/**
 * Townships (or any sheet's units) compared by the points they earned in each item group,
 * stacked so the bar's length is the score; best first. A unit not assessed has no bar and is
 * labelled so. Pure.
 *
 * @example
 * ```ts
 * import { groupComparisonOption } from '@kepu/charts';
 * chart.setOption(groupComparisonOption(scorecard, { sheet: 'townships' }));
 * ```
 */
export function groupComparisonOption(scorecard: Scorecard, options: SheetChartOptions = {}): EChartsOption {
  const lang = options.lang;
  const sheet = sheetOf(scorecard, options.sheet);
  const units = [...sheet.units].reverse();
  const groups = sheet.units[0]?.groups ?? [];
  const colours = [PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.purple, PALETTE.skyBlue, PALETTE.yellow];
  return {
    ...base(
      options.title ?? `${named(lang, sheet)} · ${pick(lang, { zh: '分项得分对比', en: 'points by group' })}`,
      `${scorecard.period}`,
    ),
    color: colours,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 40, top: options.title === false ? 16 : 56, bottom: 40, containLabel: true },
    xAxis: { type: 'value', min: 0, max: sheet.maxScore },
    yAxis: { type: 'category', data: units.map((u) => unitLabel(u, lang)) },
    series: groups.map((group) => ({
      type: 'bar' as const,
      stack: 'score',
      name: group.name,
      data: units.map((u) => (u.assessed ? (u.groups.find((g) => g.group === group.group)?.points ?? null) : null)),
    })),
  };
}
