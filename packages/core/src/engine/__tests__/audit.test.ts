import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../../store/memory.js';
import { GENESIS_HASH } from '../../store/types.js';
import { chainAuditEntry, chainJsonEntry, hashAuditEntry, verifyAuditChain } from '../audit.js';
import { createEngine, type Engine } from '../engine.js';
import { actors, manualClock, plan } from './fixture.js';
import { act, countingAssessment, outcome, setup, submit } from './helpers.js';

/** A short history touching every kind of record, with denials in between. */
async function history(engine: Engine): Promise<void> {
  const a = await submit(engine, actors.eduReporter);
  await outcome(engine, actors.observer, { type: 'approve-report', baseVersion: 1, report: a });
  await act(engine, actors.eduReviewer, { type: 'return-report', report: a, reason: '补充' });
  await act(engine, actors.eduReporter, { type: 'resubmit-report', report: a, narrative: '已补充' });
  await act(engine, actors.eduReviewer, { type: 'approve-report', report: a });
  const b = await submit(engine, actors.castReporter, { task: '4.2.3', observations: [] });
  await act(engine, actors.castReporter, { type: 'withdraw-report', report: b });
  await outcome(engine, 'nobody', { type: 'withdraw-report', baseVersion: 0, report: b });
  await act(engine, actors.assessor, { type: 'record-finding', unit: 'shanhe', period: '2024', text: '台账不全' });
  await act(engine, actors.assessor, { type: 'record-award', unit: 'cast', period: '2024', award: 'p', title: '表彰' });
  await act(engine, actors.assessor, {
    type: 'record-incident',
    unit: 'yonghe',
    period: '2024',
    veto: 'falsification',
    description: '虚报',
  });
  await act(engine, actors.assessor, { type: 'run-assessment', period: '2024' });
  await act(engine, actors.assessor, { type: 'run-assessment', period: '2024' });
}

async function recorded(): Promise<{ engine: Engine; store: MemoryStore }> {
  const { engine, store } = await setup();
  await history(engine);
  return { engine, store };
}

