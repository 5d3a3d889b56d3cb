import { describe, expect, it } from 'vitest';
import { crossCells, postStratify, rake } from '../calibrate.js';
import { createDesign } from '../design.js';
import { isSurveyError } from '../errors.js';
import { estimateProportion, estimateTotal } from '../estimate.js';

const sex = ['m', 'f', 'f', 'm', 'f', 'm', 'f', 'f'];
const age = ['young', 'young', 'old', 'old', 'young', 'old', 'old', 'young'];
const psu = ['1', '1', '2', '2', '3', '3', '4', '4'];
const design = createDesign({ weights: [10, 12, 8, 9, 11, 10, 9, 12], psu });

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isSurveyError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('postStratify', () => {
  it('makes weights add up to each cell total and keeps the base weights', () => {
    const post = postStratify(design, { cells: sex, population: { m: 480, f: 520 } });
    const total = estimateTotal(
      post,
      sex.map((s) => (s === 'm' ? 1 : 0)),
    );
    expect(total.point).toBeCloseTo(480, 9);
    // A total of a post-stratification variable is known exactly: no sampling variance left.
    expect(total.se).toBeLessThan(1e-9);
    expect(Array.from(post.baseWeights)).toEqual(Array.from(design.weights));
    expect(post.calibrations).toHaveLength(1);
  });

  it('refuses a sample cell missing from the population, and an empty sample cell unless partial', () => {
    expect(code(() => postStratify(design, { cells: sex, population: { m: 480 } }))).toBe('population-cell-missing');
    const withOther = { m: 480, f: 500, other: 20 };
    expect(code(() => postStratify(design, { cells: sex, population: withOther }))).toBe('sample-cell-empty');
    expect(() => postStratify(design, { cells: sex, population: withOther, partial: true })).not.toThrow();
    expect(code(() => postStratify(design, { cells: sex, population: { m: -1, f: 3 } }))).toBe(
      'invalid-population-total',
    );
    expect(code(() => postStratify(design, { cells: sex.slice(1), population: { m: 1, f: 3 } }))).toBe(
      'length-mismatch',
    );
  });
});

describe('rake', () => {
  const margins = [
    {
      name: 'sex',
      cells: sex,
      population: new Map([
        ['m', 490],
        ['f', 510],
      ]),
    },
    { name: 'age', cells: age, population: { young: 600, old: 400 } },
  ];

  it('converges under the documented rule and meets every margin', () => {
    const result = rake(design, { margins });
    expect(result.converged).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(result.iterations).toBeGreaterThan(1);
    expect(result.delta).toBeLessThan(result.epsilon);
    for (const gap of result.marginGaps) expect(gap.maxAbsoluteGap).toBeLessThan(1);
    const young = estimateProportion(
      result.design,
      age.map((a) => a === 'young'),
    );
    expect(young.point).toBeCloseTo(0.6, 2);
  });

  it('warns, in Chinese and English, when it does not converge', () => {
    // The margins disagree (1000 vs 1100 people): no weights can meet both.
    const conflicting = [margins[0]!, { name: 'age', cells: age, population: { young: 700, old: 400 } }];
    const result = rake(design, { margins: conflicting, maxIterations: 5 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(5);
    const codes = result.warnings.map((w) => w.code);
    expect(codes).toEqual(['inconsistent-margins', 'raking-not-converged']);
    expect(result.warnings[1]!.message.zh).toContain('5 轮后仍未收敛');
    expect(result.warnings[1]!.message.en).toContain('did not converge after 5 sweeps');
  });

  it('uses a relative epsilon below 1 and validates its options', () => {
    const loose = rake(design, { margins, epsilon: 0.5 });
    expect(loose.epsilon).toBeCloseTo(0.5 * 81, 9);
    expect(loose.converged).toBe(true);
    const once = rake(design, { margins, epsilon: 1e-12, maxIterations: 1 });
    expect(once.converged).toBe(false);
    expect(once.warnings.map((w) => w.code)).toEqual(['raking-not-converged']);
    expect(code(() => rake(design, { margins, maxIterations: 0 }))).toBe('invalid-option');
    expect(code(() => rake(design, { margins: [] }))).toBe('invalid-option');
  });

  it('crossCells joins classifications into one cell label', () => {
    expect(crossCells(sex.slice(0, 2), age.slice(0, 2))).toEqual(['m|young', 'f|young']);
    expect(code(() => crossCells(['a', null]))).toBe('missing-key');
  });
});
