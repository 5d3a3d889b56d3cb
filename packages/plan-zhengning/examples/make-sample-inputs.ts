/**
 * Writes `sample-inputs.json`: a made-up but plausible year of Zhengning data (2022–2024) for the
 * default scheme — survey results, science statistics, township reports, reviews, self-scores, an
 * award, a deduction and one veto. Deterministic (no randomness), so the file only changes when
 * this script does. Run: node --conditions=source --import tsx packages/plan-zhengning/examples/make-sample-inputs.ts
 */
import { writeFileSync } from 'node:fs';
import type { AssessmentInputsInput } from '@kepu/core';
import { indexPlan } from '@kepu/core';
import { ZHENGNING_DEPARTMENT_IDS, ZHENGNING_TOWNSHIP_IDS, zhengningPlan, zhengningScheme } from '../src/index.js';

const REVIEWER = { unit: 'leading-group', name: '督查考核组' };
const evidence = [{ title: '佐证材料已报县科协备案', filed: true }];
const index = indexPlan(zhengningPlan);
const inputs: Required<
  Pick<AssessmentInputsInput, 'observations' | 'reviews' | 'selfScores' | 'awards' | 'deductions' | 'incidents'>
> = {
  observations: [],
  reviews: [],
  selfScores: [],
  awards: [],
  deductions: [],
  incidents: [],
};
const o = inputs.observations;

// Citizen literacy survey (county-wide, weighted counts).
o.push({
  id: 'survey-2022',
  indicator: 'literacy-rate',
  period: 2022,
  date: '2022-10-31',
  numerator: 268,
  denominator: 3000,
  source: '公民科学素质调查',
});
o.push({
  id: 'survey-2024',
  indicator: 'literacy-rate',
  period: 2024,
  date: '2024-10-31',
  numerator: 318,
  denominator: 3000,
  source: '公民科学素质调查',
});
// Science bases created, by level.
for (const [period, level, value] of [
  [2022, 'county', 1],
  [2023, 'county', 2],
  [2023, 'city', 1],
  [2024, 'county', 1],
  [2024, 'provincial', 1],
  [2024, 'city', 1],
] as const) {
  o.push({
    id: `bases-${period}-${level}`,
    indicator: 'science-bases-created',
    category: { level },
    period,
    value,
    source: '科普统计',
  });
}
// Weekly science classes (county-wide, from the education bureau) and schools with a tutor.
for (const period of [2023, 2024]) {
  o.push({
    id: `classes-g2-${period}`,
    indicator: 'weekly-science-classes',
    category: { 'grade-band': 'grade-2' },
    period,
    value: 2,
  });
  o.push({
    id: `classes-g36-${period}`,
    indicator: 'weekly-science-classes',
    category: { 'grade-band': 'grades-3-6' },
    period,
    value: period === 2023 ? 1.8 : 2.2,
  });
  o.push({
    id: `classes-ms-${period}`,
    indicator: 'weekly-science-classes',
    category: { 'grade-band': 'middle-school' },
    period,
    value: 1,
  });
  o.push({
    id: `tutors-${period}`,
    indicator: 'schools-with-science-tutor',
    period,
    numerator: period === 2023 ? 52 : 57,
    denominator: 60,
  });
}
// Science funding in the budget (10,000 yuan).
o.push({ id: 'funding-2023', indicator: 'science-funding', period: 2023, value: 42, source: '科普统计' });
o.push({ id: 'funding-2024', indicator: 'science-funding', period: 2024, value: 46, source: '科普统计' });
// Science China, reported by each township: registrations (stock, year end) and items (flow, by quarter).
ZHENGNING_TOWNSHIP_IDS.forEach((unit, i) => {
  for (const period of [2023, 2024]) {
    const growth = period === 2024 ? (i % 4 === 3 ? -30 : 120 + 15 * i) : 0;
    o.push({
      id: `reg-${unit}-${period}`,
      indicator: 'science-china-registrations',
      unit,
      period,
      date: `${period}-12-31`,
      value: 1500 + 80 * i + growth,
    });
    for (const [q, date] of ['03-31', '06-30', '09-30', '12-31'].entries()) {
      const base = 4200 + 260 * i + 150 * q;
      const value = period === 2024 ? base + (i % 5 === 4 ? -700 : 400) : base;
      o.push({
        id: `items-${unit}-${period}-q${q + 1}`,
        indicator: 'science-china-dissemination',
        unit,
        period,
        date: `${period}-${date}`,
        value,
      });
    }
  }
});

