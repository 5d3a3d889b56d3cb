import { createReadStream } from 'node:fs';
import { access, open } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { CsvRecordReader, isDataFileError, parseNumberText, type TextEncodingName } from '@kepu/reports';
import type ExcelJS from 'exceljs';
import type { PreparedOutput } from '../../safe-output.js';
import { SurveyDataError } from './data-error.js';

/**
 * A data file read into records: header names, one record per data row (an empty cell is
 * `null`), and each record's row number as the file shows it (CSV line or sheet row; the header
 * is row 1) so that errors can point at it.
 *
 * @example
 * ```ts
 * const table = await readTable('responses.csv', 'responses.csv');
 * table.rows[0]?.township; // '山河镇'
 * ```
 */
export interface DataTable {
  /** The file as the user named it (for messages). */
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<Readonly<Record<string, string | null>>>;
  readonly rowNumbers: readonly number[];
  /** For a CSV: the encoding it was read in (see `decodeText`). */
  readonly encoding?: TextEncodingName;
}

/**
 * A data file opened for reading one row at a time: header names, the encoding of a CSV, and its
 * data rows as an async iterable that reads each row when asked for it (an empty cell is `null`,
 * blank rows are skipped, each row comes with its number as the file shows it). A CSV is read from
 * the disk a block at a time, so a command that handles each row and lets it go holds a block and
 * a row, never the file or a table of row objects. The rows can be read once.
 *
 * @example
 * ```ts
 * const opened = await openTable('/abs/path/responses.csv', 'responses.csv');
 * for await (const { row, line } of opened.rows) console.log(line, row.township);
 * ```
 */
export interface OpenedTable {
  /** The file as the user named it (for messages). */
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: AsyncIterable<{ readonly row: Readonly<Record<string, string | null>>; readonly line: number }>;
  /** For a CSV: the encoding it was read in (see `decodeText`). */
  readonly encoding?: TextEncodingName;
}

/**
 * Reads a CSV (RFC 4180: quoted fields with commas, quotes and line breaks; a UTF-8 byte-order
 * mark; CRLF, LF or CR line ends; UTF-8, or GB 18030 as Excel saves it on Chinese Windows) or an
 * `.xlsx` workbook (its first sheet). Blank rows are skipped; cells are kept as text.
 *
 * @example
 * ```ts
 * const table = await readTable('/abs/path/responses.xlsx', 'responses.xlsx');
 * ```
 */
export async function readTable(path: string, file: string): Promise<DataTable> {
  const opened = await openTable(path, file);
  const rows: Array<Readonly<Record<string, string | null>>> = [];
  const rowNumbers: number[] = [];
  for await (const { row, line } of opened.rows) {
    rows.push(row);
    rowNumbers.push(line);
  }
  return {
    file,
    columns: opened.columns,
    rows,
    rowNumbers,
    ...(opened.encoding !== undefined ? { encoding: opened.encoding } : {}),
  };
}

/**
 * Opens a data file (the formats of {@link readTable}) for reading row by row: the header is
 * read and checked now, each data row when the caller asks for it, so a bad CSV quote late in the
 * file is a `bad-csv` error thrown by the iteration, at its line.
 *
 * @example
 * ```ts
 * const { columns, rows } = await openTable('/abs/path/responses.csv', 'responses.csv');
 * ```
 */
export async function openTable(path: string, file: string): Promise<OpenedTable> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xls') {
    throw new SurveyDataError(
      'unreadable-file',
      { file },
      {
        zh: '不支持旧版 .xls 格式。请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）。',
        en: 'the old .xls format is not supported. Save it as .xlsx or CSV (UTF-8) in Excel.',
      },
    );
  }
  if (ext === '.xlsx') return openXlsx(path, file);
  return openCsv(path, file);
}

function unreadable(file: string, error: unknown): SurveyDataError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new SurveyDataError(
    'unreadable-file',
    { file },
    { zh: `无法读取文件（${reason}）。`, en: `cannot read it (${reason}).` },
    { cause: error },
  );
}

