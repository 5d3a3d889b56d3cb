import 'fake-indexeddb/auto';
import { createMemoryStore, type Scorecard } from '@kepu/core';
import { createIndexedDbStore } from '@kepu/store-indexeddb';
import { describe, expect, it } from 'vitest';
import { bootEngine } from '../src/engine.js';
import { SCENARIO } from './scenario.js';

describe('the dashboard’s engine', () => {
  it('writes the demo history on first boot; it verifies and leaves the scenario’s report open', async () => {
    const { engine, seeded, clock } = await bootEngine({ store: createMemoryStore() });
    expect(seeded).toBe(true);
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

  it('writes the history once: a second visit loads it from IndexedDB', async () => {
    const database = `dashboard-history-${Date.now()}`;
    const first = await bootEngine({ store: createIndexedDbStore({ database }) });
    const head = first.engine.getHead();
    await first.engine.dispose();
    await first.engine.store.dispose?.();
    const second = await bootEngine({ store: createIndexedDbStore({ database }) });
    expect(second.seeded).toBe(false);
    expect(second.engine.getHead()).toEqual(head);
    await second.engine.dispose();
    await second.engine.store.dispose?.();
  }, 90_000);
});
