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
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.execArgv.some((arg) => arg.includes('conditions=source'))) {
  const run = spawnSync(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      '--expose-gc',
      '--max-old-space-size=6144',
      fileURLToPath(import.meta.url),
    ],
    { stdio: 'inherit' },
  );
  process.exit(run.status ?? 1);
}

const { assess, createAssessor, indexPlan, parsePlan } = await import('../packages/core/src/index.js');
const { zhengningPlanInput, zhengningScheme } = await import('../packages/plan-zhengning/src/index.js');
const { default: Database } = await import('better-sqlite3');

type AssessmentInputsInput = import('../packages/core/src/index.js').AssessmentInputsInput;
type Scorecard = import('../packages/core/src/index.js').Scorecard;

const COUNTIES = Number(process.env.KEPU_BENCH_COUNTIES ?? 100);
const YEARS = [2022, 2023, 2024, 2025];
const PERIOD = 2025;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

// --- the plan: Zhengning with a sixteenth department -------------------------------------------
// The seed names fifteen departments; a sixteenth (county meteorological bureau) co-leads the
// emergency science task 四（四）1 and sits in the leading group, as such a bureau usually does.
const planInput = structuredClone(zhengningPlanInput) as unknown as {
  orgUnits: Array<{ id: string; name: string; kind: string; members?: string[] }>;
  parts: Array<{ sections: Array<{ tasks: Array<{ path: string; leads: string[] }> }> }>;
};
planInput.orgUnits.push({ id: 'meteorology', name: '县气象局', kind: 'government-department' });
for (const unit of planInput.orgUnits) if (unit.members) unit.members.push('meteorology');
for (const part of planInput.parts)
  for (const section of part.sections ?? [])
    for (const task of section.tasks ?? []) if (task.path === '4.4.1') task.leads.push('meteorology');
const plan = parsePlan(planInput);
const index = indexPlan(plan);
const departments = plan.orgUnits.filter((u) => u.kind !== 'group' && u.kind !== 'township').map((u) => u.id);
const townships = plan.orgUnits.filter((u) => u.kind === 'township').map((u) => u.id);
const units = [...departments, ...townships];
const unitPosition = new Map(units.map((u, i) => [u, i]));
if (departments.length !== 16 || townships.length !== 10) throw new Error('expected 16 departments and 10 townships');

// --- deterministic data ----------------------------------------------------------------------
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IND = { dissemination: 0, registrations: 1, bases: 2, tutor: 3, funding: 4, literacy: 5, classes: 6 } as const;
const INDICATOR_IDS = [
  'science-china-dissemination',
  'science-china-registrations',
  'science-bases-created',
  'schools-with-science-tutor',
  'science-funding',
  'literacy-rate',
  'weekly-science-classes',
];
const LEVELS = ['provincial', 'city', 'county'];
const BANDS = ['grade-2', 'grades-3-6', 'middle-school'];

// Column-wise rows, shared by the three contenders.
const capacity = COUNTIES * YEARS.length * 12 * (units.length * 8 + 3);
const col = {
  county: new Int32Array(capacity),
  indicator: new Int32Array(capacity),
  category: new Int32Array(capacity),
  unit: new Int32Array(capacity),
  period: new Int32Array(capacity),
  date: new Int32Array(capacity),
  value: new Float64Array(capacity),
  num: new Float64Array(capacity),
  den: new Float64Array(capacity),
};
let rows = 0;
function row(
  county: number,
  indicator: number,
  category: number,
  unit: number,
  period: number,
  date: number,
  value: number,
  num: number,
  den: number,
) {
  col.county[rows] = county;
  col.indicator[rows] = indicator;
  col.category[rows] = category;
  col.unit[rows] = unit;
  col.period[rows] = period;
  col.date[rows] = date;
  col.value[rows] = value;
  col.num[rows] = num;
  col.den[rows] = den;
  rows++;
}

const reviewerItems = zhengningScheme.sheets.map((sheet) =>
  sheet.groups.flatMap((g) => g.items).filter((i) => i.rule === 'reviewer'),
);
const measuredTasks = new Set(['3.1.2', '3.1.5', '4.2.3', '4.3.3']);
const reviewedTasks = index.tasks.map((t) => t.task.path).filter((p) => !measuredTasks.has(p));
type ItemReview = { county: number; unit: number; item: string; score: number; outOf: number };
type TaskReview = { county: number; task: string; score: number };
const itemReviews: ItemReview[] = [];
const taskReviews: TaskReview[] = [];

