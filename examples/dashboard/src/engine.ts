import { createEngine, type Engine, type KepuStore, type StoreLoad } from '@kepu/core';
import { demoEngineOptions } from '@kepu/plan-zhengning/demo';
import { createIndexedDbStore } from '@kepu/store-indexeddb';
import { createDashboardClock, type DashboardClock } from './clock.js';
import { DEMO_SNAPSHOT_FILE, type DemoSnapshot } from './seed/demo-snapshot.js';
import { seedStore } from './seed/seed-store.js';
import { verifyInWorker } from './verify/verify-in-worker.js';
import { type VerifyFailure, verifyStored } from './verify/verify-stored.js';

export const DATABASE = 'kepu-dashboard-zhengning';

export interface Booted {
  readonly engine: Engine;
  readonly clock: DashboardClock;
  readonly seeded: boolean;
  /**
   * Settles once the data shown is known to be sound: on a first visit the demo history is
   * stored, and the store's audit chain and records are verified (in a worker in the browser).
   * Resolves with `undefined`, or with why the stored data failed verification; rejects when
   * the history could not be stored.
   */
  readonly checked: Promise<VerifyFailure | undefined>;
}

/** Fetches the demo history the build ships beside the page. */
async function fetchDemoSnapshot(): Promise<DemoSnapshot> {
  const response = await fetch(`./${DEMO_SNAPSHOT_FILE}`);
  if (!response.ok) throw new Error(`the demo history could not be loaded: ${response.status} ${response.statusText}`);
  return (await response.json()) as DemoSnapshot;
}

/**
 * The store as the page's engine sees it. On a first visit it loads the snapshot being stored,
 * not what IndexedDB gives back, and its commits wait until the snapshot is stored. On a later
 * visit it reads the records and scorecards without the audit log: the adapter's `load` reads
 * the log too, and only verification (done apart, see `checked`) needs it.
 */
function pageStore(store: KepuStore, seeding: { data: StoreLoad; stored: Promise<void> } | undefined): KepuStore {
  const { load: _skipped, ...rest } = store;
  if (!seeding) return rest;
  return {
    ...rest,
    load: () => seeding.data,
    commit: async (batch) => {
      await seeding.stored;
      return store.commit(batch);
    },
  };
}

/** Resolves after the browser has had the chance to paint (at once where there is no frame). */
const afterPaint = (): Promise<void> =>
  new Promise((resolve) =>
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(() => setTimeout(resolve, 0))
      : setTimeout(resolve, 0),
  );

/**
 * Opens the dashboard's engine over IndexedDB. On the first visit (an empty database) it writes
 * the Zhengning demo history (2022–2025, deterministic) into the store in one commit, from the
 * snapshot the build made with the demo generator. The engine loads without verifying, so the
 * first screen does not wait; `checked` then verifies the audit chain and that the records
 * equal a replay of the log (in a worker when the store is the page's IndexedDB database).
 */
export async function bootEngine(
  options: { store?: KepuStore; demoSnapshot?: () => Promise<DemoSnapshot>; onSeedStart?: () => void } = {},
): Promise<Booted> {
  const own = options.store === undefined;
  const store = options.store ?? createIndexedDbStore({ database: DATABASE });
  const clock = createDashboardClock();
  let seeding: { data: StoreLoad; stored: Promise<void> } | undefined;
  if ((await store.head()).seq === 0) {
    options.onSeedStart?.();
    const snapshot = await (options.demoSnapshot ?? fetchDemoSnapshot)();
    // One IndexedDB transaction, written once the first screen is up: copying ≈4 MB for it
    // would otherwise hold the screen back. The page's engine commits only after it.
    seeding = { data: snapshot.store, stored: afterPaint().then(() => seedStore(store, snapshot)) };
    seeding.stored.catch(() => undefined); // reported through `checked`
  }
  const engine = await createEngine({
    ...demoEngineOptions({ clock, store: pageStore(store, seeding) }),
    verifyOnLoad: false,
  });
  performance.mark('kepu:engine-loaded');
  // Reading the log now on a first visit would wait for the seeding transaction.
  const last = seeding
    ? seeding.data.audit.at(-1)
    : (await engine.readAudit({ after: Math.max(0, engine.getHead().seq - 1) }))[0];
  clock.runFrom(last?.at);
  const checked = (async () => {
    await seeding?.stored;
    return own && typeof Worker === 'function' ? verifyInWorker(DATABASE) : verifyStored(store);
  })();
  return { engine, clock, seeded: seeding !== undefined, checked };
}
