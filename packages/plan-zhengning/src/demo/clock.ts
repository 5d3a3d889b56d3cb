import type { Clock } from '@kepu/core';

/**
 * A clock the demo history moves forward itself: give it to `createEngine` and to
 * {@link createDemoHistory}, and every command of the history is stamped with the day it happens
 * in the story (a report filed on 2024-01-12, an assessment run on 2025-03-20), never with the
 * machine's time. Two runs therefore write identical audit logs.
 *
 * @example
 * ```ts
 * import { createDemoClock } from '@kepu/plan-zhengning/demo';
 * const clock = createDemoClock();
 * clock.set('2024-01-12T10:00:00+08:00');
 * clock.now().toISOString(); // '2024-01-12T02:00:00.000Z'
 * ```
 */
export interface DemoClock extends Clock {
  now(): Date;
  /** Moves the clock to an instant (a Date or an ISO 8601 string with its offset). */
  set(at: Date | string): void;
}

/**
 * Creates a {@link DemoClock} standing at `start`.
 *
 * @example
 * ```ts
 * import { createEngine } from '@kepu/core';
 * import { createDemoClock, demoEngineOptions } from '@kepu/plan-zhengning/demo';
 * const clock = createDemoClock();
 * const engine = await createEngine(demoEngineOptions({ clock }));
 * ```
 */
export function createDemoClock(start: Date | string = '2022-10-26T09:00:00+08:00'): DemoClock {
  const parse = (at: Date | string) => {
    const date = typeof at === 'string' ? new Date(at) : new Date(at.getTime());
    if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(at)}`);
    return date;
  };
  let current = parse(start);
  return {
    now: () => new Date(current.getTime()),
    set(at) {
      current = parse(at);
    },
  };
}
