import { zhengningPlan as plan, zhengningScheme as scheme } from '@kepu/plan-zhengning';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkDataRows } from '../data/check-data-rows.js';
import { TEMPLATE_COLUMNS } from '../data/columns.js';
import { readDataRows } from '../data/read-data-rows.js';
import { templateToXlsx } from '../data/template-xlsx.js';

// A county that receives its literacy rate only as a figure published by the province.
const SOURCE = '甘肃省科协 2024 年公民科学素质调查';
const HEADER = '填报期间,单位编号,任务编号,指标编号,数值,分子,分母,公布来源,区间下限,区间上限,误差幅度（±）';

describe('a published rate in a data file (issue 14, point 6)', () => {
  it('accepts a CSV row with value and source, no numerator or denominator, for a rate', async () => {
    const rows = await readDataRows(
      'published.csv',
      `${HEADER}\n2025,cast,总结,literacy-rate,11.2,,,${SOURCE},10.1,12.3,\n`,
    );
    const checked = checkDataRows(rows, plan, scheme);
    expect(checked.problems).toEqual([]);
    expect(checked.reports[0]?.observations[0]?.observation).toEqual({
      indicator: 'literacy-rate',
      value: 11.2,
      published: { source: SOURCE, interval: { low: 10.1, high: 12.3 } },
    });
  });

  it('accepts a margin of error instead of an interval', async () => {
    const rows = await readDataRows(
      'published.csv',
      `${HEADER}\n2025,cast,总结,literacy-rate,11.2,,,${SOURCE},,,1.1\n`,
    );
    const checked = checkDataRows(rows, plan, scheme);
    expect(checked.problems).toEqual([]);
    expect(checked.reports[0]?.observations[0]?.observation.published).toEqual({ source: SOURCE, margin: 1.1 });
  });

  const refused: ReadonlyArray<readonly [string, string, string, RegExp]> = [
    [
      'a row mixing a published value with numerator and denominator',
      `11.2,300,2500,${SOURCE},,,`,
      'F',
      /不要同时填分子、分母/,
    ],
    ['an interval without a source', '11.2,,,,10.1,12.3,', 'source', /公布来源/],
    ['an interval that does not contain the value', `11.2,,,${SOURCE},12,13,`, 'I', /不包含公布值/],
    ['a published rate above 100%', `112,,,${SOURCE},,,`, 'E', /0 至 100%/],
    ['half an interval', `11.2,,,${SOURCE},10.1,,`, 'high', /下限和上限/],
    ['a percentage without a source', '11.2,,,,,,', 'E', /公布来源/],
  ];
  for (const [what, cells, column, reason] of refused) {
    it(`refuses ${what}, naming the row and the column`, async () => {
      const rows = await readDataRows('bad.csv', `${HEADER}\n2025,cast,总结,literacy-rate,${cells}\n`);
      const checked = checkDataRows(rows, plan, scheme);
      expect(checked.reports).toEqual([]);
      expect(checked.problems.map((p) => [p.row, p.column])).toContainEqual([2, column]);
      const problem = checked.problems.find((p) => p.column === column);
      expect(problem?.reason.zh).toMatch(reason);
      expect(problem?.reason.en.length).toBeGreaterThan(10);
    });
  }

  it('the .xlsx template has the published columns, and a filled one reads back as a published rate', async () => {
    const bytes = await templateToXlsx(plan, scheme, '2025', 'zh');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    for (const h of ['公布来源', '区间下限', '区间上限', '误差幅度（±）']) expect(headers).toContain(h);
    const col = (key: string) => TEMPLATE_COLUMNS.findIndex((c) => c.key === key) + 1;
    let filled = 0;
    sheet.eachRow((r, n) => {
      if (n === 1 || r.getCell(col('unit')).value !== 'cast' || r.getCell(col('indicator')).value !== 'literacy-rate')
        return;
      r.getCell(col('value')).value = 11.2;
      r.getCell(col('source')).value = SOURCE;
      r.getCell(col('low')).value = 10.1;
      r.getCell(col('high')).value = 12.3;
      filled++;
    });
    expect(filled).toBe(1);
    const back = new Uint8Array(await workbook.xlsx.writeBuffer());
    const checked = checkDataRows(await readDataRows('filled.xlsx', back), plan, scheme);
    expect(checked.problems).toEqual([]);
    const published = checked.reports.flatMap((r) => r.observations).find((o) => o.observation.published);
    expect(published?.observation).toMatchObject({
      indicator: 'literacy-rate',
      value: 11.2,
      published: { source: SOURCE, interval: { low: 10.1, high: 12.3 } },
    });
    expect(published?.observation.numerator).toBeUndefined();
  });
});
