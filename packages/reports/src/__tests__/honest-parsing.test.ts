import { zhengningPlan as plan, zhengningScheme as scheme } from '@kepu/plan-zhengning';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkDataRows } from '../data/check-data-rows.js';
import { isDataFileError } from '../data/data-file-error.js';
import { readDataFile, readDataRows } from '../data/read-data-rows.js';
import { parseNumberText } from '../data/strict-number.js';

const ascii = (text: string) => [...new TextEncoder().encode(text)];
// 正宁 in GBK (what Excel on Chinese Windows writes for a "CSV" file).
const ZHENGNING_GBK = [0xd5, 0xfd, 0xc4, 0xfe];

const csv = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const HEADER = 'period,unit,task,indicator,value,narrative';

describe('honest parsing of data files (issue 16, finding 4)', () => {
  it('reads a GBK CSV as GB18030 and says so, instead of storing mojibake', async () => {
    const bytes = new Uint8Array([...ascii(`${HEADER}\r\n2025,shanhe,summary,,,`), ...ZHENGNING_GBK, ...ascii('\r\n')]);
    const { rows, encoding } = await readDataFile('gbk.csv', bytes);
    expect(encoding).toBe('gb18030');
    expect(rows[0]?.cells.narrative?.value).toBe('正宁');
    const bom = await readDataFile(
      'bom.csv',
      new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`${HEADER}\n2025,shanhe,summary,,,正宁\n`)]),
    );
    expect(bom.encoding).toBe('utf-8-bom');
    expect(bom.rows[0]?.cells.period?.value).toBe('2025');
  });

  it('refuses a decimal comma, hexadecimal and undeclared thousands separators, saying how to fix them', async () => {
    const rows = await readDataRows(
      'numbers.csv',
      csv([
        HEADER,
        '2025,cast,4.2.3,science-china-registrations,"1,5",',
        '2025,cast,4.2.3,science-china-dissemination,0x10,',
        '2025,shanhe,总结,science-china-registrations,"12,000",',
      ]),
    );
    const checked = checkDataRows(rows, plan, scheme);
    expect(checked.reports).toEqual([]);
    expect(checked.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'E'],
      [3, 'E'],
      [4, 'E'],
    ]);
    expect(checked.problems[0]?.reason.zh).toContain('请写作 1.5');
    expect(checked.problems[1]?.reason.zh).toContain('十六进制');
    expect(checked.problems[2]?.reason.zh).toContain('--thousands');
    const declared = checkDataRows(rows.slice(2), plan, scheme, { thousands: true });
    expect(declared.problems).toEqual([]);
    expect(declared.reports[0]?.observations[0]?.observation.value).toBe(12_000);
  });

  it('law: parseNumberText never reads a comma, a radix prefix or an empty text as a number', () => {
    for (const text of ['1,5', '0x10', '0b11', '0o7', '', ' ', '1 234', 'Infinity', '1e400', '12,34,5']) {
      expect(parseNumberText(text).ok, text).toBe(false);
    }
    expect(parseNumberText('１２．５')).toEqual({ ok: true, value: 12.5 });
    expect(parseNumberText('-0.5e1')).toEqual({ ok: true, value: -5 });
  });

  it('reports an unterminated quote at its line instead of swallowing the rows after it', async () => {
    const text = csv([HEADER, '2025,cast,4.2.3,science-china-registrations,3,"说明没有结束', '2025,shanhe,总结,,,好']);
    const error = await readDataRows('quote.csv', text).catch((e: unknown) => e);
    expect(isDataFileError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'bad-quote', row: 2 });
    const stray = await readDataRows('stray.csv', csv([HEADER, '2025,cast,"4.2.3"x,,,'])).catch((e: unknown) => e);
    expect(stray).toMatchObject({ code: 'bad-quote', row: 2 });
  });

  it('refuses a formula cell saved without its value, and reads one with a cached value as that value', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('填报');
    sheet.addRow(['填报期间', '单位编号', '任务编号', '指标编号', '数值']);
    sheet.addRow(['2025', 'cast', '4.2.3', 'science-china-registrations', { formula: '2*3', result: 6 }]);
    const cached = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect((await readDataRows('cached.xlsx', cached))[0]?.cells.value?.value).toBe(6);
    sheet.addRow(['2025', 'cast', '4.2.3', 'science-china-dissemination', { formula: '2*3' }]);
    const bare = new Uint8Array(await workbook.xlsx.writeBuffer());
    const error = await readDataRows('bare.xlsx', bare).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'formula-without-value', sheet: '填报', row: 3, column: 'E' });
    expect(String((error as Error).message)).not.toContain('[object Object]');
  });
});