/** Bytes read from the disk at a time by the streamed CSV reader. */
const BLOCK = 1 << 16;

/** The file's blocks; a read failure is an `unreadable-file` error. */
async function* blocks(path: string, file: string): AsyncGenerator<Buffer> {
  try {
    for await (const block of createReadStream(path, { highWaterMark: BLOCK })) yield block as Buffer;
  } catch (error) {
    throw unreadable(file, error);
  }
}

/**
 * The encoding of a CSV as `decodeText` decides it, without holding the file: a byte-order mark
 * decides; without one, a file that is valid UTF-8 throughout is UTF-8, any other is GB 18030
 * (checked by one pass over the blocks).
 */
async function csvEncoding(path: string, file: string): Promise<TextEncodingName> {
  const head = Buffer.alloc(3);
  try {
    const handle = await open(path, 'r');
    try {
      await handle.read(head, 0, 3, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(file, error);
  }
  const [a, b, c] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8-bom';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const block of blocks(path, file)) utf8.decode(block, { stream: true });
    utf8.decode();
    return 'utf-8';
  } catch (error) {
    if (error instanceof SurveyDataError) throw error;
    return 'gb18030';
  }
}

/** One record as it comes from a reader: its cells and the row number the file shows. */
interface RawRecord {
  readonly record: readonly string[];
  readonly line: number;
}

async function fromRecords(file: string, records: AsyncIterator<RawRecord>): Promise<Omit<OpenedTable, 'encoding'>> {
  const first = await records.next();
  if (first.done) {
    throw new SurveyDataError(
      'bad-header',
      { file },
      { zh: '文件是空的，没有标题行。', en: 'the file is empty: no header row.' },
    );
  }
  const head = first.value;
  const columns = head.record.map((name) => name.trim());
  const seen = new Map<string, number>();
  columns.forEach((name, i) => {
    if (name === '') {
      throw new SurveyDataError(
        'bad-header',
        { file, row: head.line },
        { zh: `第 ${i + 1} 列没有列名。`, en: `column ${i + 1} has no name.` },
      );
    }
    if (seen.has(name)) {
      throw new SurveyDataError(
        'bad-header',
        { file, row: head.line, column: name },
        {
          zh: `列名重复（第 ${seen.get(name)! + 1} 列和第 ${i + 1} 列）。请改名其中一列。`,
          en: `the column name is used twice (columns ${seen.get(name)! + 1} and ${i + 1}). Rename one of them.`,
        },
      );
    }
    seen.set(name, i);
  });
  async function* rows() {
    for (let next = await records.next(); !next.done; next = await records.next()) {
      const { record, line } = next.value;
      if (record.every((cell) => cell.trim() === '')) continue;
      const row: Record<string, string | null> = {};
      columns.forEach((name, i) => {
        const cell = (record[i] ?? '').trim();
        row[name] = cell === '' ? null : cell;
      });
      yield { row, line };
    }
  }
  return { file, columns, rows: rows() };
}

/** TextDecoder labels of the encodings `csvEncoding` finds (the decoder drops a byte-order mark itself). */
const DECODER: Readonly<Record<TextEncodingName, string>> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  gb18030: 'gb18030',
};

async function openCsv(path: string, file: string): Promise<OpenedTable> {
  // The same reader as kepu data import (quotes checked, lines counted), fed a block at a time.
  const encoding = await csvEncoding(path, file);
  async function* records(): AsyncGenerator<RawRecord> {
    const reader = new CsvRecordReader(file);
    const decoder = new TextDecoder(DECODER[encoding]);
    const each = (found: ReturnType<CsvRecordReader['push']>) =>
      found.map(({ cells, line }) => ({ record: cells, line }));
    try {
      for await (const block of blocks(path, file)) yield* each(reader.push(decoder.decode(block, { stream: true })));
      yield* each(reader.push(decoder.decode()));
      yield* each(reader.end());
    } catch (error) {
      if (isDataFileError(error)) {
        throw new SurveyDataError('bad-csv', { file, row: error.row }, error.text, { cause: error });
      }
      throw error;
    }
  }
  return { ...(await fromRecords(file, records())), encoding };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const v = value as unknown as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as Array<{ text: string }>).map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    // A formula saved without its value (written by a program, never saved by Excel) is not blank.
    if (v.result === undefined || v.result === null) return '#NOVALUE:';
    return cellText(v.result as ExcelJS.CellValue);
  }
  if ('result' in v) return v.result === undefined ? '' : cellText(v.result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  if ('error' in v) return `#ERROR:${String(v.error)}`;
  return String(value);
}

