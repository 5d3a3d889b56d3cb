/** Numeric guards shared by the assessment rules. Internal. */

/** `value` when finite, else `null`: the one way a computed number leaves a rule. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Clamps into [lo, hi]; a non-finite value becomes `lo` (callers guard before, this is a backstop). */
export function clamp(value: number, lo: number, hi: number): number {
  if (Number.isNaN(value)) return lo;
  return Math.min(hi, Math.max(lo, value));
}

/** Division that never yields NaN or Infinity: `null` when the denominator is 0 or the result is not finite. */
export function safeDivide(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return finiteOrNull(numerator / denominator);
}

/** Rounds to the scorecard's precision (four decimals), and turns -0 into 0. */
export function round4(value: number): number {
  const r = Math.round(value * 10_000) / 10_000;
  return r === 0 ? 0 : r;
}

/** True when two numbers are equal up to a tolerance scaled to their size. */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
