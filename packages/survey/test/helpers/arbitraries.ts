import fc from 'fast-check';

/** A synthetic stratified cluster sample: every stratum has at least two units. */
export interface SampleCase {
  readonly strata: string[];
  readonly psu: string[];
  readonly weights: number[];
  readonly y: number[];
  readonly binary: number[];
  readonly groups: string[];
}

const record = fc.record({
  weight: fc.double({ min: 0.5, max: 200, noNaN: true }),
  y: fc.integer({ min: 0, max: 100 }),
  binary: fc.integer({ min: 0, max: 1 }),
  group: fc.constantFrom('urban', 'rural'),
});

const unit = fc.array(record, { minLength: 1, maxLength: 5 });
const stratum = fc.array(unit, { minLength: 2, maxLength: 5 });

/** Stratified two-level samples with 1–4 strata, 2–5 units per stratum, 1–5 records per unit. */
export const sampleArb: fc.Arbitrary<SampleCase> = fc.array(stratum, { minLength: 1, maxLength: 4 }).map((strata) => {
  const out: SampleCase = { strata: [], psu: [], weights: [], y: [], binary: [], groups: [] };
  strata.forEach((units, s) => {
    units.forEach((records, u) => {
      for (const r of records) {
        out.strata.push(`s${s}`);
        out.psu.push(`u${u}`);
        out.weights.push(r.weight);
        out.y.push(r.y);
        out.binary.push(r.binary);
        out.groups.push(r.group);
      }
    });
  });
  return out;
});

/** A permutation of 0..n-1 drawn from a seed. */
export function permutation(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let state = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Relative closeness for floating-point laws. */
export function close(a: number, b: number, tolerance = 1e-9): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}
