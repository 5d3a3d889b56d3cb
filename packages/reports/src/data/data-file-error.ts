import type { Bilingual } from '../i18n.js';

/**
 * Why a data file cannot be read as rows: not a workbook, no sheet with the template's columns,
 * no unit column, bad JSON, JSON that is not a list of rows, a type that is not supported, a CSV
 * quote that does not close, a formula cell saved without its value, more rows than
 * {@link DATA_FILE_MAX_ROWS}, or a reading option out of range.
 *
 * @example
 * ```ts
 * import type { DataFileErrorCode } from '@kepu/reports';
 * const code: DataFileErrorCode = 'no-data-sheet';
 * ```
 */
export type DataFileErrorCode =
  | 'unreadable-workbook'
  | 'no-data-sheet'
  | 'no-unit-column'
  | 'invalid-json'
  | 'not-a-row-list'
  | 'unsupported-file-type'
  | 'bad-quote'
  | 'formula-without-value'
  | 'too-many-rows'
  | 'invalid-option';

/**
 * The most data rows one file may hold (header and blank rows not counted). A county's year is a
 * few thousand rows; the cap keeps the memory a file can claim bounded, whatever the file says.
 * Split a larger file, or import it sheet by sheet.
 *
 * @example
 * ```ts
 * import { DATA_FILE_MAX_ROWS } from '@kepu/reports';
 * DATA_FILE_MAX_ROWS; // 100000
 * ```
 */
export const DATA_FILE_MAX_ROWS = 100_000;

/** The `too-many-rows` error of a file that goes past `limit` rows at `row` of `sheet`. */
export function tooManyRows(file: string, sheet: string, row: number, limit: number): DataFileError {
  const max = limit.toLocaleString('en-US');
  return new DataFileError(
    'too-many-rows',
    file,
    {
      zh: `${file} 的数据超过 ${max} 行（在工作表“${sheet}”第 ${row} 行超出）。一个县一年的填报通常只有几千行；请检查是否误选了其他文件，或把文件拆分后分别导入。`,
      en: `${file} holds more than ${max} data rows (passed at row ${row} of sheet "${sheet}"). A county's year is a few thousand rows: check that this is the right file, or split it and import the parts one by one.`,
    },
    { sheet, row },
  );
}

const DATA_FILE_ERROR = Symbol.for('@kepu/reports/DataFileError');

/**
 * A data file that cannot be read as rows: its `code`, the file it is about, and what to do, in
 * Chinese and English. Branded, so {@link isDataFileError} holds across duplicate installs.
 *
 * @example
 * ```ts
 * import { DataFileError } from '@kepu/reports';
 * throw new DataFileError('invalid-json', 'rows.json', { zh: 'rows.json 不是有效的 JSON', en: 'rows.json is not valid JSON' });
 * ```
 */
export class DataFileError extends Error {
  readonly code: DataFileErrorCode;
  /** The file's name as given to the reader. */
  readonly file: string;
  /** The sheet, row (CSV line or sheet row) and column the problem is at, when it is at one. */
  readonly sheet: string | undefined;
  readonly row: number | undefined;
  readonly column: string | undefined;
  readonly text: Bilingual;
  readonly [DATA_FILE_ERROR] = true;
  constructor(
    code: DataFileErrorCode,
    file: string,
    text: Bilingual,
    options?: {
      readonly cause?: unknown;
      readonly sheet?: string;
      readonly row?: number;
      readonly column?: string;
    },
  ) {
    super(text.en, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DataFileError';
    this.code = code;
    this.file = file;
    this.sheet = options?.sheet;
    this.row = options?.row;
    this.column = options?.column;
    this.text = text;
  }
}

/**
 * True for a {@link DataFileError}, across duplicate installs.
 *
 * @example
 * ```ts
 * import { isDataFileError, readDataRows } from '@kepu/reports';
 * try { await readDataRows('rows.json', '{'); } catch (error) { isDataFileError(error); } // true
 * ```
 */
export function isDataFileError(value: unknown): value is DataFileError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DATA_FILE_ERROR] === true;
}
