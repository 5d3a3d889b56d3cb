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
 * 3. Where the growth goes: the garbage collector's pauses during an import (median), the bytes
 *    per character its young-generation collections moved to the old generation (a count, which
 *    a busy machine does not change), the ratio of the best run's time outside the pauses, and
 *    the minor page faults per 1,000 characters. At ×1 an import's objects die young, before any
 *    collection, in pages already mapped; from about ×10 on, what an import keeps until it
 *    returns (a hundred times more at ×100) outlives several young-generation collections, is
 *    copied and promoted into freshly mapped pages, and every string or array over V8's
 *    large-object size (128 KB) gets fresh pages of its own. That is a cost per character that
 *    steps up once, with the size of what is held, not a step of the importer that keeps growing
 *    with the text: compare ×100 with ×50 on the last line.
 * 4. Against a floor measured in the same run: NFKC-normalising the text, splitting it into lines
 *    and matching one heading pattern per line — the least any reader of these texts does. The
 *    floor's own ratio grows too, for the second reason: `String.prototype.normalize` writes one
 *    large string, into fresh pages from ×10 on (the floor's page faults: almost none at ×1, about
 *    one per 2,000 characters above 128 KB), and splits it into lines that outlive a collection.
 *
 * Workspace packages are imported from source, which needs Node's `source` export condition;
 * when started without it, this script runs itself again with it.
 */
import { GCProfiler } from 'node:v8';
import { relaunchWithSourceCondition } from './lib/source-condition.js';
import { median } from './lib/timing.js';

relaunchWithSourceCondition(import.meta.url);

const { importPlan } = await import('../packages/importer/src/index.js');
const { validatePlan } = await import('../packages/core/src/index.js');
const { readSeed, repeatedSeed } = await import('../packages/importer/test/helpers.js');

const seed = readSeed();
const SIZES = [1, 2, 5, 10, 20, 50, 100];

/** What {@link measure} reports, in milliseconds. */
interface Measured {
  /** Median wall time of a run. */
  readonly median: number;
  /** The best run's CPU time (user + system of this process). */
  readonly best: number;
  /** The best run's wall time less the garbage collector's pauses in it. */
  readonly bestOutsideGc: number;
  /** Median time a run spent in garbage-collection pauses. */
  readonly gc: number;
  /** Bytes per run that young-generation collections moved to the old generation (median). */
  readonly promoted: number;
  /** Minor page faults per run. */
  readonly faults: number;
}

/**
 * Time of `f` over enough runs to last about `budgetMs`: the median wall time, and the best run's
 * CPU time, which other work on a shared machine disturbs least. Ratios are taken on the CPU
 * time. Each run's garbage-collection pauses come from V8's GC profiler; they are wall time, so
 * the time outside them is the best run's wall time less its pauses.
 */
