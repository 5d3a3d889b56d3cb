import { expect, it } from 'vitest';
import * as survey from '../../packages/survey/src/index.js';
import { FUZZ_RUNS, FUZZ_TIMEOUT, type FuzzOptions, fuzzEntryPoint, mixedArgs } from './harness.js';
import { VALID_SURVEY_ARGS } from './survey-inputs.js';

/**
 * Exported functions that are not fed untrusted input, and why. Everything else exported as a
 * function must be in VALID_SURVEY_ARGS, so a new export cannot escape the fuzz suite unnoticed.
 */
export const NOT_UNTRUSTED: Readonly<Record<string, string>> = {
  SurveyError: 'the error class: built by the library (and plugins) from issues it made itself',
  createSurveyIssue: 'builds an issue from a code of the table; the code is a constant in the caller’s source',
  fromZodSurveyIssues: 'converts issues zod produced; its input is zod’s output, not a user’s',
};

/** Contract exceptions and run counts, each with its reason. */
const OPTIONS: Readonly<Record<string, FuzzOptions>> = {
  // The distribution functions never throw and return NaN outside their domain, as R's do.
  logGamma: { neverThrows: true, echoesNumbers: true },
  betaCdf: { neverThrows: true, echoesNumbers: true },
  betaQuantile: { neverThrows: true, echoesNumbers: true },
  normalCdf: { neverThrows: true, echoesNumbers: true },
  normalQuantile: { neverThrows: true, echoesNumbers: true },
  studentTCdf: { neverThrows: true, echoesNumbers: true },
  studentTQuantile: { neverThrows: true, echoesNumbers: true },
  // An accessor: returns the column's values as they are in the records.
  columnOf: { echoesNumbers: true },
  isSurveyError: { neverThrows: true },
  // Each valid call simulates a whole county (about 45 ms, whatever the size asked for): 1/50 of
  // the runs keeps the suite within its time budget; the long run in bench/ gives it more.
  generateDemoSurvey: { runs: Math.max(1, Math.round(FUZZ_RUNS / 50)) },
  // Works out the county and the sample plan before it returns (the respondents come later): as
  // costly per call as the whole demo, so the same share of runs.
  streamDemoSurvey: { runs: Math.max(1, Math.round(FUZZ_RUNS / 50)) },
};

/** Designs, estimates and calibration: half of the survey's entry points (the files run in parallel). */
export const ESTIMATION: readonly string[] = [
  'createDesign',
  'designFromRows',
  'describeDesign',
  'columnOf',
  'crossCells',
  'postStratify',
  'rake',
  'marginsFromRows',
  'estimateMean',
  'estimateTotal',
  'estimateProportion',
  'estimateByGroup',
  'estimateGap',
];

/** Exported functions of @kepu/survey, by name. */
export const SURVEY_FUNCTIONS: ReadonlyArray<string> = Object.entries(survey)
  .filter(([, value]) => typeof value === 'function')
  .map(([name]) => name);

/** One fuzz test per entry point named. */
export function fuzzSurveyEntryPoints(names: readonly string[]): void {
  for (const name of names) {
    it(
      `law: ${name} returns or throws a typed SurveyError, never a raw error or a NaN`,
      () => {
        const fn = (survey as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
        const report = fuzzEntryPoint(name, fn, mixedArgs(VALID_SURVEY_ARGS[name]!), OPTIONS[name]);
        // Valid inputs are in the mix: an entry point that refuses everything is broken too.
        expect(report.returned).toBeGreaterThan(0);
      },
      FUZZ_TIMEOUT,
    );
  }
}
