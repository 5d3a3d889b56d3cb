import { type AssessmentSchemeInput, assess, type Scorecard } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import {
  gradeColours,
  gradeDistributionOption,
  groupComparisonOption,
  KepuChartError,
  rankingOption,
  responsibilityHeatmapOption,
  targetTrajectoryOption,
} from '../index.js';

const scheme: AssessmentSchemeInput = {
  schemaVersion: 1,
  id: 'chart-test',
  name: '测试方案',
  version: '1',
  plan: zhengningPlan.id,
  sheets: [
    {
      id: 'departments',
      name: '成员单位',
      nameEn: 'Member units',
      members: { orgUnitKinds: ['party-department', 'government-department', 'mass-organisation'] },
      groups: [
        {
          id: 'results',
          name: '工作成效',
          items: [
            {
              id: 'led',
              name: '牵头任务',
              points: 100,
              rule: 'proportional',
              sources: [{ kind: 'tasks', roles: ['lead'] }],
            },
          ],
        },
      ],
      grades: [
        { id: 'excellent', name: '优秀', nameEn: 'Excellent', min: 90, max: 100 },
        { id: 'good', name: '良好', nameEn: 'Good', min: 80, max: 90 },
        { id: 'pass', name: '合格', nameEn: 'Pass', min: 60, max: 80 },
        { id: 'fail', name: '不合格', nameEn: 'Fail', min: 0, max: 60 },
      ],
    },
  ],
};

// Literacy observed in 2022 and 2024 only: 2023 is missing and must show as a gap, never as 0.
const scorecard: Scorecard = assess(
  zhengningPlan,
  scheme,
  {
    observations: [
      { target: 'literacy-rate-2025', period: 2022, numerator: 258, denominator: 3000 },
      { target: 'literacy-rate-2025', period: 2024, numerator: 312, denominator: 3000 },
      { indicator: 'science-bases-created', category: { level: 'county' }, period: 2023, value: 2 },
      { indicator: 'science-bases-created', category: { level: 'county' }, period: 2024, value: 1 },
      { target: 'science-classes-grades-3-6', period: 2024, value: 2.5 },
      { target: 'science-china-dissemination-growth', period: 2022, value: 150000 },
      { target: 'science-china-dissemination-growth', period: 2023, value: 180000 },
      { target: 'science-china-dissemination-growth', period: 2024, value: 210000 },
    ],
  },
  { period: 2024 },
);

function svg(option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 500 });
  chart.setOption(option);
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

function finiteEverywhere(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(finiteEverywhere);
  if (value && typeof value === 'object') return Object.values(value).every(finiteEverywhere);
  return true;
}

const evaluation = (id: string) => {
  const found = scorecard.targets.find((t) => t.target === id);
  if (!found) throw new Error(`no evaluation for ${id}`);
  return found;
};

