import { zhengningPlan as plan, zhengningScheme as scheme } from '@kepu/plan-zhengning';
import { describe, expect, it } from 'vitest';
import { checkDataRows } from '../data/check-data-rows.js';
import { columnLetter, columnOfHeader } from '../data/columns.js';
import { parseCsv } from '../data/parse-csv.js';
import { importReportId } from '../data/planned-report.js';
import type { SourceRow } from '../data/source-row.js';
import { templateRows } from '../data/template-rows.js';

/** A row as a sheet would give it, with columns lettered in the template's order. */
function row(n: number, cells: Record<string, unknown>): SourceRow {
  const out: Record<string, { value: unknown; column: string; header: string }> = {};
  for (const [key, value] of Object.entries(cells)) out[key] = { value, column: key, header: key };
  return { sheet: '填报', row: n, cells: out } as SourceRow;
}

describe('reading data rows', () => {
  it('parses RFC 4180 CSV: a byte-order mark, quotes, doubled quotes, commas and line breaks in fields', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n"two\nlines",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
    ]);
  });

  it('matches headers in Chinese, English or by key, and letters columns as Excel does', () => {
    expect(columnOfHeader(' 数值 ')).toBe('value');
    expect(columnOfHeader('Denominator')).toBe('denominator');
    expect(columnOfHeader('unit')).toBe('unit');
    expect(columnOfHeader('单位名称')).toBe('unitName');
    expect(columnOfHeader('something else')).toBeUndefined();
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('accepts 0, names for units, printed codes for tasks and category names; groups rows into reports', () => {
    const checked = checkDataRows(
      [
        row(2, {
          period: '2025',
          unit: '县教育局',
          task: '三（一）2',
          indicator: 'weekly-science-classes',
          category: '小学二年级',
          value: 0,
        }),
        row(3, {
          period: 2025,
          unit: 'education',
          task: '3.1.2',
          indicator: 'weekly-science-classes',
          category: 'grade-band=middle-school',
          value: '1',
        }),
        row(4, {
          period: '2025',
          unit: 'cast',
          task: '总结',
          indicator: 'literacy-rate',
          numerator: 300,
          // Thousands separators are read only when declared (the call below passes thousands).
          denominator: '2,500',
        }),
        row(5, { period: '2025', unit: 'shanhe', task: 'summary', narrative: '全年工作顺利。' }),
        row(6, { period: '2025', unit: 'education', task: '3.1.2' }),
      ],
      plan,
      scheme,
      { thousands: true },
    );
    expect(checked.problems).toEqual([]);
    expect(checked.emptyRows).toBe(1);
    expect(checked.reports.map((r) => r.id)).toEqual([
      importReportId('2025', 'education', '3.1.2'),
      importReportId('2025', 'cast', null),
      importReportId('2025', 'shanhe', null),
    ]);
    expect(checked.reports[0]?.observations.map((o) => o.observation)).toEqual([
      { indicator: 'weekly-science-classes', category: { 'grade-band': 'grade-2' }, value: 0 },
      { indicator: 'weekly-science-classes', category: { 'grade-band': 'middle-school' }, value: 1 },
    ]);
    expect(checked.reports[1]?.observations[0]?.observation).toEqual({
      indicator: 'literacy-rate',
      numerator: 300,
      denominator: 2500,
    });
    expect(checked.reports[2]?.narrative).toBe('全年工作顺利。');
  });

  it('refuses what the engine would refuse, at the cell: a rate as a value, a unit off the task, a judgement', () => {
    const checked = checkDataRows(
      [
        row(2, { period: '2025', unit: 'cast', task: '总结', indicator: 'literacy-rate', value: 12 }),
        row(3, { period: '2025', unit: 'shanhe', task: '3.1.2', indicator: 'weekly-science-classes', value: 2 }),
        row(4, { period: '2025', unit: 'cast', task: '总结', indicator: 'literacy-imbalance', value: 1 }),
        row(5, { period: '2031', unit: 'cast', task: '总结', indicator: 'science-funding', value: 1 }),
        row(6, { period: '2025', unit: 'leading-group', task: '总结', indicator: 'science-funding', value: 1 }),
      ],
      plan,
      scheme,
    );
    expect(checked.reports).toEqual([]);
    // A rate given as a value breaks one of core's rules, told once, at the value's cell.
    expect(checked.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'value'],
      [3, 'task'],
      [4, 'indicator'],
      [5, 'period'],
      [6, 'unit'],
    ]);
    expect(checked.problems[0]?.reason.zh).toContain('是比例指标：请填分子和分母');
    expect(checked.problems[2]?.reason.zh).toContain('由评审判定');
  });

  it("tells the breaches of core's observation rules at their cells, in the template's words", () => {
    const checked = checkDataRows(
      [
        row(2, { period: '2025', unit: 'cast', task: '总结', indicator: 'science-funding', value: -3 }),
        row(3, {
          period: '2025',
          unit: 'cast',
          task: '总结',
          indicator: 'literacy-rate',
          numerator: 60,
          denominator: 56,
        }),
        row(4, {
          period: '2025',
          unit: 'cast',
          task: '总结',
          indicator: 'literacy-rate',
          numerator: 6,
          denominator: 0,
        }),
        row(5, {
          period: '2025',
          unit: 'cast',
          task: '总结',
          indicator: 'science-funding',
          value: 3,
          date: '2024-12-31',
        }),
        row(6, { period: '2025', unit: 'cast', task: '总结', indicator: 'science-funding', numerator: 3 }),
      ],
      plan,
      scheme,
    );
    expect(checked.reports).toEqual([]);
    expect(checked.problems.map((p) => [p.row, p.column, p.reason.zh])).toEqual([
      [2, 'value', '不能为负数'],
      [3, 'numerator', '分子 60 大于分母 56'],
      [4, 'denominator', '分母须大于 0'],
      [4, 'numerator', '分子 6 大于分母 0'],
      [5, 'date', '日期 2024-12-31 不在 2025 年度内'],
      [6, 'numerator', expect.stringContaining('不是比例指标')],
    ]);
  });

  it('asks every lead of every task in the template, once per indicator and category', () => {
    const rows = templateRows(plan, scheme, '2025');
    const keys = rows.map((r) => `${r.unit}|${r.task}|${r.indicator}|${JSON.stringify(r.category)}`);
    expect(new Set(keys).size).toBe(rows.length);
    expect(rows.filter((r) => r.task === '4.3.3').map((r) => `${r.unit}:${r.category?.level}`)).toEqual([
      'cast:provincial',
      'cast:city',
      'cast:county',
      'science-tech:provincial',
      'science-tech:city',
      'science-tech:county',
    ]);
    // Every template row passes the import's checks once filled.
    const filled = rows.map((r, i) =>
      row(i + 2, {
        period: r.period,
        unit: r.unit,
        task: r.task ?? '总结',
        ...(r.indicator ? { indicator: r.indicator } : {}),
        ...(r.category
          ? {
              category: Object.entries(r.category)
                .map(([k, v]) => `${k}=${v}`)
                .join(','),
            }
          : {}),
        ...(r.valueType === 'rate'
          ? { numerator: 1, denominator: 2 }
          : r.valueType
            ? { value: 1 }
            : { narrative: '说明' }),
      }),
    );
    const checked = checkDataRows(filled, plan, scheme);
    expect(checked.problems).toEqual([]);
    expect(checked.dataRows).toBe(rows.length);
  });

  it('refuses a note over core’s length limit at its cell instead of cutting it (issue 16, finding 4)', () => {
    const note = '备'.repeat(2_001);
    const checked = checkDataRows(
      [
        row(2, {
          period: '2025',
          unit: 'cast',
          task: '4.2.3',
          indicator: 'science-china-registrations',
          value: 5,
          note,
        }),
      ],
      plan,
      scheme,
    );
    expect(checked.reports).toEqual([]);
    expect(checked.problems).toMatchObject([
      { row: 2, column: 'note', reason: { zh: expect.stringContaining('2000') } },
    ]);
  });
});

