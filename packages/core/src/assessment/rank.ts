/**
 * Competition ranking ("1224"): units with equal keys share a rank, and the next rank skips the
 * shared places (scores 95, 95, 90 → ranks 1, 1, 3). Units come first by `tier` (lower tier
 * first: a vetoed unit is in tier 1, after every unit of tier 0), then by higher score. Returns
 * the rank of each entry, in the input's order. Pure.
 *
 * @example
 * ```ts
 * import { competitionRanks } from '@kepu/core';
 * competitionRanks([{ score: 90, tier: 0 }, { score: 95, tier: 0 }, { score: 95, tier: 0 }]); // [3, 1, 1]
 * ```
 */
export function competitionRanks(entries: ReadonlyArray<{ readonly score: number; readonly tier: number }>): number[] {
  const order = entries.map((e, i) => ({ ...e, i })).sort((a, b) => a.tier - b.tier || b.score - a.score);
  const ranks = new Array<number>(entries.length);
  order.forEach((e, position) => {
    const prev = order[position - 1];
    ranks[e.i] = prev && prev.tier === e.tier && prev.score === e.score ? (ranks[prev.i] as number) : position + 1;
  });
  return ranks;
}