/** What ExcelJS's streaming reader gives for a row: its number and its cells by column number. */
interface StreamedRow {
  readonly number: number;
  readonly hasValues: boolean;
  readonly cellCount: number;
  getCell(column: number): { readonly value: ExcelJS.CellValue; readonly address: string };
}

function badCell(file: string, line: number, column: string, text: string): SurveyDataError | undefined {
  if (text === '#NOVALUE:') {
    return new SurveyDataError(
      'bad-value',
      { file, row: line, column },
      {
        zh: '单元格是公式，但文件中没有保存它的计算结果。请在 Excel 中打开并保存该文件，或把公式改为数值。',
        en: 'the cell holds a formula saved without its value. Open and save the file in Excel, or replace the formula by its value.',
      },
    );
  }
  if (text.startsWith('#ERROR:')) {
    return new SurveyDataError(
      'bad-value',
      { file, row: line, column },
      {
        zh: `单元格是公式错误（${text.slice(7)}），请修正公式或填入数值。`,
        en: `the cell holds a formula error (${text.slice(7)}); fix the formula or type the value.`,
      },
    );
  }
  return undefined;
}

/**
 * The first sheet of a workbook, streamed from the disk with ExcelJS's `WorkbookReader` (as
 * `kepu data import` reads workbooks): memory holds the shared strings and the row being read,
 * never the sheet model. The header row sets the width; a filled cell to the right of the header
 * is a `bad-header` error (its column has no name), as it was when the sheet was loaded whole.
 */
async function openXlsx(path: string, file: string): Promise<OpenedTable> {
  // Loaded only for a workbook: ExcelJS is large, and every other kepu command starts without it.
  const { default: Excel } = await import('exceljs');
  const notWorkbook = (error: unknown) =>
    new SurveyDataError(
      'unreadable-file',
      { file },
      {
        zh: `不是有效的 .xlsx 文件（${(error as Error).message}）。`,
        en: `not a valid .xlsx file (${(error as Error).message}).`,
      },
      { cause: error },
    );
  async function* records(): AsyncGenerator<RawRecord> {
    const workbook = new Excel.stream.xlsx.WorkbookReader(createReadStream(path, { highWaterMark: BLOCK }), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
      entries: 'ignore',
    });
    let width: number | undefined;
    let headLine = 1;
    try {
      for await (const sheet of workbook) {
        const where = `${file}（${(sheet as unknown as { name: string }).name}）`;
        for await (const row of sheet as unknown as AsyncIterable<StreamedRow>) {
          if (!row.hasValues) continue;
          if (width === undefined) {
            width = row.cellCount;
            headLine = row.number;
          }
          const record: string[] = [];
          for (let c = 1; c <= Math.max(width, row.cellCount); c++) {
            const cell = row.getCell(c);
            const text = cellText(cell.value);
            const bad = badCell(where, row.number, cell.address.replace(/\d+$/, ''), text);
            if (bad) throw bad;
            if (c > width && text.trim() !== '') {
              throw new SurveyDataError(
                'bad-header',
                { file, row: headLine },
                { zh: `第 ${c} 列没有列名。`, en: `column ${c} has no name.` },
              );
            }
            if (c <= width) record.push(text);
          }
          yield { record, line: row.number };
        }
        // The first sheet only.
        return;
      }
    } catch (error) {
      if (error instanceof SurveyDataError) throw error;
      throw notWorkbook(error);
    }
    throw new SurveyDataError('bad-header', { file }, { zh: '工作簿中没有工作表。', en: 'the workbook has no sheet.' });
  }
  try {
    await access(path);
  } catch (error) {
    throw unreadable(file, error);
  }
  return fromRecords(file, records());
}

