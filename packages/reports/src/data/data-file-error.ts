import type { Bilingual } from '../i18n.js';

/**
 * Why a data file cannot be read as rows: not a workbook, no sheet with the template's columns,
 * no unit column, bad JSON, JSON that is not a list of rows, a type that is not supported, a CSV
 * quote that does not close, or a formula cell saved without its value.
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
  | 'formula-without-value';

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
