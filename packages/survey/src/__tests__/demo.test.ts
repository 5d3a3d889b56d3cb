import { zhengningPlan } from '@kepu/plan-zhengning';
import { describe, expect, it, vi } from 'vitest';
import { rake } from '../calibrate.js';
import { generateDemoSurvey } from '../demo.js';
import { createDesign } from '../design.js';
import { isSurveyError } from '../errors.js';
import { estimateProportion } from '../estimate.js';
import { estimateGap } from '../estimate-gap.js';
import { marginsFromRows } from '../margin-spec.js';
import { NATIONAL_DIMENSIONS } from '../scheme.js';
import { scoreRespondent } from '../scoring.js';

const townships = zhengningPlan.orgUnits.filter((u) => u.kind === 'township');
const options = { seed: 2024, year: 2024, units: townships, size: 2000 };
const demo = generateDemoSurvey(options);

describe('generateDemoSurvey', () => {
  it('is deterministic and never calls Math.random', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random was called');
    });
    try {
      const again = generateDemoSurvey(options);
      expect(again.rows).toEqual(demo.rows);
      expect(again.margins).toEqual(demo.margins);
    } finally {
      spy.mockRestore();
    }
    expect(generateDemoSurvey({ ...options, seed: 2025 }).rows).not.toEqual(demo.rows);
  });

  it('keeps the county for a seed and draws a new sample for another year', () => {
    const earlier = generateDemoSurvey({ ...options, year: 2022 });
    expect(earlier.units.map((u) => [u.name, u.adults, u.psus])).toEqual(
      demo.units.map((u) => [u.name, u.adults, u.psus]),
    );
    expect(earlier.rows).not.toEqual(demo.rows);
    expect(earlier.respondents[0]!.id).toMatch(/^R2022-/);
  });

  it('samples about 2,000 respondents in every township, villages as PSUs, with design fields filled', () => {
    expect(demo.respondents.length).toBeGreaterThanOrEqual(1990);
    expect(demo.respondents.length).toBeLessThanOrEqual(2010);
    expect(new Set(demo.respondents.map((r) => r.township))).toEqual(new Set(townships.map((t) => t.name)));
    expect(demo.design.strataLabels).toHaveLength(10);
    expect(demo.design.df).toBe(demo.design.psuLabels.length - 10);
    for (const unit of demo.units) {
      expect(unit.sampledPsus).toBeGreaterThanOrEqual(2);
      expect(unit.sampledPsus).toBeLessThanOrEqual(unit.psus);
    }
    const first = demo.respondents[0]!;
    expect(first.psu).toMatch(/^shanhe-(c|v)\d\d$/);
    expect(['urban', 'rural']).toContain(first.residence);
    expect(['male', 'female']).toContain(first.sex);
    // Base weights add up to about the modelled adult population.
    const adults = demo.units.reduce((s, u) => s + u.adults, 0);
    const weights = demo.respondents.reduce((s, r) => s + r.weight, 0);
    expect(Math.abs(weights / adults - 1)).toBeLessThan(0.15);
  });

  it('uses a national-style 100-point questionnaire: knowledge 40, method 20, spirit 20, application 20', () => {
    const points: Record<string, number> = {};
    for (const item of demo.questionnaire.items) points[item.dimension] = (points[item.dimension] ?? 0) + item.points;
    expect(points).toEqual(NATIONAL_DIMENSIONS);
    expect(demo.questionnaire.items.some((item) => Array.isArray(item.key))).toBe(true);
    expect(demo.scores[5]).toEqual(scoreRespondent(demo.questionnaire, demo.respondents[5]!));
    expect(demo.literate).toEqual(demo.scores.map((s) => s.literate));
    expect(demo.scores.some((s) => !s.complete)).toBe(true);
  });

  it('gives a 2024 literacy rate around 10–11 % with an urban–rural gap', () => {
    expect(demo.expectedRate).toBeCloseTo(0.106, 3);
    const rate = estimateProportion(demo.design, demo.literate);
    expect(rate.point).toBeGreaterThan(0.09);
    expect(rate.point).toBeLessThan(0.12);
    expect(rate.suppressed).toBe(false);
    const gap = estimateGap(
      demo.design,
      demo.literate,
      demo.respondents.map((r) => r.residence),
      { a: 'urban', b: 'rural' },
    );
    expect(gap.point).toBeGreaterThan(0.05);
    expect(gap.ci.lower).toBeGreaterThan(0);
  });

  it('law: over many seeds, the estimates centre on the model population’s rate and the CI covers it', () => {
    const seeds = Array.from({ length: 16 }, (_, i) => i + 1);
    let covered = 0;
    let sum = 0;
    for (const seed of seeds) {
      const d = generateDemoSurvey({ seed, year: 2024, units: townships, size: 2000 });
      const rate = estimateProportion(d.design, d.literate);
      sum += rate.point;
      if (rate.ci.lower <= d.expectedRate && d.expectedRate <= rate.ci.upper) covered++;
    }
    expect(Math.abs(sum / seeds.length - 0.106)).toBeLessThan(0.008);
    expect(covered).toBeGreaterThanOrEqual(13);
  });

  it('ships population margins that agree with each other, so raking the base weights converges', () => {
    const totals = demo.margins.map((m) => Object.values(m.population).reduce((a, b) => a + b, 0));
    expect(new Set(totals).size).toBe(1);
    expect(demo.margins.map((m) => m.columns)).toEqual([['township'], ['residence'], ['sex'], ['age_band']]);
    const base = createDesign({ weights: demo.rows.map((r) => Number(r.weight)) });
    const raked = rake(base, { margins: marginsFromRows(demo.rows, demo.margins) });
    expect(raked.converged).toBe(true);
    expect(raked.warnings).toEqual([]);
  });

  it('writes flat rows for a CSV: design columns, then one column per item, blanks as null', () => {
    expect(demo.columns.slice(0, 10)).toEqual([
      'id',
      'township',
      'village',
      'residence',
      'sex',
      'age_band',
      'education',
      'weight',
      'villages',
      'village_adults',
    ]);
    expect(demo.columns.slice(10)).toEqual(demo.questionnaire.items.map((i) => i.id));
    expect(Object.keys(demo.rows[0]!)).toEqual(demo.columns);
    expect(demo.rows.some((row) => demo.questionnaire.items.some((i) => row[i.id] === null))).toBe(true);
    expect(demo.rows.some((row) => String(row.K05).includes(';'))).toBe(true);
  });

  it('accepts plain names, refuses options that cannot make a survey', () => {
    const small = generateDemoSurvey({ units: ['甲镇', '乙镇', '丙乡'], size: 300 });
    expect(small.respondents[0]!.psu).toMatch(/^t1-/);
    expect(small.seed).toBe(1);
    expect(small.year).toBe(2024);
    const codes = [
      () => generateDemoSurvey({ units: ['甲镇'] }),
      () => generateDemoSurvey({ units: ['甲镇', '乙镇'], size: 10 }),
      () => generateDemoSurvey({ units: ['甲镇', '乙镇'], year: 24.5 }),
      () => generateDemoSurvey({ units: ['甲镇', '乙镇'], literacyRate: 1.2 }),
      () => generateDemoSurvey({ units: [{ name: '甲镇', adults: -1 }, '乙镇'] }),
    ].map((fn) => {
      try {
        fn();
        return 'no error';
      } catch (error) {
        return isSurveyError(error) ? error.code : 'other';
      }
    });
    expect(codes).toEqual(['invalid-option', 'invalid-option', 'invalid-option', 'invalid-option', 'invalid-option']);
  });
});
