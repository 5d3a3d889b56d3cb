import { describe, expect, it } from 'vitest';
import {
  type EvaluationContext,
  evaluateTarget,
  indexPlan,
  isKepuError,
  type Observation,
  type Review,
  type Target,
} from '../../index.js';
import { fixturePlan, nonFiniteNumbers } from './fixtures.js';

const index = indexPlan(fixturePlan);
const ctx = (period: number, asOf = `${period}-12-31`): EvaluationContext => ({ period, asOf, planStart: 2022 });
function run(id: string, observations: Observation[], period = 2024, reviews: Review[] = [], asOf?: string) {
  const target = index.targets.get(id) as Target;
  const e = evaluateTarget(target, index.indicators.get(target.indicator), observations, reviews, ctx(period, asOf));
  expect(nonFiniteNumbers(e)).toEqual([]);
  return e;
}
const obs = (o: Partial<Observation> & { period: number }): Observation =>
  ({ indicator: 'literacy', ...o }) as Observation;

describe('by-deadline (literacy rate, a stock rate)', () => {
  it('takes the latest period, rates from summed numerators and denominators', () => {
    const e = run('literacy-2025', [
      obs({ period: 2023, numerator: 290, denominator: 3000 }),
      obs({ period: 2024, numerator: 100, denominator: 1000, unit: 'town-x' }),
      obs({ period: 2024, numerator: 230, denominator: 2000, unit: 'town-y' }),
    ]);
    expect(e.value).toBeCloseTo(11, 12); // 330 / 3000, not the mean of 10% and 11.5%
    expect(e.numerator).toBe(330);
    expect(e.denominator).toBe(3000);
    expect(e.attainment).toBeCloseTo((11 - 7.8) / (12 - 7.8), 12);
    expect(e.expected).toBeCloseTo(7.8 + 4.2 * (4 / 5), 12);
    expect(e.status).toBe('on-track');
    expect(e.forecast?.method).toBe('linear-trend');
  });
  it('prefers a county-wide figure to the sum of units', () => {
    const e = run('literacy-2025', [
      obs({ period: 2024, numerator: 300, denominator: 3000 }),
      obs({ period: 2024, numerator: 999, denominator: 1000, unit: 'town-x' }),
    ]);
    expect(e.value).toBeCloseTo(10, 12);
    expect(e.series[0]?.level).toBe('county');
  });
  it('reports no data, not 0, when nothing was observed', () => {
    const e = run('literacy-2025', []);
    expect(e).toMatchObject({ value: null, attainment: null, status: 'no-data', forecast: null });
  });
  it('edge: a single observation with a plan baseline has a status; the deadline year gives a final forecast', () => {
    const e = run('literacy-2025', [obs({ period: 2025, numerator: 360, denominator: 3000 })], 2025);
    expect(e.status).toBe('achieved');
    expect(e.forecast).toMatchObject({ method: 'final', meets: true });
  });
  it('classifies slow progress as needs-acceleration and a fall below the baseline as deteriorating', () => {
    expect(run('literacy-2025', [obs({ period: 2024, numerator: 300, denominator: 3000 })]).status).toBe(
      'needs-acceleration',
    );
    expect(run('literacy-2025', [obs({ period: 2024, numerator: 210, denominator: 3000 })]).status).toBe(
      'deteriorating',
    );
    expect(run('literacy-2025', [obs({ period: 2024, numerator: 240, denominator: 3000 })]).status).toBe(
      'limited-progress',
    );
  });
  it('leaves out observations after the period and after asOf', () => {
    const e = run(
      'literacy-2025',
      [
        obs({ period: 2024, date: '2024-06-30', numerator: 300, denominator: 3000 }),
        obs({ period: 2024, date: '2024-11-30', numerator: 360, denominator: 3000 }),
      ],
      2024,
      [],
      '2024-09-30',
    );
    expect(e.value).toBeCloseTo(10, 12);
  });
  it('refuses two stock observations of one series on one date (ambiguous)', () => {
    try {
      run('literacy-2025', [
        obs({ period: 2024, numerator: 1, denominator: 2 }),
        obs({ period: 2024, numerator: 1, denominator: 3 }),
      ]);
      expect.unreachable();
    } catch (error) {
      expect(isKepuError(error) && error.code).toBe('duplicate-observation');
    }
  });
});

