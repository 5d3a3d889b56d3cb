import { zhengningPlan as plan, zhengningScheme as scheme } from '@kepu/plan-zhengning';
import { describe, expect, it } from 'vitest';
import { columnLetter, columnOfHeader } from '../data/columns.js';
import { checkDataRows, importReportId } from '../data/ingest.js';
import { parseCsv, type SourceRow } from '../data/read-table.js';
import { templateRows } from '../data/template.js';

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
          denominator: '2,500',
        }),
        row(5, { period: '2025', unit: 'shanhe', task: 'summary', narrative: '全年工作顺利。' }),
        row(6, { period: '2025', unit: 'education', task: '3.1.2' }),
      ],
      plan,
      scheme,
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
    expect(checked.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'value'],
      [2, 'numerator'],
      [2, 'denominator'],
      [3, 'task'],
      [4, 'indicator'],
      [5, 'period'],
      [6, 'unit'],
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
});
