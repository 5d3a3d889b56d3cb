import type { Key, LonelyPsuPolicy, SurveyDesign } from './design.js';
import { createDesign } from './design.js';
import { fail } from './errors.js';
import { expectArray, expectRecord, expectString, own } from './internal/guard.js';

/**
 * How to find a column in a record: a property name, or a function of the record.
 *
 * @example
 * ```ts
 * import type { ColumnRef } from '@kepu/survey';
 * const byName: ColumnRef<{ pw: number }> = 'pw';
 * const computed: ColumnRef<{ pw: number }> = (row) => row.pw * 2;
 * ```
 */
export type ColumnRef<Row> = (keyof Row & string) | ((row: Row, index: number) => unknown);

/**
 * Reads one column from an array of records.
 *
 * @example
 * ```ts
 * import { columnOf } from '@kepu/survey';
 * columnOf([{ a: 1 }, { a: 2 }], 'a'); // [1, 2]
 * ```
 */
export function columnOf<Row, T = unknown>(rows: readonly Row[], ref: ColumnRef<Row>): T[] {
  expectArray(rows, ['rows']);
  if (typeof ref === 'function') return rows.map((row, i) => ref(row, i) as T);
  const name = expectString(ref, ['column']);
  // Own properties only: a column named "__proto__" or "constructor" is read from the record,
  // never from Object.prototype.
  return rows.map((row, i) => own(expectRecord(row, ['rows', i], 'a record'), name) as T);
}

/**
 * A design described by column names (or accessors) of an array of records, as read from a CSV
 * or spreadsheet.
 *
 * @example
 * ```ts
 * import type { RowDesignSpec } from '@kepu/survey';
 * const spec: RowDesignSpec<{ pw: number; stype: string }> = { weight: 'pw', strata: 'stype' };
 * ```
 */
export interface RowDesignSpec<Row> {
  readonly weight?: ColumnRef<Row>;
  readonly strata?: ColumnRef<Row>;
  readonly psu?: ColumnRef<Row>;
  readonly fpc?: ColumnRef<Row>;
  readonly stages?: ReadonlyArray<{ cluster: ColumnRef<Row>; strata?: ColumnRef<Row>; fpc?: ColumnRef<Row> }>;
  /** @default 'fail' */
  readonly lonelyPsu?: LonelyPsuPolicy;
}

/**
 * Builds a design from records and column names, e.g. straight from a parsed CSV file.
 * Numeric strings ("44.21") are accepted for weights and population sizes.
 *
 * @example
 * ```ts
 * import { designFromRows } from '@kepu/survey';
 * const design = designFromRows(apiclus1, { psu: 'dnum', weight: 'pw', fpc: 'fpc' });
 * ```
 */
export function designFromRows<Row>(rows: readonly Row[], spec: RowDesignSpec<Row>): SurveyDesign {
  if (expectArray(rows, ['rows']).length === 0) fail('empty-sample', []);
  expectRecord(spec, ['spec'], 'a design by column names ({ weight, strata, psu, fpc, stages })');
  const numeric = (ref: ColumnRef<Row> | undefined, column: string) =>
    ref === undefined
      ? undefined
      : columnOf<Row>(rows, ref).map((value, i) => {
          const number = toNumberOrNull(value);
          // Text that is not a plain decimal number ("0x10", "1,5", "1 000") is an error, not a
          // missing value: it was given, and reading it some other way would change the figure.
          if (number === null && typeof value === 'string' && !MISSING_TEXT.has(value.trim())) {
            fail('invalid-shape', [column, i], {
              detail: `"${value.slice(0, 40)}" in record ${i} is not a decimal number (hexadecimal, thousands separators and decimal commas are not read)`,
            });
          }
          return number;
        });
  const keys = (ref: ColumnRef<Row> | undefined) =>
    ref === undefined
      ? undefined
      : columnOf<Row>(rows, ref).map((v) => (v === null || v === undefined ? v : (v as Key)));
  const weights = numeric(spec.weight, 'weights');
  const strata = keys(spec.strata);
  const psu = keys(spec.psu);
  const fpc = numeric(spec.fpc, 'fpc');
  if (spec.stages !== undefined) expectArray(spec.stages, ['spec', 'stages']);
  const stages = spec.stages?.map((stage, k) => {
    expectRecord(stage, ['spec', 'stages', k]);
    const out: {
      cluster: (Key | null | undefined)[];
      strata?: (Key | null | undefined)[];
      fpc?: (number | null)[];
    } = { cluster: keys(stage.cluster)! };
    if (stage.strata !== undefined) out.strata = keys(stage.strata)!;
    if (stage.fpc !== undefined) out.fpc = numeric(stage.fpc, `stages[${k}].fpc`)!;
    return out;
  });
  return createDesign({
    ...(weights ? { weights } : {}),
    ...(strata ? { strata } : {}),
    ...(psu ? { psu } : {}),
    ...(fpc ? { fpc } : {}),
    ...(stages ? { stages } : {}),
    ...(spec.lonelyPsu ? { lonelyPsu: spec.lonelyPsu } : {}),
  });
}

/** How a data file writes "no value". */
const MISSING_TEXT: ReadonlySet<string> = new Set(['', 'NA', 'NaN']);

/** A plain decimal number: sign, digits, one decimal point, an exponent. Nothing JavaScript adds. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Numbers pass; strings written as plain decimal numbers become numbers; anything else (incl.
 * "NA", "", and text such as "0x10" or "1,5" that `Number()` would misread or refuse) is null.
 */
export function toNumberOrNull(value: unknown): number | null {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return DECIMAL.test(trimmed) ? Number(trimmed) : null;
  }
  return null;
}
