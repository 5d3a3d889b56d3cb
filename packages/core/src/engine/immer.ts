import { enablePatches, Immer } from 'immer';

let instance: Immer | undefined;

/**
 * The engine's own immer instance, so that its settings neither depend on nor change the
 * settings of other immer users in the same program (a host's React state, for one).
 *
 * Patches are on; auto-freeze is on (every state the engine hands out is deeply frozen); strict
 * iteration is off, because the state is plain JSON — no symbol or non-enumerable keys to copy —
 * and copying the large record collections on every command is the engine's main cost.
 */
export function engineImmer(): Immer {
  if (!instance) {
    enablePatches();
    instance = new Immer({ autoFreeze: true, useStrictIteration: false });
  }
  return instance;
}
