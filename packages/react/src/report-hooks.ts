import type { Actor, ProgressReport, ReportFilter } from '@kepu/core';
import { useActor } from './context.js';
import { shallowEqualArrays, useKepuSelector } from './use-kepu-selector.js';

/**
 * Reports matching a filter, in the engine's order (period, task, unit, creation). When an actor
 * is given — or set by an `ActorProvider` — only the reports that actor may read are returned
 * (a reporter sees its unit's, a lead reviewer also those on tasks its unit leads, an observer
 * approved ones). Pass `{ actor: null }` for every report regardless of the provider.
 *
 * Re-renders only when a report in the result changes, one enters or one leaves it: a report of
 * another unit being submitted does not re-render a unit's list.
 *
 * @example
 * ```ts
 * import { useReports } from '@kepu/react';
 * function Returned() {
 *   const returned = useReports({ unit: 'education', status: 'returned' });
 *   return returned.map((r) => r.decisions.at(-1)?.reason).join('\n');
 * }
 * ```
 */
export function useReports(
  filter: ReportFilter = {},
  options: { readonly actor?: Actor | null } = {},
): readonly ProgressReport[] {
  const provided = useActor();
  const actor = options.actor === null ? undefined : (options.actor ?? provided);
  return useKepuSelector(
    (_state, engine) => engine.reports(filter, actor === undefined ? {} : { actor }),
    shallowEqualArrays,
  );
}

/**
 * One report by id, or `undefined`. Re-renders only when that report changes.
 *
 * @example
 * ```ts
 * import { useReport } from '@kepu/react';
 * function Status({ id }: { id: string }) {
 *   return useReport(id)?.status ?? '—';
 * }
 * ```
 */
export function useReport(id: string | undefined): ProgressReport | undefined {
  return useKepuSelector((state) =>
    id !== undefined && Object.hasOwn(state.reports, id) ? state.reports[id] : undefined,
  );
}

/**
 * The reports awaiting a decision by an actor (default: the provider's actor), oldest first: a
 * lead reviewer's queue holds submitted reports on tasks its unit leads, the plan office's every
 * submitted report, both minus the reports the actor submitted. Other roles have an empty queue.
 * Re-renders only when the queue changes.
 *
 * @example
 * ```ts
 * import { useReviewQueue } from '@kepu/react';
 * function Inbox() {
 *   const queue = useReviewQueue();
 *   return `待审核 ${queue.length} 份`;
 * }
 * ```
 */
export function useReviewQueue(actor?: Actor): readonly ProgressReport[] {
  const provided = useActor();
  const who = actor ?? provided;
  return useKepuSelector(
    (_state, engine) => (who === undefined ? EMPTY : engine.reviewQueue({ actor: who })),
    shallowEqualArrays,
  );
}

const EMPTY: readonly ProgressReport[] = Object.freeze([]);
