import { columnOfHeader, type TemplateColumnKey } from './columns.js';
import { DATA_FILE_MAX_ROWS, DataFileError, tooManyRows } from './data-file-error.js';
import { decodeText, type TextEncodingName } from './decode-text.js';
import { csvRows } from './parse-csv.js';
import { xlsxRows } from './read-xlsx-rows.js';
import { plainValue, type SourceCell, type SourceRow } from './source-row.js';

function jsonRows(name: string, text: string, maxRows: number): SourceRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new DataFileError(
      'invalid-json',
      name,
      {
        zh: `${name} 不是有效的 JSON：${(error as Error).message}`,
        en: `${name} is not valid JSON: ${(error as Error).message}`,
      },
      { cause: error },
    );
  }
  const list = Array.isArray(data) ? data : (data as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(list)) {
    throw new DataFileError('not-a-row-list', name, {
      zh: `${name} 应为行对象的数组，或含 rows 数组的对象。`,
      en: `${name} must be an array of row objects, or an object with a rows array.`,
    });
  }
  if (list.length > maxRows) throw tooManyRows(name, 'JSON', maxRows + 1, maxRows);
  return list.map((item, i) => {
    const cells: Partial<Record<TemplateColumnKey, SourceCell>> = {};
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      for (const [field, value] of Object.entries(item as Record<string, unknown>)) {
        const key = columnOfHeader(field);
        const v = plainValue(value);
        if (key && v !== undefined) cells[key] = { value: v, column: field, header: field };
      }
    }
    return { sheet: 'JSON', row: i + 1, cells };
  });
}

const decoded = (content: Uint8Array | string): { text: string; encoding?: TextEncodingName } =>
  typeof content === 'string' ? { text: content } : decodeText(content);
const asBytes = (content: Uint8Array | string) =>
  typeof content === 'string' ? new TextEncoder().encode(content) : content;

/**
 * Reads the rows of a data file from its content — `.xlsx` (every sheet whose first row has the
 * template's columns), `.csv`/`.tsv` (header line first; UTF-8, UTF-16 or GB 18030, detected) or `.json` (an array of row
 * objects) — matching columns by their Chinese or English header or their key. The name says the
 * type and appears in messages (pass the path a user gave); the caller reads the file, so this
 * runs in a browser as well as on a server. Blank rows are skipped. A file that cannot be read as
 * rows throws a {@link DataFileError}.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { readDataRows } from '@kepu/reports';
 * const rows = await readDataRows('filled-2025.xlsx', await readFile('filled-2025.xlsx'));
 * rows[0]?.cells.value?.value; // 12
 * ```
 */
export async function readDataRows(
  name: string,
  content: Uint8Array | string,
  options?: ReadDataOptions,
): Promise<SourceRow[]> {
  return (await readDataFile(name, content, options)).rows;
}

/**
 * How {@link readDataFile} reads: `maxRows`, the most data rows a file may hold before it is
 * refused with `too-many-rows` (a positive integer; {@link DATA_FILE_MAX_ROWS} by default).
 *
 * @example
 * ```ts
 * import type { ReadDataOptions } from '@kepu/reports';
 * const options: ReadDataOptions = { maxRows: 5_000 };
 * ```
 */
export interface ReadDataOptions {
  readonly maxRows?: number;
}

/**
 * {@link readDataRows}, also saying which encoding a CSV, TSV or JSON file was decoded in (see
 * `decodeText`: UTF-8 with or without a byte-order mark, UTF-16 with one, else GB 18030), so a
 * caller can tell the user. `encoding` is absent for workbooks and for text passed as a string.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { readDataFile } from '@kepu/reports';
 * const { rows, encoding } = await readDataFile('filled.csv', await readFile('filled.csv'));
 * encoding; // 'gb18030' for a CSV saved by Excel on Chinese Windows
 * ```
 */
export async function readDataFile(
  name: string,
  content: Uint8Array | string,
  options: ReadDataOptions = {},
): Promise<{ readonly rows: SourceRow[]; readonly encoding?: TextEncodingName }> {
  const maxRows = options.maxRows ?? DATA_FILE_MAX_ROWS;
  if (!Number.isSafeInteger(maxRows) || maxRows < 1) {
    throw new DataFileError('invalid-option', name, {
      zh: `maxRows 应为正整数，收到 ${String(maxRows)}。`,
      en: `maxRows must be a positive integer; got ${String(maxRows)}.`,
    });
  }
  const ext = /\.[^./\\]+$/.exec(name)?.[0].toLowerCase() ?? '';
  if (ext === '.xlsx') return { rows: await xlsxRows(name, asBytes(content), maxRows) };
  if (ext === '.csv' || ext === '.tsv' || ext === '.json') {
    const { text, encoding } = decoded(content);
    const rows =
      ext === '.json' ? jsonRows(name, text, maxRows) : csvRows(name, text, ext === '.tsv' ? '\t' : ',', maxRows);
    return encoding === undefined ? { rows } : { rows, encoding };
  }
  const base = name.split(/[\\/]/).pop() ?? name;
  throw new DataFileError('unsupported-file-type', name, {
    zh: `不支持的文件类型“${ext || base}”：请用 .xlsx、.csv 或 .json。`,
    en: `Unsupported file type "${ext || base}": use .xlsx, .csv or .json.`,
  });
}
