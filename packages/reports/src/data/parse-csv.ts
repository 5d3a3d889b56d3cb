import { columnLetter, columnOfHeader, type TemplateColumnKey } from './columns.js';
import { DataFileError } from './data-file-error.js';
import { plainValue, type SourceCell, type SourceRow } from './source-row.js';

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * The rows of a CSV (or, with a tab, TSV) text whose first line names the template's columns. The
 * sheet of every row is the file's base name; rows count from 2, as a spreadsheet shows them.
 */
export function csvRows(name: string, text: string, delimiter: ',' | '\t'): SourceRow[] {
  const records = parseCsv(text, delimiter);
  const header = records[0] ?? [];
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
  records.slice(1).forEach((record, i) => {
    if (record.every((f) => f.trim() === '')) return;
    const cells: Partial<Record<TemplateColumnKey, SourceCell>> = {};
    for (const [index, { key, header }] of columns) {
      const value = plainValue(record[index]);
      if (value !== undefined) cells[key] = { value, column: columnLetter(index + 1), header };
    }
    rows.push({ sheet, row: i + 2, cells });
  });
  return rows;
}
