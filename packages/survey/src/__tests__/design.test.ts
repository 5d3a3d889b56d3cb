import { describe, expect, it } from 'vitest';
import { isSurveyError, type SurveyError } from '../errors.js';
import { estimateMean } from '../estimate.js';
import { columnOf, createDesign, describeDesign, designFromRows } from '../index.js';

function thrown(fn: () => unknown): SurveyError {
  try {
    fn();
  } catch (error) {
    if (isSurveyError(error)) return error;
    throw error;
  }
  throw new Error('expected a SurveyError');
}

describe('createDesign', () => {
  it('refuses inconsistent columns, bad weights and empty ids with bilingual messages and paths', () => {
    const lengths = thrown(() => createDesign({ weights: [1, 2, 3], strata: ['a', 'b'] }));
    expect(lengths.code).toBe('length-mismatch');
    expect(lengths.path).toEqual(['strata']);
    expect(lengths.messageZh).toContain('3 条记录');

    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, null]) {
      const e = thrown(() => createDesign({ weights: [1, bad as number, 1] }));
      expect(e.code).toBe('invalid-weight');
      expect(e.path).toEqual(['weights', 1]);
    }
    const missing = thrown(() => createDesign({ weights: [1, 1, 1, 1], psu: ['a', '', 'b', 'b'] }));
    expect(missing.code).toBe('missing-key');
    expect(missing.path).toEqual(['psu', 1]);
    expect(thrown(() => createDesign({})).code).toBe('empty-sample');
  });

  it('checks population sizes: constant within a stratum and not below the sample', () => {
    const varying = thrown(() =>
      createDesign({ weights: [1, 1, 1, 1], strata: ['a', 'a', 'b', 'b'], fpc: [10, 11, 10, 10] }),
    );
    expect(varying.code).toBe('inconsistent-population-size');
    const small = thrown(() => createDesign({ weights: [1, 1, 1], fpc: [2, 2, 2] }));
    expect(small.code).toBe('invalid-population-size');
  });

  it('fails on a lonely PSU by default and names the stratum; accepts it under another policy', () => {
    const input = { weights: [1, 1, 1, 1, 1], strata: ['a', 'a', 'a', 'b', 'b'], psu: ['1', '2', '3', '4', '4'] };
    const e = thrown(() => createDesign(input));
    expect(e.code).toBe('lonely-psu');
    expect(e.message).toContain('Stratum "b"');
    expect(createDesign({ ...input, lonelyPsu: 'remove' }).df).toBe(2);
    expect(thrown(() => createDesign({ ...input, lonelyPsu: 'drop' as never })).code).toBe('invalid-option');
  });

  it('nests units in strata: the same unit id in two strata is two units', () => {
    const design = createDesign({ weights: [1, 1, 1, 1], strata: ['a', 'a', 'b', 'b'], psu: ['1', '2', '1', '2'] });
    expect(design.psuLabels.length).toBe(4);
    expect(design.df).toBe(2);
    expect(describeDesign(design)).toMatchObject({ n: 4, strata: 2, psus: 4, df: 2, weightSum: 4, hasFpc: false });
  });

  it('designFromRows reads CSV-like records, numeric strings included', () => {
    const rows = [
      { town: 'A', village: 'v1', w: '10.5', score: '71' },
      { town: 'A', village: 'v2', w: '9.5', score: '64' },
      { town: 'B', village: 'v3', w: '20', score: '80' },
      { town: 'B', village: 'v4', w: '20', score: 'NA' },
    ];
    const design = designFromRows(rows, { strata: 'town', psu: 'village', weight: 'w' });
    expect(Array.from(design.weights)).toEqual([10.5, 9.5, 20, 20]);
    expect(columnOf(rows, (r) => r.town.toLowerCase())).toEqual(['a', 'a', 'b', 'b']);
    const m = estimateMean(
      design,
      columnOf<(typeof rows)[number], string>(rows, 'score').map((v) => (v === 'NA' ? null : Number(v))),
      { na: 'exclude' },
    );
    expect(m.n).toBe(3);
  });
});
