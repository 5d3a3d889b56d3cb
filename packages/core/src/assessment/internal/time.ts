/**
 * Time as decimal years, the unit growth rates are measured in. An annual value is taken at the
 * end of its year (`2023` → 2024.0); a dated value at the end of its day (`2023-12-31` → 2024.0,
 * `2023-07-02` ≈ 2023.5). Internal.
 */

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Day of the year, 1-based, of an ISO date `YYYY-MM-DD` (already validated). */
export function dayOfYear(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return (CUMULATIVE_DAYS[month - 1] as number) + day + (month > 2 && isLeap(year) ? 1 : 0);
}

/** The decimal-year time at the end of an ISO date. */
export function timeOfDate(date: string): number {
  const year = Number(date.slice(0, 4));
  return year + dayOfYear(date) / (isLeap(year) ? 366 : 365);
}

/** The decimal-year time at the end of a year. */
export function endOfYear(year: number): number {
  return year + 1;
}

/** The ISO date of the last day of a year. */
export function lastDayOf(year: number): string {
  return `${String(year).padStart(4, '0')}-12-31`;
}

/** A sortable integer for an ISO date (YYYYMMDD). */
export function dateKey(date: string): number {
  return Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}