// Reviews of the qualitative targets (by the leading group's assessment office, not by a lead).
inputs.reviews.push({
  id: 'rv-imbalance-2024',
  target: 'imbalance-improved',
  period: 2024,
  score: 6,
  outOf: 10,
  reviewer: REVIEWER,
  evidence: [{ title: '2024年公民科学素质调查城乡分组结果', filed: true }],
});
inputs.reviews.push({
  id: 'rv-funding-2024',
  target: 'science-funding-in-budget',
  period: 2024,
  score: 1,
  outOf: 1,
  reviewer: REVIEWER,
  evidence: [{ title: '2024年县级财政预算科普经费科目', filed: true }],
});

// Reviews of tasks that have no measurable target.
const measured = new Set(zhengningPlan.targets.flatMap((t) => t.links));
index.tasks.forEach(({ task }, i) => {
  if (measured.has(task.path)) return;
  const score = 6 + ((i * 7) % 5);
  inputs.reviews.push({
    id: `rv-task-${task.path}`,
    task: task.path,
    period: 2024,
    score,
    outOf: 10,
    reviewer: REVIEWER,
    evidence,
  });
});

// Reviewer-scored items for every unit.
const units = [...ZHENGNING_DEPARTMENT_IDS, ...ZHENGNING_TOWNSHIP_IDS] as string[];
units.forEach((unit, u) => {
  const sheet = zhengningScheme.sheets.find(
    (s) => (s.id === 'township') === (ZHENGNING_TOWNSHIP_IDS as readonly string[]).includes(unit),
  );
  for (const group of sheet?.groups ?? []) {
    for (const item of group.items) {
      if (item.rule !== 'reviewer') continue;
      const share = 0.7 + ((u * 13 + item.points * 3) % 31) / 100;
      const score = Math.round(item.points * Math.min(1, share) * 2) / 2;
      inputs.reviews.push({
        id: `rv-${item.id}-${unit}`,
        item: item.id,
        unit,
        period: 2024,
        score,
        outOf: item.points,
        reviewer: REVIEWER,
        evidence,
      });
      if (u % 3 === 0)
        inputs.selfScores.push({ unit, item: item.id, period: 2024, score: item.points, outOf: item.points });
    }
  }
});
// One township sent its reporting evidence too late to be filed: that review does not count.
const late = inputs.reviews.find((r) => r.item === 'township-reporting' && r.unit === 'xipo');
if (late) late.evidence = [{ title: '工作总结（未备案）', filed: false }];

inputs.awards.push({
  id: 'award-cast-2024',
  unit: 'cast',
  award: 'provincial-commendation',
  period: 2024,
  note: '全省科普工作先进集体',
});
inputs.awards.push({ id: 'award-shanhe-2024', unit: 'shanhe', award: 'city-commendation', period: 2024 });
inputs.deductions.push({
  id: 'ded-emergency-2024',
  unit: 'emergency',
  deduction: 'late-report',
  period: 2024,
  count: 2,
  note: '半年总结、科普统计表迟报',
});
inputs.deductions.push({ id: 'ded-sanjia-2024', unit: 'sanjia', deduction: 'statistics-missing', period: 2024 });
inputs.incidents.push({
  kind: 'veto',
  id: 'veto-wuqingyuan-2024',
  unit: 'wuqingyuan',
  veto: 'falsification',
  period: 2024,
  note: '科普活动台账经核实存在虚报',
});

writeFileSync(new URL('./sample-inputs.json', import.meta.url), `${JSON.stringify(inputs, null, 2)}\n`);
console.log(`${inputs.observations.length} observations, ${inputs.reviews.length} reviews`);
