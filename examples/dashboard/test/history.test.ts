import 'fake-indexeddb/auto';
import { createMemoryStore, type Scorecard } from '@kepu/core';
import { createIndexedDbStore } from '@kepu/store-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootEngine } from '../src/engine.js';
import { buildDemoSnapshot } from '../src/seed/build-demo-snapshot.js';
import type { DemoSnapshot } from '../src/seed/demo-snapshot.js';
import { SCENARIO } from './scenario.js';

let snapshot: DemoSnapshot;
const demoSnapshot = () => Promise.resolve(snapshot);
const notFetched = () => Promise.reject(new Error('a stored demo must not be fetched again'));

beforeAll(async () => {
  snapshot = await buildDemoSnapshot();
}, 60_000);

describe('the dashboard’s engine', () => {
  it('writes the demo history on first boot; it verifies and leaves the scenario’s report open', async () => {
    const { engine, seeded, clock, checked } = await bootEngine({ store: createMemoryStore(), demoSnapshot });
    expect(seeded).toBe(true);
    expect(await checked).toBeUndefined();
    expect(engine.getHead()).toEqual(snapshot.store.head);
    expect((await engine.verifyAudit()).ok).toBe(true);
    expect(engine.assessments().map((r) => `${r.period}/${r.run}`)).toEqual(['2022/1', '2023/1', '2024/1', '2025/1']);
    const card = engine.assessments({ period: SCENARIO.period })[0]?.scorecard as Scorecard;
    expect(
      card.sheets.find((s) => s.sheet === 'department')?.units.some((u) => u.unit === SCENARIO.unit && u.assessed),
    ).toBe(true);
    expect(engine.reports({ unit: SCENARIO.unit, task: SCENARIO.task, period: SCENARIO.period })).toEqual([]);
    expect(
      engine
        .overdueReports({ period: SCENARIO.period })
        .some((o) => o.unit === SCENARIO.unit && o.task === SCENARIO.task),
    ).toBe(true);
    // The clock runs on from the end of the story: what the user files now comes after it.
    const [last] = await engine.readAudit({ after: engine.getHead().seq - 1 });
    expect(clock.now().getTime()).toBeGreaterThan(Date.parse(last?.at ?? ''));
    await engine.dispose();
  }, 60_000);

  it('writes the history once, in one IndexedDB commit: a second visit loads it', async () => {
    const database = `dashboard-history-${Date.now()}`;
    const store = createIndexedDbStore({ database });
    const heads: number[] = [];
    store.watch((head) => heads.push(head.seq));
    const first = await bootEngine({ store, demoSnapshot });
    expect(first.seeded).toBe(true);
    expect(await first.checked).toBeUndefined();
    expect(heads).toEqual([snapshot.store.head.seq]); // one commit moved the head to the end
    const head = first.engine.getHead();
    await first.engine.dispose();
    await first.engine.store.dispose?.();
    const second = await bootEngine({ store: createIndexedDbStore({ database }), demoSnapshot: notFetched });
    expect(second.seeded).toBe(false);
    expect(await second.checked).toBeUndefined();
    expect(second.engine.getHead()).toEqual(head);
    await second.engine.dispose();
    await second.engine.store.dispose?.();
  }, 90_000);

  it('two tabs seeding one empty database at once end with the one history', async () => {
    const database = `dashboard-race-${Date.now()}`;
    const [a, b] = await Promise.all([
      bootEngine({ store: createIndexedDbStore({ database, broadcast: false }), demoSnapshot }),
      bootEngine({ store: createIndexedDbStore({ database, broadcast: false }), demoSnapshot }),
    ]);
    expect(await a.checked).toBeUndefined();
    expect(await b.checked).toBeUndefined();
    expect(a.engine.getHead()).toEqual(snapshot.store.head);
    expect(b.engine.getHead()).toEqual(snapshot.store.head);
    expect((await b.engine.verifyAudit()).ok).toBe(true);
    for (const { engine } of [a, b]) {
      await engine.dispose();
      await engine.store.dispose?.();
    }
  }, 90_000);

  it('catches data edited in the browser’s storage: `checked` gives the reason', async () => {
    const database = `dashboard-tampered-${Date.now()}`;
    const first = await bootEngine({ store: createIndexedDbStore({ database }), demoSnapshot });
    expect(await first.checked).toBeUndefined();
    await first.engine.dispose();
    await first.engine.store.dispose?.();
    // What someone might do in devtools: approve a report by editing its stored record.
    const report = snapshot.store.records.find(
      (r) => r.kind === 'reports' && (r.data as { status: string }).status === 'submitted',
    );
    if (!report) throw new Error('the demo history leaves no report awaiting review');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(database);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('records', 'readwrite');
      tx.objectStore('records').put({ ...report, data: { ...(report.data as object), status: 'approved' } });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    const second = await bootEngine({ store: createIndexedDbStore({ database }), demoSnapshot: notFetched });
    const failure = await second.checked;
    expect(failure?.en).toMatch(/audit/i);
    expect(failure?.zh).toMatch(/[\u4e00-\u9fff]/);
    await second.engine.dispose();
    await second.engine.store.dispose?.();
  }, 90_000);
});
