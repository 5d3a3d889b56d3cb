import { describe, expect, it } from 'vitest';
import {
  assess,
  createAssessor,
  type EvaluationContext,
  evaluateTarget,
  indexPlan,
  type Observation,
  ObservationSchema,
  parseScheme,
  type Target,
} from '../../index.js';
import { fixturePlan, fixtureSchemeInput } from './fixtures.js';

const index = indexPlan(fixturePlan);
const target = index.targets.get('literacy-2025') as Target;
const indicator = index.indicators.get(target.indicator);
const context: EvaluationContext = { period: 2024, asOf: '2024-12-31', planStart: 2022 };
const ci = (low: number, high: number, flags: string[] = []) => ({
  low,
  high,
  level: 0.95,
  method: 'logit',
  effectiveN: 1200,
  standardError: 0.8,
  flags,
  suppressed: false,
});
const obs = (o: Partial<Observation> & { period: number }): Observation =>
  ObservationSchema.parse({ indicator: 'literacy', ...o });

describe('a survey estimate travels into the target evaluation', () => {
  it('carries the interval and flags of the one county-wide observation that made the value', () => {
    const e = evaluateTarget(
      target,
      indicator,
      [
        obs({ period: 2023, numerator: 290, denominator: 3000 }),
        obs({ period: 2024, numerator: 1128, denominator: 10_000, estimate: ci(9.5, 13.4, ['有效样本量不足']) }),
      ],
      [],
      context,
    );
    expect(e.value).toBeCloseTo(11.28, 10);
    expect(e.estimate).toEqual({
      low: 9.5,
      high: 13.4,
      level: 0.95,
      method: 'logit',
      effectiveN: 1200,
      standardError: 0.8,
      flags: ['有效样本量不足'],
      suppressed: false,
    });
    expect(e.series.at(-1)?.estimate?.low).toBe(9.5);
  });

  it('is null when several observations make the value, or none carries an estimate', () => {
    const summed = evaluateTarget(
      target,
      indicator,
      [
        obs({ period: 2024, unit: 'town-x', numerator: 100, denominator: 1000, estimate: ci(8, 12) }),
        obs({ period: 2024, unit: 'town-y', numerator: 230, denominator: 2000, estimate: ci(9, 14) }),
      ],
      [],
      context,
    );
    expect(summed.value).toBeCloseTo(11, 10);
    expect(summed.estimate).toBeNull();
    const plain = evaluateTarget(
      target,
      indicator,
      [obs({ period: 2024, numerator: 3, denominator: 30 })],
      [],
      context,
    );
    expect(plain.estimate).toBeNull();
  });

  it('is null when the county figure of a later year has no estimate (the latest value is judged)', () => {
    const e = evaluateTarget(
      target,
      indicator,
      [
        obs({ period: 2023, numerator: 1000, denominator: 10_000, estimate: ci(8, 12) }),
        obs({ period: 2024, numerator: 330, denominator: 3000 }),
      ],
      [],
      context,
    );
    expect(e.valuePeriod).toBe(2024);
    expect(e.estimate).toBeNull();
  });

  it('is the same through the incremental assessor as through a full assessment', () => {
    const scheme = parseScheme(fixtureSchemeInput, fixturePlan);
    const observations = [
      obs({ period: 2023, numerator: 290, denominator: 3000 }),
      obs({ period: 2024, numerator: 1128, denominator: 10_000, estimate: ci(9.5, 13.4) }),
      obs({ period: 2024, unit: 'town-x', numerator: 100, denominator: 1000, estimate: ci(8, 12, ['x']) }),
    ];
    const full = assess(fixturePlan, scheme, { observations }, { period: 2024 });
    const assessor = createAssessor(fixturePlan, scheme);
    for (const o of [...observations].reverse()) assessor.add({ observations: [o] });
    const incremental = assessor.assess({ period: 2024 });
    const pick = (card: typeof full) => card.targets.find((t) => t.target === 'literacy-2025')?.estimate;
    expect(pick(full)?.high).toBe(13.4);
    expect(pick(incremental)).toEqual(pick(full));
    expect(incremental.targets).toEqual(full.targets);
  });
});
