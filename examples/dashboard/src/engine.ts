import { assessWithSchemes, createEngine, type Engine, type KepuStore } from '@kepu/core';
import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
import { createIndexedDbStore } from '@kepu/store-indexeddb';
import { createDemoClock, DEMO_TODAY, type DemoClock } from './clock.js';
import { seedDemoHistory } from './demo/history.js';

export const DATABASE = 'kepu-dashboard-zhengning';

export interface Booted {
  readonly engine: Engine;
  readonly clock: DemoClock;
  readonly seeded: boolean;
}

/**
 * Opens the dashboard's engine over IndexedDB. On the first visit (an empty database) it writes
 * the demo history; afterwards it loads what the browser kept.
 */
export async function bootEngine(
  options: { store?: KepuStore; onSeedStart?: () => void; onProgress?: (done: number) => void } = {},
): Promise<Booted> {
  const store = options.store ?? createIndexedDbStore({ database: DATABASE });
  const clock = createDemoClock();
  const engine = await createEngine({
    plans: [zhengningPlan],
    store,
    clock,
    reporting: { cadence: 'annual' },
    assessment: assessWithSchemes({ [zhengningPlan.id]: zhengningScheme }, { lateReportDeduction: 'late-report' }),
  });
  let seeded = false;
  if (engine.getHead().seq === 0) {
    options.onSeedStart?.();
    await seedDemoHistory(engine, clock, options.onProgress);
    seeded = true;
  }
  const [last] = await engine.readAudit({ after: Math.max(0, engine.getHead().seq - 1) });
  clock.run(DEMO_TODAY, last?.at);
  return { engine, clock, seeded };
}
