import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_RULES_VERSION,
  type AssessmentInputsInput,
  type AssessmentSchemeInput,
  assess,
  isKepuError,
  type Scorecard,
  type UnitScore,
} from '../../index.js';
import { fixturePlan, fixtureSchemeInput, nonFiniteNumbers, review } from './fixtures.js';

const base: AssessmentInputsInput = {
  observations: [
    { id: 'o1', indicator: 'literacy', period: 2023, numerator: 290, denominator: 3000 },
    { id: 'o2', indicator: 'literacy', period: 2024, numerator: 330, denominator: 3000 },
    { id: 'o3', indicator: 'bases', category: { level: 'city' }, period: 2023, value: 1 },
    { id: 'o4', indicator: 'items', period: 2024, value: 150, unit: 'town-x' },
    { id: 'o5', indicator: 'items', period: 2024, value: 70, unit: 'town-y' },
    { id: 'o6', indicator: 'registrations', period: 2023, value: 100, unit: 'town-x' },
    { id: 'o7', indicator: 'registrations', period: 2024, value: 120, unit: 'town-x' },
    { id: 'o8', indicator: 'registrations', period: 2023, value: 100, unit: 'town-y' },
    { id: 'o9', indicator: 'registrations', period: 2024, value: 90, unit: 'town-y' },
    { id: 'o10', indicator: 'classes', period: 2024, value: 2 },
    { id: 'o11', indicator: 'incidents', period: 2024, value: 0 },
    { id: 'o12', indicator: 'budget', period: 2024, value: 1 },
  ],
  reviews: [
    review('dept-organisation', 'dept-a', 18, 20),
    review('dept-safeguards', 'dept-a', 27, 30),
    review('dept-organisation', 'dept-b', 20, 20),
    review('dept-safeguards', 'dept-b', 30, 30),
    review('dept-organisation', 'dept-c', 16, 20),
    review('dept-safeguards', 'dept-c', 24, 30),
    review('town-work', 'town-x', 9, 10),
    review('town-work', 'town-y', 6, 10),
    {
      target: 'balance-improved',
      period: 2024,
      score: 8,
      outOf: 10,
      reviewer: { unit: 'dept-b' },
      evidence: [{ title: '调查' }],
    },
  ],
};

const run = (
  inputs: AssessmentInputsInput = base,
  scheme: AssessmentSchemeInput = fixtureSchemeInput,
  period = 2024,
): Scorecard => {
  const card = assess(fixturePlan, scheme, inputs, { period });
  expect(nonFiniteNumbers(card)).toEqual([]);
  return card;
};
const unit = (card: Scorecard, id: string): UnitScore => {
  for (const s of card.sheets) for (const u of s.units) if (u.unit === id) return u;
  throw new Error(`no unit ${id}`);
};
const sum = (u: UnitScore) => u.breakdown.reduce((s, l) => s + l.points, 0);
function errorCodes(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (isKepuError(error)) return error.issues.map((i) => i.code);
    throw error;
  }
  return [];
}

