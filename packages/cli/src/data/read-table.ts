import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import { UsageError } from '../command.js';
import { columnLetter, columnOfHeader, type TemplateColumnKey } from './columns.js';

/**
 * One cell read from a data file, with where it was: the raw value (a number, a text, a Date, a
 * boolean) and its column as the file names it (a letter for spreadsheets and CSV, the field name
 * for JSON).
 *
 * @example
 * ```ts
 * import type { SourceCell } from '@kepu/cli';
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
 * import type { SourceRow } from '@kepu/cli';
 * const where = (r: SourceRow) => `${r.sheet} ${r.row}`;
 * ```
 */
export interface SourceRow {
  readonly sheet: string;
  readonly row: number;
  readonly cells: Partial<Record<TemplateColumnKey, SourceCell>>;
}

function plain(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return plain((v.richText as Array<{ text: string }>).map((r) => r.text).join(''));
    if ('result' in v) return plain(v.result);
    if ('text' in v) return plain(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(value);
}

async function readXlsx(path: string): Promise<SourceRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load((await readFile(path)) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new UsageError({
      zh: `无法读取 Excel 文件 ${path}：${(error as Error).message}`,
      en: `Cannot read the Excel file ${path}: ${(error as Error).message}`,
    });
  }
  const rows: SourceRow[] = [];
  let found = false;
  workbook.eachSheet((sheet) => {
    const columns = new Map<number, { key: TemplateColumnKey; header: string }>();
    sheet.getRow(1).eachCell((cell, n) => {
      const header = String(plain(cell.value) ?? '');
      const key = columnOfHeader(header);
      if (key) columns.set(n, { key, header });
    });
    const keys = new Set([...columns.values()].map((c) => c.key));
    if (!keys.has('unit') || !keys.has('value')) return;
    found = true;
    sheet.eachRow({ includeEmpty: false }, (row, n) => {
      if (n === 1) return;
      const cells: Partial<Record<TemplateColumnKey, SourceCell>> = {};
      for (const [index, { key, header }] of columns) {
        const value = plain(row.getCell(index).value);
        if (value !== undefined) cells[key] = { value, column: columnLetter(index), header };
      }
      rows.push({ sheet: sheet.name, row: n, cells });
    });
  });
  if (!found) {
    throw new UsageError({
      zh: `${path} 中没有填报工作表（首行应有“单位编号”“数值”等列，可用 kepu data template 生成模板）。`,
      en: `${path} has no data sheet (its first row needs columns such as Unit id and Value; kepu data template writes one).`,
    });
  }
  return rows;
}

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

async function readCsv(path: string): Promise<SourceRow[]> {
  const text = await readFile(path, 'utf8');
  const records = parseCsv(text, extname(path).toLowerCase() === '.tsv' ? '\t' : ',');
  const header = records[0] ?? [];
  const columns = new Map<number, { key: TemplateColumnKey; header: string }>();
  header.forEach((h, i) => {
    const key = columnOfHeader(h);
    if (key) columns.set(i, { key, header: h.trim() });
  });
  if (![...columns.values()].some((c) => c.key === 'unit')) {
    throw new UsageError({
      zh: `${path} 的首行没有“单位编号”列（列名见 docs/cli.md 的 kepu data import）。`,
      en: `The first line of ${path} has no Unit id column (see kepu data import in docs/cli.md).`,
    });
  }
  const sheet = basename(path);
  const rows: SourceRow[] = [];
  records.slice(1).forEach((record, i) => {
    if (record.every((f) => f.trim() === '')) return;
    const cells: Partial<Record<TemplateColumnKey, SourceCell>> = {};
    for (const [index, { key, header }] of columns) {
      const value = plain(record[index]);
      if (value !== undefined) cells[key] = { value, column: columnLetter(index + 1), header };
    }
    rows.push({ sheet, row: i + 2, cells });
  });
  return rows;
}

async function readJsonRows(path: string): Promise<SourceRow[]> {
  let data: unknown;
  try {
    data = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError({
      zh: `${path} 不是有效的 JSON：${(error as Error).message}`,
      en: `${path} is not valid JSON: ${(error as Error).message}`,
    });
  }
  const list = Array.isArray(data) ? data : (data as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(list)) {
    throw new UsageError({
      zh: `${path} 应为行对象的数组，或含 rows 数组的对象。`,
      en: `${path} must be an array of row objects, or an object with a rows array.`,
    });
  }
  return list.map((item, i) => {
    const cells: Partial<Record<TemplateColumnKey, SourceCell>> = {};
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      for (const [field, value] of Object.entries(item as Record<string, unknown>)) {
        const key = columnOfHeader(field);
        const v = plain(value);
        if (key && v !== undefined) cells[key] = { value: v, column: field, header: field };
      }
    }
    return { sheet: 'JSON', row: i + 1, cells };
  });
}

/**
 * Reads the rows of a data file — `.xlsx` (every sheet whose first row has the template's
 * columns), `.csv`/`.tsv` (UTF-8, header line first) or `.json` (an array of row objects) —
 * matching columns by their Chinese or English header or their key. Blank rows are skipped.
 *
 * @example
 * ```ts
 * import { readDataRows } from '@kepu/cli';
 * const rows = await readDataRows('filled-2025.xlsx');
 * rows[0]?.cells.value?.value; // 12
 * ```
 */
export async function readDataRows(path: string): Promise<SourceRow[]> {
  const ext = extname(path).toLowerCase();
  try {
    if (ext === '.xlsx') return await readXlsx(path);
    if (ext === '.csv' || ext === '.tsv') return await readCsv(path);
    if (ext === '.json') return await readJsonRows(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsageError({ zh: `文件不存在：${path}`, en: `No such file: ${path}` });
    }
    throw error;
  }
  throw new UsageError({
    zh: `不支持的文件类型“${ext || basename(path)}”：请用 .xlsx、.csv 或 .json。`,
    en: `Unsupported file type "${ext || basename(path)}": use .xlsx, .csv or .json.`,
  });
}
