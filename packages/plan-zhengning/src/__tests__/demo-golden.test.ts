import { createHash } from 'node:crypto';
import { type Actor, createEngine, type Engine } from '@kepu/core';
import { describe, expect, it } from 'vitest';
import { createDemoClock, createDemoHistory, DEMO_GENERATOR_VERSION, demoEngineOptions } from '../demo/index.js';

/**
 * Every command the history executes, in order, with the actor and the clock's instant, as one
 * SHA-256 over their JSON. Recorded at the engine's entry points, not from the audit log, so a
 * change to the audit format does not move it; only a change to the story does.
 */
async function historyHash(seed: number): Promise<{ hash: string; commands: number }> {
  const clock = createDemoClock();
  const engine = await createEngine(demoEngineOptions({ clock }));
  const hash = createHash('sha256');
  let commands = 0;
  const record = (actor: Actor | string, batch: readonly unknown[]) => {
    hash.update(`${JSON.stringify({ at: clock.now().toISOString(), actor, commands: batch })}\n`);
    commands += batch.length;
  };
  const recording: Engine = {
    ...engine,
    execute: (actor, command) => {
      record(actor, [command]);
      return engine.execute(actor, command);
    },
    executeBatch: (actor, batch) => {
      record(actor, batch);
      return engine.executeBatch(actor, batch);
    },
  };
  const summary = await createDemoHistory(recording, { clock, seed });
  expect(summary.commands).toBe(commands);
  return { hash: hash.digest('hex'), commands };
}

// A golden test: the demo history is pinned by DEMO_GENERATOR_VERSION, and a stored demo database
// is trusted to be what this copy would write. If a change moves these hashes on purpose, bump
// DEMO_GENERATOR_VERSION and update them together; if it moves them by accident (a reordered
// `random.*` call), the change is wrong.
describe('the demo history golden hash', () => {
  it('is pinned to the generator version', () => {
    expect(DEMO_GENERATOR_VERSION).toBe('zhengning-demo/2');
  });

  it.each([
    [1, '7717877b8bd50c2aaa9ceee0b1b37517acf1cce4c6b49501e9316439b8734b4d', 1434],
    [20221026, 'c91b62f8e172f42c829e99614834dc023c66bf088cba3c8f966c7f0f44b4634e', 1438],
  ])('seed %i gives the same commands as generator zhengning-demo/2', async (seed, expected, count) => {
    const { hash, commands } = await historyHash(seed);
    expect({ hash, commands }).toEqual({ hash: expected, commands: count });
  });
});
