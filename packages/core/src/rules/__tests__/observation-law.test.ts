import { assessmentSchemeArbitrary, validPlanArbitrary } from '@kepu/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../../assessment/__tests__/fixtures.js';
import { plan as engineFixturePlan } from '../../engine/__tests__/fixture.js';
import {
  type AssessmentSchemeInput,
  assess,
  categoryMatches,
  isKepuError,
  type KepuIssue,
  type Observation,
  ObservationSchema,
  type Plan,
  parsePlan,
  type Scorecard,
} from '../../index.js';
import { checkObservation } from '../observation.js';

/**
 * Observations of a plan, shape-valid (the schema accepts them) but often wrong for the plan: an
 * unknown or mismatched target or indicator, a category of another indicator or none at all, an
 * unknown unit, a rate for a count, a count for a rate, a yes/no value of 2, a date of any day.
 */
function observationArbitrary(plan: Plan): fc.Arbitrary<Observation> {
  const targets = [...plan.targets.map((t) => t.id), 'no-such-target'];
  const indicators = [...plan.indicators.map((i) => i.id), 'no-such-indicator'];
  const categories: Record<string, string>[] = [
    { 'no-such-dimension': 'x' },
    ...plan.indicators.flatMap((i) =>
      i.dimensions.flatMap((d) => [...d.categories.map((c) => ({ [d.id]: c.id })), { [d.id]: 'no-such-category' }]),
    ),
  ];
  const units = [...plan.orgUnits.map((u) => u.id), 'nobody'];
  const { start, end } = plan.meta.period;
  return fc
    .record({
      ref: fc.oneof(
        fc.record({ target: fc.constantFrom(...targets) }),
        fc.record({ indicator: fc.constantFrom(...indicators) }),
        fc.record({ target: fc.constantFrom(...targets), indicator: fc.constantFrom(...indicators) }),
      ),
      category: fc.option(fc.constantFrom(...categories), { nil: undefined, freq: 2 }),
      unit: fc.option(fc.constantFrom(...units), { nil: undefined, freq: 2 }),
      figure: fc.oneof(
        fc.constantFrom(0, 1, 2).map((value) => ({ value })),
        fc.double({ min: 0, max: 1000, noNaN: true }).map((value) => ({ value })),
        fc
          .tuple(fc.nat({ max: 1000 }), fc.nat({ max: 1000 }))
          .map(([a, b]) => ({ numerator: Math.min(a, b), denominator: Math.max(a, b) + 1 })),
      ),
      period: fc.integer({ min: start, max: end }),
      day: fc.option(fc.integer({ min: 1, max: 365 }), { nil: undefined }),
    })
    .map(({ ref, category, unit, figure, period, day }) => {
      const date =
        day === undefined ? undefined : new Date(Date.UTC(period, 0, Math.min(day, 365))).toISOString().slice(0, 10);
      return ObservationSchema.parse({
        ...ref,
        ...(category ? { category } : {}),
        ...(unit ? { unit } : {}),
        ...figure,
        period,
        ...(date ? { date } : {}),
      });
    });
}

/** The targets an accepted observation must count for: its target, else those of its indicator it matches. */
function addressed(plan: Plan, o: Observation) {
  if (o.target !== undefined) return plan.targets.filter((t) => t.id === o.target);
  return plan.targets.filter((t) => t.indicator === o.indicator && categoryMatches(t.category, o.category));
}

const OBSERVATION_FIELDS = Object.keys(ObservationSchema.shape);
const codeAndPath = (i: KepuIssue) => `${i.code} ${i.path.join('.')}`;

function holds(
  plan: Plan,
  scheme: AssessmentSchemeInput,
  o: Observation,
  tally: { accepted: number; refused: number },
) {
  const issues = checkObservation(plan, o.period, o, ['observations', 0]);
  let card: Scorecard | undefined;
  let error: unknown;
  try {
    card = assess(plan, scheme, { observations: [o] }, { period: o.period });
  } catch (e) {
    error = e;
  }
  if (issues.length === 0) {
    tally.accepted++;
    expect(error).toBeUndefined();
    const targets = addressed(plan, o);
    if (o.target !== undefined) expect(targets).toHaveLength(1);
    for (const target of targets) {
      const e = card?.targets.find((x) => x.target === target.id);
      expect(e?.series.find((p) => p.period === o.period)?.count, `${target.id} counts it`).toBe(1);
    }
  } else {
    tally.refused++;
    for (const issue of issues) {
      expect(issue.path.slice(0, 2)).toEqual(['observations', 0]);
      expect(OBSERVATION_FIELDS).toContain(issue.path[2]);
    }
    expect(isKepuError(error)).toBe(true);
    if (isKepuError(error)) expect(error.issues.map(codeAndPath)).toEqual(issues.map(codeAndPath));
  }
}

describe('the observation rule set and the assessment agree', () => {
  const subjects: ReadonlyArray<readonly [string, fc.Arbitrary<Plan>]> = [
    ['generated plans', validPlanArbitrary.map((input) => parsePlan(input))],
    ['a plan with categories, yes/no and judged indicators', fc.constant(engineFixturePlan)],
    ['the assessment fixture plan', fc.constant(fixturePlan)],
  ];
  it.each(subjects)(
    'law: every observation the rule set accepts is counted by assess(), and every one it refuses is refused by assess() with the same issues, each at a path inside the observation (%s)',
    (_, plans) => {
      const tally = { accepted: 0, refused: 0 };
      fc.assert(
        fc.property(
          plans.chain((plan) =>
            fc.tuple(
              fc.constant(plan),
              assessmentSchemeArbitrary(plan),
              fc.array(observationArbitrary(plan), { minLength: 1, maxLength: 8 }),
            ),
          ),
          ([plan, scheme, observations]) => {
            for (const o of observations) holds(plan, scheme, o, tally);
          },
        ),
        { numRuns: 40, seed: 13 },
      );
      // Both halves of the law were exercised, not just one.
      expect(tally.accepted).toBeGreaterThan(10);
      expect(tally.refused).toBeGreaterThan(10);
    },
  );
});
