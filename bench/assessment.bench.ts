/**
 * Assessment at province scale: 100 counties with the Zhengning structure (16 departments and
 * 10 townships each), four years (2022–2025) of monthly observations — about 1,000,000 — plus
 * every reviewer's scores. In one run, on the same rows:
 *
 *   (a) Kepu: a full assessment of every county (targets, tasks, units with every explanation,
 *       grades, ranks), on data held by createAssessor (ingest — validation and indexing — is
 *       timed apart, as is assess() from plain JSON objects end to end); and the same in bulk
 *       mode (`explain: false`: the same numbers, no explanations built);
 *   (b) SQLite (better-sqlite3): the same unit scores computed by one SQL query over the same
 *       rows, loaded and indexed beforehand;
 *   (c) a hand-written loop over typed arrays computing the same unit scores: the floor.
 *
 * It prints the ratios for both ways of (a) (goals: (a) ≤ 2 × (c); (a) ≥ 5 × faster than (b)), the heap per
 * observation, and the cost of re-assessing a county after one new observation relative to a
 * full run (goal ≤ 1/1000), and checks that the three agree on every unit's score.
 *
 *   pnpm exec tsx bench/assessment.bench.ts      (or: pnpm --filter @kepu/bench run assessment)
 *
 * Not a test: nothing here asserts a time. Workspace packages are imported from source, which
 * needs Node's `source` export condition; without it, this script runs itself again with it.
 *
 * The parts live in `assessment/`: the synthetic province (province.ts) and the three contenders
 * (kepu.ts, sql-baseline.ts, typed-array-floor.ts).
 */
import { relaunchWithSourceCondition } from './lib/source-condition.js';

relaunchWithSourceCondition(import.meta.url, ['--expose-gc', '--max-old-space-size=6144']);

const { createProvince, YEARS } = await import('./assessment/province.js');
const { endToEnd, incremental, runKepu } = await import('./assessment/kepu.js');
const { loopScores } = await import('./assessment/typed-array-floor.js');
const { runSqlBaseline } = await import('./assessment/sql-baseline.js');
const { heapUsed, ms, timeRuns } = await import('./lib/timing.js');

const COUNTIES = Number(process.env.KEPU_BENCH_COUNTIES ?? 100);
const province = createProvince(COUNTIES);
const { departments, townships, units, rows: observationCount } = province;
console.log(
  `Province: ${COUNTIES} counties × (${departments.length} departments + ${townships.length} townships), ${YEARS[0]}–${YEARS.at(-1)} monthly: ${observationCount.toLocaleString('en-US')} observations, ${(province.itemReviews.length + province.taskReviews.length).toLocaleString('en-US')} reviews (generated in ${(province.generatedMs / 1000).toFixed(1)} s)`,
);

// --- (a) Kepu ------------------------------------------------------------------------------
const kepu = runKepu(province, Number(process.env.KEPU_BENCH_ROUNDS ?? 3));
const { fullTimes, bulkTimes, ingestTimes } = kepu;
const fullTime = Math.min(...fullTimes);
const bulkTime = Math.min(...bulkTimes);
if (process.env.KEPU_BENCH_ONLY === 'kepu') {
  console.log(
    `(a) ${fullTimes.map((t) => t.toFixed(0)).join(', ')} ms; bulk ${bulkTimes.map((t) => t.toFixed(0)).join(', ')} ms; ingest ${ingestTimes.map((t) => t.toFixed(0)).join(', ')} ms`,
  );
  process.exit(0);
}
const endToEndExplained = endToEnd(province, true);
const endToEndBulk = endToEnd(province, false);
const { time: incrementalTime, agrees: incrementalAgrees } = incremental(
  province,
  kepu.assessors[0] as (typeof kepu.assessors)[number],
);

// --- (c) typed-array loop --------------------------------------------------------------------
const loopScoresOut = new Float64Array(COUNTIES * units.length);
const loopTime = Math.min(...timeRuns(7, () => loopScores(province, loopScoresOut)));

// --- (b) SQLite ------------------------------------------------------------------------------
const sql = runSqlBaseline(province);
const sqlTime = Math.min(...sql.times);

// --- agreement ---------------------------------------------------------------------------------
/** The largest difference between two score lists; a NaN on one side only counts as infinite. */
const maxDiff = (a: Float64Array, b: Float64Array) => {
  let worst = 0;
  for (let k = 0; k < a.length; k++)
    worst = Math.max(
      worst,
      Math.abs((a[k] as number) - (b[k] as number)) ||
        (Number.isNaN((a[k] as number) - (b[k] as number)) ? Number.POSITIVE_INFINITY : 0),
    );
  return worst;
};
const heapObjects = (() => {
  // Heap held by the inputs as plain JSON objects (for comparison with Kepu's indexed state).
  const before = heapUsed();
  const copy = Array.from({ length: COUNTIES }, (_, c) => province.countyInputs(c).observations);
  const after = heapUsed();
  const per = (after - before) / observationCount;
  copy.length = 0;
  return per;
})();

const line = '─'.repeat(78);
console.log(line);
console.log(
  `(a) Kepu, full assessment of the province (data held by createAssessor)  ${ms(fullTime)}  (runs: ${fullTimes.map((t) => t.toFixed(0)).join(', ')} ms)`,
);
console.log(
  `(a′) Kepu, the same in bulk mode (explain: false), same assessors         ${ms(bulkTime)}  (runs: ${bulkTimes.map((t) => t.toFixed(0)).join(', ')} ms)`,
);
console.log(
  `    ingest: validate and index ${observationCount.toLocaleString('en-US')} observations   ${ms(Math.min(...ingestTimes))}`,
);
console.log(`    assess() from JSON objects end to end, inputs hashed (10 counties ×10)  ${ms(endToEndExplained)}`);
console.log(`    the same, bulk mode (explain: false)                                  ${ms(endToEndBulk)}`);
console.log(
  `(b) SQLite, the same unit scores by one SQL query                      ${ms(sqlTime)}  (load + index: ${ms(sql.loadMs)})`,
);
console.log(`(c) typed-array loop, the same unit scores (floor)                      ${ms(loopTime)}`);
console.log(line);
console.log(
  `(a) / (c) = ${(fullTime / loopTime).toFixed(1)}× explained, ${(bulkTime / loopTime).toFixed(1)}× bulk   goal ≤ 2×`,
);
console.log(
  `(b) / (a) = ${(sqlTime / fullTime).toFixed(1)}× explained, ${(sqlTime / bulkTime).toFixed(1)}× bulk   goal ≥ 5× (Kepu faster than SQL)`,
);
console.log(
  `heap per observation: Kepu's indexed state ${kepu.heapPerObservation.toFixed(0)} B; the same observations as JSON objects ${heapObjects.toFixed(0)} B`,
);
console.log(
  `incremental: one new observation, its county re-assessed: ${(incrementalTime * 1000).toFixed(0)} µs = 1/${Math.round(fullTime / incrementalTime)} of a full run   goal ≤ 1/1000   (equals a fresh assessment: ${incrementalAgrees})`,
);
console.log(
  `agreement on ${COUNTIES * units.length} unit scores: max |Kepu − SQL| = ${maxDiff(kepu.scores, sql.scores).toExponential(1)}, max |Kepu − loop| = ${maxDiff(kepu.scores, loopScoresOut).toExponential(1)}, max |bulk − explained| = ${maxDiff(kepu.bulkScores, kepu.scores).toExponential(1)}`,
);