describe('cumulative-by-deadline (bases by category)', () => {
  const b = (period: number, value: number, level = 'city', extra: Partial<Observation> = {}) =>
    ({ indicator: 'bases', category: { level }, period, value, ...extra }) as Observation;
  it('sums the flows since the start and lists missing years', () => {
    const e = run('bases-city', [b(2022, 1), b(2024, 1)]);
    expect(e.value).toBe(2);
    expect(e.attainment).toBeCloseTo(2 / 3, 12);
    expect(e.missingPeriods).toEqual([2023]);
    expect(e.forecast).toMatchObject({ method: 'average-flow', value: 3, meets: true });
  });
  it('only counts its own category', () => {
    expect(run('bases-city', [b(2023, 1), b(2023, 5, 'county')]).value).toBe(1);
  });
  it('sums units when there is no county-wide figure', () => {
    expect(
      run('bases-city', [b(2023, 1, 'city', { unit: 'town-x' }), b(2023, 1, 'city', { unit: 'town-y' })]).value,
    ).toBe(2);
  });
  it('an observed 0 is a value: attainment 0, not no data', () => {
    const e = run('bases-city', [b(2023, 0)]);
    expect(e.value).toBe(0);
    expect(e.attainment).toBe(0);
    expect(e.status).not.toBe('no-data');
  });
});

describe('every-year (items a year; classes 2–3 a week; no incidents; budget listed)', () => {
  const items = (period: number, value: number, extra: Partial<Observation> = {}) =>
    ({ indicator: 'items', period, value, ...extra }) as Observation;
  it('judges the period alone: an earlier year does not stand in for a missing one', () => {
    const e = run('items-yearly', [items(2023, 500)]);
    expect(e.status).toBe('no-data');
    expect(e.value).toBeNull();
  });
  it('sums monthly flows within the year', () => {
    const e = run('items-yearly', [items(2024, 120, { date: '2024-03-31' }), items(2024, 100, { date: '2024-09-30' })]);
    expect(e.value).toBe(220);
    expect(e.status).toBe('achieved');
  });
  it('counts from zero without a baseline; a year below the goal is not achieved, never a growth ratio', () => {
    const e = run('items-yearly', [items(2023, 100), items(2024, 180)]);
    expect(e.attainment).toBeCloseTo(0.9, 12);
    expect(e.ratio).toBeNull();
    expect(e.expected).toBe(200);
    expect(e.status).toBe('not-achieved');
    expect(e.explanations.status.rule).toBe('status.every-year.not-met');
  });
  it('an every-year obligation is met or not met in each year, whatever the time elapsed', () => {
    const years = [items(2022, 250), items(2023, 150), items(2024, 200)];
    expect([2022, 2023, 2024].map((p) => run('items-yearly', years, p, [], `${p}-06-30`).status)).toEqual([
      'achieved',
      'not-achieved',
      'achieved',
    ]);
  });
  it('edge: a single yearly observation below the target without baseline is not achieved (no trend needed)', () => {
    expect(run('items-yearly', [items(2024, 150)]).status).toBe('not-achieved');
  });
  it('handles ranges from both sides', () => {
    const c = (value: number) => ({ indicator: 'classes', period: 2024, value }) as Observation;
    expect(run('classes-range', [c(2.5)]).status).toBe('achieved');
    expect(run('classes-range', [c(1)]).attainment).toBeCloseTo(0.5, 12);
    expect(run('classes-range', [c(4)]).attainment).toBeCloseTo(0.75, 12);
  });
  it('edge: a target of 0 (no incidents) from a baseline of 4', () => {
    const i = (period: number, value: number) => ({ indicator: 'incidents', period, value }) as Observation;
    expect(run('no-incidents', [i(2024, 0)])).toMatchObject({ attainment: 1, status: 'achieved' });
    expect(run('no-incidents', [i(2024, 1)]).attainment).toBeCloseTo(0.75, 12);
    expect(run('no-incidents', [i(2023, 1), i(2024, 2)]).status).toBe('not-achieved');
  });
  it('takes the minimum across units for a yes/no stock: done only when all did it', () => {
    const u = (unit: string, value: number) => ({ indicator: 'budget', period: 2024, value, unit }) as Observation;
    expect(run('budget-listed', [u('town-x', 1), u('town-y', 0)]).met).toBe(false);
    expect(run('budget-listed', [u('town-x', 1), u('town-y', 1)]).met).toBe(true);
  });
});

