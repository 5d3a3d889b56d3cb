/**
 * The long fuzz run: the suite of `test/fuzz` (every public entry point of @kepu/survey and
 * @kepu/importer, hostile and mutated-valid inputs) with many more inputs per entry point than
 * `npm test` gives it, and a seed of your choice.
 *
 *   pnpm exec tsx bench/fuzz.bench.ts                 # 200,000 inputs per entry point, seed 1
 *   pnpm exec tsx bench/fuzz.bench.ts 1000000 42      # runs per entry point, seed
 *
 * The default test run uses 10,000 inputs and seed 20240916, fixed so CI fails the same way on
 * every machine. Here another seed explores inputs the default run never draws; a failure prints
 * its counterexample and the `KEPU_FUZZ_RUNS=… KEPU_FUZZ_SEED=…` line that replays it.
 *
 * What it reports besides pass or fail: inputs per second against the default run's, measured
 * in this process on the same machine (the suite's cost grows linearly; a drop in throughput
 * means an entry point got slower on hostile input).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 200_000);
const seed = Number(process.argv[3] ?? 1);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || seed < 1) {
  console.error('usage: tsx bench/fuzz.bench.ts [runs per entry point] [seed]');
  process.exit(2);
}

function suite(runsPerEntryPoint: number, fuzzSeed: number): { ok: boolean; seconds: number } {
  const started = performance.now();
  const run = spawnSync('pnpm', ['exec', 'vitest', 'run', 'test/fuzz'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, KEPU_FUZZ_RUNS: String(runsPerEntryPoint), KEPU_FUZZ_SEED: String(fuzzSeed) },
  });
  return { ok: run.status === 0, seconds: (performance.now() - started) / 1000 };
}

const baseline = suite(10_000, 20_240_916);
const long = suite(runs, seed);
const rate = (n: number, seconds: number) => n / seconds;
console.log(
  `\nlong run: ${runs} inputs per entry point, seed ${seed}: ${long.ok ? 'no raw error, no NaN' : 'FAILED'} in ${long.seconds.toFixed(0)} s`,
);
console.log(
  `throughput against the default run (10,000, same machine, this process): ${(rate(runs, long.seconds) / rate(10_000, baseline.seconds)).toFixed(2)}×`,
);
if (!long.ok) console.log(`replay: KEPU_FUZZ_RUNS=${runs} KEPU_FUZZ_SEED=${seed} pnpm exec vitest run test/fuzz`);
process.exit(long.ok && baseline.ok ? 0 : 1);
