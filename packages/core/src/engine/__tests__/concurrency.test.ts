import { describe, expect, it, vi } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../../store/memory.js';
import type { KepuStore } from '../../store/types.js';
import { chainAuditEntry } from '../audit.js';
import { createEngine } from '../engine.js';
import type { EngineEvents } from '../events.js';
import { actors, manualClock, plan } from './fixture.js';
import { act, countingAssessment, expectDenied, outcome, setup, submit } from './helpers.js';

/** The memory store behind promises that settle on later ticks, as a networked database would. */
function asyncStore(inner: MemoryStore): KepuStore {
  const later = <T>(f: () => T) =>
    new Promise<T>((resolve, reject) =>
      setTimeout(
        () => {
          try {
            resolve(f());
          } catch (error) {
            reject(error);
          }
        },
        Math.floor(Math.random() * 3),
      ),
    );
  return {
    name: 'async-memory',
    head: () => later(() => inner.head()),
    commit: (batch) => later(() => inner.commit(batch)),
    listRecords: (q) => later(() => inner.listRecords(q)),
    readAudit: (q) => later(() => inner.readAudit(q)),
    listSnapshots: (q) => later(() => inner.listSnapshots(q)),
  };
}

describe('optimistic concurrency', () => {
  it('a command based on a version older than its report’s last change is a version-conflict', async () => {
    const { engine, store } = await setup();
    const id = await submit(engine);
    const seen = engine.getSnapshot().version; // both reviewers look at version 1
    await engine.execute(actors.eduReviewer, { type: 'return-report', baseVersion: seen, report: id, reason: '补充' });
    const other = { id: 'edu.reviewer.2', role: 'lead-reviewer', unit: 'education' } as const;
    await expectDenied(engine, store, 'version-conflict', () =>
      engine.execute(other, { type: 'approve-report', baseVersion: seen, report: id }),
    );
    expect(engine.getSnapshot().reports[id]?.status).toBe('returned');
  });

  it('a change elsewhere does not make a command stale', async () => {
    const { engine } = await setup();
    const id = await submit(engine);
    const seen = engine.getSnapshot().version;
    await submit(engine, actors.castReporter, { task: '4.2.3', observations: [] });
    await act(engine, actors.assessor, { type: 'record-award', unit: 'cast', period: '2024', award: 'a', title: '奖' });
    await engine.execute(actors.eduReviewer, { type: 'approve-report', baseVersion: seen, report: id });
    expect(engine.getSnapshot().reports[id]?.status).toBe('approved');
  });

  it('a version from the future is a conflict, not a pass', async () => {
    const { engine, store } = await setup();
    await expectDenied(engine, store, 'version-conflict', () =>
      engine.execute(actors.eduReporter, {
        type: 'submit-report',
        baseVersion: 5,
        task: '3.1.2',
        period: '2024',
        narrative: '进展',
      }),
    );
  });

  it('two colleagues submitting the same report from the same version: one wins, one gets a conflict', async () => {
    const { engine } = await setup();
    const colleague = { id: 'edu.colleague', role: 'reporter', unit: 'education' } as const;
    const body = { type: 'submit-report', baseVersion: 0, task: '3.1.2', period: '2024', narrative: '进展' };
    const results = await Promise.all([
      outcome(engine, actors.eduReporter, body),
      outcome(engine, colleague, { ...body, narrative: '另一份' }),
    ]);
    expect(results).toEqual(['accepted', 'version-conflict']);
    expect(engine.reports({ task: '3.1.2' })).toHaveLength(1);
  });

  it('commands sent at once to one engine run one at a time, each on the state the previous left', async () => {
    const { engine } = await setup();
    const tasks = ['3.1.1', '3.1.2', '3.1.3', '3.2.1', '4.2.3', '4.3.3'];
    const results = await Promise.all(
      tasks.map((task) =>
        engine.execute(actors.eduReporter, {
          type: 'submit-report',
          baseVersion: 0,
          task,
          period: '2024',
          narrative: '进展',
        }),
      ),
    );
    expect(results.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await engine.verifyAudit()).ok).toBe(true);
  });
});

