import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

async function run(argv: string[], cwd: string) {
  const io = createMemoryIO({ cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

// A county that receives its literacy rate only as a figure published by the province.
const SOURCE = '甘肃省科协 2024 年公民科学素质调查';

describe('a published rate, from the data file to the scorecard (issue 14, point 6)', () => {
  it('imports a CSV row with value and source (no numerator or denominator) and shows it as published', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kepu-published-'));
    await writeFile(
      join(dir, 'rate.csv'),
      `填报期间,单位编号,任务编号,指标编号,数值,公布来源,区间下限,区间上限\n2024,cast,总结,literacy-rate,11.2,${SOURCE},10.1,12.3\n`,
    );
    const imported = await run(['data', 'import', 'rate.csv', '--db', 'county.db', '--approve'], dir);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    const zh = await run(['assess', '--db', 'county.db', '--period', '2024'], dir);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain(`11.2% (2024) 公布值（来源：${SOURCE}；区间 10.1%–12.3%）`);
    expect(zh.out).toContain('本地无原始数据，不含分子分母');
    const en = await run(['assess', '--db', 'county.db', '--period', '2024', '--lang', 'en'], dir);
    expect(en.out).toContain(`published (source: ${SOURCE}; interval 10.1%–12.3%)`);
    const json = JSON.parse((await run(['assess', '--db', 'county.db', '--period', '2024', '--json'], dir)).out);
    const literacy = json.targets.find((t: { target: string }) => t.target === 'literacy-rate-2025');
    expect(literacy).toMatchObject({ value: 11.2, numerator: null, denominator: null, published: { source: SOURCE } });
    // The printed report shows it as published too, in its targets table and its notes.
    const md = await run(['report', '--db', 'county.db', '--period', '2024', '--format', 'md'], dir);
    expect(md.code).toBe(0);
    expect(md.out).toContain(`公布值（来源：${SOURCE}；区间 10.1%–12.3%）`);
    expect(md.out).toContain('本地无原始数据，不含分子分母');
  });

  it('imports a published rate from the .xlsx template, and refuses a row mixing it with a fraction', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kepu-published-'));
    expect((await run(['data', 'template', '--period', '2024', '--out', 'template.xlsx'], dir)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(join(dir, 'template.xlsx'))) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (h: string) => headers.indexOf(h);
    let target: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(col('单位编号')).value === 'cast' && r.getCell(col('指标编号')).value === 'literacy-rate')
        target = r;
    });
    if (!target) throw new Error('the template has no literacy-rate row for cast');
    target.getCell(col('数值')).value = 11.2;
    target.getCell(col('公布来源')).value = SOURCE;
    target.getCell(col('误差幅度（±）')).value = 1.1;
    await writeFile(join(dir, 'filled.xlsx'), new Uint8Array(await workbook.xlsx.writeBuffer()));
    const ok = await run(['data', 'import', 'filled.xlsx', '--db', 'county.db', '--approve'], dir);
    expect(ok.err).toBe('');
    const card = await run(['assess', '--db', 'county.db', '--period', '2024'], dir);
    expect(card.out).toContain(`公布值（来源：${SOURCE}；误差 ±1.1%）`);

    // Both a published value and a numerator with a denominator: refused, at the row and column.
    target.getCell(col('分子')).value = 300;
    target.getCell(col('分母')).value = 2500;
    await writeFile(join(dir, 'mixed.xlsx'), new Uint8Array(await workbook.xlsx.writeBuffer()));
    const mixed = await run(['data', 'import', 'mixed.xlsx', '--db', 'other.db'], dir);
    expect(mixed.code).toBe(2);
    const letter = String.fromCharCode(64 + col('分子'));
    expect(mixed.err).toContain(`第 ${target.number} 行 ${letter} 列`);
    expect(mixed.err).toContain('不要同时填分子、分母');
  });
});
