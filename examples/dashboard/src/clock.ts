import type { Clock } from '@kepu/core';

/**
 * The dashboard's clock. The demo history is written at chosen moments (`set`); afterwards the
 * clock runs from "today" in the demo — 10 January 2025, during the reporting window of 2024 —
 * at real speed, and never behind the last audit entry, so times stay in order across reloads.
 */
export interface DemoClock extends Clock {
  set(iso: string): void;
  /** Runs at real speed from `iso` (or from `notBefore`, if later). */
  run(iso: string, notBefore?: string): void;
}

export const DEMO_TODAY = '2025-01-10T01:00:00.000Z'; // 09:00 in Zhengning (UTC+8)

export function createDemoClock(): DemoClock {
  let fixed: number | undefined = Date.parse(DEMO_TODAY);
  let origin = Date.parse(DEMO_TODAY);
  let startedAt = Date.now();
  return {
    now: () => new Date(fixed ?? origin + (Date.now() - startedAt)),
    set(iso) {
      fixed = Date.parse(iso);
    },
    run(iso, notBefore) {
      const start = Date.parse(iso);
      const floor = notBefore === undefined ? start : Date.parse(notBefore) + 1000;
      origin = Math.max(start, floor);
      startedAt = Date.now();
      fixed = undefined;
    },
  };
}
