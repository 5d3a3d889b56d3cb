import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@kepu/store-sqlite';
import { describe, expect, it } from 'vitest';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

async function run(argv: string[], cwd: string) {
  const io = createMemoryIO({ cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const HEADER = '填报期间,单位编号,任务编号,指标编号,分类,数值,统计日期,工作情况说明';

/** `count` rows of the education bureau's task 3.1.2, each a distinct (category, date). */
function educationRows(count: number): string[] {
  const bands = ['grade-2', 'grades-3-6', 'middle-school'];
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2025, 0, 1 + Math.floor(i / bands.length))).toISOString().slice(0, 10);
    return `2025,education,3.1.2,weekly-science-classes,grade-band=${bands[i % bands.length]},2,${day},`;
  });
}

const headSeq = (db: string) => {
  const store = createSqliteStore({ filename: db });
  try {
    return store.head().seq;
  } finally {
    store.dispose();
  }
};

describe('kepu data import is all or nothing (issue 16, finding 2)', () => {
  it('a report over the engine’s observation limit is refused at its row, before anything is committed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kepu-atomic-'));
    const lines = [
      HEADER,
      // A good report of another unit first: today it is committed before the bad one fails.
      '2025,cast,4.2.3,science-china-registrations,,1200,,',
      ...educationRows(501),
    ];
    await writeFile(join(dir, 'big.csv'), `${lines.join('\n')}\n`);
    const r = await run(['data', 'import', 'big.csv', '--db', 'county.db'], dir);
    expect(r.code).toBe(2);
    // The 501st observation of the report is on line 503 (header, the cast row, then 501 rows).
    expect(r.err).toMatch(/第 503 行/);
    expect(r.err).toContain('500');
    expect(r.err).toContain('未导入任何数据');
    expect(headSeq(join(dir, 'county.db'))).toBe(0);
  });

  it('a narrative over the engine’s length limit is refused, not cut', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kepu-atomic-'));
    const long = '科'.repeat(20_001);
    await writeFile(join(dir, 'long.csv'), `${HEADER}\n2025,cast,4.2.3,science-china-registrations,,1200,,${long}\n`);
    const r = await run(['data', 'import', 'long.csv', '--db', 'county.db'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/第 2 行 H 列/);
    expect(r.err).toContain('20000');
    expect(headSeq(join(dir, 'county.db'))).toBe(0);
  });
});
