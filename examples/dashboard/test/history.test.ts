import 'fake-indexeddb/auto';
import { createMemoryStore, type Scorecard } from '@kepu/core';
import { createIndexedDbStore } from '@kepu/store-indexeddb';
import { describe, expect, it } from 'vitest';
import { bootEngine } from '../src/engine.js';

describe('the demo history', () => {
  it('is written through the engine, verifies, and leaves 2024 open for the dashboard', async () => {
    const started = Date.now();
    const { engine, seeded } = await bootEngine({ store: createMemoryStore() });
    expect(seeded).toBe(true);
    expect((await engine.verifyAudit()).ok).toBe(true);
    expect(engine.assessments().map((r) => `${r.period}/${r.run}`)).toEqual(['2022/1', '2023/1', '2024/1']);
    const card = engine.assessments({ period: '2024' })[0]?.scorecard as Scorecard;
    const departments = card.sheets.find((s) => s.sheet === 'department');
    expect(departments?.units.filter((u) => u.assessed).length).toBe(15);
    expect(card.targets.find((t) => t.target === 'literacy-rate-2025')?.value).toBeCloseTo(10.42, 1);
    // Work left for the user: education's 3.1.5 missing, reports waiting, one returned.
    expect(engine.reports({ unit: 'education', task: '3.1.5', period: '2024' })).toEqual([]);
    expect(engine.reports({ period: '2024', status: 'submitted' }).length).toBeGreaterThan(0);
    expect(engine.reports({ unit: 'agriculture', period: '2024', status: 'returned' })).toHaveLength(1);
    expect(Object.values(engine.getSnapshot().reports).some((r) => r.late)).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
    await engine.dispose();
  });

  it('is the same on every run', async () => {
    const a = await bootEngine({ store: createMemoryStore() });
    const b = await bootEngine({ store: createMemoryStore() });
    expect(b.engine.getHead().hash).toBe(a.engine.getHead().hash);
  });

  it('is written once: a second visit loads it from IndexedDB', async () => {
    const database = `dashboard-history-${Date.now()}`;
    const first = await bootEngine({ store: createIndexedDbStore({ database }) });
    const head = first.engine.getHead();
    await first.engine.dispose();
    first.engine.store.dispose?.();
    const second = await bootEngine({ store: createIndexedDbStore({ database }) });
    expect(second.seeded).toBe(false);
    expect(second.engine.getHead()).toEqual(head);
    await second.engine.dispose();
    second.engine.store.dispose?.();
  });
});