describe('year-on-year growth (registrations)', () => {
  const r = (period: number, value: number) => ({ indicator: 'registrations', period, value }) as Observation;
  it('measures growth in percent over the year before', () => {
    const e = run('registrations-growth', [r(2023, 100), r(2024, 120)]);
    expect(e.value).toBeCloseTo(20, 12);
    expect(e.status).toBe('achieved');
  });
  it('no growth is limited progress, a fall is deteriorating', () => {
    expect(run('registrations-growth', [r(2023, 100), r(2024, 100)]).status).toBe('limited-progress');
    expect(run('registrations-growth', [r(2023, 100), r(2024, 90)])).toMatchObject({
      status: 'deteriorating',
      attainment: 0,
    });
  });
  it('edge: without the previous year there is a level but no growth', () => {
    expect(run('registrations-growth', [r(2024, 100)])).toMatchObject({
      value: null,
      status: 'insufficient-data',
      attainment: null,
    });
  });
  it('edge: from 0 to a positive number is growth without a percentage (never Infinity)', () => {
    expect(run('registrations-growth', [r(2023, 0), r(2024, 5)])).toMatchObject({
      value: null,
      met: true,
      attainment: 1,
    });
  });
  it('forecasts with the average growth so far', () => {
    const e = run('registrations-growth', [r(2022, 100), r(2023, 110), r(2024, 100)]);
    expect(e.forecast?.method).toBe('average-growth');
  });
});

describe('qualitative targets (judged by a reviewer with evidence)', () => {
  const rv = (period: number, score: number): Review =>
    ({
      target: 'balance-improved',
      period,
      score,
      outOf: 10,
      reviewer: { unit: 'dept-b' },
      evidence: [{ title: '调查报告', filed: true }],
    }) as Review;
  it('takes the mean of the period’s reviews and compares with the share of time elapsed', () => {
    const e = run('balance-improved', [], 2024, [rv(2024, 6), rv(2024, 8)]);
    expect(e.value).toBeCloseTo(0.7, 12);
    expect(e.expected).toBeCloseTo(0.75, 4);
    expect(e.status).toBe('needs-acceleration');
  });
  it('is deteriorating when the score fell since last period, achieved at full marks', () => {
    expect(run('balance-improved', [], 2024, [rv(2023, 8), rv(2024, 7)]).status).toBe('deteriorating');
    expect(run('balance-improved', [], 2024, [rv(2024, 10)]).status).toBe('achieved');
  });
  it('has no data without a review of the period', () => {
    expect(run('balance-improved', [], 2024, [rv(2023, 8)]).status).toBe('no-data');
  });
  it('an every-year obligation is met or not met each year, never expected in proportion to the time elapsed', () => {
    const byDeadline = index.targets.get('balance-improved') as Target;
    const yearly = { ...byDeadline, cadence: 'every-year' } as Target;
    const judge = (reviews: Review[]) =>
      evaluateTarget(yearly, index.indicators.get(yearly.indicator), [], reviews, ctx(2024));
    expect(judge([rv(2024, 10)])).toMatchObject({ status: 'achieved', expected: 1, cadence: 'every-year' });
    expect(judge([rv(2024, 8)])).toMatchObject({ status: 'not-achieved', expected: 1, ratio: null });
    expect(judge([rv(2023, 10), rv(2024, 10)]).status).toBe('achieved');
  });
  it('in and after the deadline year a target short of full marks is not achieved', () => {
    expect(run('balance-improved', [], 2025, [rv(2025, 9)])).toMatchObject({ status: 'not-achieved', expected: 1 });
    expect(run('balance-improved', [], 2026, [rv(2026, 9)]).status).toBe('not-achieved');
    expect(run('balance-improved', [], 2025, [rv(2025, 10)]).status).toBe('achieved');
  });
});

