import { describe, expect, it } from 'vitest';
import { plan } from '../../engine/__tests__/fixture.js';
import { checkObservation, checkObservations } from '../observation.js';
import { observationShapeProblems } from '../observation-shape.js';

const codes = (issues: readonly { code: string; path: ReadonlyArray<string | number> }[]) =>
  issues.map((i) => [i.code, i.path.join('.')]);

// Every rule once: what it refuses, with the code and the path inside the observation.
const REFUSED: ReadonlyArray<readonly [string, Record<string, unknown>, ReadonlyArray<readonly [string, string]>]> = [
  ['an unknown target', { target: 'no-such-target', value: 1 }, [['unknown-reference', 'target']]],
  ['an unknown indicator', { indicator: 'no-such-indicator', value: 1 }, [['unknown-reference', 'indicator']]],
  [
    'a target on another indicator',
    { target: 'science-classes-grade-2', indicator: 'literacy-rate', value: 1 },
    [['invalid-observation', 'indicator']],
  ],
  ['a value for a qualitative target', { target: 'imbalance-improved', value: 1 }, [['invalid-observation', 'target']]],
  ['a value for a judgement', { indicator: 'literacy-imbalance', value: 1 }, [['invalid-observation', 'target']]],
  ['a percentage for a rate', { target: 'literacy-rate-2025', value: 9.5 }, [['invalid-observation', 'value']]],
  [
    'a rate for a count',
    { target: 'science-classes-grade-2', numerator: 1, denominator: 2 },
    [['invalid-observation', 'numerator']],
  ],
  [
    'a code for an ordinary indicator',
    { target: 'science-china-items', code: 'many' },
    [['invalid-observation', 'code']],
  ],
  ['a boolean that is 2', { indicator: 'column-opened', value: 2 }, [['invalid-observation', 'value']]],
  [
    'an unknown dimension',
    { indicator: 'weekly-science-classes', category: { level: 'city' }, value: 2 },
    [['invalid-observation', 'category']],
  ],
  [
    'an unknown category',
    { indicator: 'weekly-science-classes', category: { 'grade-band': 'grade-9' }, value: 2 },
    [['invalid-observation', 'category']],
  ],
  [
    'a category the target is not about',
    { target: 'science-classes-grade-2', category: { 'grade-band': 'middle-school' }, value: 1 },
    [['invalid-observation', 'category']],
  ],
  [
    'a date outside the period',
    { target: 'science-classes-grade-2', value: 2, date: '2023-12-31' },
    [['invalid-observation', 'date']],
  ],
  ['an unknown unit', { target: 'science-china-items', value: 1, unit: 'nobody' }, [['unknown-org-unit', 'unit']]],
  [
    'a numerator above its denominator',
    { target: 'literacy-rate-2025', numerator: 5, denominator: 4 },
    [['invalid-observation', 'numerator']],
  ],
  ['an observation of nothing', { value: 1 }, [['invalid-observation', 'target']]],
  [
    'both a value and a rate',
    { target: 'literacy-rate-2025', value: 9, numerator: 9, denominator: 100 },
    [['invalid-observation', 'value']],
  ],
];

describe('checkObservation: one rule set for the assessment, the engine and data import', () => {
  it.each(REFUSED)('refuses %s with its code, at its path', (_, observation, expected) => {
    expect(codes(checkObservation(plan, '2024', observation))).toEqual(expected);
    // The same with a path prefix, and through the list form with a number period.
    expect(codes(checkObservation(plan, 2024, observation, ['rows', 3]))).toEqual(
      expected.map(([code, path]) => [code, `rows.3.${path}`]),
    );
    expect(codes(checkObservations(plan, 2024, [{ target: 'science-china-items', value: 1 }, observation]))).toEqual(
      expected.map(([code, path]) => [code, `observations.1.${path}`]),
    );
  });

  it.each([
    ['a count', { target: 'science-china-items', value: 0 }],
    ['a rate', { indicator: 'literacy-rate', numerator: 330, denominator: 3000 }],
    [
      'a category of the indicator',
      { indicator: 'weekly-science-classes', category: { 'grade-band': 'grade-2' }, value: 2 },
    ],
    ['a yes/no value of 1', { indicator: 'column-opened', value: 1, date: '2024-06-30', unit: 'cast' }],
  ])('accepts %s', (_, observation) => {
    expect(checkObservation(plan, '2024', observation)).toEqual([]);
  });

  it('reads a period part: a date must lie in the half-year or quarter reported', () => {
    const o = { target: 'science-china-items', value: 1, date: '2024-07-01' };
    expect(checkObservation(plan, '2024-H2', o)).toEqual([]);
    expect(codes(checkObservation(plan, '2024-H1', o))).toEqual([['invalid-observation', 'date']]);
    expect(codes(checkObservation(plan, '2024-Q2', o))).toEqual([['invalid-observation', 'date']]);
  });

  it('stops at the first of target, indicator, indicator match and judgement, and reports the rest together', () => {
    expect(
      codes(checkObservation(plan, 2024, { target: 'nope', indicator: 'nope', value: 1, unit: 'nobody' })),
    ).toEqual([
      ['unknown-org-unit', 'unit'],
      ['unknown-reference', 'target'],
    ]);
    expect(
      codes(
        checkObservation(plan, 2024, {
          indicator: 'weekly-science-classes',
          category: { 'grade-band': 'grade-9' },
          numerator: 1,
          denominator: 2,
          date: '2025-01-01',
        }),
      ),
    ).toEqual([
      ['invalid-observation', 'category'],
      ['invalid-observation', 'numerator'],
      ['invalid-observation', 'date'],
    ]);
  });

  it('says what is wrong in Chinese and in English, and keeps the English detail in params', () => {
    const [issue] = checkObservation(plan, 2024, { target: 'literacy-rate-2025', value: 9.5 });
    expect(issue?.message.zh).toContain('请填分子和分母');
    expect(issue?.message.en).toContain('give numerator and denominator');
    expect(issue?.message.zh).not.toContain('give numerator');
    expect(issue?.params.detail).toContain('is a rate');
    const [missing] = checkObservation(plan, 2024, { target: 'no-such-target', value: 1 });
    expect(missing?.message.zh).toContain('目标');
    expect(missing?.message.en).toContain('Unknown target');
  });
});

describe('observationShapeProblems: the rules the observation schemas refine with', () => {
  it('passes a sound shape with the shared empty list', () => {
    expect(observationShapeProblems({ target: 't', value: 0 })).toHaveLength(0);
    expect(
      observationShapeProblems({ indicator: 'i', numerator: 4, denominator: 4, period: 2024, date: '2024-01-01' }),
    ).toHaveLength(0);
  });
  it('names each broken rule by its field', () => {
    const fields = (o: Parameters<typeof observationShapeProblems>[0]) =>
      observationShapeProblems(o).map((p) => p.field);
    expect(fields({ value: 1 })).toEqual(['target']);
    expect(fields({ target: 't', numerator: 1 })).toEqual(['numerator']);
    expect(fields({ target: 't' })).toEqual(['value']);
    expect(fields({ target: 't', value: 1, code: 'x' })).toEqual(['value']);
    expect(fields({ target: 't', numerator: 5, denominator: 4 })).toEqual(['numerator']);
    expect(fields({ target: 't', value: 1, period: 2024, date: '2023-12-31' })).toEqual(['date']);
  });
});