describe('several engines on one store', () => {
  it('an engine that lost the race catches up, decides again, and never overwrites the winner', async () => {
    const shared = createMemoryStore();
    const a = await createEngine({ plans: [plan], store: shared, clock: manualClock(), watch: false });
    const b = await createEngine({
      plans: [plan],
      store: createMemoryStore({ data: shared.data }),
      clock: manualClock(),
      watch: false,
    });
    const id = await submit(a);
    // b has not seen the report: it learns of it when its commit is refused, then decides again.
    const seen = 1;
    await a.execute(actors.eduReviewer, { type: 'return-report', baseVersion: seen, report: id, reason: '补充' });
    const other = { id: 'edu.reviewer.2', role: 'lead-reviewer', unit: 'education' } as const;
    await expect(b.execute(other, { type: 'approve-report', baseVersion: seen, report: id })).rejects.toMatchObject({
      code: 'version-conflict',
    });
    expect(b.getSnapshot()).toEqual(a.getSnapshot());
    // A command on something else goes through after the catch-up.
    await b.execute(actors.castReporter, {
      type: 'submit-report',
      baseVersion: 0,
      task: '4.2.3',
      period: '2024',
      narrative: '进展',
    });
    await a.refresh();
    expect(a.getSnapshot()).toEqual(b.getSnapshot());
    expect((await a.verifyAudit()).ok).toBe(true);
    expect(await a.rebuild()).toEqual(a.getSnapshot());
  });

  it('with watch, an engine hears another’s commits as remote events and its subscribers are told', async () => {
    const shared = createMemoryStore();
    const a = await createEngine({ plans: [plan], store: shared, clock: manualClock() });
    const b = await createEngine({
      plans: [plan],
      store: createMemoryStore({ data: shared.data }),
      clock: manualClock(),
    });
    const events: Array<EngineEvents['report:submitted']> = [];
    const listener = vi.fn();
    b.on('report:submitted', (e) => events.push(e));
    b.subscribe(listener);
    const id = await submit(a);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toMatchObject({ remote: true, report: { id } });
    expect(listener).toHaveBeenCalled();
    expect(b.getSnapshot()).toEqual(a.getSnapshot());
    await a.dispose();
    await b.dispose();
  });

  it('interleaved engines over an asynchronous store lose no update and agree with the log', async () => {
    const shared = createMemoryStore();
    const engines = await Promise.all(
      [0, 1, 2].map(() =>
        createEngine({
          plans: [plan],
          store: asyncStore(createMemoryStore({ data: shared.data })),
          clock: manualClock(),
          assessment: countingAssessment,
        }),
      ),
    );
    const units = [actors.eduReporter, actors.castReporter, actors.youthReporter];
    const tasks = ['3.1.1', '3.1.3', '3.2.1', '4.2.3', '4.3.3', '3.1.2'];
    const outcomes = await Promise.all(
      engines.flatMap((engine, i) =>
        tasks.map((task) =>
          outcome(engine, units[i] as (typeof units)[number], {
            type: 'submit-report',
            baseVersion: 0,
            task,
            period: '2024',
            narrative: `${i}-${task}`,
          }),
        ),
      ),
    );
    // Each submission is distinct (every unit has a role on every task), so each is accepted,
    // or — if it lost the race more times than the engine retries — refused whole as a conflict.
    expect(outcomes.every((o) => o === 'accepted' || o === 'store-conflict')).toBe(true);
    expect(outcomes.filter((o) => o === 'accepted').length).toBeGreaterThanOrEqual(15);
    for (const engine of engines) await engine.refresh();
    expect(Object.keys(engines[0]?.getSnapshot().reports ?? {})).toHaveLength(
      outcomes.filter((o) => o === 'accepted').length,
    );
    const [first, ...rest] = engines;
    for (const engine of rest) expect(engine.getSnapshot()).toEqual(first?.getSnapshot());
    expect(await first?.rebuild()).toEqual(first?.getSnapshot());
    expect((await first?.verifyAudit())?.ok).toBe(true);
  });
});

describe('store faults', () => {
  function flaky(inner: MemoryStore) {
    let mode: 'ok' | 'down' | 'lose-ack' = 'ok';
    const store: KepuStore & { mode(m: typeof mode): void } = {
      name: 'flaky',
      mode(m) {
        mode = m;
      },
      head: () => inner.head(),
      commit(batch) {
        if (mode === 'down') throw new Error('connection refused');
        const head = inner.commit(batch);
        if (mode === 'lose-ack') throw new Error('connection reset after commit');
        return head;
      },
      listRecords: (q) => inner.listRecords(q),
      readAudit: (q) => inner.readAudit(q),
      listSnapshots: (q) => inner.listSnapshots(q),
    };
    return store;
  }

  it('a store that is down: a typed store-failure, nothing changes, and the engine recovers', async () => {
    const inner = createMemoryStore();
    const store = flaky(inner);
    const { engine } = await setup({ store });
    await submit(engine);
    const before = engine.getSnapshot();
    store.mode('down');
    await expect(submit(engine, actors.castReporter, { task: '4.2.3' })).rejects.toMatchObject({
      code: 'store-failure',
    });
    expect(engine.getSnapshot()).toBe(before);
    expect(inner.data.audit).toHaveLength(1);
    store.mode('ok');
    await submit(engine, actors.castReporter, { task: '4.2.3', observations: [] });
    expect(engine.getSnapshot().version).toBe(2);
  });

  it('a commit whose acknowledgement was lost is found on the next command, not repeated', async () => {
    const inner = createMemoryStore();
    const store = flaky(inner);
    const { engine } = await setup({ store, watch: false });
    store.mode('lose-ack');
    await expect(submit(engine)).rejects.toMatchObject({ code: 'store-failure' });
    expect(engine.getSnapshot().version).toBe(0);
    store.mode('ok');
    // The retry of the same submission, still based on version 0, finds the report already there.
    await expect(submit(engine)).rejects.toMatchObject({ code: 'version-conflict' });
    expect(engine.getSnapshot().version).toBe(1);
    expect(await engine.rebuild()).toEqual(engine.getSnapshot());
  });

  it('a denial is still a typed error when the store cannot log it', async () => {
    const store = flaky(createMemoryStore());
    const { engine } = await setup({ store });
    store.mode('down');
    await expect(
      engine.execute(actors.observer, { type: 'run-assessment', baseVersion: 0, period: '2024' }),
    ).rejects.toMatchObject({ code: 'forbidden', cause: expect.any(Error) });
  });
});

