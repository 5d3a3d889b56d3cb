import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Scorecard, TARGET_STATUS_NAMES } from '@kepu/core';
import ExcelJS from 'exceljs';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/format/width.js';
import { kepu, tempDir } from './helpers.js';

// The HTML is parsed with parse5, the WHATWG-conformant parser behind jsdom: it builds the tree a
// browser builds (implied <tbody>, misplaced table content moved out), so a table that reads right
// here reads right in Chromium, and markup a browser would repair cannot pass unnoticed.
type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const isElement = (n: Node): n is Element => 'tagName' in n;
function all(node: Node, tag: string, out: Element[] = []): Element[] {
  if (isElement(node) && node.tagName === tag) out.push(node);
  const kids = 'childNodes' in node ? node.childNodes : [];
  for (const child of kids) all(child, tag, out);
  if (isElement(node) && node.tagName === 'template') all((node as unknown as { content: Node }).content, tag, out);
  return out;
}
const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
function text(node: Node): string {
  if (node.nodeName === '#text') return (node as { value: string }).value;
  return ('childNodes' in node ? node.childNodes : []).map(text).join('');
}
function tableRows(table: Element): { head: string[]; rows: string[][] } {
  const head = all(table, 'th').map((th) => text(th).trim());
  const body = all(table, 'tbody')[0];
  const rows = body ? all(body, 'tr').map((tr) => all(tr, 'td').map((td) => text(td).trim())) : [];
  return { head, rows };
}

