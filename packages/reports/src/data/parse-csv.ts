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
  return Array.from(scanCsv(name, text, delimiter, { line: 1, partial: false }));
}

/**
 * Where {@link scanCsv} starts and stops. In: the line the text starts on, and `partial` (the text
 * is a piece of a file that goes on). Out: the line after the last record, and, for a partial
 * text whose last quoted field is still open, the index and line of the record left unread.
 */
interface ScanState {
  line: number;
  readonly partial: boolean;
  stoppedAt?: number;
  stoppedLine?: number;
}

function* scanCsv(
  name: string,
  text: string,
  delimiter: string,
  state: ScanState,
): Generator<CsvRecord, void, undefined> {
  let record: string[] = [];
  let line = state.line;
  let start = line;
  // The byte-order mark can only open a file.
  let i = line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let startIndex = i;
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
        if (q < 0 && state.partial) {
          // The field may close in the next piece: leave this record for then.
          state.stoppedAt = startIndex;
          state.stoppedLine = start;
          return;
        }
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
        startIndex = i;
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
    startIndex = i;
  }
  state.line = line;
}

/**
 * Reads CSV records from a text that arrives in pieces (a file read a block at a time): each
 * {@link CsvRecordReader.push} returns the records the text so far completes, {@link CsvRecordReader.end}
 * the rest. The records, their lines and the `bad-quote` errors are those {@link readCsvRecords}
 * gives for the whole text, wherever the pieces are cut; memory holds the unfinished record and the
 * piece being read, not the file. (A file whose lines end with a bare CR is held whole until `end`.)
 *
 * @example
 * ```ts
 * import { CsvRecordReader } from '@kepu/reports';
 * const reader = new CsvRecordReader('rows.csv');
 * reader.push('a,b\n"x'); // [{ cells: ['a', 'b'], line: 1 }]
 * reader.push('\ny",z\n'); // [{ cells: ['x\ny', 'z'], line: 2 }]
 * reader.end(); // []
 * ```
 */
export class CsvRecordReader {
  private pending = '';
  private line = 1;

  constructor(
    private readonly name: string,
    private readonly delimiter = ',',
  ) {}

  /** Adds a piece of the text; returns the records it completes. */
  push(piece: string): CsvRecord[] {
    this.pending += piece;
    // Read up to the last line feed: a record boundary, unless a quoted field is still open.
    const cut = this.pending.lastIndexOf('\n') + 1;
    return cut === 0 ? [] : this.read(this.pending.slice(0, cut), cut, true);
  }

  /** The text is complete: returns the last records (or throws what the whole text would). */
  end(): CsvRecord[] {
    return this.read(this.pending, this.pending.length, false);
  }

  private read(text: string, cut: number, partial: boolean): CsvRecord[] {
    const state: ScanState = { line: this.line, partial };
    const records = Array.from(scanCsv(this.name, text, this.delimiter, state));
    if (state.stoppedAt !== undefined) {
      this.pending = this.pending.slice(state.stoppedAt);
      this.line = state.stoppedLine!;
    } else {
      this.pending = this.pending.slice(cut);
      this.line = state.line;
    }
    return records;
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
