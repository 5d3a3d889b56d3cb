import { describe, expect, it } from 'vitest';
import {
  betaCdf,
  betaQuantile,
  logGamma,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from '../distributions.js';

// Reference values: R 4.2.2, printed with digits = 17 (see test/fixtures/README.md).
describe('distribution functions against R', () => {
  it('qt(c(.975, .975, .025, .975, .975, .995, .9), c(14, 197, 182, 1, 2, 3.5, 1e6))', () => {
    const cases: Array<[number, number, number]> = [
      [0.975, 14, 2.1447866879178039],
      [0.975, 197, 1.972079033778501],
      [0.025, 182, -1.9730840773359013],
      [0.975, 1, 12.706204736174694],
      [0.975, 2, 4.3026527297494619],
      [0.995, 3.5, 5.0857022230912561],
      [0.9, 1e6, 1.2815524121299389],
    ];
    for (const [p, df, expected] of cases) {
      expect(Math.abs(studentTQuantile(p, df) - expected) / Math.abs(expected)).toBeLessThan(1e-12);
    }
  });

  it('qbeta(c(.025, .975, .5, .001, .999), c(2.5, 3.5, .5, 100, 1e-3), c(40, 39, .5, 200, 5))', () => {
    const cases: Array<[number, number, number, number]> = [
      [0.025, 2.5, 40, 0.01014857112307453],
      [0.975, 3.5, 39, 0.18051276091340451],
      [0.5, 0.5, 0.5, 0.49999999999999989],
      [0.001, 100, 200, 0.25296101645442276],
      [0.999, 1e-3, 5, 0.056991344552795309],
    ];
    for (const [p, a, b, expected] of cases) {
      expect(Math.abs(betaQuantile(p, a, b) - expected) / expected).toBeLessThan(1e-10);
    }
  });

  it('pbeta(.3, 2, 5), pt(-2.5, 7), qnorm(c(.975, 1e-10)) and lgamma', () => {
    expect(betaCdf(0.3, 2, 5)).toBeCloseTo(0.57982500000000015, 14);
    expect(studentTCdf(-2.5, 7)).toBeCloseTo(0.020496109292876437, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.9599639845400536, 13);
    expect(normalQuantile(1e-10) / -6.3613409024040557).toBeCloseTo(1, 12);
    expect(normalCdf(1.9599639845400536)).toBeCloseTo(0.975, 14);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 10);
  });

  it('quantile and distribution function invert each other, including extreme shapes', () => {
    for (const [a, b] of [
      [0.3, 0.3],
      [0.5, 3],
      [2, 2],
      [50, 5000],
      [4e5, 6e5],
    ] as const) {
      for (const p of [1e-8, 0.025, 0.5, 0.975, 0.999]) {
        const x = betaQuantile(p, a, b);
        expect(Math.abs(betaCdf(x, a, b) - p)).toBeLessThan(1e-9);
      }
    }
    for (const df of [1, 3, 30, 1e5]) {
      for (const p of [0.0005, 0.05, 0.5, 0.9]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 11);
    }
  });

  it('shape 0 and edge probabilities behave as in R; outside the domain gives NaN, never a throw', () => {
    expect(betaQuantile(0.3, 0, 5)).toBe(0);
    expect(betaQuantile(0.3, 5, 0)).toBe(1);
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(1.959963984540054, 13);
    expect(Number.isNaN(studentTQuantile(1.2, 3))).toBe(true);
    expect(Number.isNaN(betaQuantile(0.5, -1, 2))).toBe(true);
    expect(Number.isNaN(logGamma(-1))).toBe(true);
  });
});