describe('the scope column (issue 14: a county total and a township’s own figure are not added)', () => {
  it('reads 全县 and 本单位 into the observation’s scope, and leaves a blank cell to the target’s rule', () => {
    const checked = checkDataRows(
      [
        row(2, {
          period: '2025',
          unit: 'cast',
          task: '4.2.3',
          indicator: 'science-china-dissemination',
          scope: '全县',
          value: 210000,
        }),
        row(3, {
          period: '2025',
          unit: 'shanhe',
          task: '总结',
          indicator: 'science-china-dissemination',
          scope: '本单位',
          value: 20000,
        }),
        row(4, {
          period: '2025',
          unit: 'yonghe',
          task: '总结',
          indicator: 'science-china-dissemination',
          value: 15000,
        }),
      ],
      plan,
      scheme,
    );
    expect(checked.problems).toEqual([]);
    expect(checked.reports.flatMap((r) => r.observations.map((o) => o.observation.scope ?? null))).toEqual([
      'county',
      'own',
      null,
    ]);
  });

  it('refuses any other word at the scope cell, saying what to write', () => {
    const checked = checkDataRows(
      [
        row(2, {
          period: '2025',
          unit: 'cast',
          task: '4.2.3',
          indicator: 'science-china-dissemination',
          scope: '合计',
          value: 1,
        }),
      ],
      plan,
      scheme,
    );
    expect(checked.reports).toEqual([]);
    expect(checked.problems.map((p) => [p.row, p.column])).toEqual([[2, 'scope']]);
    expect(checked.problems[0]?.reason.zh).toContain('全县');
  });
});
