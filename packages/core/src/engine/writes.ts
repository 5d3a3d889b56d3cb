import type { Patch } from 'immer';
import type { RecordWrite, StoreSnapshot } from '../store/types.js';
import { assessmentKey, type EngineState, RECORD_KINDS } from './state.js';

/**
 * The record and snapshot writes accepted changes make, found from their patches: each record
 * touched is written once, as it is in `next` (the state after the last change), in the order
 * the changes first touched it.
 */
export function writesOf(
  next: EngineState,
  patchLists: readonly (readonly Patch[])[],
): { records: RecordWrite[]; snapshots: StoreSnapshot[] } {
  const touched = new Map<string, { kind: string; id: string }>();
  for (const patches of patchLists) {
    for (const patch of patches) {
      const [kind, id] = patch.path;
      if (typeof kind === 'string' && id !== undefined) touched.set(`${kind}\u0000${id}`, { kind, id: String(id) });
    }
  }
  const records: RecordWrite[] = [];
  const snapshots: StoreSnapshot[] = [];
  for (const { kind, id } of touched.values()) {
    if (kind === 'assessments') {
      const run = next.assessments[id];
      if (run)
        snapshots.push({ key: assessmentKey(run.plan, run.period), version: run.run, createdAt: run.ranAt, data: run });
      continue;
    }
    if (!(RECORD_KINDS as readonly string[]).includes(kind)) continue;
    const value = (next as unknown as Record<string, Record<string, { version: number }>>)[kind]?.[id];
    records.push(
      value ? { op: 'put', record: { kind, id, version: value.version, data: value } } : { op: 'delete', kind, id },
    );
  }
  return { records, snapshots };
}
