// One regression test per lesson of DOMAIN.md: bugs and requests seen in systems that do
// similar jobs. Each test names the project and issue it comes from.
import { describe, expect, it } from 'vitest';
import {
  type AssessmentSchemeInput,
  assess,
  computeAttainment,
  isKepuError,
  type Observation,
  statusFromRatio,
  type UnitScore,
} from '../../index.js';
import { BANDS, fixturePlan, fixtureSchemeInput, nonFiniteNumbers, review } from './fixtures.js';

const unitOf = (card: ReturnType<typeof assess>, id: string): UnitScore =>
  card.sheets.flatMap((s) => s.units).find((u) => u.unit === id) as UnitScore;

describe('lessons from similar systems', () => {
  it('DHIS2 scorecard: a value of 0 is shown as 0, not as "no data"', () => {
    const card = assess(
      fixturePlan,
      fixtureSchemeInput,
      { observations: [{ indicator: 'items', period: 2024, value: 0 }] },
      { period: 2024 },
    );
    const items = card.targets.find((t) => t.target === 'items-yearly');
    expect(items).toMatchObject({ value: 0, attainment: 0 });
    expect(items?.status).not.toBe('no-data');
    const none = card.targets.find((t) => t.target === 'classes-range');
    expect(none).toMatchObject({ value: null, attainment: null, status: 'no-data' });
  });

  it('mySociety #650: a unit nobody marked is not given full marks (nor zero): it is not assessed', () => {
    const card = assess(
      fixturePlan,
      fixtureSchemeInput,
      { reviews: [review('town-work', 'town-x', 5, 10)] },
      { period: 2024 },
    );
    const silent = unitOf(card, 'town-z');
    expect(silent).toMatchObject({ assessed: false, score: null, grade: null, rank: null });
    expect(silent.items.every((i) => i.status === 'not-assessed' && i.points === null)).toBe(true);
  });

  it('a 100% cap written with max instead of min: the bonus never exceeds its cap, the score never exceeds 100', () => {
    const inputs = {
      reviews: [review('dept-organisation', 'dept-b', 20, 20), review('dept-safeguards', 'dept-b', 30, 30)],
      observations: [
        { indicator: 'bases', category: { level: 'city' }, period: 2024, value: 3 } as Observation,
        { indicator: 'items', period: 2024, value: 500 } as Observation,
      ],
      awards: [{ unit: 'dept-b', award: 'provincial', period: 2024, count: 4 }],
    };
    const b = unitOf(assess(fixturePlan, fixtureSchemeInput, inputs, { period: 2024 }), 'dept-b');
    expect(b.bonus).toMatchObject({ raw: 12, cap: 5, points: 5 });
    expect(b.score).toBe(100);
    expect(b.breakdown.find((l) => l.kind === 'bounds')?.points).toBe(-5);
  });

  it('Akvo RSR #2830: a target of 0 does not crash the report', () => {
    const card = assess(
      fixturePlan,
      fixtureSchemeInput,
      {
        observations: [
          { indicator: 'incidents', period: 2023, value: 2 },
          { indicator: 'incidents', period: 2024, value: 1 },
        ],
      },
      { period: 2024 },
    );
    const zero = card.targets.find((t) => t.target === 'no-incidents');
    expect(zero?.attainment).toBeCloseTo(0.75, 12);
    expect(nonFiniteNumbers(card)).toEqual([]);
    expect(computeAttainment({ op: 'gte', value: 0, word: '' }, 0, 0).attainment).toBe(1);
  });

  it('Oslo okr-tracker #879: a zero total weight is a typed error, not a division by zero', () => {
    const scheme = structuredClone(fixtureSchemeInput) as AssessmentSchemeInput;
    for (const g of scheme.sheets[1]?.groups ?? []) for (const i of g.items) i.points = 0;
    try {
      assess(fixturePlan, scheme, {}, { period: 2024 });
      expect.unreachable();
    } catch (error) {
      expect(isKepuError(error) && error.code).toBe('zero-total-weight');
    }
  });

  it('mySociety #597: a percentage penalty is taken on the item’s full points, not the total or the earned score', () => {
    const inputs = {
      reviews: [review('dept-organisation', 'dept-a', 20, 20), review('dept-safeguards', 'dept-a', 15, 30)],
      deductions: [{ unit: 'dept-a', deduction: 'missing-statistics', period: 2024 }],
    };
    const a = unitOf(assess(fixturePlan, fixtureSchemeInput, inputs, { period: 2024 }), 'dept-a');
    // 10% of the 30-point safeguards item = 3; not 10 (10% of 100), not 1.5 (10% of the 15 earned).
    expect(a.deductions.lines).toEqual([expect.objectContaining({ deduction: 'missing-statistics', points: 3 })]);
  });

  it('Decidim #500/#750: a group’s score weighs its items by points, not by count', () => {
    const scheme = structuredClone(fixtureSchemeInput) as AssessmentSchemeInput;
    const sheet = scheme.sheets[1];
    if (sheet)
      sheet.groups = [
        {
          id: 'all',
          name: '全部',
          items: [
            { id: 'small', name: '小项', points: 10, rule: 'reviewer' },
            { id: 'large', name: '大项', points: 40, rule: 'reviewer' },
          ],
        },
      ];
    const card = assess(
      fixturePlan,
      scheme,
      { reviews: [review('small', 'town-x', 1, 1), review('large', 'town-x', 0, 1)] },
      { period: 2024 },
    );
    const x = unitOf(card, 'town-x');
    expect(x.score).toBe(20); // (10 × 1 + 40 × 0) / 50, not the mean of 100% and 0%
    expect(x.groups[0]).toMatchObject({ points: 20, maxPoints: 100 });
  });

  it('Akvo #2446: rates aggregate from numerators and denominators, never by averaging percentages', () => {
    const card = assess(
      fixturePlan,
      fixtureSchemeInput,
      {
        observations: [
          { indicator: 'literacy', period: 2024, unit: 'town-x', numerator: 1, denominator: 10 },
          { indicator: 'literacy', period: 2024, unit: 'town-y', numerator: 90, denominator: 100 },
        ],
      },
      { period: 2024 },
    );
    const rate = card.targets.find((t) => t.target === 'literacy-2025');
    expect(rate?.value).toBeCloseTo((91 / 110) * 100, 12);
    expect(rate?.value).not.toBeCloseTo(50, 1);
  });

  it('Akvo #1957: progress is measured from the baseline, not from zero', () => {
    const card = assess(
      fixturePlan,
      fixtureSchemeInput,
      { observations: [{ indicator: 'literacy', period: 2024, numerator: 99, denominator: 1000 }] },
      { period: 2024 },
    );
    const rate = card.targets.find((t) => t.target === 'literacy-2025');
    expect(rate?.attainment).toBeCloseTo(0.5, 12); // (9.9 − 7.8) / (12 − 7.8); from zero it would be 0.825
    expect(rate?.explanations.attainment?.formula).toContain('7.8');
  });

  it('Open SDG: observed/required growth ≥ 0.95 on track, ≥ 0.6 needs acceleration, ≥ 0 limited, < 0 deteriorating — configurable', () => {
    expect([0.95, 0.94, 0.6, 0.59, 0, -0.01].map((r) => statusFromRatio(r))).toEqual([
      'on-track',
      'needs-acceleration',
      'needs-acceleration',
      'limited-progress',
      'limited-progress',
      'deteriorating',
    ]);
    const inputs = {
      observations: [{ indicator: 'literacy', period: 2024, numerator: 105, denominator: 1000 } as Observation],
    };
    // ratio = ((10.5 − 7.8) / 4) / ((12 − 7.8) / 5) ≈ 0.804
    expect(assess(fixturePlan, fixtureSchemeInput, inputs, { period: 2024 }).targets[0]?.status).toBe(
      'needs-acceleration',
    );
    expect(
      assess(fixturePlan, fixtureSchemeInput, inputs, { period: 2024, thresholds: { onTrack: 0.8 } }).targets[0]
        ?.status,
    ).toBe('on-track');
  });

  it('Akvo #2185: nobody approves their own report (a unit cannot review its own work)', () => {
    try {
      assess(
        fixturePlan,
        fixtureSchemeInput,
        { reviews: [{ ...review('town-work', 'town-x', 10, 10), reviewer: { unit: 'town-x' } }] },
        { period: 2024 },
      );
      expect.unreachable();
    } catch (error) {
      expect(isKepuError(error) && error.code).toBe('self-review');
    }
  });

  it('decidim-barcelona #191: a score can be recomputed by hand from its published explanation', () => {
    const card = assess(
      fixturePlan,
      fixtureSchemeInput,
      {
        reviews: [review('dept-organisation', 'dept-a', 15, 20), review('dept-safeguards', 'dept-a', 24, 30)],
        observations: [{ indicator: 'literacy', period: 2024, numerator: 99, denominator: 1000 }],
      },
      { period: 2024 },
    );
    const a = unitOf(card, 'dept-a');
    for (const item of a.items) {
      if (item.fraction === null) continue;
      expect(item.points).toBeCloseTo(item.fraction * item.maxPoints, 4);
      expect(item.explanation.formula).toContain(String(item.points));
    }
    expect(a.breakdown.reduce((s, l) => s + l.points, 0)).toBeCloseTo(a.score as number, 9);
    expect(a.explanations.score.inputs).toMatchObject({ items: a.score, bonus: 0, deductions: 0 });
  });

  it('bands that leave a gap are refused before any unit could fall into it', () => {
    const scheme = structuredClone(fixtureSchemeInput) as AssessmentSchemeInput;
    if (scheme.sheets[0]) scheme.sheets[0].grades = [BANDS[0], BANDS[2], BANDS[3]] as never;
    try {
      assess(fixturePlan, scheme, {}, { period: 2024 });
      expect.unreachable();
    } catch (error) {
      expect(isKepuError(error) && error.code).toBe('grade-band-gap');
    }
  });
});
