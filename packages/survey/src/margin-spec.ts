import type { Margin } from './calibrate.js';
import { crossCells } from './calibrate.js';
import { fail } from './errors.js';
import {
  describeValue,
  expectArray,
  expectRecord,
  expectString,
  isMissingKey,
  keyText,
  own,
} from './internal/guard.js';

/**
 * A raking margin as it is written in a file (`margins.json`): the record columns that make its
 * cells, and the population count of each cell. A cell of several columns is their values joined
 * by `|`, as {@link crossCells} makes them (`山河镇|urban`).
 *
 * @example
 * ```ts
 * import type { MarginSpec } from '@kepu/survey';
 * const townshipByResidence: MarginSpec = {
 *   name: 'township × residence',
 *   columns: ['township', 'residence'],
 *   population: { '山河镇|urban': 25_100, '山河镇|rural': 10_800 },
 * };
 * ```
 */
export interface MarginSpec {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly population: Readonly<Record<string, number>>;
}

/**
 * Turns margin specs and records (e.g. a parsed CSV) into the {@link Margin}s that `rake` takes.
 * Throws `invalid-option` for a spec without columns and `missing-key` for a record without a
 * value in one of them (with the record's index).
 *
 * @example
 * ```ts
 * import { createDesign, marginsFromRows, rake } from '@kepu/survey';
 * const rows = [{ sex: 'male', w: '10' }, { sex: 'female', w: '12' }];
 * const margins = marginsFromRows(rows, [{ columns: ['sex'], population: { male: 49, female: 51 } }]);
 * rake(createDesign({ weights: rows.map((r) => Number(r.w)) }), { margins }).converged; // true
 * ```
 */
export function marginsFromRows(
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  specs: readonly MarginSpec[],
): Margin[] {
  expectArray(rows, ['rows']).forEach((row, i) => {
    expectRecord(row, ['rows', i], 'a record');
  });
  return expectArray(specs, ['margins']).map((raw, k) => {
    const spec = expectRecord(raw, ['margins', k], 'a margin ({ columns, population })') as unknown as MarginSpec;
    if (spec.name !== undefined) expectString(spec.name, ['margins', k, 'name']);
    expectArray(spec.columns, ['margins', k, 'columns']).forEach((column, c) => {
      expectString(column, ['margins', k, 'columns', c]);
    });
    for (const [cell, total] of Object.entries(expectRecord(spec.population, ['margins', k, 'population']))) {
      if (typeof total !== 'number' || !Number.isFinite(total) || total < 0) {
        fail('invalid-population-total', ['margins', k, 'population', cell], {
          what: spec.name ?? spec.columns.join(' × '),
          cell,
          value: describeValue(total),
        });
      }
    }
    if (spec.columns.length === 0) {
      fail('invalid-option', ['margins', k, 'columns'], {
        option: `margins[${k}].columns`,
        value: '[]',
        detail: 'name at least one column',
      });
    }
    const columns = spec.columns.map((column) =>
      rows.map((row, i) => {
        // Own properties only, so a column named "__proto__" is not read from Object.prototype.
        const value = own(row, column);
        return isMissingKey(value) ? null : keyText(value, ['rows', i, column]);
      }),
    );
    return {
      name: spec.name ?? spec.columns.join(' × '),
      cells: crossCells(...columns),
      population: spec.population,
    };
  });
}