function ws(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

describe('kepu assess --db and kepu report (as processes)', () => {
  let dir: string;
  let db: string;
  let card: Scorecard;
  beforeAll(async () => {
    dir = await tempDir('report');
    db = join(dir, 'county.db');
    // Output folders must exist: kepu does not create them.
    await mkdir(join(dir, 'demo-reports'));
    await mkdir(join(dir, 'r'));
    const demo = await kepu(['demo', '--db', db, '--out-dir', 'demo-reports', '--json'], dir);
    expect(demo.code).toBe(0);
    const assessed = await kepu(['assess', '--db', db, '--period', '2024', '--json'], dir);
    expect(assessed.code).toBe(0);
    expect(assessed.stderr).toContain('读取数据库中保存的第 1 次考核');
    card = JSON.parse(assessed.stdout) as Scorecard;
  }, 120_000);

  it('assess --db prints the stored year in Chinese, or English, and refuses a missing database', async () => {
    const zh = await kepu(['assess', '--db', db, '--period', '2024'], dir);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('2024 年度督查考核记分卡');
    expect(zh.stdout).toContain(card.scheme.hash);
    expect(zh.stdout).toMatch(/一票否决/);
    // The survey's literacy rate shows its interval beside the point, and a footnote says what it is.
    expect(zh.stdout).toMatch(/\d+(\.\d+)?% \(2024\)（95% 置信区间 \d+\.\d%–\d+\.\d%）/);
    expect(zh.stdout).toContain('年数值为抽样调查估计');
    const en = await kepu(['assess', '--db', db, '--period', '2024', '--lang', 'en'], dir);
    expect(en.stdout).toContain('Assessment scorecard, 2024');
    expect(en.stderr).toContain('Read stored assessment run 1');
    const missing = await kepu(['assess', '--db', 'nowhere.db', '--period', '2024'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('数据库文件不存在');
    const both = await kepu(['assess', '--db', db, '--inputs', 'x.json', '--period', '2024'], dir);
    expect(both.code).toBe(2);
  }, 60_000);

  it('writes an Excel workbook: a sheet per view, Chinese headers, frozen header row, formats, widths, the scorecard’s values', async () => {
    const run = await kepu(['report', '--db', db, '--period', '2024', '--format', 'xlsx', '--out', 'r/2024.xlsx'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(join(dir, 'r', '2024.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(join(dir, 'r', '2024.xlsx'))) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '报告信息',
      '目标进展',
      '任务',
      '县直成员单位',
      '乡镇',
      '考核明细',
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      // Every column is at least as wide as its header, Chinese characters counted double.
      sheet.getRow(1).eachCell((cell, n) => {
        expect(sheet.getColumn(n).width ?? 0).toBeGreaterThanOrEqual(displayWidth(String(cell.value)));
      });
    }
    const info = ws(workbook, '报告信息');
    const infoValues = info.getColumn(2).values.map(String) ?? [];
    expect(infoValues).toContain(card.scheme.hash);
    expect(infoValues).toContain(card.rulesVersion);

    const targets = ws(workbook, '目标进展');
    const headers = (targets.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual([
      '目标',
      '要求',
      '基线',
      '当前值',
      '单位',
      '置信区间与可靠性',
      '完成度',
      '应达到',
      '状态',
      '截止年',
      '到期预测',
      '能否达标',
      '判断依据',
    ]);
    const col = (h: string) => headers.indexOf(h) + 1;
    card.targets.forEach((e, i) => {
      const row = targets.getRow(i + 2);
      const value = row.getCell(col('当前值'));
      if (e.value === null) expect(value?.value).toBe('无数据');
      else if (e.valueKind === 'review') expect(value?.value).toBeCloseTo(e.value * 100, 9);
      else expect(value?.value).toBe(e.value);
      const attainment = row.getCell(col('完成度'));
      if (e.attainment === null) expect(attainment?.value).toBe('—');
      else {
        expect(attainment?.value).toBe(e.attainment);
        expect(attainment?.numFmt).toBe('0.0%');
      }
    });
    const literacy = targets.getRow(2);
    // 2024's rate is a survey estimate: its status is whatever the sampled point says.
    expect(literacy.getCell(col('状态')).value).toBe(TARGET_STATUS_NAMES[card.targets[0]?.status ?? 'no-data'].zh);
    // The 2024 literacy rate is the demo's survey estimate: its interval sits beside the point,
    // the same interval the scorecard carries, and the flags (if any) follow it.
    const estimate = card.targets.find((e) => e.target === 'literacy-rate-2025')?.estimate;
    expect(estimate).toBeTruthy();
    expect(estimate?.low).toBeLessThan(card.targets[0]?.value as number);
    expect(estimate?.high).toBeGreaterThan(card.targets[0]?.value as number);
    expect(literacy.getCell(col('置信区间与可靠性')).value).toBe(
      `95% 置信区间 ${estimate?.low.toFixed(1)}%–${estimate?.high.toFixed(1)}%${estimate?.flags.length ? ` ⚠ ${estimate.flags.join('；')}` : ''}`,
    );
    const summary = ws(workbook, '报告信息');
    const cells: string[] = [];
    summary.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.some((c) => c.includes('抽样调查估计') && c.includes('置信区间'))).toBe(true);

    const departments = ws(workbook, '县直成员单位');
    const deptHeaders = (departments.getRow(1).values as unknown[]).slice(1);
    expect(deptHeaders.slice(0, 4)).toEqual(['名次', '单位', '得分', '等次（默认）']);
    const sheet = card.sheets.find((s) => s.sheet === 'department');
    sheet?.units.forEach((u, i) => {
      const row = departments.getRow(i + 2);
      expect(row.getCell(2).value).toBe(u.name);
      expect(row.getCell(3).value).toBe(u.score);
      expect(row.getCell(3).numFmt).toBe('0.00');
      expect(row.getCell(4).value).toBe(u.grade?.name);
    });
    const townships = ws(workbook, '乡镇');
    const vetoed = card.sheets.flatMap((s) => s.units).find((u) => u.vetoed);
    let found = false;
    townships.eachRow((row, n) => {
      if (n > 1 && row.getCell(2).value === vetoed?.name) {
        found = true;
        expect(String(row.getCell(row.cellCount).value)).toContain('一票否决');
      }
    });
    expect(found).toBe(true);

    const tasks = ws(workbook, '任务');
    expect((tasks.getRow(1).values as unknown[]).slice(1)).toEqual([
      '编号',
      '任务',
      '牵头单位',
      '配合单位',
      '完成度',
      '依据',
    ]);
    expect(tasks.getRow(2).getCell(3).value).toBe('县教育局、团县委');
    expect(tasks.rowCount).toBe(card.tasks.length + 1);
    const items = ws(workbook, '考核明细');
    expect(items.rowCount).toBe(card.sheets.flatMap((s) => s.units.flatMap((u) => u.items)).length + 1);
  }, 60_000);

  it('writes one self-contained printable HTML page: masthead, SVG charts, tables equal to the scorecard, hash and rules in the footer', async () => {
    const run = await kepu(['report', '--db', db, '--period', '2024', '--out', 'r/2024.html'], dir);
    expect(run.code).toBe(0);
    const html = await readFile(join(dir, 'r', '2024.html'), 'utf8');
    const doc = parse(html);
    expect(all(doc, 'script')).toHaveLength(0);
    expect(all(doc, 'link')).toHaveLength(0);
    expect(text(all(doc, 'style')[0] as Element)).toMatch(/@page\s*{\s*size:\s*A4/);
    expect(text(all(doc, 'header')[0] as Element)).toContain('正宁县');
    expect(all(doc, 'svg').length).toBeGreaterThanOrEqual(3);
    expect(all(doc, 'figure').map((f) => attr(f, 'data-chart'))).toEqual(
      expect.arrayContaining(['target:literacy-rate-2025', 'ranking:department', 'ranking:township']),
    );
    const footer = text(all(doc, 'footer')[0] as Element);
    expect(footer).toContain(card.scheme.hash);
    expect(footer).toContain(card.rulesVersion);

    const tables = new Map(all(doc, 'table').map((t) => [attr(t, 'data-view') ?? '', t] as const));
    const targets = tableRows(tables.get('targets') as Element);
    expect(targets.head[0]).toBe('目标');
    expect(targets.rows).toHaveLength(card.targets.length);
    const valueCol = targets.head.indexOf('当前值');
    const statusCol = targets.head.indexOf('状态');
    card.targets.forEach((e, i) => {
      const cells = targets.rows[i] ?? [];
      // Missing is missing: a qualitative target without a review reads 无数据, never 0.
      if (e.value === null) expect(cells[valueCol]).toBe('无数据');
      expect(cells[statusCol]).not.toBe('');
    });
    const estimate = card.targets[0]?.estimate;
    const intervalCol = targets.head.indexOf('置信区间与可靠性');
    expect(card.targets[0]?.target).toBe('literacy-rate-2025');
    expect(targets.rows[0]?.[intervalCol]).toContain(
      `95% 置信区间 ${estimate?.low.toFixed(1)}%–${estimate?.high.toFixed(1)}%`,
    );
    expect(text(all(doc, 'ul').find((u) => attr(u, 'class') === 'highlights') as Element)).toContain('抽样调查估计');
    const departments = tableRows(tables.get('departments') as Element);
    const sheet = card.sheets.find((s) => s.sheet === 'department');
    expect(departments.rows.map((r) => r[1])).toEqual(sheet?.units.map((u) => u.name));
    expect(departments.rows.map((r) => r[2])).toEqual(sheet?.units.map((u) => u.score?.toFixed(2)));
    const townships = tableRows(tables.get('townships') as Element);
    expect(townships.rows).toHaveLength(10);
    const tasks = tableRows(tables.get('tasks') as Element);
    expect(tasks.rows).toHaveLength(card.tasks.length);
    expect(all(doc, 'table').filter((t) => attr(t, 'data-view') === 'items-matrix')).toHaveLength(2);
  }, 60_000);

  it('writes Markdown and JSON with the same content, to stdout without --out, and in English with --lang en', async () => {
    const md = await kepu(['report', '--db', db, '--period', '2024', '--format', 'md'], dir);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# 正宁县全民科学素质行动 2024 年度督查考核报告');
    expect(md.stdout).toContain('| 目标 | 要求 |');
    expect(md.stdout).toContain(card.scheme.hash);
    expect(md.stdout).toMatch(/\| 95% 置信区间 \d+\.\d%–\d+\.\d%/);
    const json = await kepu(['report', '--db', db, '--period', '2024', '--format', 'json', '--lang', 'en'], dir);
    expect(json.code).toBe(0);
    const model = JSON.parse(json.stdout) as {
      format: string;
      scheme: { hash: string };
      tables: Array<{ id: string; columns: Array<{ header: string }>; rows: Array<Record<string, unknown>> }>;
    };
    expect(model.format).toBe('kepu-report');
    expect(model.scheme.hash).toBe(card.scheme.hash);
    expect(model.tables.map((t) => t.id)).toEqual(['targets', 'tasks', 'departments', 'townships', 'items']);
    expect(model.tables[0]?.columns[0]?.header).toBe('Target');
    const departments = model.tables.find((t) => t.id === 'departments');
    expect(departments?.rows.map((r) => r.score)).toEqual(card.sheets[0]?.units.map((u) => u.score));
    const literacy = model.tables[0]?.rows.find((r) => r.target === 'literacy-rate-2025');
    expect(literacy?.ciLow).toBe(card.targets[0]?.estimate?.low);
    expect(literacy?.ciHigh).toBe(card.targets[0]?.estimate?.high);
    expect(String(literacy?.interval)).toMatch(/^95% CI \d+\.\d%–\d+\.\d%/);
    const xlsxToStdout = await kepu(['report', '--db', db, '--period', '2024', '--format', 'xlsx'], dir);
    expect(xlsxToStdout.code).toBe(2);
  }, 60_000);

  it('assess --db says when the records changed after the stored run, and --save stores a new run', async () => {
    // A partner's late figure for 2024, imported and approved after the 2024 assessment ran.
    await writeFile(
      join(dir, 'late.json'),
      JSON.stringify([{ period: '2024', unit: 'finance', task: '3.1.1', indicator: 'science-funding', value: 3 }]),
    );
    const imported = await kepu(['data', 'import', 'late.json', '--db', db, '--approve'], dir);
    expect(imported.code).toBe(0);
    const stale = await kepu(['assess', '--db', db, '--period', '2024', '--json'], dir);
    expect(stale.code).toBe(0);
    expect(stale.stderr).toContain('数据库中的第 1 次考核之后又有新数据');
    const computed = JSON.parse(stale.stdout) as Scorecard;
    expect(computed.inputsHash).not.toBe(card.inputsHash);
    const saved = await kepu(['assess', '--db', db, '--period', '2024', '--save', '--json'], dir);
    expect(saved.stderr).toContain('已运行并保存第 2 次考核');
    expect((JSON.parse(saved.stdout) as Scorecard).inputsHash).toBe(computed.inputsHash);
    const again = await kepu(['assess', '--db', db, '--period', '2024', '--json'], dir);
    expect(again.stderr).toContain('读取数据库中保存的第 2 次考核');
  }, 60_000);
});
