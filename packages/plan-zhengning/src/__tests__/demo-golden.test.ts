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
    [1, '1beb5bdc3e00fe138f60894fe1ace7e6474dfefa535bc89c9fab94fcbde08850', 1434],
    [20221026, '9f7b01c74f0ec874fd1c3f0a63efb766c0aa8105b00501f6e3757a45f1b621fd', 1438],
  ])('seed %i gives the same commands as generator zhengning-demo/2', async (seed, expected, count) => {
    const { hash, commands } = await historyHash(seed);
    expect({ hash, commands }).toEqual({ hash: expected, commands: count });
  });
});
