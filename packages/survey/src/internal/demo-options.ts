import type { DemoSurveyOptions } from '../demo.js';
import { fail } from '../errors.js';
import { describeValue, expectArray, expectRecord, expectString } from './guard.js';

/** More respondents than any county survey, and still a few seconds to generate. */
const MAX_SIZE = 1_000_000;
/** More adults than any township has: a bound so a typo cannot ask for billions of people. */
const MAX_ADULTS = 10_000_000;

/**
 * Checks the demo's options and fills in the defaults: a finite seed, a year, at least two
 * townships, a size from 20 per township up to a million, a rate strictly between 0 and 1.
 */
export function checkDemoOptions(input: DemoSurveyOptions): { seed: number; year: number; size: number; rate: number } {
  const options = expectRecord(input, ['options']) as unknown as DemoSurveyOptions;
  const seed = options.seed ?? 1;
  const year = options.year ?? 2024;
  const size = options.size ?? 2000;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    fail('invalid-option', ['seed'], { option: 'seed', value: describeValue(seed), detail: 'use a finite number' });
  }
  if (!Number.isInteger(year) || year < 1900 || year > 2200) {
    fail('invalid-option', ['year'], { option: 'year', value: describeValue(year), detail: 'use a year such as 2024' });
  }
  const rate = options.literacyRate ?? Math.min(0.6, Math.max(0.01, 0.078 + 0.007 * (year - 2020)));
  const units = expectArray(options.units, ['units']);
  if (units.length < 2) {
    fail('invalid-option', ['units'], {
      option: 'units',
      value: String(units.length),
      detail: 'give at least two townships (strata)',
    });
  }
  units.forEach((raw, k) => {
    if (typeof raw === 'string') return;
    const unit = expectRecord(raw, ['units', k], 'a township name or { name, id, adults, urbanShare }');
    expectString(unit.name, ['units', k, 'name']);
    if (unit.id !== undefined) expectString(unit.id, ['units', k, 'id']);
    for (const [key, max] of [
      ['adults', MAX_ADULTS],
      ['urbanShare', 1],
    ] as const) {
      const value = unit[key];
      if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= max)) {
        fail('invalid-option', ['units', k, key], {
          option: `units[${k}].${key}`,
          value: describeValue(value),
          detail: `use a number from 0 to ${max}`,
        });
      }
    }
  });
  if (!Number.isInteger(size) || size < 20 * units.length || size > MAX_SIZE) {
    fail('invalid-option', ['size'], {
      option: 'size',
      value: describeValue(size),
      detail: `use a whole number of at least ${20 * units.length} (20 per township) and at most ${MAX_SIZE}`,
    });
  }
  if (!(typeof rate === 'number' && rate > 0 && rate < 1)) {
    fail('invalid-option', ['literacyRate'], {
      option: 'literacyRate',
      value: describeValue(rate),
      detail: 'give a share between 0 and 1',
    });
  }
  return { seed, year, size, rate };
}
