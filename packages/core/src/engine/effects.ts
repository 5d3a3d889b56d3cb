import type { Scorecard } from '../assessment/scorecard.js';
import type { Plan } from '../plan.js';
import type { EngineEvents } from './events.js';

/** The events that follow a command (the others come from the engine itself). */
export type CommandEventName =
  | 'report:submitted'
  | 'report:returned'
  | 'report:approved'
  | 'report:withdrawn'
  | 'target:achieved'
  | 'target:off-track'
  | 'target:reviewed'
  | 'assessment:completed';

/**
 * What follows an accepted command, as data: an event to emit (the engine adds `remote`), or a
 * plugin hook to call. `decide` returns them; the engine runs them only after the commit
 * succeeded, in order, and hooks only for its own commands (another writer's hooks ran there).
 *
 * @example
 * ```ts
 * import type { EngineEffect } from '@kepu/core';
 * const isEvent = (e: EngineEffect) => e.kind === 'event';
 * ```
 */
export type EngineEffect =
  | {
      [E in CommandEventName]: {
        readonly kind: 'event';
        readonly event: E;
        readonly payload: Omit<EngineEvents[E], 'remote'>;
      };
    }[CommandEventName]
  | {
      readonly kind: 'hook';
      readonly hook: 'afterAssessment';
      readonly plan: Plan;
      readonly period: number;
      readonly scorecard: Scorecard;
    };

/** An event effect, typed by its name. */
export function eventEffect<E extends CommandEventName>(
  event: E,
  payload: Omit<EngineEvents[E], 'remote'>,
): EngineEffect {
  return { kind: 'event', event, payload } as EngineEffect;
}
