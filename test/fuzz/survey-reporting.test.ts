import { describe } from 'vitest';
import { ESTIMATION, fuzzSurveyEntryPoints } from './survey-entry-points.js';
import { VALID_SURVEY_ARGS } from './survey-inputs.js';

// Scoring, evidence, observations, intervals, distributions, formatting and the demo: every
// entry point the estimation file does not take.
describe('fuzz: @kepu/survey scoring and reporting entry points', () => {
  fuzzSurveyEntryPoints(Object.keys(VALID_SURVEY_ARGS).filter((name) => !ESTIMATION.includes(name)));
});