/**
 * One CSV field, quoted when it must be (RFC 4180). A text cell that Excel would run as a formula
 * (it begins with =, +, -, @, a tab or a carriage return, and is not a plain number) gets a
 * leading apostrophe, as OWASP advises for CSV meant for spreadsheets; numbers are left alone.
 */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(text) && !parseNumberText(text).ok) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Formats records as CSV text: RFC 4180 quoting, CRLF line ends, formula-like text cells
 * prefixed with an apostrophe (so a hostile cell cannot run in Excel), and a UTF-8 byte-order
 * mark so that Excel on Chinese Windows shows the Chinese text correctly.
 *
 * @example
 * ```ts
 * toCsv(['a', 'b'], [{ a: '山河镇', b: 1 }]); // '\uFEFFa,b\r\n山河镇,1\r\n'
 * ```
 */
export function toCsv(
  columns: readonly string[],
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  options: { bom?: boolean } = {},
): string {
  return `${csvHeader(columns, options)}${rows.map((row) => csvLine(columns, row)).join('')}`;
}

/**
 * The start of a CSV file as {@link toCsv} writes it: the byte-order mark (unless `bom: false`)
 * and the header line. With {@link csvLine} for each record, a file is written a line at a time
 * and comes out byte for byte as `toCsv` would make it.
 *
 * @example
 * ```ts
 * csvHeader(['a', 'b']); // '\uFEFFa,b\r\n'
 * ```
 */
export function csvHeader(columns: readonly string[], options: { bom?: boolean } = {}): string {
  return `${options.bom === false ? '' : '\uFEFF'}${columns.map(field).join(',')}\r\n`;
}

/**
 * One record as a CSV line, quoted and guarded as {@link toCsv} does it, with its CRLF line end.
 *
 * @example
 * ```ts
 * csvLine(['a', 'b'], { a: '山河镇', b: 1 }); // '山河镇,1\r\n'
 * ```
 */
export function csvLine(columns: readonly string[], row: Readonly<Record<string, unknown>>): string {
  return `${columns.map((c) => field(row[c])).join(',')}\r\n`;
}

/**
 * Writes records as CSV (see {@link toCsv}) to an output prepared under the file output policy;
 * a write failure is an `OutputError` that names the file.
 *
 * @example
 * ```ts
 * await writeCsv(await outputOf('scored.csv', args, io), columns, rows);
 * ```
 */
export function writeCsv(
  output: PreparedOutput,
  columns: readonly string[],
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
): Promise<void> {
  return output.write(toCsv(columns, rows));
}

/**
 * The name to show for a file argument: as typed, or the base name for long paths.
 *
 * @example
 * ```ts
 * displayName('/tmp/x/responses.csv'); // 'responses.csv' when the path is long
 * ```
 */
export function displayName(arg: string): string {
  return arg.length > 60 ? basename(arg) : arg;
}

/**
 * Checks that every named column is in the table; otherwise a `missing-column` error that lists
 * the columns there are.
 *
 * @example
 * ```ts
 * requireColumns(table, { '--weight': 'pw', '--strata': 'stype' });
 * ```
 */
export function requireColumns(table: DataTable, named: Readonly<Record<string, string | undefined>>): void {
  for (const [option, column] of Object.entries(named)) {
    if (column === undefined) continue;
    if (!table.columns.includes(column)) {
      throw new SurveyDataError(
        'missing-column',
        { file: table.file, row: 1, column },
        {
          zh: `没有这一列（${option} 指定）。文件中的列：${table.columns.slice(0, 30).join('、')}${table.columns.length > 30 ? '…' : ''}。`,
          en: `no such column (named by ${option}). The file has: ${table.columns.slice(0, 30).join(', ')}${table.columns.length > 30 ? '…' : ''}.`,
        },
      );
    }
  }
}