describe('assess: the scorecard', () => {
  const card = run();
  it('records the scheme hash, inputs hash and rules version', () => {
    expect(card.scheme.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(card.inputsHash).toMatch(/^mset-sha256:\d+:[0-9a-f]{64}$/);
    expect(card.rulesVersion).toBe(ASSESSMENT_RULES_VERSION);
    expect(card.asOf).toBe('2024-12-31');
  });
  it('evaluates every target and task in plan order', () => {
    expect(card.targets.map((t) => t.target)).toEqual(fixturePlan.targets.map((t) => t.id));
    expect(card.tasks.map((t) => t.task)).toEqual(['3.1.1', '3.1.2', '3.1.3', '3.1.4']);
    const t3 = card.tasks.find((t) => t.task === '3.1.3');
    expect(t3?.contributions.map((c) => (c.kind === 'target' ? c.target : c.kind))).toEqual([
      'classes-range',
      'balance-improved',
    ]);
    expect(t3?.result).toBeCloseTo((1 + 0.8) / 2, 12);
  });
  it('breakdowns sum to scores; every item explains its points', () => {
    for (const s of card.sheets)
      for (const u of s.units) {
        if (u.score === null) continue;
        expect(sum(u)).toBeCloseTo(u.score, 9);
        for (const i of u.items) expect(i.explanation.formula).not.toBe('');
      }
  });
  it('scores a department from its reviews and led tasks', () => {
    const a = unit(card, 'dept-a');
    // led tasks 3.1.1 (literacy 0.7619…) and 3.1.3 (0.9): mean 0.8310 × 50 = 41.5476
    const led = a.items.find((i) => i.item === 'dept-led');
    expect(led?.fraction).toBeCloseTo(((11 - 7.8) / 4.2 + 0.9) / 2, 12);
    expect(a.score).toBeCloseTo(18 + 27 + 41.5476, 4);
    expect(a.grade?.id).toBe('good');
  });
  it('ranks with competition ranking and grades by band', () => {
    const ranks = card.sheets[0]?.units.map((u) => [u.unit, u.rank, u.grade?.id]);
    expect(ranks?.[0]?.[1]).toBe(1);
  });
  it('townships: own growth (all or nothing) and own threshold of 50 items', () => {
    const x = unit(card, 'town-x');
    expect(x.items.map((i) => [i.item, i.points])).toEqual([
      ['town-registrations', 40],
      ['town-items', 30],
      ['town-work', 27],
    ]);
    const y = unit(card, 'town-y');
    expect(y.items.find((i) => i.item === 'town-registrations')?.points).toBe(0);
    expect(y.score).toBe(48);
  });
  it('lists a unit without data as not assessed, with no score, grade or rank', () => {
    const z = unit(card, 'town-z');
    expect(z).toMatchObject({
      assessed: false,
      score: null,
      grade: null,
      rank: null,
      reason: 'coverage-below-minimum',
    });
    expect(card.sheets[1]?.units.at(-1)?.unit).toBe('town-z');
  });
  it('is deterministic and independent of the order of records', () => {
    const shuffled = {
      observations: [...(base.observations ?? [])].reverse(),
      reviews: [...(base.reviews ?? [])].reverse(),
    };
    expect(JSON.stringify(run(shuffled))).toBe(JSON.stringify(card));
  });
});

describe('assess: bonus, deductions, veto, cap, self-scores', () => {
  it('caps the bonus with min (not max)', () => {
    const card = run({ ...base, awards: [{ unit: 'dept-c', award: 'provincial', period: 2024, count: 3 }] });
    const c = unit(card, 'dept-c');
    expect(c.bonus).toMatchObject({ raw: 9, cap: 5, points: 5 });
  });
  it('takes a percentage deduction of the item’s full points, and caps counted deductions', () => {
    const card = run({
      ...base,
      deductions: [
        { unit: 'dept-a', deduction: 'missing-statistics', period: 2024 },
        { unit: 'dept-a', deduction: 'late-report', period: 2024, count: 5 },
      ],
    });
    const a = unit(card, 'dept-a');
    expect(a.deductions.lines).toEqual([
      expect.objectContaining({ deduction: 'late-report', count: 5, points: 3 }),
      expect.objectContaining({ deduction: 'missing-statistics', points: 3 }),
    ]);
    expect(sum(a)).toBeCloseTo(a.score as number, 9);
  });
  it('keeps scores within [0, 100] with a visible bounds line', () => {
    // Without the results group the reviews alone make the score, so both ends can be reached:
    // dept-b full marks plus an award (raw 103), dept-c nothing minus a late-report deduction (raw −3).
    const scheme = structuredClone(fixtureSchemeInput);
    const sheet = scheme.sheets[0];
    if (sheet) sheet.groups = sheet.groups.filter((g) => g.id !== 'results');
    const card = run(
      {
        reviews: [
          review('dept-organisation', 'dept-b', 20, 20),
          review('dept-safeguards', 'dept-b', 30, 30),
          review('dept-organisation', 'dept-c', 0, 20),
          review('dept-safeguards', 'dept-c', 0, 30),
        ],
        awards: [{ unit: 'dept-b', award: 'provincial', period: 2024 }],
        deductions: [{ unit: 'dept-c', deduction: 'late-report', period: 2024, count: 3 }],
      },
      scheme,
    );
    const bounds = (u: UnitScore) => u.breakdown.filter((l) => l.kind === 'bounds').map((l) => l.points);
    const b = unit(card, 'dept-b');
    expect(b.score).toBe(100);
    expect(bounds(b)).toEqual([-3]);
    expect(sum(b)).toBeCloseTo(100, 9);
    const c = unit(card, 'dept-c');
    expect(c.score).toBe(0);
    expect(bounds(c)).toEqual([3]);
    expect(sum(c)).toBeCloseTo(0, 9);
  });
  it('a veto gives the lowest grade and ranks the unit after the others', () => {
    const card = run({ ...base, incidents: [{ kind: 'veto', unit: 'dept-b', veto: 'falsification', period: 2024 }] });
    const b = unit(card, 'dept-b');
    expect(b.grade?.id).toBe('fail');
    expect(b.vetoed).toBe(true);
    expect(b.rank).toBe(3);
    expect(b.explanations.grade?.rule).toBe('grade.veto');
  });
  it('never exceeds the cap on the top grade (34% of 3 → 1 seat); tied units move together', () => {
    const full = (scores: Record<string, number>) => ({
      reviews: Object.entries(scores).flatMap(([u, s]) => [
        review('dept-organisation', u, s, 100),
        review('dept-safeguards', u, s, 100),
      ]),
    });
    const scheme = structuredClone(fixtureSchemeInput);
    const sheet = scheme.sheets[0];
    if (sheet) sheet.groups = sheet.groups.filter((g) => g.id !== 'results');
    const spread = run(full({ 'dept-a': 100, 'dept-b': 95, 'dept-c': 92 }), scheme).sheets[0];
    expect(spread?.topGradeCap).toMatchObject({ seats: 1, held: 1 });
    expect(spread?.units.map((u) => [u.unit, u.grade?.id, u.cappedFromTopGrade])).toEqual([
      ['dept-a', 'excellent', false],
      ['dept-b', 'good', true],
      ['dept-c', 'good', true],
    ]);
    const tied = run(full({ 'dept-a': 100, 'dept-b': 100, 'dept-c': 70 }), scheme).sheets[0];
    expect(tied?.units.map((u) => [u.rank, u.grade?.id])).toEqual([
      [1, 'good'],
      [1, 'good'],
      [3, 'pass'],
    ]);
  });
  it('keeps a self-score beside the audited score without counting it', () => {
    const withSelf = run({
      ...base,
      selfScores: [{ unit: 'dept-a', item: 'dept-organisation', period: 2024, score: 20, outOf: 20 }],
    });
    const a = unit(withSelf, 'dept-a');
    expect(a.items.find((i) => i.item === 'dept-organisation')).toMatchObject({
      points: 18,
      self: { score: 20, points: 20 },
    });
    expect(a.score).toBe(unit(run(), 'dept-a').score);
  });
  it('ignores reviews without filed evidence, visibly', () => {
    const card = run({
      ...base,
      reviews: [
        ...(base.reviews ?? []).filter((r) => !(r.item === 'town-work' && r.unit === 'town-x')),
        { ...review('town-work', 'town-x', 10, 10), evidence: [{ title: '未归档', filed: false }] },
      ],
    });
    expect(unit(card, 'town-x').items.find((i) => i.item === 'town-work')?.status).toBe('not-assessed');
    expect(card.notes.map((n) => n.code)).toContain('reviews-without-filed-evidence');
  });
  it('the zero policy counts an item without data as 0, marked', () => {
    const scheme = structuredClone(fixtureSchemeInput);
    if (scheme.sheets[1]) scheme.sheets[1].missing = { policy: 'zero', minCoverage: 0 };
    const card = run(base, scheme);
    const z = unit(card, 'town-z');
    expect(z.score).toBe(0);
    expect(z.items.every((i) => i.status === 'not-assessed' && i.points === 0)).toBe(true);
  });
});

describe('assess: typed errors for bad input, never NaN', () => {
  it('refuses a period outside the plan', () => {
    expect(errorCodes(() => assess(fixturePlan, fixtureSchemeInput, base, { period: 2030 }))).toEqual([
      'period-outside-plan',
    ]);
  });
  it('refuses a bad asOf and bad thresholds', () => {
    expect(
      errorCodes(() => assess(fixturePlan, fixtureSchemeInput, base, { period: 2024, asOf: '2024-02-30' })),
    ).toEqual(['invalid-assessment-input']);
    expect(
      errorCodes(() => assess(fixturePlan, fixtureSchemeInput, base, { period: 2024, thresholds: { onTrack: 0.1 } })),
    ).toEqual(['invalid-assessment-input']);
  });
  it('refuses NaN, a rate given as a percentage, unknown references', () => {
    expect(
      errorCodes(() => run({ observations: [{ indicator: 'items', period: 2024, value: Number.NaN }] })),
    ).toContain('invalid-shape');
    expect(errorCodes(() => run({ observations: [{ indicator: 'literacy', period: 2024, value: 11 }] }))).toEqual([
      'invalid-observation',
    ]);
    expect(errorCodes(() => run({ observations: [{ indicator: 'nope', period: 2024, value: 1 }] }))).toEqual([
      'unknown-reference',
    ]);
    expect(
      errorCodes(() => run({ observations: [{ indicator: 'items', period: 2024, value: 1, unit: 'nobody' }] })),
    ).toEqual(['unknown-org-unit']);
    expect(errorCodes(() => run({ awards: [{ unit: 'dept-a', award: 'nobel', period: 2024 }] }))).toEqual([
      'unknown-reference',
    ]);
  });
  it('nobody reviews their own work', () => {
    expect(
      errorCodes(() =>
        run({
          reviews: [
            {
              item: 'dept-organisation',
              unit: 'dept-a',
              period: 2024,
              score: 20,
              outOf: 20,
              reviewer: { unit: 'dept-a' },
            },
          ],
        }),
      ),
    ).toEqual(['self-review']);
    expect(
      errorCodes(() =>
        run({ reviews: [{ task: '3.1.1', period: 2024, score: 1, outOf: 1, reviewer: { unit: 'dept-a' } }] }),
      ),
    ).toEqual(['self-review']);
  });
  it('refuses a review of an item scored from data', () => {
    expect(errorCodes(() => run({ reviews: [review('dept-led', 'dept-a', 1, 1)] }))).toEqual(['invalid-review']);
  });
  it('refuses a scheme with zero total weight as a typed error', () => {
    const scheme = structuredClone(fixtureSchemeInput);
    for (const g of scheme.sheets[0]?.groups ?? []) {
      g.points = undefined;
      for (const i of g.items) i.points = 0;
    }
    expect(errorCodes(() => run(base, scheme))).toEqual(['zero-total-weight']);
  });
});
