import type { Patch } from 'immer';
import { createIssue, KepuError } from '../errors.js';
import { verifyAuditChain } from './audit.js';
import { engineImmer } from './immer.js';
import { effectsOfEntry, runEffects } from './run-effects.js';
import { type EngineRuntime, setState } from './runtime.js';

/**
 * Applies the entries other writers committed after the engine's head, in order, and emits what
 * they cause (with `remote: true`). The entries must continue the chain the engine has seen
 * (`audit-broken` otherwise).
 */
export async function catchUp(runtime: EngineRuntime): Promise<void> {
  const entries = await runtime.store.readAudit({ after: runtime.head.seq });
  if (entries.length === 0) return;
  const chain = verifyAuditChain(entries, { from: runtime.head });
  if (!chain.ok) {
    throw new KepuError([
      createIssue('audit-broken', ['store'], { seq: String(chain.firstBad.seq), reason: chain.firstBad.detail }),
    ]);
  }
  for (const entry of entries) {
    runtime.head = { seq: entry.seq, version: entry.version, hash: entry.hash };
    if (entry.outcome !== 'accepted') {
      runtime.listeners.emit('command:denied', { entry, remote: true });
      continue;
    }
    const before = runtime.state;
    // immer freezes what applyPatches produces; the untouched parts were frozen on load.
    const after = engineImmer().applyPatches(before, entry.patches as Patch[]);
    setState(runtime, after);
    runEffects(runtime, entry, effectsOfEntry(runtime, entry, before, after), true);
  }
}
