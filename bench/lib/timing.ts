/**
 * Timing and memory helpers shared by the benchmarks. Times are wall-clock milliseconds from
 * `performance.now()`; benchmarks report ratios between contenders timed in the same process.
 */

/** A duration for a report line: `12.3 ms`. */
export const ms = (t: number): string => `${t.toFixed(1)} ms`;

/** The median of a non-empty list (the upper one of the two middle values for an even length). */
export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * Runs `run` `times` times and returns each run's duration: take the minimum for the cost
 * without noise, the median for a typical run.
 *
 * @example
 * ```ts
 * const best = Math.min(...timeRuns(7, () => loopScores(out)));
 * ```
 */
export function timeRuns(times: number, run: () => void): number[] {
  const out: number[] = [];
  for (let k = 0; k < times; k++) {
    const t0 = performance.now();
    run();
    out.push(performance.now() - t0);
  }
  return out;
}

/** `global.gc` when Node runs with `--expose-gc`, otherwise nothing. */
export const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Heap in use after two collections (meaningful with `--expose-gc`). */
export function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
