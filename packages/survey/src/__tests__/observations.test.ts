import { assess, type Observation, ObservationSchema, parsePlan } from '@kepu/core';
import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
import { describe, expect, it } from 'vitest';
import { generateDemoSurvey } from '../demo.js';
import { createDesign } from '../design.js';
import { isSurveyError } from '../errors.js';
import { estimateProportion } from '../estimate.js';
import { estimateByGroup } from '../estimate-by-group.js';
import { toObservations, toObservedEstimate } from '../observations.js';

const townships = zhengningPlan.orgUnits.filter((u) => u.kind === 'township');
const demo = generateDemoSurvey({ seed: 11, year: 2024, units: townships, size: 2000 });
const township = demo.respondents.map((r) => r.township);

function round(options: Partial<Parameters<typeof toObservations>[0]> = {}) {
  return toObservations({
    design: demo.design,
    literate: demo.literate,
    period: 2024,
    target: 'literacy-rate-2025',
    plan: zhengningPlan,
    by: township,
    ...options,
  });
}

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isSurveyError(error)) return error;
    throw error;
  }
  throw new Error('expected a SurveyError');
}

describe('toObservations', () => {
  it('makes a county observation whose numerator/denominator × 100 is exactly the weighted estimate', () => {
    const { observations, county } = round();
    const first = observations[0]!;
    expect(first.unit).toBeUndefined();
    expect(first.target).toBe('literacy-rate-2025');
    expect(first.period).toBe(2024);
    expect(county).toEqual(estimateProportion(demo.design, demo.literate, { column: 'literate' }));
    expect(first.numerator! / first.denominator!).toBe(county.point);
    expect(first.denominator).toBeCloseTo(county.weightSum, 6);
    expect(first.estimate).toEqual({
      low: county.ci.lower * 100,
      high: county.ci.upper * 100,
      level: 0.95,
      method: 'logit',
      standardError: county.se * 100,
      effectiveN: county.nEffective,
      flags: [],
      suppressed: false,
    });
  });

  it('emits a township observation only where the estimate is publishable, mapped to unit ids through the plan', () => {
    const { observations, units } = round();
    const byGroup = estimateByGroup(demo.design, demo.literate, township, { statistic: 'proportion' });
    expect(units.map((u) => u.group)).toEqual(byGroup.map((g) => g.group));
    expect(units.map((u) => u.estimate.point)).toEqual(byGroup.map((g) => g.point));
    expect(new Set(units.map((u) => u.unit))).toEqual(new Set(townships.map((t) => t.id)));
    const published = units.filter((u) => !u.estimate.suppressed);
    const withheld = units.filter((u) => u.estimate.suppressed);
    // The demo is meant to show both cases.
    expect(published.length).toBeGreaterThan(0);
    expect(withheld.length).toBeGreaterThan(0);
    expect(units.every((u) => u.observed === !u.estimate.suppressed)).toBe(true);
    const unitObservations = observations.slice(1);
    expect(unitObservations.map((o) => o.unit)).toEqual(published.map((u) => u.unit).sort());
    for (const o of unitObservations) {
      const u = units.find((x) => x.unit === o.unit)!;
      expect(o.numerator! / o.denominator!).toBe(u.estimate.point);
      expect(o.estimate?.suppressed).toBe(false);
      expect(o.estimate?.flags).toEqual(u.estimate.flags.map((f) => f.message.zh));
    }
  });

  it('gives township weighted counts that add up to the county’s (rates aggregate from numerators and denominators)', () => {
    const { observations } = round({ includeSuppressed: true });
    const [county, ...rest] = observations;
    expect(rest).toHaveLength(10);
    const sum = (key: 'numerator' | 'denominator') => rest.reduce((s, o) => s + o[key]!, 0);
    expect(sum('numerator')).toBeCloseTo(county!.numerator!, 6);
    expect(sum('denominator')).toBeCloseTo(county!.denominator!, 6);
    expect(rest.some((o) => o.estimate?.suppressed === true)).toBe(true);
  });

  it('produces observations that core’s ObservationSchema accepts unchanged', () => {
    for (const lang of ['zh', 'en'] as const) {
      const { observations } = round({ includeSuppressed: true, lang, date: '2024-10-31' });
      for (const o of observations) expect(ObservationSchema.parse(o)).toEqual(o);
    }
  });

  it('feeds the assessment: the literacy-rate target is evaluated at the survey’s weighted rate', () => {
    const { observations, county } = round();
    const card = assess(zhengningPlan, zhengningScheme, { observations }, { period: 2024 });
    const evaluation = card.targets.find((t) => t.target === 'literacy-rate-2025')!;
    expect(evaluation.value).toBeCloseTo(county.point * 100, 10);
    expect(evaluation.numerator).toBeCloseTo(observations[0]!.numerator!, 6);
  });

  it('is generic: another target id, a unit table or function, no plan, and the indicator instead of a target', () => {
    const ids = Object.fromEntries(townships.map((t) => [t.name, `t-${t.id}`]));
    const table = toObservations({
      design: demo.design,
      literate: demo.literate,
      period: 2024,
      target: 'another-rate',
      by: township,
      unitOf: ids,
      includeSuppressed: true,
    });
    expect(table.observations.slice(1).map((o) => o.unit)).toEqual(Object.values(ids).sort());
    expect(table.observations.every((o) => o.target === 'another-rate')).toBe(true);
    const fn = toObservations({
      design: demo.design,
      literate: demo.literate,
      period: 2024,
      indicator: 'literacy-rate',
      by: township,
      unitOf: (name) => ids[name],
      scale: 1000,
    });
    expect(fn.observations[0]!.indicator).toBe('literacy-rate');
    expect(fn.observations[0]!.target).toBeUndefined();
    expect(fn.observations[0]!.estimate!.low).toBeCloseTo(fn.county.ci.lower * 1000, 9);
    // Labels that are valid ids are used as they are.
    const plainIds = demo.respondents.map((r) => townships.find((t) => t.name === r.township)!.id);
    const plain = toObservations({
      design: demo.design,
      literate: demo.literate,
      period: 2024,
      target: 'x',
      by: plainIds,
    });
    expect(plain.units.map((u) => u.unit)).toEqual(plain.units.map((u) => u.group));
  });

  it('resolves aliases through the plan (周家乡 is 周家镇)', () => {
    const aliased = township.map((t) => (t === '周家镇' ? '周家乡' : t));
    const { units } = round({ by: aliased });
    expect(units.find((u) => u.group === '周家乡')?.unit).toBe('zhoujia');
  });

  it('refuses a township it cannot place, two labels of one unit, an unknown or non-rate target', () => {
    const unknown = thrown(() => round({ by: township.map((t, i) => (i === 0 ? '不存在镇' : t)) }));
    expect(unknown.code).toBe('unknown-unit');
    expect(unknown.messageZh).toContain('不存在镇');
    expect(unknown.messageZh).toContain('山河镇');
    const twice = thrown(() => round({ by: township.map((t, i) => (t === '周家镇' && i % 2 === 0 ? '周家乡' : t)) }));
    expect(twice.code).toBe('invalid-option');
    expect(twice.message).toContain('zhoujia');
    expect(thrown(() => round({ target: 'no-such-target' })).code).toBe('unknown-target');
    expect(thrown(() => round({ target: 'imbalance-improved' })).message).toContain('judgement');
    expect(thrown(() => round({ target: undefined })).code).toBe('invalid-option');
  });

  it('takes the scale from the plan’s indicator', () => {
    const perMille = parsePlan({
      ...zhengningPlan,
      indicators: zhengningPlan.indicators.map((i) =>
        i.id === 'literacy-rate' ? { ...i, rate: { ...i.rate!, scale: 1000 } } : i,
      ),
    });
    const { observations, county } = round({ plan: perMille, by: undefined });
    expect(observations).toHaveLength(1);
    expect(observations[0]!.estimate!.high).toBeCloseTo(county.ci.upper * 1000, 9);
  });

  it('gives the estimate exactly the shape of core’s observation estimate (and so of the evaluation field)', () => {
    const shape: NonNullable<Observation['estimate']> = toObservedEstimate(round().county);
    expect(Object.keys(shape).sort()).toEqual(
      ['effectiveN', 'flags', 'high', 'level', 'low', 'method', 'standardError', 'suppressed'].sort(),
    );
  });

  it('keeps a 0 % township as a value with an interval, flagged, not as missing', () => {
    const design = createDesign({
      weights: [1, 1, 1, 1, 2, 2, 2, 2],
      strata: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'],
      psu: ['1', '2', '3', '4', '5', '6', '7', '8'],
    });
    const literate = [0, 0, 0, 0, 1, 0, 1, 0];
    const { units } = toObservations({
      design,
      literate,
      period: 2023,
      target: 'rate',
      by: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'],
      includeSuppressed: true,
    });
    const zero = toObservedEstimate(units[0]!.estimate);
    expect(units[0]!.estimate.point).toBe(0);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeGreaterThan(0);
    expect(zero.method).toBe('beta (logit undefined at the boundary)');
    expect(zero.suppressed).toBe(true);
  });
});
