import type { TemplateColumnKey } from './columns.js';

/**
 * One cell read from a data file, with where it was: the raw value (a number, a text, a Date, a
 * boolean) and its column as the file names it (a letter for spreadsheets and CSV, the field name
 * for JSON).
 *
 * @example
 * ```ts
 * import type { SourceCell } from '@kepu/reports';
 * const cell: SourceCell = { value: 12, column: 'J', header: '数值' };
 * ```
 */
export interface SourceCell {
  readonly value: unknown;
  readonly column: string;
  readonly header: string;
}

/**
 * One row of a data file: its sheet, its row number as the file shows it (1 is the header row of a
 * spreadsheet or CSV; JSON items count from 1) and its cells by template column.
 *
 * @example
 * ```ts
 * import type { SourceRow } from '@kepu/reports';
 * const where = (r: SourceRow) => `${r.sheet} ${r.row}`;
 * ```
 */
export interface SourceRow {
  readonly sheet: string;
  readonly row: number;
  readonly cells: Partial<Record<TemplateColumnKey, SourceCell>>;
}

/**
 * A cell's value as the checks read it: trimmed text ('' is no value), numbers, booleans and
 * dates as they are, and the text or result of a rich-text or formula cell.
 */
export function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return plainValue((v.richText as Array<{ text: string }>).map((r) => r.text).join(''));
    }
    if ('result' in v) return plainValue(v.result);
    if ('text' in v) return plainValue(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(value);
}
