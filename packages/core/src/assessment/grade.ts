import type { GradeBand } from './scheme.js';

/**
 * The band a score falls in: `min ≤ score < max`, or the top band when the score equals the
 * scale's maximum. `undefined` only for bands that do not partition the scale (which
 * `validateScheme` refuses). Pure.
 *
 * @example
 * ```ts
 * import { gradeOf } from '@kepu/core';
 * const bands = [
 *   { id: 'excellent', name: '优秀', min: 90, max: 100 },
 *   { id: 'good', name: '良好', min: 80, max: 90 },
 *   { id: 'pass', name: '合格', min: 60, max: 80 },
 *   { id: 'fail', name: '不合格', min: 0, max: 60 },
 * ];
 * gradeOf(bands, 90)?.name; // '优秀'
 * gradeOf(bands, 89.9999)?.name; // '良好'
 * ```
 */
export function gradeOf(bands: readonly GradeBand[], score: number): GradeBand | undefined {
  const top = topBand(bands);
  if (top && score === top.max) return top;
  return bands.find((b) => score >= b.min && score < b.max);
}

/**
 * The highest band (the one with the greatest `min`). Pure.
 *
 * @example
 * ```ts
 * import { topBand } from '@kepu/core';
 * topBand(bands)?.id; // 'excellent'
 * ```
 */
export function topBand(bands: readonly GradeBand[]): GradeBand | undefined {
  let top: GradeBand | undefined;
  for (const b of bands) if (top === undefined || b.min > top.min) top = b;
  return top;
}

/**
 * The lowest band (the one with the smallest `min`): what a veto gives. Pure.
 *
 * @example
 * ```ts
 * import { lowestBand } from '@kepu/core';
 * lowestBand(bands)?.name; // '不合格'
 * ```
 */
export function lowestBand(bands: readonly GradeBand[]): GradeBand | undefined {
  let low: GradeBand | undefined;
  for (const b of bands) if (low === undefined || b.min < low.min) low = b;
  return low;
}

/**
 * The band just below `band`, or `undefined` for the lowest. Pure.
 *
 * @example
 * ```ts
 * import { bandBelow } from '@kepu/core';
 * bandBelow(bands, bands[0])?.name; // '良好'
 * ```
 */
export function bandBelow(bands: readonly GradeBand[], band: GradeBand): GradeBand | undefined {
  let below: GradeBand | undefined;
  for (const b of bands) if (b.min < band.min && (below === undefined || b.min > below.min)) below = b;
  return below;
}

/**
 * How many units may hold the top grade under a cap on its share: `floor(share × graded)`.
 * Rounding down is what keeps the cap from ever being exceeded. Pure.
 *
 * @example
 * ```ts
 * import { topGradeSeats } from '@kepu/core';
 * topGradeSeats(0.3, 15); // 4
 * ```
 */
export function topGradeSeats(share: number, graded: number): number {
  return Math.max(0, Math.floor(share * graded + 1e-9));
}

/**
 * Which of the candidates for the top grade keep it under a cap of `seats`: candidates are taken
 * from the highest score down, a group of tied scores as a whole; the first group that would
 * overflow the seats, and every group after it, is moved down. Tied units are never split,
 * so fewer seats than allowed may be filled. Returns the ids that keep the top grade. Pure.
 *
 * @example
 * ```ts
 * import { capTopGrade } from '@kepu/core';
 * capTopGrade([{ id: 'a', score: 98 }, { id: 'b', score: 95 }, { id: 'c', score: 95 }], 2); // Set { 'a' }
 * ```
 */
export function capTopGrade(
  candidates: ReadonlyArray<{ readonly id: string; readonly score: number }>,
  seats: number,
): Set<string> {
  const sorted = [...candidates].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const keep = new Set<string>();
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && (sorted[j] as { score: number }).score === (sorted[i] as { score: number }).score) j++;
    if (keep.size + (j - i) > seats) break;
    for (let k = i; k < j; k++) keep.add((sorted[k] as { id: string }).id);
    i = j;
  }
  return keep;
}
