import { type PlanInput, parsePlan } from '@kepu/core';
import { zhengningPlan, zhengningPlanInput, zhengningScheme } from '@kepu/plan-zhengning';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentSchemeArbitrary, gradeBandsArbitrary, scoringLaws } from '../index.js';
import { validPlanArbitrary } from '../plan-arbitraries.js';

// The Zhengning plan has no at-most target; this variant adds one (no pseudo-science incidents,
// from a baseline of 4) so the "lowering an at-most observation" half of monotonicity is exercised.
function zhengningWithAtMostTarget() {
  const input = structuredClone(zhengningPlanInput) as PlanInput & { indicators: unknown[]; targets: unknown[] };
  input.indicators.push({
    id: 'pseudo-science-incidents',
    name: '伪科学传播事件数',
    unit: '起',
    valueType: 'number',
    temporal: 'flow',
    source: 'report',
  });
  input.targets.push({
    kind: 'quantitative',
    id: 'no-pseudo-science',
    title: '不发生伪科学传播事件',
    indicator: 'pseudo-science-incidents',
    links: ['4.4.1'],
    baseline: { value: 4, year: 2021 },
    comparator: { op: 'lte', value: 0, word: '不发生' },
    cadence: 'every-year',
    deadline: { year: 2025 },
  });
  return parsePlan(input);
}

describe('scoring laws on the Zhengning default scheme', () => {
  for (const law of scoringLaws({ plan: zhengningPlan, scheme: zhengningScheme, period: 2024 })) {
    it(law.name, () => law.check({ numRuns: 25, seed: 20240 }));
  }
});

describe('scoring laws on generated schemes for the Zhengning plan (with an at-most target)', () => {
  const plan = zhengningWithAtMostTarget();
  const schemes = fc.sample(assessmentSchemeArbitrary(plan), { numRuns: 4, seed: 7 });
  schemes.forEach((scheme, k) => {
    for (const law of scoringLaws({ plan, scheme, period: 2023 })) {
      it(`scheme #${k}: ${law.name}`, () => law.check({ numRuns: 12, seed: 100 + k }));
    }
  });
});

describe('scoring laws on generated plans and generated schemes', () => {
  const pairs = fc.sample(
    validPlanArbitrary
      .map((input) => parsePlan(input))
      .chain((plan) => assessmentSchemeArbitrary(plan).map((scheme) => ({ plan, scheme }))),
    { numRuns: 4, seed: 11 },
  );
  pairs.forEach(({ plan, scheme }, k) => {
    for (const law of scoringLaws({ plan, scheme })) {
      it(`plan #${k}: ${law.name}`, () => law.check({ numRuns: 10, seed: 200 + k }));
    }
  });
});

describe('arbitraries used by the laws', () => {
  it('gradeBandsArbitrary only yields bands that partition the scale', () => {
    fc.assert(
      fc.property(gradeBandsArbitrary(100), (bands) => {
        const sorted = [...bands].sort((a, b) => a.min - b.min);
        expect(sorted[0]?.min).toBe(0);
        expect(sorted.at(-1)?.max).toBe(100);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i]?.min).toBe(sorted[i - 1]?.max);
      }),
    );
  });
});
