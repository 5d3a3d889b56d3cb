import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine, type Scorecard } from '@kepu/core';
import { createDemoClock, demoEngineOptions } from '@kepu/plan-zhengning/demo';
import { createSqliteStore } from '@kepu/store-sqlite';
import { beforeAll, describe, expect, it } from 'vitest';
import { kepu, type Run, tempDir } from './helpers.js';

/** Every stored assessment run of a demo database, and its audit head, read back in-process. */
async function contents(path: string) {
  const store = createSqliteStore({ filename: path });
  try {
    const engine = await createEngine({ ...demoEngineOptions({ clock: createDemoClock(), store }), watch: false });
    const runs = engine
      .assessments()
      .map((run) => ({ id: run.id, inputsHash: run.inputsHash, scorecard: run.scorecard }));
    const head = engine.getHead();
    const reports = engine.reports().length;
    await engine.dispose();
    return { runs, head, reports };
  } finally {
    store.dispose();
  }
}

describe('kepu demo (as a process)', () => {
  let dir: string;
  let first: Run;
  let second: Run;
  beforeAll(async () => {
    dir = await tempDir('demo');
    first = await kepu(['demo'], dir);
    second = await kepu(['demo'], dir);
  }, 120_000);

  it('creates .kepu/zhengning-demo.db, prints the Chinese summary and writes the Excel and HTML reports', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const db = join(dir, '.kepu', 'zhengning-demo.db');
    expect(first.stdout).toContain(`数据库：${db}（新建）`);
    expect(first.stdout).toMatch(/历史：2022—2025 年，\d+ 条命令。报告应报 316 份/);
    expect(first.stdout).toMatch(/迟报 [1-9]\d*，退回 [1-9]\d* 后重报 [1-9]\d*/);
    expect(first.stdout).toMatch(/缺报 [1-9]/);
    expect(first.stdout).toContain('■ 目标进展（2025 年度');
    expect(first.stdout).toMatch(/到2025年全县公民具备科学素质的比例.*8\.\d%.*已达成\s+2025: 12\.\d% ✓ 达标（最终）/);
    // 2024's literacy rate is the demo's survey round: its interval follows the point, and a
    // footnote gives the method, the effective sample size and the flags.
    expect(first.stdout).toMatch(/\d+\.\d%（95% 置信区间 \d+\.\d%–\d+\.\d%）/);
    expect(first.stdout).toMatch(/2024 年数值为抽样调查估计，95% 置信区间 .*logit 法，有效样本量 \d+/);
    expect(first.stdout).toMatch(/到2025年创建市级科普基地3处.*未达成.*✗ 未达标/);
    expect(first.stdout).toContain('■ 县直成员单位排名（2025 年度）');
    expect(first.stdout).toContain('■ 乡镇排名（2025 年度）');
    expect(first.stdout).toMatch(/\n\s+1\s+\S+\s+\d+\.\d\d\s+优秀/);
    for (const file of ['zhengning-2022-2025-2025.xlsx', 'zhengning-2022-2025-2025.html']) {
      const path = join(dir, '.kepu', 'reports', file);
      expect(first.stdout).toContain(path);
      expect(existsSync(path)).toBe(true);
    }
  });

  it('reuses the database when run again, and says so', () => {
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('（复用：仍是种子 20221026 生成的完整历史）');
    // Same history, same summary (only the timing differs).
    const strip = (s: string) => s.replace(/用时 [\d.]+ 秒/, '').replace(/（新建）|（复用[^）]*）/, '');
    expect(strip(second.stdout)).toBe(strip(first.stdout));
  });

  it('gives identical scorecards in another directory, and different ones for another seed', async () => {
    const other = await tempDir('demo-again');
    // A report folder the user names must exist (only the demo's own .kepu/ is made for it).
    await mkdir(join(other, 'out'));
    const again = await kepu(['demo', '--db', 'again.db', '--out-dir', 'out', '--json'], other);
    expect(again.code).toBe(0);
    const json = JSON.parse(again.stdout) as {
      action: string;
      db: string;
      scorecard: Scorecard;
      reports: { xlsx: string };
    };
    expect(json.action).toBe('created');
    expect(json.reports.xlsx).toBe(join(other, 'out', 'zhengning-2022-2025-2025.xlsx'));
    const a = await contents(join(dir, '.kepu', 'zhengning-demo.db'));
    const b = await contents(json.db);
    expect(a.runs.map((r) => r.id)).toEqual([
      'zhengning-2022-2025/2022/1',
      'zhengning-2022-2025/2023/1',
      'zhengning-2022-2025/2024/1',
      'zhengning-2022-2025/2025/1',
    ]);
    expect(b.runs).toEqual(a.runs);
    expect(b.head).toEqual(a.head);
    expect(json.scorecard).toEqual(a.runs.at(-1)?.scorecard);

    const seeded = await kepu(
      // The first run's reports are there: replacing them in a folder the user named takes --force.
      ['demo', '--db', 'again.db', '--out-dir', 'out', '--seed', '7', '--json', '--force'],
      other,
    );
    expect(seeded.code).toBe(0);
    const reseeded = JSON.parse(seeded.stdout) as { action: string; reason: string };
    expect(reseeded.action).toBe('recreated');
    expect(reseeded.reason).toContain('seed 20221026');
    const c = await contents(json.db);
    expect(c.head.hash).not.toBe(a.head.hash);
  }, 120_000);

  it('refuses to touch a file that is not a demo database (exit 2)', async () => {
    const other = await tempDir('demo-foreign');
    await writeFile(join(other, 'precious.db'), 'not a database');
    const run = await kepu(['demo', '--db', 'precious.db'], other);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('不是 Kepu 演示数据库，未作任何改动');
    const bad = await kepu(['demo', '--seed', 'many'], other);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--seed');
  }, 60_000);

  it('has help in Chinese and English, and is listed first in kepu --help', async () => {
    const help = await kepu(['demo', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法: kepu demo');
    expect(help.stdout).toContain('--fresh');
    expect(help.stdout).toContain('退出码：0 成功');
    const en = await kepu(['--help', '--lang', 'en'], dir);
    expect(en.stdout).toMatch(/Commands:\n\s+kepu demo/);
    expect(en.stdout).toContain('kepu report');
    expect(en.stdout).toContain('kepu data template');
    expect(en.stdout).toContain('kepu data import');
  }, 60_000);
});
