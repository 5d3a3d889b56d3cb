import type { EngineState, EvidenceFile } from '@kepu/core';
import type { EvidenceStore, ListedEvidence } from './evidence-store.js';

/**
 * Every evidence file a state names, in a set order: each report revision's `evidence`, each
 * report's and finding's `attachments`, each target review's `evidence`. A file named twice is
 * yielded twice.
 *
 * @example
 * ```ts
 * import { evidenceInState } from '@kepu/server';
 * const hashes = new Set([...evidenceInState(engine.getSnapshot())].map((f) => f.sha256));
 * ```
 */
export function* evidenceInState(state: EngineState): Generator<EvidenceFile> {
  for (const report of Object.values(state.reports)) {
    for (const revision of report.revisions) yield* revision.evidence;
    yield* report.attachments ?? [];
  }
  for (const finding of Object.values(state.findings)) yield* finding.attachments ?? [];
  for (const review of Object.values(state.targetReviews)) yield* review.evidence;
}

/**
 * What {@link collectEvidenceGarbage} did: the files it removed (or, in a dry run, would remove),
 * and how many it kept because a record names them or because they are younger than the grace
 * period.
 *
 * @example
 * ```ts
 * import type { EvidenceGarbage } from '@kepu/server';
 * const freed = (g: EvidenceGarbage) => g.removed.reduce((sum, f) => sum + f.size, 0);
 * ```
 */
export interface EvidenceGarbage {
  readonly removed: readonly ListedEvidence[];
  readonly named: number;
  readonly young: number;
}

/**
 * Removes the stored files no record names (uploads never attached), except those stored less
 * than `graceMs` before `now`, which an uploader may still be about to attach. Run it while the
 * server is stopped, on the state of the whole engine (`engine.getSnapshot()`, never a view
 * filtered for one person). `dryRun` only lists.
 *
 * @example
 * ```ts
 * import { collectEvidenceGarbage } from '@kepu/server';
 * const { removed } = await collectEvidenceGarbage({ store, state: engine.getSnapshot(), graceMs: 24 * 3_600_000 });
 * ```
 */
export async function collectEvidenceGarbage(options: {
  readonly store: EvidenceStore;
  readonly state: EngineState;
  readonly graceMs: number;
  readonly now?: Date;
  readonly dryRun?: boolean;
}): Promise<EvidenceGarbage> {
  const named = new Set([...evidenceInState(options.state)].map((f) => f.sha256));
  const cutoff = (options.now ?? new Date()).getTime() - options.graceMs;
  const removed: ListedEvidence[] = [];
  let kept = 0;
  let young = 0;
  for await (const file of options.store.list()) {
    if (named.has(file.sha256)) kept++;
    else if (file.storedAt.getTime() > cutoff) young++;
    else {
      if (!options.dryRun) await options.store.delete(file.sha256);
      removed.push(file);
    }
  }
  return { removed, named: kept, young };
}
