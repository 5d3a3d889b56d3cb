import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { type AuditEntry, createEngine } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { createPostgresStore } from '@kepu/store-postgres';
import { freshPostgresSchema, type TestSchema } from '@kepu/test-utils/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContenderSummary, REPORTING_UNITS, reporterOf, SHARED_TASKS } from './fixtures/pg-contention.js';

// Concurrency: 8 processes, each with its own engine, run 500 commands each on the same eight
// reports through one PostgreSQL. Every refusal must be a typed error; no accepted command may
// have been based on a state older than the report it changed (no lost update); the stored state
// must equal a rebuild from the audit log, and the log must verify.

const PROCESSES = 8;
const COMMANDS = 500;
const NAMESPACE = 'zhengning';
const child = resolve(import.meta.dirname, 'fixtures/pg-contender-child.ts');
let schema: TestSchema;

beforeAll(async () => {
  schema = await freshPostgresSchema('kconc');
  const store = createPostgresStore({ connectionString: schema.url, schema: schema.name, namespace: NAMESPACE });
  await store.migrate();
  const engine = await createEngine({ plans: [zhengningPlan], store, watch: false });
  for (const { task } of SHARED_TASKS) {
    for (const unit of REPORTING_UNITS) {
      await engine.execute(reporterOf(unit), {
        type: 'submit-report',
        baseVersion: engine.getSnapshot().version,
        task,
        period: '2024',
        narrative: `${unit} 关于 ${task} 的年度进展。`,
      });
    }
  }
  await engine.dispose();
  await store.dispose();
});

afterAll(async () => {
  await schema?.drop();
});

function runContender(index: number, ready: () => void, go: Promise<void>): Promise<ContenderSummary> {
  return new Promise((done, fail) => {
    const proc = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        child,
        schema.url,
        schema.name,
        NAMESPACE,
        String(index),
        String(COMMANDS),
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk) => {
      out += String(chunk);
      if (out.startsWith('ready\n') && !proc.stdin.writableEnded) {
        ready();
        void go.then(() => proc.stdin.end('go\n'));
      }
    });
    proc.stderr.on('data', (chunk) => {
      err += String(chunk);
    });
    const guard = setTimeout(() => proc.kill('SIGKILL'), 200_000); // a bound, on a loaded machine too
    proc.on('exit', (code) => {
      clearTimeout(guard);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) fail(new Error(`contender ${index} failed (${code}): ${err || out}`));
      else done(JSON.parse(last) as ContenderSummary);
    });
  });
}

describe(`PostgreSQL: ${PROCESSES} processes × ${COMMANDS} commands on the same reports`, () => {
  it('loses no update, types every refusal, and ends in the state its audit log rebuilds', async () => {
    // Every engine loads first; then all start at once.
    let waiting = PROCESSES;
    let start = () => {};
    const go = new Promise<void>((resolve) => {
      start = resolve;
    });
    const ready = () => {
      if (--waiting === 0) start();
    };
    const summaries = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => runContender(i, ready, go)));

    // Every command was answered, and every refusal was a typed error.
    for (const s of summaries) {
      expect(s.untyped, `process ${s.process}`).toEqual([]);
      expect(s.commands).toBe(COMMANDS);
      const refused = Object.values(s.refused).reduce((a, b) => a + b, 0);
      expect(s.accepted.length + refused).toBe(COMMANDS);
    }
    const refusals: Record<string, number> = {};
    for (const s of summaries) {
      for (const [code, n] of Object.entries(s.refused)) refusals[code] = (refusals[code] ?? 0) + n;
    }
    // The races did happen, and they surfaced as conflicts.
    expect(refusals['version-conflict'] ?? 0).toBeGreaterThan(0);
    // Only the refusals a race explains: a stale base, or a status another process just changed.
    expect(
      Object.keys(refusals).filter((c) => !['version-conflict', 'invalid-transition', 'store-conflict'].includes(c)),
    ).toEqual([]);

    const store = createPostgresStore({ connectionString: schema.url, schema: schema.name, namespace: NAMESPACE });
    const engine = await createEngine({ plans: [zhengningPlan], store, watch: false });
    const log: AuditEntry[] = await store.readAudit();

    // Every acknowledged command is in the log, exactly as acknowledged.
    const bySeq = new Map(log.map((e) => [e.seq, e]));
    const acknowledged = summaries.flatMap((s) => s.accepted);
    for (const { seq, hash } of acknowledged) expect(bySeq.get(seq)?.hash).toBe(hash);
    const seeded = SHARED_TASKS.length * REPORTING_UNITS.length;
    expect(log.filter((e) => e.outcome === 'accepted')).toHaveLength(seeded + acknowledged.length);

    // No lost update: every accepted change of a report was based on a version at least as new as
    // the report's previous change.
    const lastChange = new Map<string, number>();
    let checked = 0;
    for (const entry of log) {
      if (entry.outcome !== 'accepted') continue;
      const command = entry.command as { type: string; report?: string; baseVersion: number };
      const touched = entry.patches.find((p) => p.path[0] === 'reports')?.path[1];
      if (touched === undefined) continue;
      const id = String(touched);
      if (command.report !== undefined) {
        expect(command.baseVersion, `entry ${entry.seq} on ${id}`).toBeGreaterThanOrEqual(lastChange.get(id) ?? 0);
        checked++;
      }
      lastChange.set(id, entry.version);
    }
    expect(checked).toBe(acknowledged.length);

    // The audit verifies, the records equal a replay of the log, and a rebuild equals the state.
    const audit = await engine.verifyAudit();
    expect(audit.ok, JSON.stringify(audit)).toBe(true);
    expect(await engine.rebuild()).toEqual(engine.getSnapshot());
    await engine.dispose();
    await store.dispose();
    console.log(`${acknowledged.length} accepted, refused ${JSON.stringify(refusals)}, ${log.length} audit entries`);
  }, 240_000);
});