function measure(f: () => unknown, budgetMs: number): Measured {
  const t0 = performance.now();
  f();
  const once = Math.max(performance.now() - t0, 0.01);
  const runs = Math.max(5, Math.min(200, Math.round(budgetMs / once)));
  for (let i = 0; i < Math.min(runs, 10); i++) f();
  const times: number[] = [];
  const pauses: number[] = [];
  const promoted: number[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestOutsideGc = Number.POSITIVE_INFINITY;
  const faults0 = process.resourceUsage().minorPageFault;
  for (let i = 0; i < runs; i++) {
    const profiler = new GCProfiler();
    profiler.start();
    const s = performance.now();
    const c = process.cpuUsage();
    f();
    const cpu = process.cpuUsage(c);
    times.push(performance.now() - s);
    const collections = profiler.stop()?.statistics ?? [];
    const pause = collections.reduce((sum, gc) => sum + gc.cost, 0) / 1000;
    pauses.push(pause);
    promoted.push(collections.filter((gc) => gc.gcType === 'Scavenge').reduce((sum, gc) => sum + oldGrowth(gc), 0));
    best = Math.min(best, (cpu.user + cpu.system) / 1000);
    bestOutsideGc = Math.min(bestOutsideGc, (times[i] as number) - pause);
  }
  const faults = (process.resourceUsage().minorPageFault - faults0) / runs;
  return { median: median(times), best, bestOutsideGc, gc: median(pauses), promoted: median(promoted), faults };
}

/** How much one collection grew the old generation (its regular and large-object spaces). */
function oldGrowth(gc: { beforeGC: HeapSnapshotOfGc; afterGC: HeapSnapshotOfGc }): number {
  const used = (at: HeapSnapshotOfGc) =>
    at.heapSpaceStatistics
      .filter((space) => space.spaceName === 'old_space' || space.spaceName === 'large_object_space')
      .reduce((sum, space) => sum + space.spaceUsedSize, 0);
  return Math.max(0, used(gc.afterGC) - used(gc.beforeGC));
}

type HeapSnapshotOfGc = { heapSpaceStatistics: ReadonlyArray<{ spaceName: string; spaceUsedSize: number }> };

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

// --- 2, 3 and 4. growth, where it goes, and the floor ------------------------------------------------
console.log(
  'size   characters   tasks   median ms   best CPU ms   ns/char   ratio to ×1   GC ms   promoted B/char   ratio outside GC' +
    '   faults/1k chars   floor ms   floor faults/1k   import/floor',
);
const perCharAt = new Map<number, { all: number; outsideGc: number; gcShare: number; floor: number }>();
let worst = 0;
for (const k of SIZES) {
  const text = repeatedSeed(k);
  const result = importPlan(text);
  const time = measure(() => importPlan(text), 2500);
  const floorTime = measure(() => floor(text), 500);
  const perK = (ms: number) => (ms * 1e6) / text.length;
  perCharAt.set(k, {
    all: perK(time.best),
    outsideGc: perK(time.bestOutsideGc),
    gcShare: time.gc / time.median,
    floor: perK(floorTime.best),
  });
  const first = perCharAt.get(1) as { all: number; outsideGc: number };
  const ratio = perK(time.best) / first.all;
  worst = Math.max(worst, ratio);
  console.log(
    [
      `×${k}`.padEnd(6),
      text.length.toLocaleString('en-US').padStart(10),
      String(tasksOf(result)).padStart(7),
      time.median.toFixed(2).padStart(11),
      time.best.toFixed(2).padStart(13),
      perK(time.best).toFixed(0).padStart(9),
      ratio.toFixed(2).padStart(13),
      time.gc.toFixed(2).padStart(7),
      (time.promoted / text.length).toFixed(1).padStart(17),
      (perK(time.bestOutsideGc) / first.outsideGc).toFixed(2).padStart(18),
      ((time.faults * 1000) / text.length).toFixed(2).padStart(17),
      floorTime.best.toFixed(2).padStart(10),
      ((floorTime.faults * 1000) / text.length).toFixed(2).padStart(17),
      (time.best / floorTime.best).toFixed(1).padStart(14),
    ].join(' '),
  );
}
const at = (k: number) => perCharAt.get(k) as { all: number; outsideGc: number; gcShare: number; floor: number };
const at100 = at(100).all / at(1).all;
console.log('');
console.log(`largest time-per-character ratio to ×1: ${worst.toFixed(2)} (linear growth keeps it near 1)`);
console.log(
  `goal: time per character at ×100 within 1.3× of ×1 — ${at100 <= 1.3 ? 'met' : 'NOT MET'} (${at100.toFixed(2)}; the floor's own ratio: ${(at(100).floor / at(1).floor).toFixed(2)})`,
);
console.log(
  `outside garbage collection: ratio ${(at(100).outsideGc / at(1).outsideGc).toFixed(2)} at ×100; ` +
    `GC pauses take ${(at(1).gcShare * 100).toFixed(0)}% of a ×1 import's median time and ${(at(100).gcShare * 100).toFixed(0)}% of a ×100 one's`,
);
console.log(
  `×100 against ×50, both past the young generation and the large-object size: ratio ${(at(100).all / at(50).all).toFixed(2)} ` +
    '(a quadratic step would make it 2)',
);
