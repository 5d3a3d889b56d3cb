import { createEngine, type Engine, type KepuStore } from '@kepu/core';
import { createDemoHistory, type DemoProgress, demoEngineOptions } from '@kepu/plan-zhengning/demo';
import { createIndexedDbStore } from '@kepu/store-indexeddb';
import { createDashboardClock, type DashboardClock } from './clock.js';

export const DATABASE = 'kepu-dashboard-zhengning';

export interface Booted {
  readonly engine: Engine;
  readonly clock: DashboardClock;
  readonly seeded: boolean;
}

/**
 * Opens the dashboard's engine over IndexedDB. On the first visit (an empty database) it writes
 * the Zhengning demo history (2022–2025, deterministic) through the engine's commands; afterwards
 * it loads what the browser kept, verifying the audit trail.
 */
export async function bootEngine(
  options: { store?: KepuStore; onSeedStart?: () => void; onProgress?: (progress: DemoProgress) => void } = {},
): Promise<Booted> {
  const store = options.store ?? createIndexedDbStore({ database: DATABASE });
  const clock = createDashboardClock();
  const engine = await createEngine(demoEngineOptions({ clock, store }));
  let seeded = false;
  if (engine.getHead().seq === 0) {
    options.onSeedStart?.();
    await createDemoHistory(engine, { clock, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    seeded = true;
  }
  const [last] = await engine.readAudit({ after: Math.max(0, engine.getHead().seq - 1) });
  clock.runFrom(last?.at);
  return { engine, clock, seeded };
}
