import { type AssessmentInputsInput, type PlanInput, parsePlan } from '@kepu/core';
import { zhengningPlan, zhengningPlanInput, zhengningScheme } from '@kepu/plan-zhengning';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentInputsArbitrary, assessmentSchemeArbitrary, gradeBandsArbitrary, scoringLaws } from '../index.js';
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
  const lawsOf = pairs.map(({ plan, scheme }) => scoringLaws({ plan, scheme }));
  lawsOf.forEach((laws, k) => {
    // A random plan may give a law nothing to test (no at-most target, no sheet to cap): such a
    // law is not run on it, and the test below makes sure every law runs on some plan.
    for (const law of laws.filter((l) => l.inapplicable === undefined)) {
      it(`plan #${k}: ${law.name}`, () => law.check({ numRuns: 10, seed: 200 + k }));
    }
  });
  it('every law applies to at least one generated plan, and an inapplicable one refuses to pass', () => {
    const names = lawsOf[0]?.map((l) => l.name) ?? [];
    for (const name of names) {
      expect(
        lawsOf.some((laws) => laws.find((l) => l.name === name)?.inapplicable === undefined),
        name,
      ).toBe(true);
    }
    const inapplicable = lawsOf.flat().find((l) => l.inapplicable !== undefined);
    if (inapplicable) expect(() => inapplicable.check({ numRuns: 1 })).toThrow(/nothing to test/);
  });
});

describe('law coverage: a law cannot pass on cases that test nothing', () => {
  const VETO = 'a veto always yields the lowest grade';
  const vetoLaw = (inputs: fc.Arbitrary<AssessmentInputsInput>, maxVacuousShare?: number) => {
    const law = scoringLaws({
      plan: zhengningPlan,
      scheme: zhengningScheme,
      period: 2024,
      inputs,
      maxVacuousShare,
    }).find((l) => l.name === VETO);
    if (!law) throw new Error(`no law "${VETO}"`);
    return law;
  };
  // Without any data no unit is assessed, so there is no unit whose grade a veto could lower.
  const empty = fc.constant<AssessmentInputsInput>({});
  const real = assessmentInputsArbitrary(zhengningPlan, zhengningScheme, { period: 2024 });
  const mixed = fc.oneof({ arbitrary: empty, weight: 1 }, { arbitrary: real, weight: 3 });

  it('fails a law whose every generated case is vacuous', () => {
    expect(() => vetoLaw(empty).check({ numRuns: 5, seed: 1 })).toThrow(/pre-condition|vacuous/);
  });
  it('reports the vacuous cases, and fails above the stated share', () => {
    const coverage = vetoLaw(mixed).check({ numRuns: 20, seed: 3 });
    expect(coverage.checked).toBe(20);
    expect(coverage.vacuous).toBeGreaterThan(0);
    expect(coverage.vacuousShare).toBeLessThanOrEqual(0.5);
    expect(() => vetoLaw(mixed, 0).check({ numRuns: 20, seed: 3 })).toThrow(/vacuous in \d+ of \d+ generated cases/);
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
