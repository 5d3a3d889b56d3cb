import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { close, permutation, sampleArb } from '../../test/helpers/arbitraries.js';
import type { CiMethod } from '../ci.js';
import { createDesign } from '../design.js';
import { studentTQuantile } from '../distributions.js';
import { estimateMean, estimateProportion, estimateTotal } from '../estimate.js';
import { estimateByGroup } from '../estimate-by-group.js';
import { estimateGap } from '../estimate-gap.js';

const methods: CiMethod[] = ['logit', 'wilson', 'beta', 'wald'];

// A fixed seed, as in the other property suites: a failure names a case that reproduces.
fc.configureGlobal({ seed: 20261204, numRuns: 200 });

describe('laws of design-based estimation', () => {
  test.prop([sampleArb, fc.integer()])('row-order invariance: permuting records changes no estimate', (s, seed) => {
    const order = permutation(s.y.length, seed);
    const pick = <T>(xs: T[]) => order.map((i) => xs[i]!);
    const a = createDesign({ weights: s.weights, strata: s.strata, psu: s.psu });
    const b = createDesign({ weights: pick(s.weights), strata: pick(s.strata), psu: pick(s.psu) });
    const ma = estimateMean(a, s.y);
    const mb = estimateMean(b, pick(s.y));
    expect(close(ma.point, mb.point)).toBe(true);
    expect(close(ma.se, mb.se, 1e-7)).toBe(true);
    const pa = estimateProportion(a, s.binary);
    const pb = estimateProportion(b, pick(s.binary));
    expect(close(pa.ci.lower, pb.ci.lower, 1e-7) && close(pa.ci.upper, pb.ci.upper, 1e-7)).toBe(true);
    const ga = estimateByGroup(a, s.binary, s.groups, { statistic: 'proportion' });
    const gb = estimateByGroup(b, pick(s.binary), pick(s.groups), { statistic: 'proportion' });
    expect(ga.map((g) => g.group)).toEqual(gb.map((g) => g.group));
    ga.forEach((g, k) => {
      expect(close(g.se, gb[k]!.se, 1e-7)).toBe(true);
    });
  });

  test.prop([sampleArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true })])(
    'weight-scale invariance: multiplying every weight by c leaves means, proportions and their intervals unchanged (totals scale by c)',
    (s, c) => {
      const a = createDesign({ weights: s.weights, strata: s.strata, psu: s.psu });
      const b = createDesign({ weights: s.weights.map((w) => w * c), strata: s.strata, psu: s.psu });
      const ma = estimateMean(a, s.y);
      const mb = estimateMean(b, s.y);
      expect(close(ma.point, mb.point)).toBe(true);
      expect(close(ma.se, mb.se, 1e-7)).toBe(true);
      for (const ci of methods) {
        const pa = estimateProportion(a, s.binary, { ci });
        const pb = estimateProportion(b, s.binary, { ci });
        expect(close(pa.point, pb.point)).toBe(true);
        expect(close(pa.ci.lower, pb.ci.lower, 1e-7) && close(pa.ci.upper, pb.ci.upper, 1e-7)).toBe(true);
      }
      const ta = estimateTotal(a, s.y);
      const tb = estimateTotal(b, s.y);
      expect(close(ta.point * c, tb.point, 1e-9)).toBe(true);
      expect(close(ta.se * c, tb.se, 1e-7)).toBe(true);
    },
  );

  test.prop([sampleArb, fc.constantFrom(...methods), fc.constantFrom(0.8, 0.9, 0.95, 0.99)])(
    'interval bounds: a proportion CI lies within [0, 1], contains the estimate, and is never NaN',
    (s, ci, level) => {
      const design = createDesign({ weights: s.weights, strata: s.strata, psu: s.psu });
      const results = [
        estimateProportion(design, s.binary, { ci, level }),
        // all zeros and all ones: the boundary cases
        estimateProportion(
          design,
          s.binary.map(() => 0),
          { ci, level },
        ),
        estimateProportion(
          design,
          s.binary.map(() => 1),
          { ci, level },
        ),
        ...estimateByGroup(design, s.binary, s.groups, { statistic: 'proportion', ci, level }),
      ];
      for (const p of results) {
        expect(Number.isNaN(p.ci.lower) || Number.isNaN(p.ci.upper) || Number.isNaN(p.se)).toBe(false);
        expect(p.ci.lower).toBeGreaterThanOrEqual(0);
        expect(p.ci.upper).toBeLessThanOrEqual(1);
        expect(p.ci.lower).toBeLessThanOrEqual(p.point);
        expect(p.ci.upper).toBeGreaterThanOrEqual(p.point);
      }
    },
  );

  test.prop([
    fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 60 }),
    fc.double({ min: 0.5, max: 50, noNaN: true }),
    fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
  ])('SRS reduction: one stratum, no clusters, equal weights give ȳ, s²(1 − n/N)/n and df = n − 1', (y, w, extra) => {
    const n = y.length;
    const N = extra === undefined ? undefined : n + extra;
    const design = createDesign({
      weights: y.map(() => (N === undefined ? w : N / n)),
      ...(N === undefined ? {} : { fpc: y.map(() => N) }),
    });
    const mean = y.reduce((a, b) => a + b, 0) / n;
    const s2 = y.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    const fpc = N === undefined ? 1 : 1 - n / N;
    const m = estimateMean(design, y);
    expect(close(m.point, mean)).toBe(true);
    expect(close(m.variance, (s2 * fpc) / n, 1e-8)).toBe(true);
    expect(m.df).toBe(n - 1);
    const t = studentTQuantile(0.975, n - 1);
    expect(close(m.ci.lower, mean - t * m.se, 1e-9)).toBe(true);
    // a proportion is the mean of a 0/1 variable: p(1 − p)·n/(n − 1)·(1 − f)/n
    const yes: number[] = y.map((v) => (v >= 50 ? 1 : 0));
    const p = yes.reduce((a, b) => a + b, 0) / n;
    const prop = estimateProportion(design, yes);
    expect(close(prop.point, p)).toBe(true);
    expect(close(prop.variance, (p * (1 - p) * fpc) / (n - 1), 1e-8)).toBe(true);
    // totals: N̂ȳ with variance N̂²·s²(1 − f)/n
    const total = estimateTotal(design, y);
    const Nhat = design.weights.reduce((a, b) => a + b, 0);
    expect(close(total.point, Nhat * mean, 1e-9)).toBe(true);
    expect(close(total.variance, (Nhat * Nhat * s2 * fpc) / n, 1e-8)).toBe(true);
  });

  test.prop([sampleArb])('one-pass breakdown equals domain-by-domain estimation', (s) => {
    const design = createDesign({ weights: s.weights, strata: s.strata, psu: s.psu });
    const groups = estimateByGroup(design, s.y, s.groups);
    for (const g of groups) {
      const single = estimateMean(design, s.y, { domain: s.groups.map((x) => x === g.group) });
      expect(close(g.point, single.point)).toBe(true);
      expect(close(g.se, single.se, 1e-7)).toBe(true);
      expect(g.df).toBe(single.df);
      expect(close(g.deff ?? 0, single.deff ?? 0, 1e-6)).toBe(true);
    }
  });

  test.prop([sampleArb, fc.integer({ min: 0, max: 100 })])(
    'no spread, no design effect: a group whose values are all equal has variance 0, deff not defined and effective n = n, in one pass and domain by domain',
    (s, value) => {
      const design = createDesign({ weights: s.weights, strata: s.strata, psu: s.psu });
      const y = s.y.map((v, i) => (s.groups[i] === 'rural' ? value : v));
      const rural = estimateByGroup(design, y, s.groups).find((g) => g.group === 'rural');
      fc.pre(rural !== undefined);
      const single = estimateMean(design, y, { domain: s.groups.map((x) => x === 'rural') });
      for (const estimate of [rural!, single]) {
        expect(close(estimate.point, value)).toBe(true);
        expect([estimate.variance, estimate.deff, estimate.nEffective]).toEqual([0, null, estimate.n]);
      }
    },
  );

  test.prop([sampleArb, fc.constantFrom('mean', 'total', 'proportion' as const)])(
    'coding invariance: integer-coded groups (typed array) give the same breakdown as text labels',
    (s, statistic) => {
      const design = createDesign({ weights: s.weights, strata: s.strata, psu: s.psu });
      const y = statistic === 'proportion' ? s.binary : s.y;
      const codes = Int32Array.from(s.strata, (label) => Number(label.slice(1)) * 3);
      const labels = Array.from(codes, String);
      const fromText = estimateByGroup(design, y, labels, { statistic });
      const fromCodes = estimateByGroup(design, Float64Array.from(y), codes, { statistic });
      expect(fromCodes.map((g) => g.group)).toEqual(fromText.map((g) => g.group));
      fromCodes.forEach((g, k) => {
        const t = fromText[k]!;
        expect(close(g.point, t.point) && close(g.se, t.se, 1e-7) && g.df === t.df && g.n === t.n).toBe(true);
      });
    },
  );

  test.prop([sampleArb])('gap antisymmetry: gap(a, b) = −gap(b, a) with the same interval width', (s) => {
    fc.pre(new Set(s.groups).size === 2);
    const design = createDesign({ weights: s.weights, strata: s.strata, psu: s.psu });
    const ab = estimateGap(design, s.binary, s.groups, { a: 'urban', b: 'rural' });
    const ba = estimateGap(design, s.binary, s.groups, { a: 'rural', b: 'urban' });
    expect(close(ab.point, -ba.point)).toBe(true);
    expect(close(ab.se, ba.se, 1e-9)).toBe(true);
  });

  test.prop([sampleArb])(
    'no shared units, no covariance: when the two groups are different strata, var(a − b) = var(a) + var(b)',
    (s) => {
      fc.pre(new Set(s.strata).size >= 2);
      const design = createDesign({ weights: s.weights, strata: s.strata, psu: s.psu });
      const gap = estimateGap(design, s.y, s.strata, { a: 's0', b: 's1', statistic: 'mean' });
      expect(close(gap.variance, gap.a.variance + gap.b.variance, 1e-8)).toBe(true);
      expect(Math.abs(gap.covariance)).toBeLessThanOrEqual(1e-8 * Math.max(1, gap.variance));
    },
  );
});