/**
 * Reads a numeric column strictly (`parseNumberText`: no hex, no thousands or decimal commas):
 * numbers pass, blank and `NA` are
 * `null` when `missing` is allowed, anything else is a `bad-value` error at its row and column.
 *
 * @example
 * ```ts
 * const weights = numericColumn(table, 'pw', { positive: true });
 * ```
 */
export function numericColumn(
  table: DataTable,
  column: string,
  options: { positive?: boolean; missing?: boolean; what?: { zh: string; en: string } } = {},
): Array<number | null> {
  const what = options.what ?? { zh: '数值', en: 'value' };
  return table.rows.map((row, i) => {
    const raw = row[column] ?? null;
    const where = { file: table.file, row: table.rowNumbers[i]!, column };
    if (raw === null || raw === 'NA') {
      if (options.missing) return null;
      throw new SurveyDataError('bad-value', where, {
        zh: `${what.zh}缺失。请补全，或删除该行。`,
        en: `the ${what.en} is missing. Fill it in or remove the row.`,
      });
    }
    // Strict: no hex, no decimal or thousands commas (a comma is refused with how to fix it).
    const parsed = parseNumberText(raw);
    if (!parsed.ok || (options.positive && parsed.value <= 0)) {
      // A comma or a radix prefix gets the reader's own advice; anything else the plain rule.
      const special =
        !parsed.ok && /[,，]|^[+-]?0[xob]/i.test(raw.normalize('NFKC').trim()) ? parsed.reason : undefined;
      throw new SurveyDataError('bad-value', where, {
        zh: `${what.zh}“${raw}”无效：${special?.zh ?? (options.positive ? '必须是正数' : '不是数字')}。`,
        en: `the ${what.en} "${raw}" is invalid: ${special?.en ?? (options.positive ? 'it must be a positive number' : 'not a number')}.`,
      });
    }
    return parsed.value;
  });
}

const TRUE = new Set(['1', 'true', 'yes', 'y', '是']);
const FALSE = new Set(['0', 'false', 'no', 'n', '否']);

/**
 * Reads a 0/1 column (also true/false, yes/no in any case, 是/否); blank and `NA` are `null`; anything else
 * is a `bad-value` error at its row and column.
 *
 * @example
 * ```ts
 * const literate = binaryColumn(table, 'literate');
 * ```
 */
export function binaryColumn(table: DataTable, column: string): Array<0 | 1 | null> {
  return table.rows.map((row, i) => {
    const raw = row[column] ?? null;
    if (raw === null || raw === 'NA') return null;
    const word = raw.toLowerCase();
    if (TRUE.has(word)) return 1;
    if (FALSE.has(word)) return 0;
    throw new SurveyDataError(
      'bad-value',
      { file: table.file, row: table.rowNumbers[i]!, column },
      {
        zh: `比例只接受 0/1（或 true/false、是/否），这里是“${raw}”。请先把该变量转成是否指标。`,
        en: `a proportion needs 0/1 (or true/false, yes/no); this is "${raw}". Turn the variable into an indicator first.`,
      },
    );
  });
}

/**
 * The `<file.csv|xlsx>` argument of the survey commands that read respondents.
 *
 * @example
 * ```ts
 * const spec = { positionals: [RESPONDENT_FILE] };
 * ```
 */
export const RESPONDENT_FILE = {
  name: 'file.csv|xlsx',
  required: true,
  description: { zh: '每行一名受访者的数据文件', en: 'data file, one row per respondent' },
} as const;

/**
 * Reads the data file a survey command was given (relative to the working directory), with the
 * name its messages use for it.
 *
 * @example
 * ```ts
 * const { table, file, path } = await readArgumentTable(positionals[0]!, io.cwd);
 * ```
 */
export async function readArgumentTable(
  arg: string,
  cwd: string,
): Promise<{ readonly table: DataTable; readonly file: string; readonly path: string }> {
  const path = resolve(cwd, arg);
  const file = displayName(arg);
  return { table: await readTable(path, file), file, path };
}