describe('a miss in the deadline year is a miss', () => {
  it('by-deadline: short of the goal in the deadline year is not achieved, not a question of pace', () => {
    const e = run('literacy-2025', [obs({ period: 2025, numerator: 330, denominator: 3000 })], 2025);
    expect(e).toMatchObject({ met: false, status: 'not-achieved', ratio: null });
    expect(e.explanations.status.rule).toBe('status.deadline.not-met');
    expect(e.forecast).toMatchObject({ method: 'final', meets: false });
  });
  it('by-deadline: after the deadline year too', () => {
    expect(run('literacy-2025', [obs({ period: 2026, numerator: 330, denominator: 3000 })], 2026).status).toBe(
      'not-achieved',
    );
  });
  it('cumulative: 2 of 3 bases by the deadline year is not achieved; before it the pace is judged', () => {
    const b = (period: number, value: number) =>
      ({ indicator: 'bases', category: { level: 'city' }, period, value }) as Observation;
    const bases = [b(2022, 1), b(2024, 1)];
    expect(run('bases-city', bases, 2025)).toMatchObject({ value: 2, met: false, status: 'not-achieved' });
    expect(run('bases-city', bases, 2024).status).not.toBe('not-achieved');
    expect(run('bases-city', [...bases, b(2025, 1)], 2025).status).toBe('achieved');
  });
});

describe('a bounded quantity is forecast within its bounds', () => {
  it('a share rising steeply is forecast at 100%, never above, and the explanation says so', () => {
    const e = run(
      'literacy-2025',
      [
        obs({ period: 2022, numerator: 300, denominator: 1000 }),
        obs({ period: 2023, numerator: 600, denominator: 1000 }),
        obs({ period: 2024, numerator: 900, denominator: 1000 }),
      ],
      2024,
    );
    expect(e.forecast).toMatchObject({ value: 100, meets: true, method: 'linear-trend' });
    expect(e.explanations.forecast?.rule).toBe('forecast.linear-trend.bounded');
    expect(e.explanations.forecast?.inputs.trend).toBeGreaterThan(100);
  });
  it('a share falling steeply is forecast at 0, never below', () => {
    const literacy = index.targets.get('literacy-2025') as Target;
    const noBaseline = { ...literacy, baseline: undefined } as Target;
    const e = evaluateTarget(
      noBaseline,
      index.indicators.get(literacy.indicator),
      [
        obs({ period: 2023, numerator: 200, denominator: 1000 }),
        obs({ period: 2024, numerator: 20, denominator: 1000 }),
      ],
      [],
      ctx(2024),
    );
    expect(e.forecast?.value).toBe(0);
  });
  it('a yes/no value is forecast within [0, 1]', () => {
    const b = (period: number, value: number) => ({ indicator: 'budget', period, value }) as Observation;
    const e = run('budget-listed', [b(2022, 0), b(2023, 0), b(2024, 1)], 2024);
    expect(e.forecast?.value).toBe(1);
  });
  it('a count has no upper bound: its trend is kept as it is', () => {
    const i = (period: number, value: number) => ({ indicator: 'items', period, value }) as Observation;
    expect(run('items-yearly', [i(2023, 100), i(2024, 200)], 2024).forecast?.value).toBeCloseTo(300, 9);
  });
});
