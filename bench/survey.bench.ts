/**
 * Survey estimation at county-survey scale and far beyond: 1,000,000 synthetic respondents.
 *
 *   pnpm exec tsx bench/survey.bench.ts
 *
 * 1. The literacy rate with its confidence interval for every township (design-based, domain
 *    estimates on the full stratified cluster design) against a hand-written typed-array loop
 *    that only sums weights and weighted indicators by township — the least any rate needs.
 *    Both run in this process on the same data; the ratio is what to watch (goal ≤ 3×).
 * 2. Raking the 1,000,000 weights to four population margins (township, urban/rural, sex, age
 *    band): time and number of sweeps.
 *
 * Workspace packages are imported from source, which needs Node's `source` export condition;
 * when started without it, this script runs itself again with it.
 */
import { random } from './lib/random.js';
import { relaunchWithSourceCondition } from './lib/source-condition.js';

relaunchWithSourceCondition(import.meta.url);

const { createDesign, estimateByGroup, estimateProportion, rake } = await import('../packages/survey/src/index.js');

const N = 1_000_000;
const TOWNSHIPS = 20;
const VILLAGES_PER_TOWNSHIP = 50;
const AGE_BANDS = 6;

const rand = random(20_240_601);
const township = new Int32Array(N);
const village = new Int32Array(N);
const urban = new Uint8Array(N);
const sex = new Uint8Array(N);
const age = new Uint8Array(N);
const weight = new Float64Array(N);
const literate = new Uint8Array(N);
for (let i = 0; i < N; i++) {
  const t = Math.floor((i / N) * TOWNSHIPS);
  township[i] = t;
  village[i] = t * VILLAGES_PER_TOWNSHIP + Math.floor(rand() * VILLAGES_PER_TOWNSHIP);
  urban[i] = rand() < 0.35 ? 1 : 0;
  sex[i] = rand() < 0.5 ? 1 : 0;
  age[i] = Math.floor(rand() * AGE_BANDS);
  weight[i] = 40 + rand() * 160;
  const p = 0.06 + 0.004 * t + (urban[i] ? 0.07 : 0) - 0.01 * age[i]!;
  literate[i] = rand() < Math.max(0.01, p) ? 1 : 0;
}

function time<T>(run: () => T, repeats = 7): { ms: number; value: T } {
  let value = run(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = process.hrtime.bigint();
    value = run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, value };
}

console.log(
  `respondents: ${N.toLocaleString('en')}, townships: ${TOWNSHIPS}, villages: ${TOWNSHIPS * VILLAGES_PER_TOWNSHIP}`,
);

const setup = time(() => createDesign({ weights: weight, strata: township, psu: village }), 1);
const design = setup.value;
console.log(`design compiled once:                 ${setup.ms.toFixed(1)} ms`);

// Baseline: weighted rate by township, nothing else.
const baseline = time(() => {
  const sw = new Float64Array(TOWNSHIPS);
  const swy = new Float64Array(TOWNSHIPS);
  for (let i = 0; i < N; i++) {
    const t = township[i]!;
    const w = weight[i]!;
    sw[t]! += w;
    swy[t]! += w * literate[i]!;
  }
  const rates = new Float64Array(TOWNSHIPS);
  for (let t = 0; t < TOWNSHIPS; t++) rates[t] = swy[t]! / sw[t]!;
  return rates;
});
const kepu = time(() => estimateByGroup(design, literate, township, { statistic: 'proportion' }));
for (let t = 0; t < TOWNSHIPS; t++) {
  if (Math.abs(kepu.value[t]!.point - baseline.value[t]!) > 1e-9) throw new Error(`township ${t}: rates differ`);
}
const ratio = kepu.ms / baseline.ms;
console.log(`typed-array weighted-sum loop:        ${baseline.ms.toFixed(2)} ms`);
console.log(`rate + CI + df + deff + flags by township: ${kepu.ms.toFixed(2)} ms`);
console.log(`ratio: ${ratio.toFixed(2)}× (goal ≤ 3×)${ratio <= 3 ? '' : '  ← above goal'}`);
const sample = kepu.value[0]!;
console.log(
  `  township 0: ${(sample.point * 100).toFixed(2)}% [${(sample.ci.lower * 100).toFixed(2)}, ${(sample.ci.upper * 100).toFixed(2)}], df ${sample.df}, deff ${sample.deff?.toFixed(2)}`,
);
const county = time(() => estimateProportion(design, literate), 3);
console.log(`county rate (one domain, general path): ${county.ms.toFixed(1)} ms`);

// Raking to four margins. Population margins come from a different age and urban mix than the
// sample, so the weights have to move.
const populationOf = (codes: Uint8Array | Int32Array, count: number, shares: readonly number[]) => {
  const total = weight.reduce((a, b) => a + b, 0);
  const out: Record<string, number> = {};
  for (let c = 0; c < count; c++) out[String(c)] = total * shares[c]!;
  void codes;
  return out;
};
const even = (k: number) => Array.from({ length: k }, () => 1 / k);
const margins = [
  { name: 'township', cells: township, population: populationOf(township, TOWNSHIPS, even(TOWNSHIPS)) },
  { name: 'urban', cells: urban, population: populationOf(urban, 2, [0.6, 0.4]) },
  { name: 'sex', cells: sex, population: populationOf(sex, 2, [0.49, 0.51]) },
  { name: 'age', cells: age, population: populationOf(age, AGE_BANDS, [0.2, 0.19, 0.18, 0.17, 0.14, 0.12]) },
];
const raking = time(() => rake(design, { margins }), 3);
console.log(
  `raking 1,000,000 × 4 margins:         ${raking.ms.toFixed(0)} ms, ${raking.value.iterations} sweeps, converged: ${raking.value.converged}, last change ${raking.value.delta.toPrecision(3)} persons`,
);
const raked = time(() => estimateProportion(raking.value.design, literate), 1);
console.log(`county rate on the raked design:      ${raked.ms.toFixed(0)} ms (variance with raking residuals)`);
