import {
  type Actor,
  canSeeReport,
  type EngineEventName,
  type EngineEvents,
  type Plan,
  REPORT_VISIBILITY,
} from '@kepu/core';

/**
 * The engine events the server relays to subscribers of `GET /api/events`. Command events carry
 * whole audit entries (a denied command's payload included), and `plugin:error` and
 * `store:error` are the operator's, so those are never relayed.
 *
 * @example
 * ```ts
 * import { LIVE_EVENT_NAMES } from '@kepu/server';
 * LIVE_EVENT_NAMES.includes('report:approved'); // true
 * ```
 */
export const LIVE_EVENT_NAMES = [
  'report:submitted',
  'report:returned',
  'report:approved',
  'report:withdrawn',
  'target:achieved',
  'target:off-track',
  'target:reviewed',
  'assessment:completed',
  'deadline:approaching',
] as const satisfies readonly EngineEventName[];

/**
 * The name of an event relayed on `GET /api/events`.
 *
 * @example
 * ```ts
 * import type { LiveEventName } from '@kepu/server';
 * const name: LiveEventName = 'report:submitted';
 * ```
 */
export type LiveEventName = (typeof LIVE_EVENT_NAMES)[number];

/**
 * True when one of `actors` reads a unit's reporting gaps: roles that read every report (or every
 * approved one) see every unit's; roles that read their own unit's reports see only their own.
 * The overdue-reports query and the live `deadline:approaching` events share this rule.
 */
export function readsUnitGaps(actors: readonly Actor[], unit: string): boolean {
  return actors.some((a) => {
    const visibility = REPORT_VISIBILITY[a.role];
    return visibility === 'own-unit' || visibility === 'own-and-led' ? a.unit === unit : true;
  });
}

const inPlan = (actors: readonly Actor[], plan: string) => actors.some((a) => a.plan === undefined || a.plan === plan);

/**
 * True when one of `actors` may read an engine event: report events by the engine's own rule
 * ({@link canSeeReport}, the rule behind `engine.snapshotFor`), a report deadline by the rule of
 * the overdue-reports query; targets, reviews and assessment runs are read by every role, as in
 * the engine's `visibleState`, within the actor's plan when the binding names one. Pure.
 *
 * @example
 * ```ts
 * import { mayReadEvent } from '@kepu/server';
 * engine.on('report:submitted', (e) => {
 *   if (mayReadEvent(engine.plans, [{ id: 'li', role: 'reporter', unit: 'health' }], 'report:submitted', e)) notify(e);
 * });
 * ```
 */
export function mayReadEvent<E extends LiveEventName>(
  plans: ReadonlyMap<string, Plan>,
  actors: readonly Actor[],
  name: E,
  payload: EngineEvents[E],
): boolean {
  switch (name) {
    case 'report:submitted':
    case 'report:returned':
    case 'report:approved':
    case 'report:withdrawn': {
      const { report } = payload as EngineEvents['report:submitted'];
      return actors.some((a) => canSeeReport(plans, a, report));
    }
    case 'target:achieved':
    case 'target:off-track':
      return inPlan(actors, (payload as EngineEvents['target:achieved']).plan);
    case 'target:reviewed':
      return inPlan(actors, (payload as EngineEvents['target:reviewed']).review.plan);
    case 'assessment:completed':
      return inPlan(actors, (payload as EngineEvents['assessment:completed']).run.plan);
    case 'deadline:approaching': {
      const due = payload as EngineEvents['deadline:approaching'];
      const planned = actors.filter((a) => a.plan === undefined || a.plan === due.plan);
      return due.kind === 'report' ? readsUnitGaps(planned, due.unit) : planned.length > 0;
    }
    default:
      return false;
  }
}
