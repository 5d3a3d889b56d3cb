import type { IssuePath } from '@kepu/core';
import { fail } from '../errors.js';
import type { ReliabilityFlag, ReliabilityInput, ReliabilityRules } from '../reliability.js';
import { describeValue, expectArray, expectOneOf, expectRecord, expectString } from './guard.js';

// Checks for estimates that come back in from outside — a stored estimate passed to
// formatEstimate, an estimate-like object built by hand — before they are formatted or assessed.

function finite(value: unknown, path: IssuePath, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail('invalid-shape', path, { detail: `${what} must be a finite number, got ${describeValue(value)}` });
  }
  return value;
}

/** The numbers reliability rules and formatting read: point, interval, df, n, effective n. */
export function expectReliabilityInput(value: unknown, path: IssuePath): ReliabilityInput {
  const e = expectRecord(value, path, 'an estimate');
  expectOneOf(e.statistic, ['mean', 'total', 'proportion', 'difference'], [...path, 'statistic']);
  finite(e.point, [...path, 'point'], 'the estimate');
  const ci = expectRecord(e.ci, [...path, 'ci'], 'a confidence interval');
  finite(ci.lower, [...path, 'ci', 'lower'], 'the lower bound');
  finite(ci.upper, [...path, 'ci', 'upper'], 'the upper bound');
  finite(ci.level, [...path, 'ci', 'level'], 'the confidence level');
  expectString(ci.method, [...path, 'ci', 'method']);
  finite(e.df, [...path, 'df'], 'the degrees of freedom');
  finite(e.n, [...path, 'n'], 'the sample size');
  finite(e.nEffective, [...path, 'nEffective'], 'the effective sample size');
  return e as unknown as ReliabilityInput;
}

/** Reliability flags and the `suppressed` mark that travel with an estimate. */
export function expectFlags(value: unknown, path: IssuePath): { flags: ReliabilityFlag[]; suppressed: boolean } {
  const e = expectRecord(value, path, 'an estimate');
  expectArray(e.flags, [...path, 'flags']).forEach((flag, k) => {
    const message = expectRecord(expectRecord(flag, [...path, 'flags', k]).message, [...path, 'flags', k, 'message']);
    expectString(message.zh, [...path, 'flags', k, 'message', 'zh']);
    expectString(message.en, [...path, 'flags', k, 'message', 'en']);
  });
  if (typeof e.suppressed !== 'boolean') {
    fail('invalid-shape', [...path, 'suppressed'], {
      detail: `expected true or false, got ${describeValue(e.suppressed)}`,
    });
  }
  return e as unknown as { flags: ReliabilityFlag[]; suppressed: boolean };
}

/** Complete reliability rules: every threshold a finite number ≥ 0. */
export function expectRules(value: unknown, path: IssuePath): ReliabilityRules {
  const rules = expectRecord(value, path, 'reliability rules');
  for (const key of [
    'minEffectiveSampleSize',
    'minDegreesOfFreedom',
    'maxAbsoluteCiWidth',
    'maxRelativeCiWidth',
    'relativeWidthFloor',
  ]) {
    const v = finite(rules[key], [...path, key], key);
    if (v < 0) fail('invalid-shape', [...path, key], { detail: `${key} must not be negative` });
  }
  return rules as unknown as ReliabilityRules;
}
