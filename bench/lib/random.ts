/**
 * A small deterministic generator (mulberry32): every run of a benchmark sees the same data.
 * The same algorithm as the demo history's, without its helpers; not for anything secret.
 *
 * @example
 * ```ts
 * const rand = random(1000);
 * rand(); // a float in [0, 1), the same on every run
 * ```
 */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
