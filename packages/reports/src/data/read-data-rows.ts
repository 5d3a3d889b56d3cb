import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../internal/load-modules.js';
import { columnLetter, columnOfHeader, type TemplateColumnKey } from './columns.js';
import { DataFileError } from './data-file-error.js';
import { decodeText, type TextEncodingName } from './decode-text.js';
import { csvRows } from './parse-csv.js';
import { plainValue, type SourceCell, type SourceRow } from './source-row.js';

/** A formula cell saved without its computed value (written by a program, never opened in Excel). */
function isFormulaWithoutValue(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ('formula' in v || 'sharedFormula' in v) && (v.result === undefined || v.result === null);
}

function formulaWithoutValue(name: string, sheet: string, row: number, column: string): DataFileError {
  return new DataFileError(
    'formula-without-value',
    name,
    {
      zh: `${name} 工作表“${sheet}”${column}${row} 单元格是公式，但文件中没有保存它的计算结果（通常由程序生成、未经 Excel 打开保存）。请在 Excel 中打开并保存该文件，或把公式改为数值。`,
      en: `${name}: cell ${column}${row} of sheet "${sheet}" holds a formula saved without its computed value (usually written by a program and never saved by Excel). Open and save the file in Excel, or replace the formula by its value.`,
    },
    { sheet, row, column },
  );
}

async function xlsxRows(name: string, bytes: Uint8Array): Promise<SourceRow[]> {
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new DataFileError(
      'unreadable-workbook',
      name,
      {
        zh: `无法读取 Excel 文件 ${name}：${(error as Error).message}`,
        en: `Cannot read the Excel file ${name}: ${(error as Error).message}`,
      },
      { cause: error },
    );
  }
  const rows: SourceRow[] = [];
  let found = false;
  workbook.eachSheet((sheet) => {
    const columns = new Map<number, { key: TemplateColumnKey; header: string }>();
    sheet.getRow(1).eachCell((cell, n) => {
      const header = String(plainValue(cell.value) ?? '');
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
        const raw = row.getCell(index).value;
        if (isFormulaWithoutValue(raw)) throw formulaWithoutValue(name, sheet.name, n, columnLetter(index));
        const value = plainValue(raw);
        if (value !== undefined) cells[key] = { value, column: columnLetter(index), header };
      }
      rows.push({ sheet: sheet.name, row: n, cells });
    });
  });
  if (!found) {
    throw new DataFileError('no-data-sheet', name, {
      zh: `${name} 中没有填报工作表（首行应有“单位编号”“数值”等列，可用 kepu data template 生成模板）。`,
      en: `${name} has no data sheet (its first row needs columns such as Unit id and Value; kepu data template writes one).`,
    });
  }
  return rows;
}

function jsonRows(name: string, text: string): SourceRow[] {
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
export async function readDataRows(name: string, content: Uint8Array | string): Promise<SourceRow[]> {
  return (await readDataFile(name, content)).rows;
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
): Promise<{ readonly rows: SourceRow[]; readonly encoding?: TextEncodingName }> {
  const ext = /\.[^./\\]+$/.exec(name)?.[0].toLowerCase() ?? '';
  if (ext === '.xlsx') return { rows: await xlsxRows(name, asBytes(content)) };
  if (ext === '.csv' || ext === '.tsv' || ext === '.json') {
    const { text, encoding } = decoded(content);
    const rows = ext === '.json' ? jsonRows(name, text) : csvRows(name, text, ext === '.tsv' ? '\t' : ',');
    return encoding === undefined ? { rows } : { rows, encoding };
  }
  const base = name.split(/[\\/]/).pop() ?? name;
  throw new DataFileError('unsupported-file-type', name, {
    zh: `不支持的文件类型“${ext || base}”：请用 .xlsx、.csv 或 .json。`,
    en: `Unsupported file type "${ext || base}": use .xlsx, .csv or .json.`,
  });
}
