import { columnLetter, columnOfHeader, type TemplateColumnKey } from './columns.js';
import { DATA_FILE_MAX_ROWS, DataFileError, tooManyRows } from './data-file-error.js';
import { plainValue, type SourceCell, type SourceRow } from './source-row.js';

/**
 * One record of a CSV text and the line it starts on (1 is the first line; a quoted field may
 * span lines, so records and lines differ).
 *
 * @example
 * ```ts
 * import type { CsvRecord } from '@kepu/reports';
 * const where = (r: CsvRecord) => `line ${r.line}`;
 * ```
 */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

function quoteError(name: string, line: number, what: 'unterminated' | 'stray'): DataFileError {
  return new DataFileError(
    'bad-quote',
    name,
    what === 'unterminated'
      ? {
          zh: `${name} 第 ${line} 行开始的带引号字段没有结束引号，其后各行会被并入该字段。请检查这一行的引号是否成对（字段内的引号应写作两个 ""）。`,
          en: `${name}: the quoted field starting on line ${line} has no closing quote, so every following line would be swallowed into it. Check that the quotes on that line pair up (a quote inside a field is written "").`,
        }
      : {
          zh: `${name} 第 ${line} 行：结束引号后紧跟着其他字符。请检查这一行的引号是否成对（字段内的引号应写作两个 ""）。`,
          en: `${name} line ${line}: a closing quote is followed by other characters. Check that the quotes on that line pair up (a quote inside a field is written "").`,
        },
    { row: line },
  );
}

/**
 * Reads RFC 4180 CSV (or, with a tab, TSV) strictly: quoted fields may hold delimiters, doubled
 * quotes and line breaks; CRLF, LF or CR end a line; a leading byte-order mark is skipped. A
 * quoted field that never closes, or a closing quote followed by anything but a delimiter or a
 * line end, throws a {@link DataFileError} (`bad-quote`) that names the line — instead of
 * swallowing the rest of the file into one field. Linear in the text.
 *
 * @example
 * ```ts
 * import { readCsvRecords } from '@kepu/reports';
 * readCsvRecords('rows.csv', 'a,b\n"x\ny",z\n'); // [{ cells: ['a','b'], line: 1 }, { cells: ['x\ny','z'], line: 2 }]
 * ```
 */
export function readCsvRecords(name: string, text: string, delimiter = ','): CsvRecord[] {
  return Array.from(iterateCsvRecords(name, text, delimiter));
}

/**
 * The records of a CSV text one at a time, read as {@link readCsvRecords} reads them (the same
 * rules, the same `bad-quote` errors, thrown when the reader reaches the bad line): a caller that
 * handles each record and lets it go holds one record at a time, not the whole table.
 *
 * @example
 * ```ts
 * import { iterateCsvRecords } from '@kepu/reports';
 * for (const { cells, line } of iterateCsvRecords('rows.csv', 'a,b\n1,2\n')) console.log(line, cells);
 * ```
 */
export function* iterateCsvRecords(name: string, text: string, delimiter = ','): Generator<CsvRecord, void, undefined> {
  let record: string[] = [];
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const endLine = (at: number) => (text[at] === '\r' && text[at + 1] === '\n' ? at + 2 : at + 1);
  while (i <= n) {
    if (text[i] === '"') {
      // A quoted field: read to its closing quote, counting the line breaks inside.
      const opened = line;
      let field = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw quoteError(name, opened, 'unterminated');
        const chunk = text.slice(from, q);
        line += chunk.match(/\r\n|\r|\n/g)?.length ?? 0;
        field += chunk;
        if (text[q + 1] === '"') {
          field += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      record.push(field);
      const next = text[i];
      if (next === delimiter) i++;
      else if (next === '\r' || next === '\n' || i >= n) {
        yield { cells: record, line: start };
        record = [];
        i = i >= n ? n + 1 : endLine(i);
        line++;
        start = line;
      } else throw quoteError(name, line, 'stray');
      continue;
    }
    // An unquoted field runs to the next delimiter or line end.
    let j = i;
    while (j < n && text[j] !== delimiter && text[j] !== '\r' && text[j] !== '\n') j++;
    record.push(text.slice(i, j));
    if (j < n && text[j] === delimiter) {
      i = j + 1;
      continue;
    }
    if (j < n || record.length > 1 || record[0] !== '') yield { cells: record, line: start };
    record = [];
    if (j >= n) break;
    i = endLine(j);
    line++;
    start = line;
  }
}

/** RFC 4180 CSV as plain records (see {@link readCsvRecords}). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  return readCsvRecords('CSV', text, delimiter).map((r) => [...r.cells]);
}

/**
 * The rows of a CSV (or, with a tab, TSV) text whose first line names the template's columns. The
 * sheet of every row is the file's base name; rows are numbered by the line they start on, as a
 * spreadsheet shows them (the header is line 1).
 */
export function csvRows(
  name: string,
  text: string,
  delimiter: ',' | '\t',
  maxRows: number = DATA_FILE_MAX_ROWS,
): SourceRow[] {
  const records = readCsvRecords(name, text, delimiter);
  const header = records[0]?.cells ?? [];
  const columns = new Map<number, { key: TemplateColumnKey; header: string }>();
  header.forEach((h, i) => {
    const key = columnOfHeader(h);
    if (key) columns.set(i, { key, header: h.trim() });
  });
  if (![...columns.values()].some((c) => c.key === 'unit')) {
    throw new DataFileError('no-unit-column', name, {
      zh: `${name} 的首行没有“单位编号”列（列名见 docs/cli.md 的 kepu data import）。`,
      en: `The first line of ${name} has no Unit id column (see kepu data import in docs/cli.md).`,
    });
  }
  const sheet = name.split(/[\\/]/).pop() ?? name;
  const rows: SourceRow[] = [];
  for (const { cells: record, line } of records.slice(1)) {
    if (record.every((f) => f.trim() === '')) continue;
    if (rows.length >= maxRows) throw tooManyRows(name, sheet, line, maxRows);
    const cells: Partial<Record<TemplateColumnKey, SourceCell>> = {};
    for (const [index, { key, header }] of columns) {
      const value = plainValue(record[index]);
      if (value !== undefined) cells[key] = { value, column: columnLetter(index + 1), header };
    }
    rows.push({ sheet, row: line, cells });
  }
  return rows;
}
