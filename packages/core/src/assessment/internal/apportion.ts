// Splitting points to four decimals so that the parts add up exactly (the largest-remainder method).

/**
 * Settles the 0.0001 units still `left` after rounding down: one each to the largest remainders
 * first (`order`), or, when rounding slack went over, one each back from the smallest. Returns
 * the parts in points.
 */
function settle(floors: number[], order: ReadonlyArray<{ readonly i: number }>, left: number): number[] {
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left--;
  }
  for (const { i } of [...order].reverse()) {
    if (left >= 0) break;
    if ((floors[i] as number) > 0) {
      floors[i] = (floors[i] as number) - 1;
      left++;
    }
  }
  return floors.map((f) => f / 10_000);
}

/**
 * Splits `total` points among weights in proportion, to four decimals, so that the shares add up
 * to `total` exactly: each share is rounded down to 0.0001 and the units left over go to the
 * largest remainders (earlier items first on ties) — the largest-remainder method. Without it,
 * three equal items of a 100-point sheet would be worth 33.3333 each and a perfect unit would
 * score 99.9999.
 */
export function allocate(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (!(sum > 0)) return weights.map(() => 0);
  const units = Math.round(total * 10_000);
  const raw = weights.map((w) => (w / sum) * units);
  // The 1e-9 slack can round a share up; settle() gives such units back.
  const floors = raw.map((r) => Math.floor(r + 1e-9));
  const order = raw
    .map((r, i) => ({ i, rest: r - (floors[i] as number) }))
    .filter((x) => (weights[x.i] as number) > 0)
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  return settle(floors, order, units - floors.reduce((s, x) => s + x, 0));
}

/**
 * Rounds values to four decimals so that they add up to `total` (itself on four decimals): each
 * value rounded down, then the 0.0001 units left over given to the largest remainders (earlier
 * ones first on ties).
 */
export function apportion(values: readonly number[], total: number): number[] {
  const floors = values.map((v) => Math.floor(v * 10_000 + 1e-7));
  const order = values
    .map((v, i) => ({ i, rest: v * 10_000 - (floors[i] as number) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  return settle(floors, order, Math.round(total * 10_000) - floors.reduce((s, x) => s + x, 0));
}

/** Up to six decimals: enough to show the product before it is apportioned to four. */
export function six(value: number): string {
  const r = Math.round(value * 1_000_000) / 1_000_000;
  return String(r === 0 ? 0 : r);
}
