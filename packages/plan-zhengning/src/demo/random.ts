/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same sequence on every
 * platform, so a demo history is reproducible. Not for anything secret.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** A value near 0 with spread `sd` (sum of uniforms: bounded, roughly normal). */
  noise(sd: number): number;
  /** `n` distinct elements of a list, in the list's order. */
  sample<T>(list: readonly T[], n: number): T[];
  /** 64 lowercase hex digits, for made-up file digests. */
  hex64(): string;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)] as (typeof list)[number],
    noise: (sd) => ((next() + next() + next() + next() - 2) / Math.sqrt(4 / 12)) * sd,
    sample(list, n) {
      const keys = list.map((item, i) => ({ item, i, key: next() }));
      const chosen = [...keys].sort((a, b) => a.key - b.key).slice(0, n);
      return chosen.sort((a, b) => a.i - b.i).map((x) => x.item);
    },
    hex64() {
      let out = '';
      for (let i = 0; i < 8; i++)
        out += Math.floor(next() * 4294967296)
          .toString(16)
          .padStart(8, '0');
      return out;
    },
  };
  return random;
}
