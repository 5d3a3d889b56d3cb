import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../internal/load-modules.js';
import { columnLetter, columnOfHeader, type TemplateColumnKey } from './columns.js';
import { DATA_FILE_MAX_ROWS, DataFileError, tooManyRows } from './data-file-error.js';
import { plainValue, type SourceCell, type SourceRow } from './source-row.js';

/** What both ExcelJS readers give for a row: its number and its cells by column number. */
interface RowLike {
  readonly number: number;
  readonly hasValues: boolean;
  getCell(column: number): { readonly value: unknown };
  eachCell(callback: (cell: { readonly value: unknown }, column: number) => void): void;
}

type Columns = Map<number, { readonly key: TemplateColumnKey; readonly header: string }>;

/**
 * The rows of every data sheet of a workbook. On Node the workbook is streamed (ExcelJS's
 * `WorkbookReader`): memory holds the shared strings and the rows read so far, never the whole
 * sheet model, and reading stops past `maxRows` ({@link DATA_FILE_MAX_ROWS} by default). Elsewhere (a browser) the
 * workbook is loaded whole, then the same cap applies.
 */
export async function xlsxRows(
  name: string,
  bytes: Uint8Array,
  maxRows: number = DATA_FILE_MAX_ROWS,
  /** `loaded` forces the whole-workbook reader (for tests that compare the two). */
  mode: 'auto' | 'loaded' = 'auto',
): Promise<SourceRow[]> {
  const excel = await loadExcelJS();
  const reader = new SheetRowsReader(name, maxRows);
  try {
    const node = mode === 'auto' ? await nodeStream() : undefined;
    if (node) await streamed(excel, node, bytes, reader);
    else await loaded(excel, bytes, reader);
  } catch (error) {
    if (error instanceof DataFileError) throw error;
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
  if (!reader.found) {
    throw new DataFileError('no-data-sheet', name, {
      zh: `${name} 中没有填报工作表（首行应有“单位编号”“数值”等列，可用 kepu data template 生成模板）。`,
      en: `${name} has no data sheet (its first row needs columns such as Unit id and Value; kepu data template writes one).`,
    });
  }
  return reader.rows;
}

/** `node:stream` when running on Node, else undefined (the specifier is hidden from bundlers). */
async function nodeStream(): Promise<typeof import('node:stream') | undefined> {
  const versions = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions;
  if (typeof versions?.node !== 'string') return undefined;
  const specifier = 'node:stream';
  return (await import(/* @vite-ignore */ specifier)) as typeof import('node:stream');
}

async function streamed(
  excel: typeof ExcelJS,
  node: typeof import('node:stream'),
  bytes: Uint8Array,
  reader: SheetRowsReader,
): Promise<void> {
  const workbook = new excel.stream.xlsx.WorkbookReader(node.Readable.from([bytes]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const sheet of workbook) {
    const name = (sheet as unknown as { name: string }).name;
    let first = true;
    for await (const row of sheet as unknown as AsyncIterable<RowLike>) {
      if (first) {
        first = false;
        reader.header(row.number === 1 ? row : undefined);
      } else reader.row(name, row);
    }
  }
}

async function loaded(excel: typeof ExcelJS, bytes: Uint8Array, reader: SheetRowsReader): Promise<void> {
  const workbook = new excel.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  workbook.eachSheet((sheet) => {
    reader.header(sheet.getRow(1) as unknown as RowLike);
    sheet.eachRow({ includeEmpty: false }, (row, n) => {
      if (n > 1) reader.row(sheet.name, row as unknown as RowLike);
    });
  });
}

/**
 * Turns a sheet's rows into source rows: the first row names the columns; a sheet without the
 * unit and value columns is not a data sheet and is skipped.
 */
class SheetRowsReader {
  readonly rows: SourceRow[] = [];
  found = false;
  private columns: Columns | undefined;

  constructor(
    private readonly file: string,
    private readonly maxRows: number,
  ) {}

  /** The header row of a sheet (undefined when its first row is blank). */
  header(row: RowLike | undefined): void {
    const columns: Columns = new Map();
    row?.eachCell((cell, n) => {
      const header = String(plainValue(cell.value) ?? '');
      const key = columnOfHeader(header);
      if (key) columns.set(n, { key, header });
    });
    const keys = new Set([...columns.values()].map((c) => c.key));
    this.columns = keys.has('unit') && keys.has('value') ? columns : undefined;
    if (this.columns) this.found = true;
  }

  row(sheet: string, row: RowLike): void {
    if (!this.columns || !row.hasValues) return;
    const cells: Partial<Record<TemplateColumnKey, SourceCell>> = {};
    for (const [index, { key, header }] of this.columns) {
      const raw = row.getCell(index).value;
      if (isFormulaWithoutValue(raw)) throw formulaWithoutValue(this.file, sheet, row.number, columnLetter(index));
      const value = plainValue(raw);
      if (value !== undefined) cells[key] = { value, column: columnLetter(index), header };
    }
    if (this.rows.length >= this.maxRows) throw tooManyRows(this.file, sheet, row.number, this.maxRows);
    this.rows.push({ sheet, row: row.number, cells });
  }
}

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
