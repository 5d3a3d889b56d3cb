import { z } from 'zod';
import type { Plan } from '../plan.js';

/**
 * A reporting period: a year (`2024`), a half-year (`2024-H1`) or a quarter (`2024-Q3`).
 *
 * @example
 * ```ts
 * import { PeriodSchema } from '@kepu/core';
 * PeriodSchema.parse('2024-H2');
 * ```
 */
export const PeriodSchema = z
  .string()
  .regex(/^\d{4}(?:-(?:H[12]|Q[1-4]))?$/, 'a period is a year (2024), a half-year (2024-H1) or a quarter (2024-Q3)');

/**
 * How often units report: every year, every half-year or every quarter.
 *
 * @example
 * ```ts
 * import type { ReportingCadence } from '@kepu/core';
 * const cadence: ReportingCadence = 'annual';
 * ```
 */
export type ReportingCadence = 'annual' | 'semiannual' | 'quarterly';

/**
 * Which reports the engine expects, for the overdue query and deadline events:
 * - `task-leads`: every lead unit of every task, each period;
 * - `unit-summary`: every assessed unit (townships and members of the plan's leading group, as its
 *   assessment safeguard names them) files a summary report, each period.
 *
 * @example
 * ```ts
 * import type { ReportingObligation } from '@kepu/core';
 * const obligations: ReportingObligation[] = ['task-leads'];
 * ```
 */
export type ReportingObligation = 'task-leads' | 'unit-summary';

/**
 * When reports are due. Every field has a default; a county sets its own.
 *
 * @example
 * ```ts
 * import type { ReportingOptions } from '@kepu/core';
 * const reporting: ReportingOptions = { cadence: 'annual', dueDaysAfterPeriodEnd: 10, due: { '2025': '2025-12-15' } };
 * ```
 */
export interface ReportingOptions {
  /** @default 'annual' */
  readonly cadence?: ReportingCadence;
  /**
   * Days after a period's last day on which its reports are due (the due day itself is on time).
   * @default 15
   */
  readonly dueDaysAfterPeriodEnd?: number;
  /** Due dates (`YYYY-MM-DD`) set for particular periods, overriding the rule above. */
  readonly due?: Readonly<Record<string, string>>;
  /** @default ['task-leads', 'unit-summary'] */
  readonly obligations?: readonly ReportingObligation[];
  /**
   * The offset of the county's time zone from UTC, in minutes: "today" and "overdue" are judged
   * by the county's calendar, not the server's.
   * @default 480 (China Standard Time, UTC+8)
   */
  readonly timeZoneOffsetMinutes?: number;
  /**
   * How many days before a deadline `tick()` starts emitting `deadline:approaching`.
   * @default 14
   */
  readonly horizonDays?: number;
}

/** {@link ReportingOptions} with every default filled in. */
export interface ResolvedReporting {
  readonly cadence: ReportingCadence;
  readonly dueDaysAfterPeriodEnd: number;
  readonly due: Readonly<Record<string, string>>;
  readonly obligations: readonly ReportingObligation[];
  readonly timeZoneOffsetMinutes: number;
  readonly horizonDays: number;
}

/** Fills the defaults of {@link ReportingOptions}. */
export function resolveReporting(options: ReportingOptions = {}): ResolvedReporting {
  return {
    cadence: options.cadence ?? 'annual',
    dueDaysAfterPeriodEnd: options.dueDaysAfterPeriodEnd ?? 15,
    due: options.due ?? {},
    obligations: options.obligations ?? ['task-leads', 'unit-summary'],
    timeZoneOffsetMinutes: options.timeZoneOffsetMinutes ?? 480,
    horizonDays: options.horizonDays ?? 14,
  };
}

/**
 * The reporting periods of a plan, in order, for a cadence. Pure.
 *
 * @example
 * ```ts
 * import { reportingPeriods } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * reportingPeriods(zhengningPlan, 'annual'); // ['2022', '2023', '2024', '2025']
 * ```
 */
export function reportingPeriods(plan: Plan, cadence: ReportingCadence = 'annual'): string[] {
  const out: string[] = [];
  for (let year = plan.meta.period.start; year <= plan.meta.period.end; year++) {
    if (cadence === 'annual') out.push(String(year));
    else if (cadence === 'semiannual') out.push(`${year}-H1`, `${year}-H2`);
    else out.push(`${year}-Q1`, `${year}-Q2`, `${year}-Q3`, `${year}-Q4`);
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The year of a period and its first and last day (`YYYY-MM-DD`). Pure.
 *
 * @example
 * ```ts
 * import { periodBounds } from '@kepu/core';
 * periodBounds('2024-H1'); // { year: 2024, start: '2024-01-01', end: '2024-06-30' }
 * ```
 */
export function periodBounds(period: string): { year: number; start: string; end: string } {
  const year = Number(period.slice(0, 4));
  const part = period.slice(5);
  let first = 1;
  let last = 12;
  if (part === 'H1') last = 6;
  else if (part === 'H2') first = 7;
  else if (part.startsWith('Q')) {
    const q = Number(part.slice(1));
    first = q * 3 - 2;
    last = q * 3;
  }
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { year, start: `${year}-${pad(first)}-01`, end: `${year}-${pad(last)}-${pad(lastDay)}` };
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone given by its UTC offset. */
export function localDate(instant: Date, offsetMinutes: number): string {
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * The due date (`YYYY-MM-DD`, on time when filed that day) of a period's reports. Pure.
 *
 * @example
 * ```ts
 * import { reportDueDate } from '@kepu/core';
 * reportDueDate('2024'); // '2025-01-15'
 * reportDueDate('2024', { dueDaysAfterPeriodEnd: 0 }); // '2024-12-31'
 * ```
 */
export function reportDueDate(period: string, options: ReportingOptions = {}): string {
  const set = options.due?.[period];
  if (set !== undefined) return set;
  return addDays(periodBounds(period).end, options.dueDaysAfterPeriodEnd ?? 15);
}
