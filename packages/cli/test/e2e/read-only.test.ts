import { execFile } from 'node:child_process';
import { chmod, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createSqliteStore } from '@kepu/store-sqlite';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const bin = join(resolve(import.meta.dirname, '../../../..'), 'packages/cli/src/bin.ts');
const tsx = import.meta.resolve('tsx');
// Root writes through any permission: run as nobody then, so the file really is read-only.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function kepuAs(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', tsx, bin, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1', HOME: cwd }, timeout: 90_000, ...asUser },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('a read-only database (issue 16, finding 11)', () => {
  it('can be reported on and assessed, and is not changed', async () => {
    const dir = await tempDir('read-only');
    const db = join(dir, 'county.db');
    createSqliteStore({ filename: db }).dispose();
    await chmod(db, 0o444);
    await chmod(dir, 0o555);
    const before = await readFile(db);
    const report = await kepuAs(['report', '--db', 'county.db', '--period', '2025', '--format', 'md'], dir);
    expect(report.stderr).not.toContain('readonly');
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('2025 年度督查考核报告');
    const assess = await kepuAs(['assess', '--db', 'county.db', '--period', '2025', '--json'], dir);
    expect(assess.code).toBe(0);
    expect(JSON.parse(assess.stdout).period).toBe(2025);
    expect(await readFile(db)).toEqual(before);
    await chmod(dir, 0o755);
  }, 120_000);
});
