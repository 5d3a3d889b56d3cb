import type { ReportObservation } from '@kepu/core';
import { describe, expect, it } from 'vitest';
import { DEMO_SURVEY_TOLERANCE, DEMO_SURVEY_YEAR, surveyLiteracy } from '../commands/demo-survey.js';

// A history's literacy figures, in the tight corner the story allows: the year before the survey
// at the top of its range, the survey year at the bottom of its own (see the history's figures).
const history: Record<number, number> = { 2022: 8.9, 2023: 10.15, 2024: 10.55, 2025: 11.85 };
const filed = (year: number): ReportObservation => ({
  target: 'literacy-rate-2025',
  numerator: Math.round((history[year] as number) * 20),
  denominator: 2000,
});
const rate = (o: ReportObservation) => ((o.numerator as number) / (o.denominator as number)) * 100;

describe('the demo’s survey round', () => {
  it.each([1, 7, 20221026])(
    'law: seed %i — the survey point lies within the tolerance of the history’s figure and the headline series never falls',
    (seed) => {
      const hook = surveyLiteracy(seed);
      const series = [2022, 2023, 2024, 2025].map((year) => hook(year, filed(year)));
      const survey = series[DEMO_SURVEY_YEAR - 2022] as ReportObservation;
      expect(survey.estimate).toBeDefined();
      expect(Math.abs(rate(survey) - rate(filed(DEMO_SURVEY_YEAR)))).toBeLessThanOrEqual(DEMO_SURVEY_TOLERANCE);
      const rates = series.map(rate);
      for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThanOrEqual(rates[i - 1] as number);
    },
  );
});
