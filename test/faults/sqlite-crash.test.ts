import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createEngine, type StoreHead } from '@kepu/core';
import { verifyAuditChain } from '@kepu/core/engine';
import { GENESIS_HASH } from '@kepu/core/store';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { createSqliteStore } from '@kepu/store-sqlite';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { reportBatch } from './fixtures/report-batch.js';

// Crash: a child process ingests 1,000-report batches into a SQLite file and is killed with
// SIGKILL at random points, trial after trial, on the same file. After each kill the file is
// reopened: every batch the child acknowledged is whole, no batch is partly visible, the audit
// chain verifies, and the next child carries on from where the log ends. At the end an engine
// loads the file, verifying the chain and that the records equal a replay of the log.

const TRIALS = 24;
const BATCH = 1000;
const seed = Number(process.env.KEPU_CRASH_SEED ?? Date.now() % 100_000);
const child = resolve(import.meta.dirname, 'fixtures/sqlite-ingest-child.ts');
const dir = mkdtempSync(join(tmpdir(), 'kepu-crash-'));
const filename = join(dir, 'county.db');

// A small seeded generator, so a failing run can be replayed with KEPU_CRASH_SEED.
function random(state: number) {
  let s = state >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

interface Trial {
  readonly acked: number[];
  readonly begun: number[];
  readonly how: string;
}

/** Runs one child and kills it at a random point; resolves with what the child said. */
function runTrial(next: () => number): Promise<Trial> {
  return new Promise((done, fail) => {
    const proc: ChildProcess = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', child, filename], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: number[] = [];
    const begun: number[] = [];
    let stderr = '';
    let killed = false;
    // Two ways to pick the moment, both random: anywhere in the first 350 ms of ingesting (a
    // batch takes about 100 ms to build and commit), or a random delay after the first or second
    // batch of the run began, which lands inside a commit far more often. The volume stays small
    // on purpose: the engine replays the whole log at the end.
    const targeted = next() < 0.5;
    const targetBatch = Math.floor(next() * 2);
    const delay = targeted ? next() * 60 : next() * 350;
    const how = targeted
      ? `${delay.toFixed(0)} ms after batch #${targetBatch} of the run began`
      : `${delay.toFixed(0)} ms after ready`;
    const kill = () => {
      if (killed) return;
      killed = true;
      proc.kill('SIGKILL');
    };
    const guard = setTimeout(kill, 8000); // a bound, whatever happens
    proc.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    let firstBatch: number | undefined;
    createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const [word, n] = line.split(' ');
      if (word === 'ready' && !targeted) setTimeout(kill, delay);
      if (word === 'begin') {
        const batch = Number(n);
        begun.push(batch);
        firstBatch ??= batch;
        if (targeted && batch === firstBatch + targetBatch) setTimeout(kill, delay);
      }
      if (word === 'ack') acked.push(Number(n));
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') fail(new Error(`the child ended by itself (${code}): ${stderr}`));
      else done({ acked, begun, how });
    });
  });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`SQLite store: ${TRIALS} SIGKILLs while ingesting 1,000-report batches (seed ${seed})`, () => {
  it('keeps every acknowledged batch whole, shows no partial batch, and its audit verifies after each crash', async () => {
    const next = random(seed);
    let verified: StoreHead = { seq: 0, version: 0, hash: GENESIS_HASH };
    let everAcked = -1;
    let everBegun = -1;
    let midCommit = 0;
    const log: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const { acked, begun, how } = await runTrial(next);

      // Reopen as the application would after a crash (SQLite recovers the WAL on open).
      const store = createSqliteStore({ filename });
      const head = store.head();
      const batches = head.seq / BATCH;
      // The log holds whole batches only.
      expect(Number.isInteger(batches), `trial ${trial}: log ends at ${head.seq}`).toBe(true);
      // Every acknowledged batch is there (batches are numbered from 0 in log order).
      everAcked = Math.max(everAcked, ...acked);
      expect(batches, `trial ${trial}: acknowledged up to batch ${everAcked}`).toBeGreaterThan(everAcked);
      // At most the batch in flight went in unacknowledged.
      everBegun = Math.max(everBegun, ...begun);
      expect(batches).toBeLessThanOrEqual(everBegun + 1);
      const lastBegun = begun.at(-1);
      if (lastBegun !== undefined && !acked.includes(lastBegun)) midCommit++;
      // The chain verifies from what was verified before, up to the head.
      const fresh = store.readAudit({ after: verified.seq });
      const chain = verifyAuditChain(fresh, { from: verified, expectedHead: head });
      expect(chain.ok, `trial ${trial}: ${JSON.stringify(chain)}`).toBe(true);
      verified = head;
      store.dispose();

      // No batch is partly visible among the records, and the file is sound.
      const raw = new Database(filename, { readonly: true });
      const counts = raw
        .prepare('SELECT substr(id, 1, 5) AS batch, count(*) AS n FROM kepu_records GROUP BY batch ORDER BY batch')
        .all() as { batch: string; n: number }[];
      expect(counts.length).toBe(batches);
      for (const { batch, n } of counts) expect(n, `records of ${batch}`).toBe(BATCH);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
      log.push(`trial ${trial}: killed ${how}; ${acked.length} acked, log at ${head.seq}`);
    }

    // The whole file, as an engine loads it: the chain and the records against a replay.
    const store = createSqliteStore({ filename });
    const engine = await createEngine({ plans: [zhengningPlan], store });
    const audit = await engine.verifyAudit();
    expect(audit.ok, JSON.stringify(audit)).toBe(true);
    expect(Object.keys(engine.getSnapshot().reports)).toHaveLength(verified.seq);
    // And it takes new work after the crashes.
    const head = store.head();
    store.commit(reportBatch(head, head.seq / BATCH));
    expect(store.head().seq).toBe(head.seq + BATCH);
    await engine.dispose();
    store.dispose();
    console.log(`${log.join('\n')}\n${midCommit} of ${TRIALS} kills hit a batch between begin and ack`);
  }, 150_000);
});
