import type { Clock } from '@kepu/core';

/**
 * The dashboard's clock. The demo history sets it to each moment of its story; afterwards it
 * runs at real speed from where the story ended (the last audit entry), so times stay in order
 * across reloads and what the user files now comes after everything in the history.
 */
export interface DashboardClock extends Clock {
  /** Stops the clock at an instant (what the demo history does). */
  set(at: Date | string): void;
  /** Runs at real speed from just after `after`. */
  runFrom(after: string | undefined): void;
}

export function createDashboardClock(): DashboardClock {
  let fixed: number | undefined = Date.now();
  let origin = Date.now();
  let startedAt = Date.now();
  return {
    now: () => new Date(fixed ?? origin + (Date.now() - startedAt)),
    set(at) {
      fixed = typeof at === 'string' ? Date.parse(at) : at.getTime();
    },
    runFrom(after) {
      origin = after === undefined ? Date.now() : Date.parse(after) + 60_000;
      startedAt = Date.now();
      fixed = undefined;
    },
  };
}
