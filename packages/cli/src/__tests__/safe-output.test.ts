import { existsSync } from 'node:fs';
import { link, mkdir, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@kepu/store-sqlite';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

async function run(argv: string[], cwd: string) {
  const io = createMemoryIO({ cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

let dir: string;
let db: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kepu-out-'));
  db = join(dir, 'v.db');
  createSqliteStore({ filename: db }).dispose();
});

const report = (out: string, ...more: string[]) => [
  'report',
  '--db',
  'v.db',
  '--period',
  '2025',
  '--format',
  'md',
  '--out',
  out,
  ...more,
];

/** What the folder holds, so a refused write is seen to leave no file (and no temporary file) behind. */
const listing = async () => (await readdir(dir)).filter((f) => !f.startsWith('v.db-')).sort();

describe('file output policy (issue 16, finding 1)', () => {
  it('never writes the database in use, however it is spelled, even with --force', async () => {
    const before = await readFile(db);
    await symlink(db, join(dir, 'alias.db'));
    await link(db, join(dir, 'hard.db'));
    for (const out of ['v.db', './v.db', join(dir, 'v.db'), 'alias.db', 'hard.db']) {
      const r = await run(report(out, '--force'), dir);
      expect(r.code, out).toBe(2);
      expect(r.err).toContain('output-protected');
      expect(r.err).toContain('即使加 --force 也不会覆盖');
    }
    expect(await readFile(db)).toEqual(before);
  });

  it('never writes the input file: kepu import plan.txt --out plan.txt leaves the source', async () => {
    await writeFile(join(dir, 'plan.txt'), '正宁县全民科学素质行动实施方案\n', 'utf8');
    const r = await run(['import', 'plan.txt', '--out', './plan.txt', '--force'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('output-protected');
    expect(await readFile(join(dir, 'plan.txt'), 'utf8')).toBe('正宁县全民科学素质行动实施方案\n');
  });

  it('refuses to overwrite an existing file without --force, and replaces it with --force', async () => {
    await writeFile(join(dir, 'r.md'), 'keep me');
    const refused = await run(report('r.md'), dir);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('文件已存在');
    expect(refused.err).toContain('--force');
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe('keep me');
    const forced = await run(report('r.md', '--force'), dir);
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toContain('#');
    expect(await listing()).toEqual(['r.md', 'v.db']);
  });

  it('refuses a symbolic link as the target unless forced, and then replaces the link, not its target', async () => {
    await writeFile(join(dir, 'elsewhere.md'), 'the link target');
    await symlink(join(dir, 'elsewhere.md'), join(dir, 'link.md'));
    const refused = await run(report('link.md'), dir);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('output-symlink');
    const forced = await run(report('link.md', '--force'), dir);
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, 'elsewhere.md'), 'utf8')).toBe('the link target');
    expect((await stat(join(dir, 'link.md'))).isFile()).toBe(true);
  });

  it('says a missing folder is missing instead of creating it', async () => {
    const r = await run(report('no/such/folder/r.md'), dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('output-folder-missing');
    expect(r.err).toContain('不存在');
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('checks the target before computing: a folder as --out is a typed error, not a raw EISDIR', async () => {
    await mkdir(join(dir, 'folder.md'));
    const r = await run(report('folder.md', '--force'), dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('output-not-a-file');
    expect(r.err).not.toContain('EISDIR');
    // The report was not computed: the line saying where the scorecard came from never printed.
    expect(r.err).not.toMatch(/考核|计算/);
  });

  it('applies to every writer: data template, survey demo, demo --out-dir', async () => {
    await writeFile(join(dir, 't.xlsx'), 'keep');
    const template = await run(['data', 'template', '--out', 't.xlsx'], dir);
    expect(template.code).toBe(2);
    expect(await readFile(join(dir, 't.xlsx'), 'utf8')).toBe('keep');
    const survey = await run(['survey', 'demo', '--out', 'nowhere', '--size', '400'], dir);
    expect(survey.code).toBe(2);
    expect(survey.err).toContain('output-folder-missing');
    await mkdir(join(dir, 's'));
    await writeFile(join(dir, 's', 'responses.csv'), 'keep');
    const again = await run(['survey', 'demo', '--out', 's', '--size', '400'], dir);
    expect(again.code).toBe(2);
    expect(await readFile(join(dir, 's', 'responses.csv'), 'utf8')).toBe('keep');
    // Nothing half-written beside it: no questionnaire, no temporary files.
    expect(await readdir(join(dir, 's'))).toEqual(['responses.csv']);
  });
});