describe('the audit log', () => {
  it('every accepted command is appended with actor, time, command and patches; denials with the error', async () => {
    const { store, engine } = await recorded();
    const log = store.data.audit;
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const accepted = log.filter((e) => e.outcome === 'accepted');
    expect(accepted).toHaveLength(engine.getSnapshot().version);
    for (const entry of accepted) {
      expect(entry.patches.length).toBeGreaterThan(0);
      expect(entry.error).toBeUndefined();
      expect(typeof (entry.command as { type: string }).type).toBe('string');
      expect(Date.parse(entry.at)).not.toBeNaN();
    }
    const denied = log.filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => [e.actor.role, e.error?.code])).toEqual([
      ['observer', 'forbidden'],
      ['unknown', 'unknown-actor'],
    ]);
    expect(denied.every((e) => e.patches.length === 0)).toBe(true);
    // Denials leave the version where it was.
    const first = denied[0];
    expect(first && log[first.seq - 2]?.version).toBe(first?.version);
  });

  it('a fresh log verifies, and the state rebuilt from it equals the live state', async () => {
    const { engine } = await recorded();
    expect(await engine.verifyAudit()).toMatchObject({ ok: true, entries: 13 });
    expect(await engine.rebuild()).toEqual(engine.getSnapshot());
  });

  it('an engine reopened on the same data loads the same state and verifies it', async () => {
    const { engine, store } = await recorded();
    const again = await createEngine({ plans: [plan], store: createMemoryStore({ data: store.data }) });
    expect(again.getSnapshot()).toEqual(engine.getSnapshot());
    expect(again.getHead()).toEqual(engine.getHead());
  });

  it('detects a changed entry and names it', async () => {
    const { engine, store } = await recorded();
    const entry = store.data.audit[4] as { actor: { id: string } };
    entry.actor.id = 'someone-else';
    expect(await engine.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 5, problem: 'hash-mismatch' } });
  });

  it('detects a changed and re-hashed entry at the link after it', async () => {
    const { engine, store } = await recorded();
    const entry = {
      ...(store.data.audit[4] as object),
      at: '2000-01-01T00:00:00.000Z',
    } as (typeof store.data.audit)[0];
    store.data.audit[4] = { ...entry, hash: hashAuditEntry(entry) };
    expect(await engine.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 6, problem: 'broken-link' } });
  });

  it('detects a log edited and fully re-hashed at the same length, by the head the engine saw', async () => {
    const { engine, store } = await recorded();
    const seen = engine.getHead();
    const log = store.data.audit;
    // Rewrite entry 5 and re-chain every entry after it, so the log is internally consistent.
    let prevHash = (log[3] as (typeof log)[0]).hash;
    for (let i = 4; i < log.length; i++) {
      const body = { ...(log[i] as (typeof log)[0]), prevHash, ...(i === 4 ? { at: '2000-01-01T00:00:00.000Z' } : {}) };
      const entry = { ...body, hash: hashAuditEntry(body) };
      log[i] = entry;
      prevHash = entry.hash;
    }
    expect(verifyAuditChain(log).ok).toBe(true);
    expect((await store.head()).seq).toBe(seen.seq);
    expect(await engine.verifyAudit()).toMatchObject({
      ok: false,
      firstBad: { seq: seen.seq, problem: 'broken-link' },
    });
  });

  it('detects a removed entry and names its position', async () => {
    const { engine, store } = await recorded();
    store.data.audit.splice(6, 1);
    expect(await engine.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 7, problem: 'out-of-order' } });
  });

  it('detects two entries swapped and names the first', async () => {
    const { engine, store } = await recorded();
    const log = store.data.audit;
    [log[2], log[3]] = [log[3] as (typeof log)[0], log[2] as (typeof log)[0]];
    expect(await engine.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 3, problem: 'out-of-order' } });
  });

  it('detects a log cut short below the head the engine has seen', async () => {
    const { engine, store } = await recorded();
    store.data.audit.length = 10;
    expect(await engine.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 11, problem: 'missing' } });
    // Another reader, without that anchor, needs one: a head published earlier.
    const anchor = engine.getHead();
    expect(verifyAuditChain(store.data.audit, { expectedHead: anchor })).toMatchObject({
      ok: false,
      firstBad: { problem: 'missing' },
    });
  });

  it('detects a record edited behind the engine’s back, and refuses to load it', async () => {
    const { engine, store } = await recorded();
    const [key, record] = [...store.data.records.entries()].find(([, r]) => r.kind === 'awards') ?? [];
    store.data.records.set(key as string, { ...(record as NonNullable<typeof record>), data: { forged: true } });
    const result = await engine.verifyAudit();
    expect(result).toMatchObject({ ok: false, firstBad: { problem: 'records-diverge', record: { kind: 'awards' } } });
    await expect(createEngine({ plans: [plan], store: createMemoryStore({ data: store.data }) })).rejects.toMatchObject(
      {
        code: 'audit-broken',
      },
    );
  });

  it('refuses to load a store whose log was tampered with, naming the entry', async () => {
    const { store } = await recorded();
    (store.data.audit[2] as { command: unknown }).command = { type: 'approve-report' };
    await expect(createEngine({ plans: [plan], store: createMemoryStore({ data: store.data }) })).rejects.toMatchObject(
      {
        code: 'audit-broken',
        issues: [expect.objectContaining({ params: expect.objectContaining({ seq: '3' }) })],
      },
    );
  });

  it('law: changing any field of any entry is detected, at that entry or the next', async () => {
    const { store } = await recorded();
    const pristine = structuredClone(store.data.audit);
    await fc.assert(
      fc.property(
        fc.nat({ max: pristine.length - 1 }),
        fc.constantFrom('seq', 'version', 'at', 'actor', 'command', 'outcome', 'patches', 'prevHash', 'hash'),
        fc.boolean(),
        (index, field, rehash) => {
          const log = structuredClone(pristine);
          const entry = log[index] as unknown as Record<string, unknown>;
          const value = entry[field];
          entry[field] =
            typeof value === 'number'
              ? value + 1
              : typeof value === 'string'
                ? `${value}x`
                : field === 'patches'
                  ? (value as unknown[]).length === 0
                    ? [{ op: 'replace', path: ['version'], value: 0 }]
                    : []
                  : { tampered: true };
          if (rehash && field !== 'hash') entry.hash = hashAuditEntry(entry as never);
          const result = verifyAuditChain(log, { expectedHead: store.data.audit.at(-1) });
          expect(result.ok).toBe(false);
          if (!result.ok) expect([index + 1, index + 2]).toContain(result.firstBad.seq);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('law: for a body as JSON.parse gives it, the engine’s fast chaining gives the entry chainAuditEntry gives', () => {
    // Parsed JSON, as the engine's commands and records are (no -0, no undefined).
    const parsed = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    fc.assert(
      fc.property(parsed, parsed, (command, value) => {
        const head = { seq: 3, version: 2, hash: GENESIS_HASH };
        const body = {
          version: 3,
          at: '2024-01-01T00:00:00.000Z',
          actor: { id: 'x', role: 'reporter' },
          command,
          outcome: 'accepted' as const,
          patches: [{ op: 'add' as const, path: ['reports', 'r'], value }],
        };
        expect(chainJsonEntry(head, body)).toEqual(chainAuditEntry(head, body));
      }),
    );
  });

  it('an empty log verifies from the genesis hash', () => {
    expect(verifyAuditChain([])).toEqual({ ok: true, entries: 0, head: { seq: 0, version: 0, hash: GENESIS_HASH } });
  });

  it('the rebuild of a long history equals the live state (law, random workflows)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('submit', 'return', 'resubmit', 'approve', 'withdraw', 'award'), { maxLength: 25 }),
        async (steps) => {
          const engine = await createEngine({ plans: [plan], clock: manualClock(), assessment: countingAssessment });
          const reporters = [actors.eduReporter, actors.castReporter, actors.youthReporter];
          for (const [i, step] of steps.entries()) {
            const reporter = reporters[i % reporters.length] as (typeof reporters)[number];
            const last = engine.reports({ unit: reporter.unit }).at(-1)?.id ?? 'none';
            const v = engine.getSnapshot().version;
            const body: Record<string, unknown> =
              step === 'submit'
                ? { type: 'submit-report', task: '3.1.3', period: '2024', narrative: `第${i}次` }
                : step === 'award'
                  ? { type: 'record-award', unit: 'cast', period: '2024', award: 'a', title: `奖${i}` }
                  : step === 'return'
                    ? { type: 'return-report', report: last, reason: '补充' }
                    : step === 'resubmit'
                      ? { type: 'resubmit-report', report: last, narrative: '改' }
                      : { type: `${step}-report`, report: last };
            const who =
              step === 'award' ? actors.assessor : step === 'return' || step === 'approve' ? actors.office : reporter;
            await outcome(engine, who, { baseVersion: v, ...body });
          }
          expect(await engine.rebuild()).toEqual(engine.getSnapshot());
          expect((await engine.verifyAudit()).ok).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });
});
