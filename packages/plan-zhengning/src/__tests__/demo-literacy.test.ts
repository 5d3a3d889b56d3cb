import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countyFigures, LITERACY_NOISE, LITERACY_PATH } from '../demo/figures.js';
import { createRandom } from '../demo/random.js';

const YEARS = [2022, 2023, 2024, 2025];

describe('the demo history’s literacy series', () => {
  it('law: for every seed, each year lies within its noise of the path and the series rises every year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const { literacy } = countyFigures(createRandom(seed), YEARS);
        const rates = YEARS.map((y) => {
          const s = literacy[y];
          return s ? (s.numerator / s.denominator) * 100 : Number.NaN;
        });
        rates.forEach((rate, i) => {
          const path = LITERACY_PATH[YEARS[i] as number] as number;
          // The numerator is a whole number of respondents: rounding moves the rate by at most 0.05 / 1.5 points.
          expect(Math.abs(rate - path)).toBeLessThanOrEqual(LITERACY_NOISE + 0.034);
        });
        for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThan(rates[i - 1] as number);
      }),
      { numRuns: 300 },
    );
  });
});
