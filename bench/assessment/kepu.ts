/**
 * Contender (a): Kepu's own assessment of the province, on data held by `createAssessor`
 * (ingest timed apart), explained and in bulk mode; `assess()` end to end from JSON objects; and
 * the cost of re-assessing one county after one new observation.
 */
import { assess, createAssessor, type Scorecard } from '../../packages/core/src/index.js';
import { zhengningScheme } from '../../packages/plan-zhengning/src/index.js';
import { gc, heapUsed, median } from '../lib/timing.js';
import { PERIOD, type Province } from './province.js';

type Assessor = ReturnType<typeof createAssessor>;

/** Writes a scorecard's unit scores into `out` at `county × units + unit` (NaN for no score). */
export function unitScoresOf(p: Province, card: Scorecard, out: Float64Array, county: number): void {
  for (const sheet of card.sheets)
    for (const u of sheet.units)
      out[county * p.units.length + (p.unitPosition.get(u.unit) as number)] = u.score ?? Number.NaN;
}

export interface KepuRuns {
  readonly assessors: Assessor[];
  /** Unit scores of the explained and the bulk assessment. */
  readonly scores: Float64Array;
  readonly bulkScores: Float64Array;
  readonly ingestTimes: number[];
  readonly fullTimes: number[];
  readonly bulkTimes: number[];
  readonly heapPerObservation: number;
}

/** Ingests every county into its own assessor and assesses them all both ways, `rounds` times. */
export function runKepu(p: Province, rounds: number): KepuRuns {
  const scores = new Float64Array(p.counties * p.units.length);
  const bulkScores = new Float64Array(p.counties * p.units.length);
  const ingestTimes: number[] = [];
  const fullTimes: number[] = [];
  const bulkTimes: number[] = [];
  let assessors: Assessor[] = [];
  let heapPerObservation = 0;
  for (let round = 0; round < rounds; round++) {
    assessors = [];
    const before = heapUsed();
    let ingest = 0;
    for (let c = 0; c < p.counties; c++) {
      const inputs = p.countyInputs(c);
      const i0 = performance.now();
      const assessor = createAssessor(p.plan, zhengningScheme, { hashInputs: false });
      assessor.add(inputs);
      ingest += performance.now() - i0;
      assessors.push(assessor);
    }
    ingestTimes.push(ingest);
    heapPerObservation = (heapUsed() - before) / p.rows;
    // Both ways on the same assessors, in alternating order. Switching the mode starts an
    // assessor's cache afresh, so the second pass is a full assessment too, not a cache hit.
    const modes = round % 2 === 0 ? [true, false] : [false, true];
    for (const explain of modes) {
      gc();
      const a0 = performance.now();
      const per: number[] = [];
      for (let c = 0; c < p.counties; c++) {
        const x0 = performance.now();
        const card = (assessors[c] as Assessor).assess({ period: PERIOD, explain });
        unitScoresOf(p, card, explain ? scores : bulkScores, c);
        per.push(performance.now() - x0);
      }
      if (process.env.KEPU_BENCH_DEBUG) console.log(per.map((x) => x.toFixed(1)).join(' '));
      (explain ? fullTimes : bulkTimes).push(performance.now() - a0);
    }
  }
  return { assessors, scores, bulkScores, ingestTimes, fullTimes, bulkTimes, heapPerObservation };
}

/**
 * `assess()` from JSON objects with the inputs hashed, as it is normally called: the mean over
 * the first 10 counties, scaled to the province.
 */
export function endToEnd(p: Province, explain: boolean): number {
  let sum = 0;
  for (let c = 0; c < 10; c++) {
    const inputs = p.countyInputs(c);
    const e0 = performance.now();
    assess(p.plan, zhengningScheme, inputs, { period: PERIOD, ...(explain ? {} : { explain: false }) });
    sum += performance.now() - e0;
  }
  return (sum / 10) * p.counties;
}

/**
 * One new observation in county 0, then that county re-assessed, 60 times: the median time
 * (after 10 warm-ups), and whether the result equals a fresh assessment of the same records.
 */
export function incremental(p: Province, target: Assessor): { time: number; agrees: boolean } {
  const times: number[] = [];
  const added = (k: number) => ({
    observations: [
      {
        indicator: 'science-china-dissemination',
        unit: p.units[k % p.units.length] as string,
        period: PERIOD,
        date: '2025-12-30',
        value: 100 + k,
      },
    ],
  });
  for (let k = 0; k < 60; k++) {
    target.add(added(k));
    const r0 = performance.now();
    const card = target.assess({ period: PERIOD });
    times.push(performance.now() - r0);
    if (k === 59) unitScoresOf(p, card, new Float64Array(p.counties * p.units.length), 0);
  }
  const fresh = createAssessor(p.plan, zhengningScheme, { hashInputs: false });
  fresh.add(p.countyInputs(0));
  for (let k = 0; k < 60; k++) fresh.add(added(k));
  const agrees = JSON.stringify(fresh.assess({ period: PERIOD })) === JSON.stringify(target.assess({ period: PERIOD }));
  return { time: median(times.slice(10)), agrees };
}
