/**
 * The plan-text importer on the Zhengning seed and on the seed repeated ×1 … ×100 (up to about
 * 1.1 million characters, 3,300 tasks):
 *
 *   pnpm exec tsx bench/importer.bench.ts
 *
 * 1. The seed alone: median time of one import (goal: well under 10 ms), and how much of it is
 *    core's validatePlan.
 * 2. Growth: CPU time per character at each size (best run), as a ratio to the ×1 time per
 *    character in the same run. Linear time keeps the ratio near 1 at every size; a quadratic step would double it
 *    with every doubling of the size.
 * 3. Against a floor measured in the same run: NFKC-normalising the text, splitting it into lines
 *    and matching one heading pattern per line — the least any reader of these texts does.
 *
 * Workspace packages are imported from source, which needs Node's `source` export condition;
 * when started without it, this script runs itself again with it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

if (!process.execArgv.some((arg) => arg.includes('conditions=source'))) {
  const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}

const { importPlan } = await import('../packages/importer/src/index.js');
const { validatePlan } = await import('../packages/core/src/index.js');

const seed = readFileSync(
  fileURLToPath(new URL('../packages/plan-zhengning/source/zhengning-2022-2025.txt', import.meta.url)),
  'utf8',
);
const SIZES = [1, 2, 5, 10, 20, 50, 100];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Time of `f` in milliseconds over enough runs to last about `budgetMs`: the median wall time,
 * and the best run's CPU time (user + system of this process), which other work on a shared
 * machine disturbs least. Ratios are taken on the CPU time.
 */
function measure(f: () => unknown, budgetMs: number): { median: number; best: number } {
  const t0 = performance.now();
  f();
  const once = Math.max(performance.now() - t0, 0.01);
  const runs = Math.max(5, Math.min(200, Math.round(budgetMs / once)));
  for (let i = 0; i < Math.min(runs, 10); i++) f();
  const times: number[] = [];
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const c = process.cpuUsage();
    f();
    const cpu = process.cpuUsage(c);
    times.push(performance.now() - s);
    best = Math.min(best, (cpu.user + cpu.system) / 1000);
  }
  return { median: median(times), best };
}

const HEADING = /^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、])/;
function floor(text: string): number {
  let headings = 0;
  for (const line of text.normalize('NFKC').split('\n')) if (HEADING.test(line.trim())) headings++;
  return headings;
}

const tasksOf = (result: ReturnType<typeof importPlan>) =>
  result.draft.parts.reduce((n, p) => n + (p.sections ?? []).reduce((m, s) => m + (s.tasks?.length ?? 0), 0), 0);

// --- 1. the seed -----------------------------------------------------------------------------------
const seedResult = importPlan(seed);
// Let the JIT settle before the first measurement.
for (const end = performance.now() + 1000; performance.now() < end; ) importPlan(seed);
const seedMs = measure(() => importPlan(seed), 1500);
const validateMs = measure(() => validatePlan(seedResult.draft), 500).median;
console.log(`importer bench — Node ${process.version}, ${seed.length.toLocaleString('en-US')} characters in the seed`);
console.log('');
console.log(
  `seed: ${seedMs.median.toFixed(2)} ms per import (median wall time; best CPU time ${seedMs.best.toFixed(2)} ms), ${tasksOf(seedResult)} tasks, ` +
    `valid: ${seedResult.plan !== undefined}; ` +
    `validatePlan ${validateMs.toFixed(2)} ms of it`,
);
console.log(
  `goal: well under 10 ms — ${seedMs.median < 10 ? 'met' : 'NOT MET (is the machine busy? compare the best run)'}`,
);
console.log('');

// --- 2 and 3. growth and floor -------------------------------------------------------------------------
console.log('size   characters   tasks   median ms   best CPU ms   ns/char   ratio to ×1   floor ms   import/floor');
let base = 0;
let worst = 0;
let at100 = 0;
let floorBase = 0;
let floorAt100 = 0;
for (const k of SIZES) {
  const text = Array.from({ length: k }, () => seed).join('\n');
  const result = importPlan(text);
  const time = measure(() => importPlan(text), 2500);
  const ms = time.best;
  const floorMs = measure(() => floor(text), 500).best;
  const perChar = (ms * 1e6) / text.length;
  if (k === 1) base = perChar;
  const ratio = perChar / base;
  const floorPerChar = floorMs / text.length;
  if (k === 1) floorBase = floorPerChar;
  if (k === 100) {
    at100 = ratio;
    floorAt100 = floorPerChar;
  }
  worst = Math.max(worst, ratio);
  console.log(
    [
      `×${k}`.padEnd(6),
      text.length.toLocaleString('en-US').padStart(10),
      String(tasksOf(result)).padStart(7),
      time.median.toFixed(2).padStart(11),
      ms.toFixed(2).padStart(13),
      perChar.toFixed(0).padStart(9),
      ratio.toFixed(2).padStart(13),
      floorMs.toFixed(2).padStart(10),
      (ms / floorMs).toFixed(1).padStart(14),
    ].join(' '),
  );
}
console.log('');
console.log(`largest time-per-character ratio to ×1: ${worst.toFixed(2)} (linear growth keeps it near 1)`);
console.log(
  `goal: time per character at ×100 within 1.3× of ×1 — ${at100 <= 1.3 ? 'met' : 'NOT MET'} (${at100.toFixed(2)}; the floor's own ratio: ${(floorAt100 / floorBase).toFixed(2)})`,
);
