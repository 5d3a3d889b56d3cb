import { type Actor, createEngine, type Engine, indexPlan, isKepuError, roleOf } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { createPostgresStore, type PostgresStore } from '@kepu/store-postgres';
import { freshPostgresSchema, type TestSchema } from '@kepu/test-utils/postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy } from './fixtures/tcp-proxy.js';

// Outage: the connection to PostgreSQL drops while an engine is taking commands — its backends
// terminated from a second connection, or the server unreachable for a while (a proxy in
// between cuts every connection and refuses new ones; the real server, shared with other test
// files, keeps running). Every failed command fails with a typed error; nothing is half-written
// (each command is in the log exactly when it was acknowledged, or — for the few whose
// connection died while the server was committing — when the server says so); the engine goes
// on when the server is back, and its state equals a rebuild from the verified log.

let schema: TestSchema;
beforeAll(async () => {
  schema = await freshPostgresSchema('kout');
  const store = createPostgresStore({ connectionString: schema.url, schema: schema.name });
  await store.migrate();
  await store.dispose();
});
afterAll(async () => {
  await schema?.drop();
});

/** Every (unit, task, period) a department may report on: as many distinct reports as a test needs. */
function reportSlots(): { actor: Actor; task: string; period: string }[] {
  const index = indexPlan(zhengningPlan);
  const tasks = [...index.nodes.values()].filter((n) => n.kind === 'task').map((n) => n.path);
  const units = zhengningPlan.orgUnits.filter((u) => u.kind !== 'group' && u.kind !== 'township').map((u) => u.id);
  const slots: { actor: Actor; task: string; period: string }[] = [];
  for (const period of ['2024', '2025', '2023', '2022']) {
    for (const task of tasks) {
      for (const unit of units) {
        if (roleOf(zhengningPlan, unit, task) !== 'none') {
          slots.push({ actor: { id: `${unit}.reporter`, role: 'reporter', unit }, task, period });
        }
      }
    }
  }
  return slots;
}

type Outcome = { id: string; at: number } & (
  | { result: 'accepted' }
  | { result: 'failed'; code: string; unknown: boolean }
  | { result: 'untyped'; error: string }
);

/**
 * Runs submissions one after another, each with an id of its own, and records what each got:
 * at least `count`, and on until 2 s after the fault has ended. A failed command is followed by a
 * 10 ms pause, as a client would back off.
 */