const t0 = performance.now();
for (let c = 0; c < COUNTIES; c++) {
  const rand = random(1000 + c);
  const unitBase = units.map(() => 300 + rand() * 800);
  const unitTrend = units.map(() => 0.9 + rand() * 0.3);
  for (const period of YEARS) {
    for (let m = 1; m <= 12; m++) {
      const date = period * 10_000 + m * 100 + 28;
      for (let u = 0; u < units.length; u++) {
        const years = period - 2022;
        row(
          c,
          IND.dissemination,
          0,
          u,
          period,
          date,
          Math.round((unitBase[u] as number) * (unitTrend[u] as number) ** years * (0.8 + 0.4 * rand())),
          0,
          0,
        );
        row(
          c,
          IND.registrations,
          0,
          u,
          period,
          date,
          Math.round(1000 + 10 * m + 120 * years * ((unitTrend[u] as number) - 1) * 10 + 20 * rand()),
          0,
          0,
        );
        for (let level = 0; level < 3; level++)
          row(c, IND.bases, level, u, period, date, rand() < [0.0016, 0.0024, 0.004][level]! ? 1 : 0, 0, 0);
        row(c, IND.tutor, 0, u, period, date, 0, rand() < 0.9 ? 5 : 4, 5);
        row(c, IND.funding, 0, u, period, date, Math.round((0.5 + rand()) * 100) / 100, 0, 0);
        row(c, IND.literacy, 0, u, period, date, 0, Math.round(7 + years + 6 * rand()), 100);
      }
      for (let band = 0; band < 3; band++) {
        const v = [rand() < 0.8 ? 2 : 1.5, rand() < 0.8 ? 2.5 : 1.8, 1][band] as number;
        row(c, IND.classes, band, 0, period, date, v, 0, 0);
      }
    }
  }
  zhengningScheme.sheets.forEach((_sheet, s) => {
    for (const unit of s === 0 ? departments : townships) {
      for (const item of reviewerItems[s] ?? []) {
        itemReviews.push({
          county: c,
          unit: unitPosition.get(unit) as number,
          item: item.id,
          score: Math.round(item.points * (0.6 + 0.4 * rand()) * 2) / 2,
          outOf: item.points,
        });
      }
    }
  });
  for (const task of reviewedTasks) taskReviews.push({ county: c, task, score: 6 + Math.floor(rand() * 5) });
}
const observationCount = rows;
console.log(
  `Province: ${COUNTIES} counties × (${departments.length} departments + ${townships.length} townships), ${YEARS[0]}–${YEARS.at(-1)} monthly: ${observationCount.toLocaleString('en-US')} observations, ${(itemReviews.length + taskReviews.length).toLocaleString('en-US')} reviews (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);

// --- Kepu's inputs, as JSON objects ---------------------------------------------------------
function dateText(key: number): string {
  return `${Math.floor(key / 10_000)}-${String(Math.floor(key / 100) % 100).padStart(2, '0')}-${String(key % 100).padStart(2, '0')}`;
}
// Rows are sorted by county, so a county's rows are one contiguous range.
const firstRow = new Int32Array(COUNTIES + 1);
for (let k = 0, c = 0; c <= COUNTIES; c++) {
  while (k < rows && (col.county[k] as number) < c) k++;
  firstRow[c] = k;
}
const evidence = [{ title: '佐证材料已报县科协备案', filed: true }];
const reviewsOf: unknown[][] = Array.from({ length: COUNTIES }, () => []);
for (const r of itemReviews) {
  reviewsOf[r.county]?.push({
    item: r.item,
    unit: units[r.unit],
    period: PERIOD,
    score: r.score,
    outOf: r.outOf,
    reviewer: { unit: 'leading-group' },
    evidence,
  });
}
for (const r of taskReviews) {
  reviewsOf[r.county]?.push({
    task: r.task,
    period: PERIOD,
    score: r.score,
    outOf: 10,
    reviewer: { unit: 'leading-group' },
    evidence,
  });
}
/** One county's inputs as plain JSON objects, made on demand so a run does not hold them all. */
function countyInputs(c: number): AssessmentInputsInput {
  const observations: Record<string, unknown>[] = [];
  for (let k = firstRow[c] as number; k < (firstRow[c + 1] as number); k++) {
    const ind = col.indicator[k] as number;
    const o: Record<string, unknown> = {
      indicator: INDICATOR_IDS[ind],
      unit: units[col.unit[k] as number],
      period: col.period[k],
      date: dateText(col.date[k] as number),
    };
    if (ind === IND.bases) o.category = { level: LEVELS[col.category[k] as number] };
    if (ind === IND.classes) o.category = { 'grade-band': BANDS[col.category[k] as number] };
    if (ind === IND.tutor || ind === IND.literacy) {
      o.numerator = col.num[k];
      o.denominator = col.den[k];
    } else o.value = col.value[k];
    observations.push(o);
  }
  return { observations, reviews: reviewsOf[c] } as AssessmentInputsInput;
}

const ms = (t: number) => `${t.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

// --- (a) Kepu ------------------------------------------------------------------------------
const unitScoresOf = (card: Scorecard, out: Float64Array, county: number) => {
  for (const sheet of card.sheets)
    for (const u of sheet.units)
      out[county * units.length + (unitPosition.get(u.unit) as number)] = u.score ?? Number.NaN;
};
const kepuScores = new Float64Array(COUNTIES * units.length);
const bulkScores = new Float64Array(COUNTIES * units.length);
const ingestTimes: number[] = [];
const fullTimes: number[] = [];
const bulkTimes: number[] = [];
let assessors: ReturnType<typeof createAssessor>[] = [];
let kepuHeapPerObservation = 0;
for (let round = 0; round < Number(process.env.KEPU_BENCH_ROUNDS ?? 3); round++) {
  assessors = [];
  const before = heap();
  let ingest = 0;
  for (let c = 0; c < COUNTIES; c++) {
    const inputs = countyInputs(c);
    const i0 = performance.now();
    const assessor = createAssessor(plan, zhengningScheme, { hashInputs: false });
    assessor.add(inputs);
    ingest += performance.now() - i0;
    assessors.push(assessor);
  }
  ingestTimes.push(ingest);
  const after = heap();
  kepuHeapPerObservation = (after - before) / observationCount;
  // Both ways on the same assessors, in alternating order. Switching the mode starts an
  // assessor's cache afresh, so the second pass is a full assessment too, not a cache hit.
  const modes = round % 2 === 0 ? [true, false] : [false, true];
  for (const explain of modes) {
    gc();
    const a0 = performance.now();
    const per: number[] = [];
    for (let c = 0; c < COUNTIES; c++) {
      const x0 = performance.now();
      unitScoresOf(
        (assessors[c] as ReturnType<typeof createAssessor>).assess({ period: PERIOD, explain }),
        explain ? kepuScores : bulkScores,
        c,
      );
      per.push(performance.now() - x0);
    }
    if (process.env.KEPU_BENCH_DEBUG) console.log(per.map((x) => x.toFixed(1)).join(' '));
    (explain ? fullTimes : bulkTimes).push(performance.now() - a0);
  }
}
const fullTime = Math.min(...fullTimes);

const bulkTime = Math.min(...bulkTimes);
if (process.env.KEPU_BENCH_ONLY === 'kepu') {
  console.log(
    `(a) ${fullTimes.map((t) => t.toFixed(0)).join(', ')} ms; bulk ${bulkTimes.map((t) => t.toFixed(0)).join(', ')} ms; ingest ${ingestTimes.map((t) => t.toFixed(0)).join(', ')} ms`,
  );
  process.exit(0);
}

// End to end from JSON objects, with the inputs hash, as assess() is normally called.
let endToEndSum = 0;
for (let c = 0; c < 10; c++) {
  const inputs = countyInputs(c);
  const e0 = performance.now();
  assess(plan, zhengningScheme, inputs, { period: PERIOD });
  endToEndSum += performance.now() - e0;
}
const endToEnd = (endToEndSum / 10) * COUNTIES;
let endToEndBulkSum = 0;
for (let c = 0; c < 10; c++) {
  const inputs = countyInputs(c);
  const e0 = performance.now();
  assess(plan, zhengningScheme, inputs, { period: PERIOD, explain: false });
  endToEndBulkSum += performance.now() - e0;
}
const endToEndBulk = (endToEndBulkSum / 10) * COUNTIES;

// Incremental: one new observation in one county, then that county re-assessed.
const incremental: number[] = [];
const target = assessors[0] as ReturnType<typeof createAssessor>;
for (let k = 0; k < 60; k++) {
  const unit = units[k % units.length] as string;
  target.add({
    observations: [
      { indicator: 'science-china-dissemination', unit, period: PERIOD, date: '2025-12-30', value: 100 + k },
    ],
  });
  const r0 = performance.now();
  const card = target.assess({ period: PERIOD });
  incremental.push(performance.now() - r0);
  if (k === 59) unitScoresOf(card, new Float64Array(COUNTIES * units.length), 0);
}
const incrementalTime = median(incremental.slice(10));
// The incremental result must equal a fresh assessment of the same records.
const fresh = createAssessor(plan, zhengningScheme, { hashInputs: false });
fresh.add(countyInputs(0));
for (let k = 0; k < 60; k++) {
  fresh.add({
    observations: [
      {
        indicator: 'science-china-dissemination',
        unit: units[k % units.length] as string,
        period: PERIOD,
        date: '2025-12-30',
        value: 100 + k,
      },
    ],
  });
}
const incrementalAgrees =
  JSON.stringify(fresh.assess({ period: PERIOD })) === JSON.stringify(target.assess({ period: PERIOD }));

// --- (c) typed-array loop --------------------------------------------------------------------
const itemPoints = new Map(
  zhengningScheme.sheets.flatMap((s) => s.groups.flatMap((g) => g.items.map((i) => [i.id, i.points] as const))),
);
const ledTasks = units.map((u) => index.tasks.filter((t) => t.task.leads.includes(u)).map((t) => t.task.path));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
function loopScores(out: Float64Array): void {
  const U = units.length;
  const P = 2; // 2024, 2025
  // Flows by (county, unit, period) for dissemination; stock latest by (county, unit, period).
  const diss = new Float64Array(COUNTIES * U * P);
  const regDate = new Int32Array(COUNTIES * U * P);
  const reg = new Float64Array(COUNTIES * U * P);
  const bases = new Float64Array(COUNTIES * 3);
  const tutorDate = new Int32Array(COUNTIES * U);
  const tutorNum = new Float64Array(COUNTIES * U);
  const tutorDen = new Float64Array(COUNTIES * U);
  const classDate = new Int32Array(COUNTIES * 3);
  const classVal = new Float64Array(COUNTIES * 3);
  for (let k = 0; k < rows; k++) {
    const c = col.county[k] as number;
    const ind = col.indicator[k] as number;
    const period = col.period[k] as number;
    const u = col.unit[k] as number;
    if (ind === 2) {
      if (period <= PERIOD) {
        const at = c * 3 + (col.category[k] as number);
        bases[at] = (bases[at] as number) + (col.value[k] as number);
      }
      continue;
    }
    if (period < PERIOD - 1 || period > PERIOD) continue;
    const p = period - (PERIOD - 1);
    if (ind === 0) {
      const at = (c * U + u) * P + p;
      diss[at] = (diss[at] as number) + (col.value[k] as number);
    } else if (ind === 1) {
      const at = (c * U + u) * P + p;
      if ((col.date[k] as number) >= (regDate[at] as number)) {
        regDate[at] = col.date[k] as number;
        reg[at] = col.value[k] as number;
      }
    } else if (ind === 3 && p === 1) {
      const at = c * U + u;
      if ((col.date[k] as number) >= (tutorDate[at] as number)) {
        tutorDate[at] = col.date[k] as number;
        tutorNum[at] = col.num[k] as number;
        tutorDen[at] = col.den[k] as number;
      }
    } else if (ind === 6 && p === 1) {
      const at = c * 3 + (col.category[k] as number);
      if ((col.date[k] as number) >= (classDate[at] as number)) {
        classDate[at] = col.date[k] as number;
        classVal[at] = col.value[k] as number;
      }
    }
  }
  const itemFraction = new Map<string, number>();
  for (const r of itemReviews) itemFraction.set(`${r.county}|${r.unit}|${r.item}`, r.score / r.outOf);
  const taskFraction = new Map<string, number>();
  for (const r of taskReviews) taskFraction.set(`${r.county}|${r.task}`, r.score / 10);
  const eq = (v: number, goal: number) =>
    Math.abs(v - goal) <= 1e-9 * Math.max(1, Math.abs(goal)) ? 1 : v < goal ? v / goal : goal / v;
  for (let c = 0; c < COUNTIES; c++) {
    let dissPrev = 0;
    let dissCur = 0;
    let regPrev = 0;
    let regCur = 0;
    let tn = 0;
    let td = 0;
    for (let u = 0; u < U; u++) {
      dissPrev += diss[(c * U + u) * P] as number;
      dissCur += diss[(c * U + u) * P + 1] as number;
      regPrev += reg[(c * U + u) * P] as number;
      regCur += reg[(c * U + u) * P + 1] as number;
      tn += tutorNum[c * U + u] as number;
      td += tutorDen[c * U + u] as number;
    }
    const tutor = (tn / td) * 100;
    const task = new Map<string, number>([
      [
        '3.1.2',
        (eq(classVal[c * 3] as number, 2) +
          ((v) => (v >= 2 && v <= 3 ? 1 : v < 2 ? v / 2 : 3 / v))(classVal[c * 3 + 1] as number) +
          eq(classVal[c * 3 + 2] as number, 1)) /
          3,
      ],
      ['3.1.5', tutor >= 100 ? 1 : tutor / 100],
      ['4.2.3', (Math.min(1, dissCur / 200_000) + (regCur > regPrev ? 1 : 0) + (dissCur > dissPrev ? 1 : 0)) / 3],
      [
        '4.3.3',
        (Math.min(1, (bases[c * 3] as number) / 2) +
          Math.min(1, (bases[c * 3 + 1] as number) / 3) +
          Math.min(1, (bases[c * 3 + 2] as number) / 5)) /
          3,
      ],
    ]);
    for (const path of reviewedTasks) task.set(path, taskFraction.get(`${c}|${path}`) as number);
    for (let u = 0; u < U; u++) {
      const s = u < departments.length ? 0 : 1;
      let score = 0;
      for (const item of reviewerItems[s] ?? [])
        score += round4((itemFraction.get(`${c}|${u}|${item.id}`) ?? 0) * item.points);
      if (s === 0) {
        const led = ledTasks[u] as string[];
        let sum = 0;
        for (const path of led) sum += task.get(path) as number;
        score += round4((sum / led.length) * (itemPoints.get('dept-led-tasks') as number));
      } else {
        const at = (c * U + u) * P;
        const achieved =
          ((reg[at + 1] as number) > (reg[at] as number) ? 1 : 0) +
          ((diss[at + 1] as number) > (diss[at] as number) ? 1 : 0);
        score += round4((achieved / 2) * (itemPoints.get('township-science-china') as number));
      }
      out[c * U + u] = round4(score);
    }
  }
}
const loopScoresOut = new Float64Array(COUNTIES * units.length);
const loopTimes: number[] = [];
for (let k = 0; k < 7; k++) {
  const l0 = performance.now();
  loopScores(loopScoresOut);
  loopTimes.push(performance.now() - l0);
}
const loopTime = Math.min(...loopTimes);

// --- (b) SQLite ------------------------------------------------------------------------------
const db = new Database(':memory:');
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
const s0 = performance.now();
db.exec(`
  CREATE TABLE obs (county INTEGER, indicator INTEGER, category INTEGER, unit INTEGER, period INTEGER, date INTEGER, value REAL, num REAL, den REAL);
  CREATE TABLE item_review (county INTEGER, unit INTEGER, item TEXT, score REAL, out_of REAL);
  CREATE TABLE task_review (county INTEGER, task TEXT, score REAL, out_of REAL);
  CREATE TABLE item (item TEXT PRIMARY KEY, sheet INTEGER, points REAL);
  CREATE TABLE unit (unit INTEGER PRIMARY KEY, sheet INTEGER);
  CREATE TABLE lead (task TEXT, unit INTEGER);
`);
const insert = db.prepare('INSERT INTO obs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
db.transaction(() => {
  for (let k = 0; k < rows; k++) {
    insert.run(
      col.county[k],
      col.indicator[k],
      col.category[k],
      col.unit[k],
      col.period[k],
      col.date[k],
      col.value[k],
      col.num[k],
      col.den[k],
    );
  }
  const ir = db.prepare('INSERT INTO item_review VALUES (?, ?, ?, ?, ?)');
  for (const r of itemReviews) ir.run(r.county, r.unit, r.item, r.score, r.outOf);
  const tr = db.prepare('INSERT INTO task_review VALUES (?, ?, ?, 10)');
  for (const r of taskReviews) tr.run(r.county, r.task, r.score);
  const it = db.prepare('INSERT INTO item VALUES (?, ?, ?)');
  zhengningScheme.sheets.forEach((sheet, s) => {
    for (const g of sheet.groups) for (const i of g.items) it.run(i.id, s, i.points);
  });
  const un = db.prepare('INSERT INTO unit VALUES (?, ?)');
  for (let i = 0; i < units.length; i++) un.run(i, i < departments.length ? 0 : 1);
  const le = db.prepare('INSERT INTO lead VALUES (?, ?)');
  for (let i = 0; i < units.length; i++) for (const path of ledTasks[i] as string[]) le.run(path, i);
})();
db.exec('CREATE INDEX obs_key ON obs (indicator, county, unit, category, period, date)');
db.exec('ANALYZE');
const sqliteLoad = performance.now() - s0;
const SQL = `
WITH
  latest AS (
    SELECT county, indicator, category, unit, period, MAX(date) AS date, value, num, den
    FROM obs WHERE indicator IN (1, 3, 6) AND period IN (${PERIOD - 1}, ${PERIOD})
    GROUP BY indicator, county, unit, category, period
  ),
  stock AS (
    SELECT county, indicator, category, period, SUM(value) AS v, SUM(num) AS n, SUM(den) AS d
    FROM latest GROUP BY county, indicator, category, period
  ),
  unit_flow AS (
    SELECT county, unit, period, SUM(value) AS v FROM obs
    WHERE indicator = 0 AND period IN (${PERIOD - 1}, ${PERIOD}) GROUP BY county, unit, period
  ),
  flow AS (SELECT county, period, SUM(v) AS v FROM unit_flow GROUP BY county, period),
  bases AS (
    SELECT county, category, SUM(value) AS v FROM obs
    WHERE indicator = 2 AND period <= ${PERIOD} GROUP BY county, category
  ),
  target_att AS (
    SELECT county, '3.1.2' AS task,
      CASE WHEN category = 0 THEN CASE WHEN abs(v - 2) <= 1e-9 * 2 THEN 1.0 WHEN v < 2 THEN v / 2 ELSE 2 / v END
           WHEN category = 1 THEN CASE WHEN v >= 2 AND v <= 3 THEN 1.0 WHEN v < 2 THEN v / 2 ELSE 3 / v END
           ELSE CASE WHEN abs(v - 1) <= 1e-9 THEN 1.0 WHEN v < 1 THEN v ELSE 1 / v END END AS att
    FROM stock WHERE indicator = 6 AND period = ${PERIOD}
    UNION ALL
    SELECT county, '3.1.5', CASE WHEN n / d * 100 >= 100 THEN 1.0 ELSE n / d END FROM stock WHERE indicator = 3 AND period = ${PERIOD}
    UNION ALL
    SELECT county, '4.2.3', min(1.0, v / 200000.0) FROM flow WHERE period = ${PERIOD}
    UNION ALL
    SELECT c.county, '4.2.3', CASE WHEN c.v > p.v THEN 1.0 ELSE 0.0 END
    FROM stock c JOIN stock p ON p.county = c.county AND p.indicator = 1 AND p.period = ${PERIOD - 1}
    WHERE c.indicator = 1 AND c.period = ${PERIOD}
    UNION ALL
    SELECT c.county, '4.2.3', CASE WHEN c.v > p.v THEN 1.0 ELSE 0.0 END
    FROM flow c JOIN flow p ON p.county = c.county AND p.period = ${PERIOD - 1} WHERE c.period = ${PERIOD}
    UNION ALL
    SELECT county, '4.3.3', min(1.0, v / CASE category WHEN 0 THEN 2.0 WHEN 1 THEN 3.0 ELSE 5.0 END) FROM bases
    UNION ALL
    SELECT county, task, score / out_of FROM task_review
  ),
  task_result AS (SELECT county, task, AVG(att) AS result FROM target_att GROUP BY county, task),
  led AS (
    SELECT r.county, l.unit, AVG(r.result) AS fraction
    FROM lead l JOIN task_result r ON r.task = l.task GROUP BY r.county, l.unit
  ),
  own_reg AS (
    SELECT c.county, c.unit, CASE WHEN c.value > p.value THEN 1 ELSE 0 END AS ok
    FROM latest c JOIN latest p ON p.county = c.county AND p.unit = c.unit AND p.indicator = 1 AND p.period = ${PERIOD - 1}
    WHERE c.indicator = 1 AND c.period = ${PERIOD}
  ),
  own_diss AS (
    SELECT c.county, c.unit, CASE WHEN c.v > p.v THEN 1 ELSE 0 END AS ok
    FROM unit_flow c JOIN unit_flow p ON p.county = c.county AND p.unit = c.unit AND p.period = ${PERIOD - 1}
    WHERE c.period = ${PERIOD}
  ),
  lines AS (
    SELECT r.county, r.unit, round(r.score / r.out_of * i.points, 4) AS points
    FROM item_review r JOIN item i ON i.item = r.item
    UNION ALL
    SELECT county, unit, round(fraction * (SELECT points FROM item WHERE item = 'dept-led-tasks'), 4) FROM led
    UNION ALL
    SELECT g.county, g.unit, round((g.ok + d.ok) / 2.0 * (SELECT points FROM item WHERE item = 'township-science-china'), 4)
    FROM own_reg g JOIN own_diss d ON d.county = g.county AND d.unit = g.unit JOIN unit u ON u.unit = g.unit AND u.sheet = 1
  )
SELECT county, unit, round(SUM(points), 4) AS score FROM lines GROUP BY county, unit ORDER BY county, unit`;
const query = db.prepare(SQL);
const sqlScores = new Float64Array(COUNTIES * units.length).fill(Number.NaN);
const sqlTimes: number[] = [];
for (let k = 0; k < 3; k++) {
  const q0 = performance.now();
  const result = query.all() as Array<{ county: number; unit: number; score: number }>;
  sqlTimes.push(performance.now() - q0);
  for (const r of result) sqlScores[r.county * units.length + r.unit] = r.score;
}
const sqlTime = Math.min(...sqlTimes);

// --- agreement ---------------------------------------------------------------------------------
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
  const before = heap();
  const copy = Array.from({ length: COUNTIES }, (_, c) => countyInputs(c).observations);
  const after = heap();
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
console.log(`    assess() from JSON objects end to end, inputs hashed (10 counties ×10)  ${ms(endToEnd)}`);
console.log(`    the same, bulk mode (explain: false)                                  ${ms(endToEndBulk)}`);
console.log(
  `(b) SQLite, the same unit scores by one SQL query                      ${ms(sqlTime)}  (load + index: ${ms(sqliteLoad)})`,
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
  `heap per observation: Kepu's indexed state ${kepuHeapPerObservation.toFixed(0)} B; the same observations as JSON objects ${heapObjects.toFixed(0)} B`,
);
console.log(
  `incremental: one new observation, its county re-assessed: ${(incrementalTime * 1000).toFixed(0)} µs = 1/${Math.round(fullTime / incrementalTime)} of a full run   goal ≤ 1/1000   (equals a fresh assessment: ${incrementalAgrees})`,
);
console.log(
  `agreement on ${COUNTIES * units.length} unit scores: max |Kepu − SQL| = ${maxDiff(kepuScores, sqlScores).toExponential(1)}, max |Kepu − loop| = ${maxDiff(kepuScores, loopScoresOut).toExponential(1)}, max |bulk − explained| = ${maxDiff(bulkScores, kepuScores).toExponential(1)}`,
);