describe('batches', () => {
  it('a batch is all or nothing: one bad command and none of them is committed', async () => {
    const { engine, store } = await setup();
    const command = (task: string) => ({
      type: 'submit-report',
      baseVersion: 0,
      task,
      period: '2024',
      narrative: '进展',
    });
    await expect(
      engine.executeBatch(actors.eduReporter, [command('3.1.1'), command('3.1.2'), command('9.9.9')]),
    ).rejects.toMatchObject({ code: 'unknown-reference', path: [2, 'task'] });
    expect(engine.getSnapshot().version).toBe(0);
    expect(store.data.records.size).toBe(0);
    expect(store.data.audit.map((e) => e.outcome)).toEqual(['denied']);

    const results = await engine.executeBatch(actors.eduReporter, [command('3.1.1'), command('3.1.2')]);
    expect(results.map((r) => r.entry.seq)).toEqual([2, 3]);
    expect(engine.getSnapshot().version).toBe(2);
    expect(await engine.rebuild()).toEqual(engine.getSnapshot());
  });

  it('later commands in a batch see the earlier ones', async () => {
    const { engine } = await setup();
    await expect(
      engine.executeBatch(actors.eduReporter, [
        { type: 'submit-report', baseVersion: 0, task: '3.1.1', period: '2024', narrative: '一' },
        { type: 'submit-report', baseVersion: 0, task: '3.1.1', period: '2024', narrative: '二' },
      ]),
    ).rejects.toMatchObject({ code: 'version-conflict', path: [1, 'baseVersion'] });
    const [first] = await engine.executeBatch(actors.eduReporter, [
      { type: 'submit-report', baseVersion: 0, id: 'import-1', task: '3.1.1', period: '2024', narrative: '一' },
    ]);
    expect(first?.target.id).toBe('import-1');
  });
});

describe('loading while others write', () => {
  /** The memory store with another writer that commits a denial after every read of the records (and of `load`). */
  function busy(inner: MemoryStore, withLoad: boolean): KepuStore {
    const bump = () => {
      const head = inner.head();
      inner.commit({
        expectedSeq: head.seq,
        entries: [
          chainAuditEntry(head, {
            version: head.version,
            at: '2025-01-01T00:00:00.000Z',
            actor: { id: 'other', role: 'reporter', unit: 'education' },
            command: { type: 'noise' },
            outcome: 'denied',
            error: { code: 'forbidden', path: [], message: 'no' },
            patches: [],
          }),
        ],
      });
    };
    return {
      name: 'busy',
      head: () => inner.head(),
      commit: (batch) => inner.commit(batch),
      listRecords: (q) => {
        const records = inner.listRecords(q);
        bump();
        return records;
      },
      readAudit: (q) => inner.readAudit(q),
      listSnapshots: (q) => inner.listSnapshots(q),
      ...(withLoad
        ? {
            load: () => {
              const all = inner.load();
              bump();
              return all;
            },
          }
        : {}),
    };
  }

  it('a store with load() is loaded from one consistent read, however busy the writers', async () => {
    const inner = createMemoryStore();
    const store = busy(inner, true);
    const engine = await createEngine({ plans: [plan], store, maxRetries: 1, watch: false });
    expect(engine.getSnapshot().version).toBe(0);
    expect(inner.data.audit).toHaveLength(1); // loaded once, no retry
    expect(await engine.verifyAudit()).toMatchObject({ ok: true });
    await engine.dispose();
  });

  it('without load(), separate reads are retried while the head moves, then fail with store-conflict', async () => {
    const inner = createMemoryStore();
    const store = busy(inner, false);
    await expect(createEngine({ plans: [plan], store, maxRetries: 2, watch: false })).rejects.toMatchObject({
      code: 'store-conflict',
    });
    expect(inner.data.audit).toHaveLength(3); // the first try and two retries
  });
});
