import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../internal/load-modules.js';
import { columnLetter, columnOfHeader, type TemplateColumnKey } from './columns.js';
import { DataFileError } from './data-file-error.js';
import { csvRows } from './parse-csv.js';
import { plainValue, type SourceCell, type SourceRow } from './source-row.js';

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
        const value = plainValue(row.getCell(index).value);
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

const asText = (content: Uint8Array | string) =>
  typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
const asBytes = (content: Uint8Array | string) =>
  typeof content === 'string' ? new TextEncoder().encode(content) : content;

/**
 * Reads the rows of a data file from its content — `.xlsx` (every sheet whose first row has the
 * template's columns), `.csv`/`.tsv` (UTF-8, header line first) or `.json` (an array of row
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
  const ext = /\.[^./\\]+$/.exec(name)?.[0].toLowerCase() ?? '';
  if (ext === '.xlsx') return xlsxRows(name, asBytes(content));
  if (ext === '.csv' || ext === '.tsv') return csvRows(name, asText(content), ext === '.tsv' ? '\t' : ',');
  if (ext === '.json') return jsonRows(name, asText(content));
  const base = name.split(/[\\/]/).pop() ?? name;
  throw new DataFileError('unsupported-file-type', name, {
    zh: `不支持的文件类型“${ext || base}”：请用 .xlsx、.csv 或 .json。`,
    en: `Unsupported file type "${ext || base}": use .xlsx, .csv or .json.`,
  });
}
