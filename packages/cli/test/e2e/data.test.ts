import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scorecard } from '@kepu/core';
import { createSqliteStore } from '@kepu/store-sqlite';
import { testPostgresUrl } from '@kepu/test-utils/postgres';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kepu, tempDir } from './helpers.js';

const HEADERS = [
  '填报期间',
  '单位编号',
  '单位名称',
  '任务编号',
  '任务名称',
  '指标编号',
  '指标名称',
  '分类',
  '计量单位',
  '数值',
  '分子',
  '分母',
  '公布来源',
  '区间下限',
  '区间上限',
  '误差幅度（±）',
  '统计日期',
  '工作情况说明',
  '备注',
  '数据口径',
];
const letter = (header: string) => String.fromCharCode(65 + HEADERS.indexOf(header));

async function load(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(path)) as unknown as ExcelJS.Buffer);
  return workbook;
}

function headOf(path: string) {
  const store = createSqliteStore({ filename: path });
  try {
    return { head: store.head(), reports: store.listRecords({ kind: 'reports' }).length };
  } finally {
    store.dispose();
  }
}

describe('kepu data template and kepu data import (as processes)', () => {
  let dir: string;
  let rows = 0;
  beforeAll(async () => {
    dir = await tempDir('data');
    const run = await kepu(['data', 'template', '--out', 'template-2025.xlsx', '--period', '2025'], dir);
    expect(run.code).toBe(0);
    rows = Number(/（(\d+) 行）/.exec(run.stdout)?.[1]);

    // Fill the template as a county office would: every figure, and a narrative on the others.
    const workbook = await load(join(dir, 'template-2025.xlsx'));
    const sheet = workbook.getWorksheet('填报') as ExcelJS.Worksheet;
    const at = (r: number, h: string) => sheet.getRow(r).getCell(HEADERS.indexOf(h) + 1);
    for (let r = 2; r <= sheet.rowCount; r++) {
      const indicator = String(at(r, '指标编号').value ?? '');
      const unit = String(at(r, '单位编号').value);
      if (indicator === 'literacy-rate') {
        at(r, '分子').value = 300;
        at(r, '分母').value = 2500;
      } else if (indicator === 'schools-with-science-tutor') {
        at(r, '分子').value = 55;
        at(r, '分母').value = 56;
      } else if (indicator === 'weekly-science-classes') at(r, '数值').value = 2;
      else if (indicator === 'science-bases-created') at(r, '数值').value = unit === 'cast' ? 1 : 0;
      else if (indicator === 'science-china-dissemination') at(r, '数值').value = 21_000;
      else if (indicator === 'science-china-registrations') {
        at(r, '数值').value = 2_400;
        at(r, '统计日期').value = new Date('2025-12-31T00:00:00Z');
      } else if (indicator === 'science-funding') at(r, '数值').value = 48.5;
      else at(r, '工作情况说明').value = `2025年${String(at(r, '单位名称').value)}按分工推进工作。`;
    }
    await workbook.xlsx.writeFile(join(dir, 'good.xlsx'));

    // The same file with six bad cells.
    const find = (indicator: string, nth = 0) => {
      let seen = 0;
      for (let r = 2; r <= sheet.rowCount; r++) if (at(r, '指标编号').value === indicator && seen++ === nth) return r;
      throw new Error(`no ${indicator} row`);
    };
    const bad = {
      notNumber: find('science-china-dissemination', 0),
      negative: find('science-china-dissemination', 1),
      percent: find('weekly-science-classes', 0),
      numeratorAbove: find('schools-with-science-tutor'),
      dateOutside: find('science-china-registrations', 2),
      unknownUnit: find('science-china-dissemination', 3),
    };
    at(bad.notNumber, '数值').value = '两万';
    at(bad.negative, '数值').value = -5;
    at(bad.percent, '数值').value = '95%';
    at(bad.numeratorAbove, '分子').value = 60;
    at(bad.dateOutside, '统计日期').value = '2024-06-30';
    at(bad.unknownUnit, '单位编号').value = 'atlantis';
    await workbook.xlsx.writeFile(join(dir, 'bad.xlsx'));
    await writeFile(join(dir, 'bad-rows.json'), JSON.stringify(bad));
  }, 60_000);

  it('writes a template: one row per unit × task × indicator, frozen header, validation lists and number constraints', async () => {
    const workbook = await load(join(dir, 'template-2025.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['填报', '填写说明', '代码表']);
    const sheet = workbook.getWorksheet('填报') as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.rowCount - 1).toBe(rows);
    expect(rows).toBeGreaterThan(90);
    const keys = new Set<string>();
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      keys.add([2, 4, 6, 8].map((c) => String(row.getCell(c).value ?? '')).join('|'));
    }
    expect(keys.size).toBe(rows);
    const row2 = sheet.getRow(2);
    expect(row2.getCell(2).dataValidation).toMatchObject({ type: 'list', formulae: ["'代码表'!$A$2:$A$26"] });
    expect(row2.getCell(1).dataValidation).toMatchObject({ type: 'list', formulae: ['"2025"'] });
    expect(row2.getCell(10).dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      formulae: [0],
    });
    expect(row2.getCell(12).dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThan', formulae: [0] });
    expect(row2.getCell(17).dataValidation).toMatchObject({ type: 'date', operator: 'between' });
    // What a figure covers: the county's total or the unit's own (issue 14: never added together).
    expect(row2.getCell(20).dataValidation).toMatchObject({ type: 'list', formulae: ['"全县,本单位"'] });
    // The lead of every task has a row, and so has every township's summary.
    const tasks = new Set<string>();
    const summaries = new Set<string>();
    for (let r = 2; r <= sheet.rowCount; r++) {
      const task = String(sheet.getRow(r).getCell(4).value);
      if (task === '总结') summaries.add(String(sheet.getRow(r).getCell(2).value));
      else tasks.add(task);
    }
    expect(tasks.size).toBe(33);
    expect(summaries).toContain('shanhe');
    expect(summaries.size).toBe(25);
  });

  it('lists every bad cell with sheet, row, column and reason, and imports nothing from a file with errors', async () => {
    const bad = JSON.parse(await readFile(join(dir, 'bad-rows.json'), 'utf8')) as Record<string, number>;
    const run = await kepu(['data', 'import', 'bad.xlsx', '--db', 'county.db'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('有 6 处错误，未导入任何数据');
    const expected: Array<[number | undefined, string, string]> = [
      [bad.notNumber, '数值', '“两万”不是数字'],
      [bad.negative, '数值', '不能为负数'],
      [bad.percent, '数值', '不要带百分号'],
      [bad.numeratorAbove, '分子', '分子 60 大于分母 56'],
      [bad.dateOutside, '统计日期', '不在 2025 年度内'],
      [bad.unknownUnit, '单位编号', '没有编号或名称为“atlantis”的单位'],
    ];
    for (const [row, header, reason] of expected) {
      const line = run.stderr.split('\n').find((l) => l.includes(`第 ${row} 行 ${letter(header)} 列（${header}）`));
      expect(line, `${header} in row ${row}`).toBeDefined();
      expect(line).toContain('工作表“填报”');
      expect(line).toContain(reason);
    }
    expect(existsSync(join(dir, 'county.db'))).toBe(false);

    const json = await kepu(['data', 'import', 'bad.xlsx', '--db', 'county.db', '--json', '--lang', 'en'], dir);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout) as {
      problems: Array<{ sheet: string; row: number; column: string; reason: { en: string } }>;
    };
    expect(report.problems).toHaveLength(6);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        sheet: '填报',
        row: bad.negative,
        column: letter('数值'),
        reason: expect.objectContaining({ en: 'must not be negative' }),
      }),
    );

    const skipped = await kepu(['data', 'import', 'bad.xlsx', '--db', 'partial.db', '--skip-invalid'], dir);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain('跳过 6 处错误');
    expect(skipped.stdout).toMatch(/新报送报告 \d+ 份/);
  }, 60_000);

  it('imports a good file through the engine, and importing it again creates no duplicates', async () => {
    const first = await kepu(['data', 'import', 'good.xlsx', '--db', 'county.db', '--approve'], dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const filed = Number(/新报送报告 (\d+) 份/.exec(first.stdout)?.[1]);
    expect(filed).toBeGreaterThan(60);
    expect(first.stdout).toContain(`审核通过 ${filed} 份`);
    const before = headOf(join(dir, 'county.db'));
    expect(before.reports).toBe(filed);

    const again = await kepu(['data', 'import', 'good.xlsx', '--db', 'county.db', '--json'], dir);
    expect(again.code).toBe(0);
    const outcome = JSON.parse(again.stdout) as {
      imported: { reports: number; observations: number };
      duplicateRows: number;
    };
    expect(outcome.imported).toMatchObject({ reports: 0, observations: 0 });
    expect(outcome.duplicateRows).toBe(rows);
    expect(headOf(join(dir, 'county.db'))).toEqual(before);

    const assessed = await kepu(['assess', '--db', 'county.db', '--period', '2025', '--json'], dir);
    expect(assessed.code).toBe(0);
    expect(assessed.stderr).toContain('即时计算');
    const card = JSON.parse(assessed.stdout) as Scorecard;
    const literacy = card.targets.find((t) => t.target === 'literacy-rate-2025');
    expect(literacy).toMatchObject({ value: 12, numerator: 300, denominator: 2500 });
    expect(card.targets.find((t) => t.target === 'science-funding-growth')?.status).toBe('insufficient-data');
  }, 60_000);

  it('reads CSV and JSON too, locating bad cells by line and column, or by item and field', async () => {
    const csv = [
      '单位编号,任务编号,指标编号,分类,数值,分子,分母,填报期间',
      'education,3.1.2,weekly-science-classes,grade-band=grade-2,2,,,2025',
      'education,3.1.2,weekly-science-classes,grade-band=grade-9,2,,,2025',
      'shanhe,9.9.9,science-china-dissemination,,"12,000",,,2025',
      '',
    ].join('\r\n');
    await writeFile(join(dir, 'rows.csv'), `\uFEFF${csv}`);
    const run = await kepu(['data', 'import', 'rows.csv', '--db', 'csv.db'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/工作表“rows\.csv”第 3 行 D 列（分类）：“grade-band=grade-9” — 指标“.*”没有分类/);
    expect(run.stderr).toMatch(/工作表“rows\.csv”第 4 行 B 列（任务编号）：“9\.9\.9” — 没有编号为“9\.9\.9”的任务/);

    await writeFile(
      join(dir, 'rows.json'),
      JSON.stringify([
        { period: '2025', unit: 'finance', task: 'summary', indicator: 'science-funding', value: 50 },
        {
          period: '2025',
          unit: 'cast',
          task: '4.3.3',
          indicator: 'science-bases-created',
          category: 'level=city',
          value: 1,
        },
        {
          period: '2025',
          unit: 'cast',
          task: '4.3.3',
          indicator: 'science-bases-created',
          category: 'level=city',
          value: 1,
        },
      ]),
    );
    const json = await kepu(['data', 'import', 'rows.json', '--db', 'json.db', '--lang', 'en'], dir);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('item 3, field "indicator": "science-bases-created" — repeats row 2');
    const fine = await kepu(['data', 'import', 'rows.json', '--db', 'json.db', '--skip-invalid', '--json'], dir);
    expect(fine.code).toBe(0);
    expect(JSON.parse(fine.stdout).imported.reports).toBe(2);
  }, 60_000);

  // A real server, started when missing — never a silent skip.
  it('imports into PostgreSQL and assesses from it with --db postgres://…', async () => {
    const url = testPostgresUrl();
    const namespace = `cli-${Date.now().toString(36)}`;
    const run = await kepu(['data', 'import', 'good.xlsx', '--db', url, '--namespace', namespace, '--approve'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(new URL(url).password || '\u0000');
    const again = await kepu(['data', 'import', 'good.xlsx', '--db', url, '--namespace', namespace, '--json'], dir);
    expect(JSON.parse(again.stdout).imported.reports).toBe(0);
    const assessed = await kepu(
      ['assess', '--db', url, '--namespace', namespace, '--period', '2025', '--save', '--json'],
      dir,
    );
    expect(assessed.code).toBe(0);
    expect(assessed.stderr).toContain('已运行并保存第 1 次考核');
    const literacy = (JSON.parse(assessed.stdout) as Scorecard).targets.find((t) => t.target === 'literacy-rate-2025');
    expect(literacy?.value).toBe(12);
  }, 90_000);
});
