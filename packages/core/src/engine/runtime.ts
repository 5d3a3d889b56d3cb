import type { KepuStore, StoreHead } from '../store/types.js';
import type { Listeners } from './listeners.js';
import type { PluginWiring } from './plugin-wiring.js';
import type { EngineState } from './state.js';

/**
 * The mutable heart of one engine, shared by the files that make it up (commit, catch-up,
 * deadlines): the state and head it has reached, its store, its listeners and its plugin wiring.
 * Only `setState` moves the state, and only after the store has the change.
 */
export interface EngineRuntime {
  readonly store: KepuStore;
  readonly wiring: PluginWiring;
  readonly listeners: Listeners;
  readonly maxRetries: number;
  state: EngineState;
  head: StoreHead;
  disposed: boolean;
}

/** Moves the engine's state and tells subscribers, if it changed. */
export function setState(runtime: EngineRuntime, next: EngineState): void {
  if (next === runtime.state) return;
  runtime.state = next;
  runtime.listeners.notify();
}

/** Emits the plugin hook failures queued since the last call. */
export function flushPluginErrors(runtime: EngineRuntime): void {
  for (const e of runtime.wiring.takeErrors()) runtime.listeners.emit('plugin:error', e);
}
