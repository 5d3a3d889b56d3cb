import { describe, expect, it } from 'vitest';
import { ESTIMATION, fuzzSurveyEntryPoints, NOT_UNTRUSTED, SURVEY_FUNCTIONS } from './survey-entry-points.js';
import { VALID_SURVEY_ARGS } from './survey-inputs.js';

describe('fuzz: @kepu/survey estimation entry points', () => {
  it('every exported function is fuzzed or listed as not taking untrusted input', () => {
    const missing = SURVEY_FUNCTIONS.filter((name) => !(name in VALID_SURVEY_ARGS) && !(name in NOT_UNTRUSTED));
    expect(missing).toEqual([]);
    const stale = Object.keys(VALID_SURVEY_ARGS).filter((name) => !SURVEY_FUNCTIONS.includes(name));
    expect(stale).toEqual([]);
  });

  fuzzSurveyEntryPoints(ESTIMATION);
});
