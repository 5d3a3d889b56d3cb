import { copyFile, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Actor, createEngine } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { createPostgresStore } from '@kepu/store-postgres';
import { createSqliteStore } from '@kepu/store-sqlite';
import { testPostgresUrl } from '@kepu/test-utils/postgres';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

async function run(argv: string[], cwd: string) {
  const io = createMemoryIO({ cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const reporter = (unit: string): Actor => ({ id: `${unit}.reporter`, role: 'reporter', unit });
const reviewer: Actor = { id: 'education.reviewer', role: 'lead-reviewer', unit: 'education' };

let dir: string;
let db: string;
/** A copy of the database before the approval: what an attacker restores to undo it. */
let older: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kepu-audit-'));
  db = join(dir, 'county.db');
  older = join(dir, 'older.db');
  const store = createSqliteStore({ filename: db });
  const engine = await createEngine({ plans: [zhengningPlan], store, watch: false });
  const v = () => engine.getSnapshot().version;
  const { target } = await engine.execute(reporter('health'), {
    type: 'submit-report',
    baseVersion: v(),
    task: '3.1.2',
    period: '2024',
    narrative: '年度进展。',
  });
  await engine.execute(reporter('cast'), {
    type: 'submit-report',
    baseVersion: v(),
    task: '3.1.2',
    period: '2024',
    narrative: '年度进展。',
  });
  const copy = new Database(db, { readonly: true });
  await copy.backup(older);
  copy.close();
  await engine.execute(reviewer, { type: 'approve-report', baseVersion: v(), report: target.id });
  await engine.dispose();
  store.dispose();
});

describe('kepu audit (issue 16, finding 3)', () => {
  it('checkpoint writes the head as an anchor, under the file output policy', async () => {
    const made = await run(['audit', 'checkpoint', '--db', 'county.db', '--out', 'anchor.json'], dir);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toContain('已写入审计锚点');
    const anchor = JSON.parse(await readFile(join(dir, 'anchor.json'), 'utf8'));
    expect(anchor).toMatchObject({ seq: 3, version: 3 });
    expect(anchor.hash).toMatch(/^[0-9a-f]{64}$/);
    const again = await run(['audit', 'checkpoint', '--db', 'county.db', '--out', 'anchor.json'], dir);
    expect(again.code).toBe(2);
    expect(again.err).toContain('output-exists');
    const onDb = await run(['audit', 'checkpoint', '--db', 'county.db', '--out', 'county.db', '--force'], dir);
    expect(onDb.code).toBe(2);
    expect(onDb.err).toContain('output-protected');
    const group = await run(['audit'], dir);
    expect(group.out).toContain('kepu audit verify');
  });

  it('verify passes on the untouched database and catches an older copy restored over it (exit 1)', async () => {
    await run(['audit', 'checkpoint', '--db', 'county.db', '--out', 'anchor.json'], dir);
    const ok = await run(['audit', 'verify', '--db', 'county.db', '--anchor', 'anchor.json'], dir);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('审计日志完好');
    // The older copy is a whole chain with matching records: without the anchor it passes.
    await copyFile(older, db);
    const cut = await run(['audit', 'verify', '--db', 'county.db', '--anchor', 'anchor.json'], dir);
    expect(cut.code).toBe(1);
    expect(cut.err).toContain('truncated');
    expect(cut.err).toContain('日志比锚点短');
  });

  it('verify takes seq:hash and catches an entry whose hash differs (re-chained)', async () => {
    const printed = await run(['audit', 'checkpoint', '--db', 'county.db'], dir);
    const anchor = JSON.parse(printed.out);
    const ok = await run(['audit', 'verify', '--db', 'county.db', '--anchor', `${anchor.seq}:${anchor.hash}`], dir);
    expect(ok.code, ok.err).toBe(0);
    const other = await run(['audit', 'verify', '--db', 'county.db', '--anchor', `2:${'ab'.repeat(32)}`], dir);
    expect(other.code).toBe(1);
    expect(other.err).toContain('rechained');
    const bad = await run(['audit', 'verify', '--db', 'county.db', '--anchor', 'x:y'], dir);
    expect(bad.code).toBe(2);
  });

  it('a malformed anchor file is bad input (exit 2) with a typed error', async () => {
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ seq: -1, hash: 'nope' }));
    const r = await run(['audit', 'verify', '--db', 'county.db', '--anchor', 'bad.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('invalid-shape');
  });

  it('keygen writes a private key only its owner can read; a signed anchor verifies with the public key', async () => {
    await mkdir(join(dir, 'keys'));
    const keys = await run(['audit', 'keygen', '--out', 'keys'], dir);
    expect(keys.code, keys.err).toBe(0);
    expect((await stat(join(dir, 'keys', 'kepu-audit.key'))).mode & 0o777).toBe(0o600);
    const twice = await run(['audit', 'keygen', '--out', 'keys'], dir);
    expect(twice.code).toBe(2);
    const signed = await run(
      ['audit', 'checkpoint', '--db', 'county.db', '--out', 'signed.json', '--key', 'keys/kepu-audit.key'],
      dir,
    );
    expect(signed.code, signed.err).toBe(0);
    const anchor = JSON.parse(await readFile(join(dir, 'signed.json'), 'utf8'));
    expect(anchor.signature).toBeTypeOf('string');
    const verify = (file: string, key = 'keys/kepu-audit.pub') =>
      run(['audit', 'verify', '--db', 'county.db', '--anchor', file, '--public-key', key], dir);
    const ok = await verify('signed.json');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('锚点签名有效');
  });

  it('refuses an anchor whose signature does not verify: altered, signed by another key, or unsigned', async () => {
    await mkdir(join(dir, 'keys'));
    await mkdir(join(dir, 'other'));
    await run(['audit', 'keygen', '--out', 'keys'], dir);
    await run(['audit', 'keygen', '--out', 'other'], dir);
    await run(
      ['audit', 'checkpoint', '--db', 'county.db', '--out', 'signed.json', '--key', 'keys/kepu-audit.key'],
      dir,
    );
    const anchor = JSON.parse(await readFile(join(dir, 'signed.json'), 'utf8'));
    const verify = (file: string, key?: string) =>
      run(['audit', 'verify', '--db', 'county.db', '--anchor', file, ...(key ? ['--public-key', key] : [])], dir);

    // Moved back to an earlier entry (to bless a truncation): the signature no longer covers it.
    await writeFile(join(dir, 'altered.json'), JSON.stringify({ ...anchor, seq: 2 }));
    const altered = await verify('altered.json', 'keys/kepu-audit.pub');
    expect(altered.code).toBe(1);
    expect(altered.err).toContain('锚点签名无效');
    // Without --public-key the carried key still catches the edit.
    expect((await verify('altered.json')).code).toBe(1);
    // Signed with another key than the one trusted.
    const foreign = await verify('signed.json', 'other/kepu-audit.pub');
    expect(foreign.code).toBe(1);
    // Re-signed by whoever altered it, with their own key carried along: only --public-key tells.
    await run(
      ['audit', 'checkpoint', '--db', 'county.db', '--out', 'forged.json', '--key', 'other/kepu-audit.key'],
      dir,
    );
    expect((await verify('forged.json')).out).toContain('不能证明签发者');
    expect((await verify('forged.json', 'keys/kepu-audit.pub')).code).toBe(1);
    // Unsigned, while a key is expected.
    const { signature: _s, publicKey: _p, ...unsigned } = anchor;
    await writeFile(join(dir, 'unsigned.json'), JSON.stringify(unsigned));
    const bare = await verify('unsigned.json', 'keys/kepu-audit.pub');
    expect(bare.code).toBe(1);
    expect(bare.err).toContain('锚点没有签名');
  });

  it('works on PostgreSQL: the anchor records its namespace, and a lookalike namespace is refused', async () => {
    const url = testPostgresUrl();
    const namespace = `audit-${Date.now().toString(36)}`;
    const store = createPostgresStore({ connectionString: url, namespace });
    await store.migrate();
    const engine = await createEngine({ plans: [zhengningPlan], store, watch: false });
    await engine.execute(reporter('health'), {
      type: 'submit-report',
      baseVersion: 0,
      task: '3.1.2',
      period: '2024',
      narrative: '年度进展。',
    });
    await engine.dispose();
    await store.dispose();
    const made = await run(['audit', 'checkpoint', '--db', url, '--namespace', namespace, '--out', 'pg.json'], dir);
    expect(made.code, made.err).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'pg.json'), 'utf8'))).toMatchObject({ seq: 1, namespace });
    const ok = await run(['audit', 'verify', '--db', url, '--namespace', namespace, '--anchor', 'pg.json'], dir);
    expect(ok.code, ok.err).toBe(0);
    const elsewhere = await run(
      ['audit', 'verify', '--db', url, '--namespace', `${namespace}-x`, '--anchor', 'pg.json'],
      dir,
    );
    expect(elsewhere.code).toBe(2);
    const lookalike = await run(
      ['audit', 'verify', '--db', url, '--namespace', `${namespace} `, '--anchor', 'pg.json'],
      dir,
    );
    expect(lookalike.code).toBe(2);
    expect(lookalike.err).toContain('invalid-namespace');
  });
});