describe('targetTrajectoryOption', () => {
  it('draws observed values with a gap for the missing year, the expected path, goal, deadline and forecast', () => {
    const option = targetTrajectoryOption(zhengningPlan, evaluation('literacy-rate-2025'));
    const series = option.series as Array<{ name: string; data: Array<[number, number | null]> }>;
    const observed = series[0]!.data;
    expect(observed).toContainEqual([2020, 7.8]);
    expect(observed).toContainEqual([2021, null]);
    expect(observed).toContainEqual([2023, null]);
    expect(observed).toContainEqual([2024, 10.4]);
    const expected = series.find((s) => s.name === '应达路径')!.data;
    expect(expected[0]).toEqual([2020, 7.8]);
    expect(expected.at(-1)).toEqual([2025, 12]);
    expect(series.some((s) => s.name === '预测')).toBe(true);
    expect(finiteEverywhere(option)).toBe(true);
    const out = svg(option);
    expect(out).toContain('<svg');
    expect(out).toContain('实际值');
  });

  it('plots a cumulative target as its running total from zero', () => {
    const series = targetTrajectoryOption(zhengningPlan, evaluation('science-bases-county')).series as Array<{
      data: Array<[number, number | null]>;
    }>;
    expect(series[0]!.data).toEqual([
      [2022, 0],
      [2023, 2],
      [2024, 3],
    ]);
  });

  it('labels years without a thousands separator', () => {
    const option = targetTrajectoryOption(zhengningPlan, evaluation('literacy-rate-2025'));
    const formatter = (option.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    expect(formatter(2020)).toBe('2020');
    expect(svg(option)).not.toContain('2,020');
  });

  it('draws no goal line or forecast on the level axis for a growth target (they are rates)', () => {
    const option = targetTrajectoryOption(zhengningPlan, evaluation('science-china-dissemination-growth'));
    expect(evaluation('science-china-dissemination-growth').forecast).not.toBeNull();
    const series = option.series as Array<{ name: string; markLine?: { data: Array<{ yAxis?: number }> } }>;
    expect(series[0]?.name).toBe('实际值');
    expect(series.some((s) => s.name === '预测')).toBe(false);
    expect(series[0]?.markLine?.data.some((d) => d.yAxis !== undefined)).toBe(false);
  });

  it('draws a goal band for a range target and says so for a qualitative one', () => {
    // The Zhengning plan reads its 2 至 3 节 as a floor; a plan with an inclusive span has a band.
    const withRange = {
      ...zhengningPlan,
      targets: zhengningPlan.targets.map((t) =>
        t.id === 'science-classes-grades-3-6' && t.kind === 'quantitative'
          ? { ...t, comparator: { op: 'range' as const, min: 2, max: 3, word: '2 至 3 节' } }
          : t,
      ),
    };
    const range = targetTrajectoryOption(withRange, evaluation('science-classes-grades-3-6'));
    expect(JSON.stringify(range)).toContain('markArea');
    const qualitative = targetTrajectoryOption(zhengningPlan, evaluation('imbalance-improved'), { lang: 'en' });
    expect(JSON.stringify(qualitative.graphic)).toContain('Qualitative target');
    expect(svg(qualitative)).toContain('Qualitative target');
  });
});

describe('rankingOption and gradeDistributionOption', () => {
  it('ranks best on top, colours by grade, and keeps a unit without data visible with no bar', () => {
    const option = rankingOption(scorecard, { sheet: 'departments', scheme: scheme as never });
    const categories = (option.yAxis as { data: string[] }).data;
    const sheet = scorecard.sheets[0]!;
    expect(categories.at(-1)).toBe(sheet.units[0]!.name);
    const unscored = sheet.units.filter((u) => u.score === null).map((u) => `${u.name} (未评估)`);
    expect(categories).toEqual(expect.arrayContaining(unscored));
    const bars = (option.series as Array<{ data: Array<{ value: number | null; label: { formatter: string } }> }>)[0]!
      .data;
    const missing = bars.filter((b) => b.value === null);
    expect(missing.length).toBe(sheet.units.filter((u) => u.score === null).length);
    expect(missing.length).toBeGreaterThan(0);
    for (const bar of missing) expect(bar.label.formatter).toBe('未评估');
    expect(bars.every((b) => b.value === null || b.value >= 0)).toBe(true);
    expect(svg(option)).toContain('未评估');
  });

  it('counts units per grade, best first, with not-assessed units in their own bar', () => {
    const option = gradeDistributionOption(scorecard, { scheme: scheme as never, lang: 'en' });
    expect((option.xAxis as { data: string[] }).data).toEqual(['Excellent', 'Good', 'Pass', 'Fail', 'Not assessed']);
    const values = (option.series as Array<{ data: Array<{ value: number }> }>)[0]!.data.map((d) => d.value);
    expect(values.reduce((a, b) => a + b, 0)).toBe(scorecard.sheets[0]!.units.length);
  });

  it('labels the top-grade cap line （默认） only when the cap is Kepu’s default', () => {
    const capped = (origin: 'default' | 'county') =>
      assess(
        zhengningPlan,
        {
          ...scheme,
          sheets: scheme.sheets.map((sheet) => ({ ...sheet, topGradeCap: { share: 0.3 }, origin })),
        },
        {},
        { period: 2024 },
      );
    const capName = (card: Scorecard) =>
      (
        gradeDistributionOption(card, { scheme: scheme as never }).series as Array<{
          markLine?: { data: Array<{ name?: string }> };
        }>
      )[0]?.markLine?.data[0]?.name;
    expect(capName(capped('default'))).toBe('优秀名额上限（默认）');
    expect(capName(capped('county'))).toBe('优秀名额上限');
  });

  it('stacks group points per unit and leaves unassessed units empty', () => {
    const option = groupComparisonOption(scorecard);
    const series = option.series as Array<{ data: Array<number | null> }>;
    expect(series).toHaveLength(1);
    expect(series[0]!.data).toContain(null);
    expect(finiteEverywhere(option)).toBe(true);
  });

  it('an unknown sheet is a typed error that lists the sheets there are', () => {
    try {
      rankingOption(scorecard, { sheet: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect(KepuChartError.is(error)).toBe(true);
      expect((error as KepuChartError).messageZh).toContain('departments');
    }
  });
});

describe('responsibilityHeatmapOption', () => {
  it('has a cell per unit and task, leads as 3, named partners 2, group partners 1', () => {
    const option = responsibilityHeatmapOption(zhengningPlan);
    const x = (option.xAxis as { data: string[] }).data;
    const y = (option.yAxis as { data: string[] }).data;
    expect(x).toHaveLength(33);
    const data = (option.series as Array<{ data: Array<[number, number, number]> }>)[0]!.data;
    expect(data).toHaveLength(x.length * y.length);
    const cell = (unit: string, code: string) => data.find(([c, r]) => x[c] === code && y[r] === unit)?.[2];
    expect(cell('县教育局', '三（一）1')).toBe(3);
    expect(cell('县教育局', '四（五）3')).toBe(1);
    expect(svg(option)).toContain('牵头');
  });
});

describe('palette', () => {
  it('keeps the top grade blue and the lowest vermillion for any number of bands', () => {
    for (let n = 2; n <= 8; n++) {
      const colours = gradeColours(n);
      expect(colours).toHaveLength(n);
      expect(colours[0]).toBe('#0072B2');
      expect(colours.at(-1)).toBe('#D55E00');
    }
  });
});