async function submitAll(
  engine: Engine,
  namespace: string,
  count: number,
  onStep: (i: number) => void,
  faultEnded: () => number,
) {
  const slots = reportSlots();
  const outcomes: Outcome[] = [];
  const started = Date.now();
  for (let i = 0; i < count || Date.now() - started < faultEnded() + 2000; i++) {
    if (i > 5000) throw new Error('the run does not end');
    onStep(i);
    const slot = slots[i % slots.length] as (typeof slots)[number];
    const id = `${namespace}-${i}`;
    try {
      await engine.execute(slot.actor, {
        type: 'submit-report',
        id,
        baseVersion: engine.getSnapshot().version,
        task: slot.task,
        period: slot.period,
        narrative: `第 ${i} 份。`,
      });
      outcomes.push({ id, at: Date.now() - started, result: 'accepted' });
    } catch (error) {
      if (isKepuError(error)) {
        outcomes.push({
          id,
          at: Date.now() - started,
          result: 'failed',
          code: error.code,
          unknown: error.code === 'store-outcome-unknown',
        });
      } else outcomes.push({ id, at: Date.now() - started, result: 'untyped', error: String(error) });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  return outcomes;
}

/** The checks every outage run ends with. */
async function expectConsistent(engine: Engine, store: PostgresStore, outcomes: Outcome[], faultEnded: number) {
  expect(outcomes.filter((o) => o.result === 'untyped')).toEqual([]);
  const failed = outcomes.filter((o) => o.result === 'failed');
  expect(failed.length, 'the outage made commands fail').toBeGreaterThan(0);
  for (const f of failed) expect(['store-failure', 'store-outcome-unknown'], f.id).toContain(f.code);
  const after = outcomes.filter((o) => o.at > faultEnded + 1500);
  expect(after.length, 'commands after the outage').toBeGreaterThan(0);
  expect(
    after.every((o) => o.result === 'accepted'),
    'every command after recovery is accepted',
  ).toBe(true);

  // Nothing half-written: an acknowledged report is in the log once; a failed one is not, unless
  // its outcome was reported as unknown (the connection died while the server committed).
  const fresh = createPostgresStore({ connectionString: schema.url, schema: schema.name, namespace: store.namespace });
  const log = await fresh.readAudit();
  const inLog = new Map<string, number>();
  for (const entry of log) {
    const id = (entry.command as { id?: string }).id;
    if (entry.outcome === 'accepted' && id) inLog.set(id, (inLog.get(id) ?? 0) + 1);
  }
  for (const o of outcomes) {
    if (o.result === 'accepted') expect(inLog.get(o.id), o.id).toBe(1);
    if (o.result === 'failed' && !o.unknown) expect(inLog.get(o.id), o.id).toBeUndefined();
    if (o.result === 'failed' && o.unknown) expect(inLog.get(o.id) ?? 0).toBeLessThanOrEqual(1);
  }
  // The running engine and a freshly loaded one agree; the log verifies and rebuilds the state.
  await engine.refresh();
  const loaded = await createEngine({ plans: [zhengningPlan], store: fresh, watch: false });
  expect(loaded.getSnapshot()).toEqual(engine.getSnapshot());
  const audit = await loaded.verifyAudit();
  expect(audit.ok, JSON.stringify(audit)).toBe(true);
  expect(await loaded.rebuild()).toEqual(loaded.getSnapshot());
  await loaded.dispose();
  await fresh.dispose();
  return {
    accepted: outcomes.length - failed.length,
    failed: failed.length,
    unknown: failed.filter((f) => f.result === 'failed' && f.unknown).length,
  };
}

describe('PostgreSQL outage', () => {
  it('backends terminated mid-run by a second connection: typed failures, nothing half-written, the engine carries on', async () => {
    const app = `kepu_outage_${process.pid}`;
    const url = new URL(schema.url);
    url.searchParams.set('application_name', app);
    const store = createPostgresStore({
      connectionString: url.toString(),
      schema: schema.name,
      namespace: 'terminated',
    });
    const engine = await createEngine({ plans: [zhengningPlan], store });
    const killer = new pg.Client({ connectionString: schema.url });
    await killer.connect();
    let timer: ReturnType<typeof setInterval> | undefined;
    let faultStart = 0;
    let faultEnded = Number.POSITIVE_INFINITY;
    const started = Date.now();
    const outcomes = await submitAll(
      engine,
      'terminated',
      120,
      (i) => {
        if (i !== 60) return;
        faultStart = Date.now();
        // For 700 ms, every 20 ms, terminate every backend the store has open (its pool and its
        // LISTEN connection), wherever they are in their work.
        timer = setInterval(() => {
          if (Date.now() - faultStart > 700) {
            clearInterval(timer);
            faultEnded = Date.now() - started;
            return;
          }
          killer
            .query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [app])
            .catch(() => {});
        }, 20);
      },
      () => faultEnded,
    );
    clearInterval(timer);
    await killer.end();
    const summary = await expectConsistent(engine, store, outcomes, faultEnded);
    await engine.dispose();
    await store.dispose();
    console.log('terminated backends:', JSON.stringify(summary));
  }, 90_000);

  it('the server unreachable for a second: typed failures, nothing half-written, recovery when it is back', async () => {
    const target = new URL(schema.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(schema.url);
    viaProxy.port = String(proxy.port);
    const store = createPostgresStore({
      connectionString: viaProxy.toString(),
      schema: schema.name,
      namespace: 'unreachable',
      connectionTimeoutMillis: 500,
    });
    const engine = await createEngine({ plans: [zhengningPlan], store });
    const started = Date.now();
    let faultEnded = Number.POSITIVE_INFINITY;
    const outcomes = await submitAll(
      engine,
      'unreachable',
      120,
      (i) => {
        if (i !== 60) return;
        proxy.cut();
        setTimeout(() => {
          proxy.restore();
          faultEnded = Date.now() - started;
        }, 1000);
      },
      () => faultEnded,
    );
    const summary = await expectConsistent(engine, store, outcomes, faultEnded);
    await engine.dispose();
    await store.dispose();
    await proxy.close();
    console.log('unreachable server:', JSON.stringify(summary));
  }, 90_000);
});
