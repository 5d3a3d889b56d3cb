import { describe, expect, it } from 'vitest';
import { postStratify } from '../calibrate.js';
import { createDesign } from '../design.js';
import { isSurveyError, type SurveyError } from '../errors.js';
import { estimateMean, estimateProportion, estimateTotal } from '../estimate.js';
import { estimateByGroup } from '../estimate-by-group.js';
import { estimateGap } from '../estimate-gap.js';
import { formatEstimate } from '../reliability.js';

function thrown(fn: () => unknown): SurveyError {
  try {
    fn();
  } catch (error) {
    if (isSurveyError(error)) return error;
    throw error;
  }
  throw new Error('expected a SurveyError');
}

// Two townships (strata), three villages each; villages mix urban and rural respondents.
const township = ['A', 'A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'B', 'B'];
const village = ['1', '1', '2', '2', '3', '3', '4', '4', '5', '5', '6', '6'];
const residence = [
  'urban',
  'rural',
  'urban',
  'rural',
  'urban',
  'urban',
  'rural',
  'rural',
  'urban',
  'rural',
  'rural',
  'rural',
];
const weights = [100, 120, 90, 110, 100, 95, 130, 140, 80, 150, 120, 125];
const literate = [1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0];
const design = createDesign({ weights, strata: township, psu: village });

describe('estimates carry what a report needs', () => {
  it('point, se, ci, df, deff, n, effective n and flags', () => {
    const rate = estimateProportion(design, literate, { label: '具备科学素质比例' });
    expect(rate).toMatchObject({ statistic: 'proportion', label: '具备科学素质比例', n: 12, df: 4 });
    expect(rate.point).toBeCloseTo(
      literate.reduce((s, y, i) => s + y * weights[i]!, 0) / weights.reduce((a, b) => a + b, 0),
      12,
    );
    expect(rate.se).toBeGreaterThan(0);
    expect(rate.deff).not.toBeNull();
    expect(rate.nEffective).toBeGreaterThan(0);
    // 12 respondents is far from a publishable rate: flagged, with reasons in both languages.
    expect(rate.suppressed).toBe(true);
    expect(rate.flags.map((f) => f.code)).toContain('low-effective-sample-size');
    expect(formatEstimate(rate, { lang: 'zh' })).toMatch(/^—（不发布：有效样本量/);
    expect(formatEstimate(rate, { lang: 'en', suppress: false })).toMatch(
      /^\d+\.\d% \(95% CI .*⚠ Effective sample size/,
    );
  });
});

describe('missing is missing, 0 is a value', () => {
  const withGap = [...literate];
  withGap[3] = null as unknown as number;

  it('refuses a missing value by default, naming the record and column', () => {
    const e = thrown(() => estimateProportion(design, withGap, { column: 'literate' }));
    expect(e.code).toBe('missing-value');
    expect(e.path).toEqual(['literate', 3]);
    expect(e.messageZh).toContain('缺失不等于 0');
  });

  it('excludes missing values on request, which differs from counting them as 0', () => {
    const excluded = estimateProportion(design, withGap, { na: 'exclude' });
    const zero = estimateProportion(
      design,
      withGap.map((v) => v ?? 0),
    );
    expect(excluded.n).toBe(11);
    expect(zero.n).toBe(12);
    expect(excluded.point).not.toBeCloseTo(zero.point, 6);
  });

  it('refuses non-binary values for a proportion and an empty subgroup', () => {
    expect(
      thrown(() =>
        estimateProportion(
          design,
          literate.map((v) => v * 2),
        ),
      ).code,
    ).toBe('not-binary');
    expect(thrown(() => estimateMean(design, literate, { domain: literate.map(() => false) })).code).toBe(
      'empty-sample',
    );
    expect(thrown(() => estimateMean(design, literate.slice(1))).code).toBe('length-mismatch');
  });

  it('a rate of exactly 0 is an estimate with an interval, not "no data"', () => {
    const none = estimateProportion(
      design,
      literate.map(() => 0),
    );
    expect(none.point).toBe(0);
    expect(none.ci.lower).toBe(0);
    expect(none.ci.upper).toBeGreaterThan(0);
    expect(none.ci.method).toBe('beta');
    expect(none.ci.fallbackFrom).toBe('logit');
    expect(none.flags.map((f) => f.code)).toContain('boundary-estimate');
  });
});

describe('groups and gaps', () => {
  it('breakdowns use the full design: the domain df counts only units with members', () => {
    const byResidence = estimateByGroup(design, literate, residence, { statistic: 'proportion' });
    expect(byResidence.map((g) => g.group)).toEqual(['rural', 'urban']);
    const urban = byResidence[1]!;
    expect(urban.n).toBe(5);
    // urban respondents live in villages 1, 2, 3 (township A) and 5 (township B)
    expect(urban.df).toBe(4 - 2);
    // post-stratified designs take the domain-by-domain path; results stay consistent
    const post = postStratify(design, { cells: residence, population: { urban: 700, rural: 760 } });
    const urbanPost = estimateByGroup(post, literate, residence, { statistic: 'proportion' })[1]!;
    expect(urbanPost.point).toBeCloseTo(urban.point, 12);
  });

  it('urban − rural gap accounts for shared villages; township − county for overlap', () => {
    const gap = estimateGap(design, literate, residence, { a: 'urban', b: 'rural' });
    expect(gap.point).toBeCloseTo(gap.a.point - gap.b.point, 12);
    expect(gap.variance).toBeCloseTo(gap.a.variance + gap.b.variance - 2 * gap.covariance, 12);
    expect(gap.covariance).not.toBe(0);
    expect(gap.ci.lower).toBeLessThan(gap.point);
    const vsCounty = estimateGap(design, literate, township, { a: 'A' });
    expect(vsCounty.b.group).toBe('*');
    expect(vsCounty.b.n).toBe(12);
    expect(vsCounty.point).toBeCloseTo(vsCounty.a.point - estimateProportion(design, literate).point, 12);
    expect(thrown(() => estimateGap(design, literate, residence, { a: 'urbn', b: 'rural' })).code).toBe(
      'unknown-group',
    );
  });

  it('a one-PSU domain with equal values: both paths give variance 0, deff not defined, n_eff = n (found by the breakdown law)', () => {
    const design = createDesign({
      strata: ['s0', 's0', 's0'],
      psu: ['u0', 'u1', 'u2'],
      weights: [1.8421093195306217, 0.5, 0.6354234308457454],
    });
    const y = [10, 0, 10];
    const groups = ['rural', 'urban', 'rural'];
    const rural = estimateByGroup(design, y, groups).find((g) => g.group === 'rural')!;
    const coded = estimateByGroup(
      design,
      y,
      Int32Array.from(groups, (g) => (g === 'rural' ? 1 : 0)),
    ).find((g) => g.group === '1')!;
    const single = estimateMean(design, y, { domain: groups.map((g) => g === 'rural') });
    for (const estimate of [rural, coded, single]) {
      expect(estimate).toMatchObject({ variance: 0, se: 0, deff: null, n: 2, nEffective: 2, df: 1 });
    }
  });

  it('totals and means by group agree with estimates on a domain mask', () => {
    const byTownship = estimateByGroup(design, literate, township, { statistic: 'total' });
    const a = estimateTotal(design, literate, { domain: township.map((t) => t === 'A') });
    expect(byTownship[0]!.point).toBeCloseTo(a.point, 9);
    expect(byTownship[0]!.se).toBeCloseTo(a.se, 9);
  });
});
