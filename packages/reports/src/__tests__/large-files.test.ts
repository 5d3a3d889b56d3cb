import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_MAX_ROWS, isDataFileError } from '../data/data-file-error.js';
import { readDataFile, readDataRows } from '../data/read-data-rows.js';
import { xlsxRows } from '../data/read-xlsx-rows.js';

// Issue 16, resource use: a workbook is streamed on Node (memory holds the rows read, not the
// sheet model) and every reader stops at a stated row limit with a typed error naming where.

const HEADER = ['填报期间', '单位编号', '任务编号', '指标编号', '数值', '工作情况说明'];

async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  build(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

function dataSheet(book: ExcelJS.Workbook, name: string, rows: number) {
  const sheet = book.addWorksheet(name);
  sheet.addRow(HEADER);
  for (let i = 0; i < rows; i++) sheet.addRow(['2025', 'cast', '4.2.3', 'science-china-registrations', i, `第${i}项`]);
  return sheet;
}

const codeOf = (error: unknown) =>
  isDataFileError(error) ? { code: error.code, sheet: error.sheet, row: error.row } : error;

describe('reading a workbook', () => {
  it('law: the streamed reader gives exactly the rows the whole-workbook reader gives', async () => {
    const bytes = await workbook((book) => {
      const notes = book.addWorksheet('说明');
      notes.addRow(['这是填报说明，不是数据表。']);
      const sheet = dataSheet(book, '县直单位', 3);
      sheet.addRow([]); // a blank row: skipped
      sheet.addRow(['2025', 'shanhe', '总结', 'science-china-registrations', { formula: '2*3', result: 6 }, '公式']);
      sheet.addRow(['2025', 'yonghe', '总结', 'x', 1.5, { richText: [{ text: '富' }, { text: '文本' }] }]);
      sheet.getCell('H9').value = '只在未映射的列里'; // a row with a value only outside the template's columns
      sheet.addRow(['2025', 'cast', '4.2.3', 'science-china-registrations', new Date(Date.UTC(2025, 5, 1)), '日期']);
      const second = dataSheet(book, '乡镇', 2);
      second.getCell('A2').value = 2024;
    });
    const streamed = await xlsxRows('two.xlsx', bytes);
    const loaded = await xlsxRows('two.xlsx', bytes, DATA_FILE_MAX_ROWS, 'loaded');
    expect(streamed).toEqual(loaded);
    expect(streamed.map((r) => `${r.sheet}:${r.row}`)).toEqual([
      '县直单位:2',
      '县直单位:3',
      '县直单位:4',
      '县直单位:6',
      '县直单位:7',
      '县直单位:9',
      '县直单位:10',
      '乡镇:2',
      '乡镇:3',
    ]);
    expect(streamed[4]?.cells.value?.value).toBe(1.5);
  });

  it('stops past the row limit with too-many-rows, naming the sheet and the row', async () => {
    const bytes = await workbook((book) => dataSheet(book, '数据', 11));
    expect((await readDataRows('ok.xlsx', bytes, { maxRows: 11 })).length).toBe(11);
    const error = await readDataRows('big.xlsx', bytes, { maxRows: 10 }).catch((e: unknown) => e);
    expect(codeOf(error)).toEqual({ code: 'too-many-rows', sheet: '数据', row: 12 });
    expect(isDataFileError(error) && error.text.zh).toContain('超过 10 行');
  });
});

describe('the row limit of every format', () => {
  const csv = (rows: number) =>
    [HEADER.join(','), ...Array.from({ length: rows }, (_, i) => `2025,cast,4.2.3,x,${i},说明`)].join('\n');

  it('a CSV or TSV past the limit is refused at the line that passes it', async () => {
    expect(codeOf(await readDataRows('big.csv', csv(11), { maxRows: 10 }).catch((e: unknown) => e))).toEqual({
      code: 'too-many-rows',
      sheet: 'big.csv',
      row: 12,
    });
    const tsv = csv(3).replaceAll(',', '\t');
    expect((await readDataRows('ok.tsv', tsv, { maxRows: 3 })).length).toBe(3);
  });

  it('a JSON list past the limit is refused', async () => {
    const list = JSON.stringify(Array.from({ length: 4 }, (_, i) => ({ unit: 'cast', value: i })));
    expect(codeOf(await readDataRows('big.json', list, { maxRows: 3 }).catch((e: unknown) => e))).toMatchObject({
      code: 'too-many-rows',
    });
  });

  it(`the default limit is ${DATA_FILE_MAX_ROWS.toLocaleString('en-US')} data rows`, async () => {
    expect((await readDataFile('max.csv', csv(DATA_FILE_MAX_ROWS))).rows.length).toBe(DATA_FILE_MAX_ROWS);
    const error = await readDataFile('over.csv', csv(DATA_FILE_MAX_ROWS + 1)).catch((e: unknown) => e);
    expect(codeOf(error)).toMatchObject({ code: 'too-many-rows', row: DATA_FILE_MAX_ROWS + 2 });
  });

  it.each([0, -1, 1.5, Number.NaN])('maxRows %s is refused as invalid-option', async (maxRows) => {
    const error = await readDataRows('a.csv', csv(1), { maxRows }).catch((e: unknown) => e);
    expect(codeOf(error)).toMatchObject({ code: 'invalid-option' });
  });
});
