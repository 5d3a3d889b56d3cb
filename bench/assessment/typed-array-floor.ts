/**
 * Contender (c), the floor: a hand-written loop over the typed-array columns computing the same
 * unit scores as Kepu, with the scheme's rules for the Zhengning plan written out by hand.
 */
import { zhengningScheme } from '../../packages/plan-zhengning/src/index.js';
import { PERIOD, type Province } from './province.js';

const itemPoints = new Map(
  zhengningScheme.sheets.flatMap((s) => s.groups.flatMap((g) => g.items.map((i) => [i.id, i.points] as const))),
);
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Writes every unit's score into `out` at `county × units + unit`. */
export function loopScores(p: Province, out: Float64Array): void {
  const { col, rows, itemReviews, taskReviews, reviewerItems, reviewedTasks, ledTasks } = p;
  const COUNTIES = p.counties;
  const U = p.units.length;
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
      const s = u < p.departments.length ? 0 : 1;
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
