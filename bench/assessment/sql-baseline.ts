/**
 * Contender (b): SQLite (better-sqlite3, in memory) computing the same unit scores with one SQL
 * query over the same rows, loaded and indexed beforehand (the load is timed apart).
 */
import Database from 'better-sqlite3';
import { zhengningScheme } from '../../packages/plan-zhengning/src/index.js';
import { timeRuns } from '../lib/timing.js';
import { PERIOD, type Province } from './province.js';

/** Loads the province's rows into a fresh in-memory database, with the scheme's items and leads. */
function load(p: Province): Database.Database {
  const { col, rows, units, departments, ledTasks, itemReviews, taskReviews } = p;
  const db = new Database(':memory:');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
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
  return db;
}

/** The unit scores of the assessed year, by the same rules as the scheme, in one query. */
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

export interface SqlBaseline {
  /** Time to create the tables, insert the rows and build the index. */
  readonly loadMs: number;
  readonly times: number[];
  readonly scores: Float64Array;
}

/** Loads the province, then runs the query three times. */
export function runSqlBaseline(p: Province): SqlBaseline {
  const s0 = performance.now();
  const db = load(p);
  const loadMs = performance.now() - s0;
  const query = db.prepare(SQL);
  const scores = new Float64Array(p.counties * p.units.length).fill(Number.NaN);
  let result: Array<{ county: number; unit: number; score: number }> = [];
  const times = timeRuns(3, () => {
    result = query.all() as typeof result;
  });
  for (const r of result) scores[r.county * p.units.length + r.unit] = r.score;
  db.close();
  return { loadMs, times, scores };
}
