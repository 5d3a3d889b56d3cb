import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../engine/__tests__/fixture.js';
import { ReportObservationSchema } from '../../engine/index.js';
import {
  checkObservation,
  type EvaluationContext,
  evaluateTarget,
  indexPlan,
  isKepuError,
  type Observation,
  ObservationSchema,
  observationShapeProblems,
  publishedValueText,
  type Target,
} from '../../index.js';
import { fixturePlan } from './fixtures.js';

// A county that only receives its literacy rate as a figure published by the province.
const SOURCE = '甘肃省科协 2024 年公民科学素质调查';
const paths = (issues: readonly { code: string; path: ReadonlyArray<string | number> }[]) =>
  issues.map((i) => [i.code, i.path.join('.')]);

describe('published values: the shape rules', () => {
  it('accepts a rate given as a published value with its source and interval', () => {
    const o = {
      target: 'literacy-rate-2025',
      value: 11.2,
      published: { source: SOURCE, interval: { low: 10.1, high: 12.3 } },
    };
    expect(observationShapeProblems(o)).toEqual([]);
    expect(checkObservation(plan, 2024, o)).toEqual([]);
    expect(ReportObservationSchema.safeParse(o).success).toBe(true);
    expect(ObservationSchema.safeParse({ ...o, period: 2024 }).success).toBe(true);
  });
  it('still refuses a bare percentage for a rate, saying how to give a published one', () => {
    const [issue] = checkObservation(plan, 2024, { target: 'literacy-rate-2025', value: 11.2 });
    expect(issue?.path).toEqual(['value']);
    expect(issue?.message.zh).toContain('来源');
    expect(issue?.message.en).toContain('published value with its source');
  });
  const refused: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
    ['a blank source', { value: 11.2, published: { source: '  ' } }, 'published.source'],
    [
      'an interval without the value',
      { value: 13, published: { source: SOURCE, interval: { low: 10, high: 12 } } },
      'published.interval',
    ],
    [
      'both interval and margin',
      { value: 11, published: { source: SOURCE, interval: { low: 10, high: 12 }, margin: 1 } },
      'published.margin',
    ],
    [
      'a published figure with a numerator',
      { numerator: 11, denominator: 100, published: { source: SOURCE } },
      'value',
    ],
    [
      'a published figure with a survey estimate too',
      {
        value: 11,
        published: { source: SOURCE },
        estimate: { low: 10, high: 12, level: 0.95, method: 'logit', flags: [], suppressed: false },
      },
      'published',
    ],
    ['a rate above 100%', { value: 112, published: { source: SOURCE } }, 'value'],
    ['a negative rate', { value: -1, published: { source: SOURCE } }, 'value'],
    ['an interval leaving 0–100%', { value: 99.5, published: { source: SOURCE, margin: 1 } }, 'published.margin'],
  ];
  for (const [what, o, path] of refused) {
    it(`refuses ${what} with a typed error at ${path}, in Chinese and English`, () => {
      const issues = checkObservation(plan, 2024, { target: 'literacy-rate-2025', ...o });
      expect(paths(issues)).toContainEqual(['invalid-observation', path]);
      for (const i of issues) {
        expect(i.message.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(i.message.en.length).toBeGreaterThan(10);
      }
    });
  }
  it('the engine refuses what the rules refuse, at the same path', () => {
    const r = ReportObservationSchema.safeParse({ target: 'literacy-rate-2025', value: 11, published: { source: '' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain('published.source');
  });
});

describe('published values: the assessment', () => {
  const index = indexPlan(fixturePlan);
  const ctx: EvaluationContext = { period: 2024, asOf: '2024-12-31', planStart: 2022 };
  const target = index.targets.get('literacy-2025') as Target;
  const run = (observations: Observation[]) =>
    evaluateTarget(target, index.indicators.get(target.indicator), observations, [], ctx);

  it('takes the published figure as the value and says who published it, with no made-up fraction', () => {
    const e = run([
      { indicator: 'literacy', period: 2023, numerator: 290, denominator: 3000 },
      {
        indicator: 'literacy',
        period: 2024,
        value: 11.2,
        published: { source: SOURCE, interval: { low: 10.1, high: 12.3 } },
      },
    ]);
    expect(e.value).toBe(11.2);
    expect(e.numerator).toBeNull();
    expect(e.denominator).toBeNull();
    expect(e.published?.source).toBe(SOURCE);
    expect(e.published?.interval).toEqual({ low: 10.1, high: 12.3 });
    expect(e.explanations.value.rule).toBe('value.published');
    expect(e.explanations.value.text.zh).toContain(`公布值（来源：${SOURCE}`);
    expect(e.explanations.value.text.en).toContain(`published by ${SOURCE}`);
    expect(e.explanations.value.text.zh).toContain('10.1–12.3');
    expect(e.explanations.value.formula).not.toMatch(/numerator/);
    // The trajectory runs through the published value like any other level.
    expect(e.series.map((p) => p.value)).toEqual([expect.closeTo(290 / 30, 12), 11.2]);
    expect(e.series[1]?.published?.source).toBe(SOURCE);
    expect(e.forecast).not.toBeNull();
  });
  it('law: a published value is the value judged, within its interval, never turned into a fraction', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (value, below, above) => {
          const interval = { low: Math.max(0, value - below), high: Math.min(100, value + above) };
          const o = { target: 'literacy-rate-2025', value, published: { source: SOURCE, interval } };
          expect(checkObservation(plan, 2024, o)).toEqual([]);
          const e = run([{ indicator: 'literacy', period: 2024, value, published: { source: SOURCE, interval } }]);
          expect(e.value).toBe(value);
          expect([e.numerator, e.denominator]).toEqual([null, null]);
          expect(e.published?.interval).toEqual(interval);
        },
      ),
    );
  });
  it('refuses to add a published rate to other figures (percentages are never summed)', () => {
    const observations: Observation[] = [
      { indicator: 'literacy', period: 2024, unit: 'town-x', value: 11.2, published: { source: SOURCE } },
      { indicator: 'literacy', period: 2024, unit: 'town-y', numerator: 100, denominator: 1000 },
    ];
    let caught: unknown;
    try {
      run(observations);
    } catch (e) {
      caught = e;
    }
    expect(isKepuError(caught) && caught.issues[0]?.code).toBe('invalid-observation');
  });
});

describe('published values: the shared wording', () => {
  it('says published and the source, with the interval or margin as published, never a fraction', () => {
    expect(publishedValueText({ source: SOURCE, interval: { low: 10.1, high: 12.3 } }, '%')).toEqual({
      zh: `公布值（来源：${SOURCE}；区间 10.1%–12.3%）`,
      en: `published (source: ${SOURCE}; interval 10.1%–12.3%)`,
    });
    expect(publishedValueText({ source: SOURCE, margin: 1.1, publisher: '甘肃省科协' }, '%').zh).toBe(
      `公布值（来源：甘肃省科协，${SOURCE}；误差 ±1.1%）`,
    );
    expect(publishedValueText({ source: SOURCE }, '%').en).toBe(`published (source: ${SOURCE})`);
  });
});
