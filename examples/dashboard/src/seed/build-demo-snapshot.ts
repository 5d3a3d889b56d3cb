import { createEngine, createMemoryStore } from '@kepu/core';
import {
  createDemoClock,
  createDemoHistory,
  DEMO_DEFAULT_SEED,
  DEMO_GENERATOR_VERSION,
  demoEngineOptions,
} from '@kepu/plan-zhengning/demo';
import type { DemoSnapshot } from './demo-snapshot.js';

/**
 * Writes the demo history through a real engine on a memory store, exactly as `kepu demo` and
 * the dashboard's first visit used to, and returns what the store then holds. Runs in Node at
 * build time (the Vite plugin in demo-snapshot-plugin.ts) and in the Node tests; the browser
 * never loads this module, so neither the generator nor its ≈1,400 commands cost a visitor
 * anything. The history is deterministic (fixed seed, the story sets the clock), so the
 * snapshot is byte for byte what writing the history in the browser would store.
 */
export async function buildDemoSnapshot(): Promise<DemoSnapshot> {
  const store = createMemoryStore();
  const clock = createDemoClock();
  const engine = await createEngine(demoEngineOptions({ clock, store }));
  const summary = await createDemoHistory(engine, { clock, seed: DEMO_DEFAULT_SEED });
  await engine.dispose();
  return { generator: DEMO_GENERATOR_VERSION, seed: summary.seed, store: await store.load() };
}
