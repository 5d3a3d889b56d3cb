import { type Actor, type CommandInput, type Engine, type Plan, type ReportObservation, tasksOfUnit } from '@kepu/core';
import { ZHENGNING_DEPARTMENT_IDS, ZHENGNING_TOWNSHIP_IDS, zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
import { ASSESSOR, PLAN_OFFICE, reporterOf, reviewerOf } from '../actors.js';
import type { DemoClock } from '../clock.js';

// A small, deterministic, plausible history of the plan for 2022–2024, written through the
// engine's own commands (so every record is in the audit trail and passed every rule):
// progress reports from every lead department and township, a few late, some returned and
// resubmitted, some missing; observations for the targets (the literacy rate moving from 7.8%
// towards 12%, science bases by level, Science China items per year); inspection scores of the
// reviewer-scored items; an award and a veto incident; and the annual assessments. 2024 is left
// unfinished — reports waiting in review queues, one returned, education's 3.1.5 not yet filed —
// so that the dashboard has work to do.

/** A seeded generator (mulberry32): the same history on every machine. */
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

const YEARS = [2022, 2023, 2024] as const;

/** Reports left for the dashboard's user in 2024, by unit and task. */
export const OPEN_IN_2024 = { missing: { unit: 'education', task: '3.1.5' } } as const;

const unitName = (plan: Plan, id: string) => plan.orgUnits.find((u) => u.id === id)?.name ?? id;

/** What each task's report measures, by the lead unit that reports it. */
function observationsFor(task: string, unit: string, year: number): ReportObservation[] {
  const y = year - 2022;
  if (task === '3.1.2' && unit === 'education') {
    return [
      // The category is repeated beside the target: the assessment matches observations to a
      // disaggregated target by category.
      { target: 'science-classes-grade-2', category: { 'grade-band': 'grade-2' }, value: 2 },
      { target: 'science-classes-grades-3-6', category: { 'grade-band': 'grades-3-6' }, value: [2, 2, 3][y] as number },
      { target: 'practice-classes-middle-school', category: { 'grade-band': 'middle-school' }, value: 1 },
    ];
  }
  if (task === '3.1.5' && unit === 'education') {
    return [{ target: 'science-tutor-every-school', numerator: [38, 45, 50][y] as number, denominator: 52 }];
  }
  if (task === '4.2.3' && unit === 'cast') {
    return [
      { target: 'science-china-items', value: [186_000, 204_500, 221_300][y] as number },
      { indicator: 'science-china-registrations', value: [21_480, 26_750, 31_260][y] as number },
    ];
  }
  if (task === '4.3.3' && unit === 'cast') {
    const created = [
      { provincial: 0, city: 0, county: 1 },
      { provincial: 0, city: 1, county: 2 },
      { provincial: 1, city: 1, county: 1 },
    ][y] as Record<string, number>;
    return Object.entries(created).map(([level, value]) => ({
      indicator: 'science-bases-created',
      category: { level },
      value,
    }));
  }
  return [];
}

const NARRATIVE_ENDINGS = [
  '各项工作按年度计划推进，相关台账已整理归档。',
  '完成年度目标任务，活动图片和总结材料已报县科协备案。',
  '工作总体进展顺利，部分活动受场地限制延后，已在下半年补齐。',
  '联合相关成员单位开展活动，群众参与度较上年提高。',
];

function narrative(plan: Plan, unit: string, title: string, year: number, pick: () => number): string {
  const ending = NARRATIVE_ENDINGS[Math.floor(pick() * NARRATIVE_ENDINGS.length)] as string;
  return `${year}年，${unitName(plan, unit)}围绕“${title}”，制定年度工作要点，开展专题活动${2 + Math.floor(pick() * 10)}场次，${ending}`;
}

interface Item {
  readonly id: string;
  readonly points: number;
}

/** The reviewer-scored items of each sheet of the scheme: the inspectors score them. */
function reviewerItems(sheet: 'department' | 'township'): Item[] {
  const found = zhengningScheme.sheets.find((s) => s.id === sheet);
  return (found?.groups ?? []).flatMap((g) =>
    g.items.filter((i) => i.rule === 'reviewer').map((i) => ({ id: i.id, points: i.points ?? 10 })),
  );
}

/**
 * Writes the demo history into an engine with an empty store. Runs in about a hundred batches
 * (one per actor and step), each one atomic commit.
 */
export async function seedDemoHistory(
  engine: Engine,
  clock: DemoClock,
  onProgress?: (done: number) => void,
): Promise<void> {
  const plan = engine.plans.get(zhengningPlan.id) as Plan;
  const pick = random(20221026);
  let steps = 0;
  const batch = async (actor: Actor, at: string, commands: CommandInput[]) => {
    if (commands.length === 0) return [];
    clock.set(at);
    const base = engine.getSnapshot().version;
    const results = await engine.executeBatch(
      actor,
      commands.map((c) => ({ ...c, baseVersion: base })),
    );
    onProgress?.(++steps);
    return results;
  };

  // Unit quality: a stable tendency per unit, so rankings are plausible and differ.
  const quality = new Map<string, number>();
  for (const id of [...ZHENGNING_DEPARTMENT_IDS, ...ZHENGNING_TOWNSHIP_IDS]) quality.set(id, 0.62 + pick() * 0.35);

  const departmentItems = reviewerItems('department');
  const townshipItems = reviewerItems('township');
  const townshipBase = new Map<string, { registrations: number; items: number; growth: number }>();
  for (const id of ZHENGNING_TOWNSHIP_IDS) {
    townshipBase.set(id, {
      registrations: 1200 + Math.round(pick() * 2400),
      items: 9000 + Math.round(pick() * 12_000),
      growth: 0.06 + pick() * 0.2,
    });
  }

  for (const year of YEARS) {
    const next = year + 1;
    const day = (d: number, hour = 2) =>
      `${next}-01-${String(d).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const open = year === 2024;
    const submitted: { id: string; unit: string; task: string | null }[] = [];

    // 1. Every lead department reports on each task it leads; a few come late, a few never.
    for (const [i, unit] of ZHENGNING_DEPARTMENT_IDS.entries()) {
      const led = tasksOfUnit(plan, unit).lead;
      const late =
        (year === 2023 && (unit === 'emergency' || unit === 'civil-affairs')) ||
        (year === 2022 && unit === 'trade-union');
      const commands: CommandInput[] = [];
      for (const task of led) {
        if (open && unit === OPEN_IN_2024.missing.unit && task.path === OPEN_IN_2024.missing.task) continue;
        if (pick() < 0.05) continue; // missing: visible as overdue, and in the task's result
        commands.push({
          type: 'submit-report',
          baseVersion: 0,
          task: task.path,
          period: String(year),
          narrative: narrative(plan, unit, task.title, year, pick),
          observations: observationsFor(task.path, unit, year),
        });
      }
      // Finance files the county's science funding (万元) in its summary report; the county
      // 科协 files the literacy survey's result.
      if (unit === 'finance') {
        commands.push({
          type: 'submit-report',
          baseVersion: 0,
          period: String(year),
          narrative: `${year}年县本级财政预算安排科普经费，较上年有所增长。`,
          observations: [{ indicator: 'science-funding', value: [48, 55, 63][year - 2022] as number }],
        });
      }
      if (unit === 'cast') {
        commands.push({
          type: 'submit-report',
          baseVersion: 0,
          period: String(year),
          narrative: `${year}年公民科学素质抽样调查：有效样本 1200 份，具备科学素质的比例较上年提高。`,
          observations: [
            { indicator: 'literacy-rate', numerator: [103, 114, 125][year - 2022] as number, denominator: 1200 },
          ],
        });
      }
      const at = late ? day(20 + (i % 5)) : day(2 + (i % 12));
      const results = await batch(reporterOf(unit), at, commands);
      results.forEach((r, k) => {
        const c = commands[k] as { task?: string };
        submitted.push({ id: r.target.id, unit, task: c.task ?? null });
      });
    }

    // 2. Townships report Science China registrations and items disseminated in their summary.
    for (const [i, township] of ZHENGNING_TOWNSHIP_IDS.entries()) {
      const base = townshipBase.get(township) as { registrations: number; items: number; growth: number };
      const factor = (1 + base.growth) ** (year - 2022);
      // One township slips in 2024: its registrations fall (visible as deteriorating).
      const slip = open && township === 'wuqingyuan' ? 0.85 : 1;
      const results = await batch(reporterOf(township), day(3 + i), [
        {
          type: 'submit-report',
          baseVersion: 0,
          period: String(year),
          narrative: `${year}年${unitName(plan, township)}组织“科普中国”推广注册和信息转发，开展科普进村入户活动。`,
          observations: [
            { target: 'science-china-registrations-growth', value: Math.round(base.registrations * factor * slip) },
            { target: 'science-china-dissemination-growth', value: Math.round(base.items * factor * slip) },
          ],
        },
      ]);
      for (const r of results) submitted.push({ id: r.target.id, unit: township, task: null });
    }

    // 3. Review: lead reviewers return a few, the units resubmit, and the rest is approved. In
    //    2024 some reports are still waiting, and one returned report has not been revised.
    const returned = submitted.filter(
      (r) =>
        (year === 2023 && r.unit === 'education' && r.task === '3.1.1') ||
        (year === 2023 && r.unit === 'health' && r.task !== null) ||
        (open && r.unit === 'agriculture' && r.task === '3.2.2'),
    );
    const reasons = [
      '请补充活动场次、参与人数等量化数据，并附活动照片。',
      '佐证材料与报告内容不一致，请核对后重新提交。',
      '请说明未完成部分的原因和下一步措施。',
    ];
    const byReviewer = new Map<string, { reviewer: Actor; commands: CommandInput[] }>();
    const queue = (reviewer: Actor, command: CommandInput) => {
      const entry = byReviewer.get(reviewer.id) ?? { reviewer, commands: [] };
      entry.commands.push(command);
      byReviewer.set(reviewer.id, entry);
    };
    const flush = async (at: string) => {
      for (const { reviewer, commands } of byReviewer.values()) await batch(reviewer, at, commands);
      byReviewer.clear();
    };
    const reviewerFor = (r: { unit: string; task: string | null }) =>
      r.task === null ? PLAN_OFFICE : reviewerOf(r.unit);
    for (const [k, r] of returned.entries()) {
      queue(reviewerFor(r), {
        type: 'return-report',
        baseVersion: 0,
        report: r.id,
        reason: reasons[k % reasons.length] as string,
      });
    }
    await flush(day(16, 3));
    for (const r of returned) {
      if (open) continue;
      await batch(reporterOf(r.unit), day(17, 4), [
        {
          type: 'resubmit-report',
          baseVersion: 0,
          report: r.id,
          narrative: `${narrative(plan, r.unit, r.task ?? '年度总结', year, pick)}（已按审核意见补充活动场次、参与人数和照片。）`,
          observations: r.task === null ? [] : observationsFor(r.task, r.unit, year),
        },
      ]);
    }
    const waiting = (r: { unit: string; task: string | null }) =>
      open &&
      ((r.unit === 'cast' && (r.task === '4.2.2' || r.task === '3.1.3')) ||
        (r.unit === 'education' && r.task === '3.1.4'));
    for (const r of submitted) {
      if (open && returned.includes(r)) continue;
      if (waiting(r)) continue;
      queue(reviewerFor(r), { type: 'approve-report', baseVersion: 0, report: r.id, comment: '审核通过。' });
    }
    await flush(open ? day(8, 5) : day(18, 5));

    // 4. Inspection (督查): the assessment group scores the reviewer items of every unit, notes
    //    a finding not corrected, and records an award and a veto incident.
    const findings: CommandInput[] = [];
    const score = (unit: string, item: Item) => {
      const q = quality.get(unit) ?? 0.8;
      const fraction = Math.max(0.3, Math.min(1, q + (pick() - 0.5) * 0.2 + (year - 2022) * 0.03));
      return Math.round(fraction * item.points * 2) / 2;
    };
    for (const unit of ZHENGNING_DEPARTMENT_IDS) {
      for (const item of departmentItems) {
        findings.push({
          type: 'record-finding',
          baseVersion: 0,
          unit,
          period: String(year),
          text: `${year}年度督查：${unitName(plan, unit)}“${item.id}”项查阅台账和佐证材料后评分。`,
          score: { item: item.id, score: score(unit, item), outOf: item.points },
        });
      }
    }
    for (const unit of ZHENGNING_TOWNSHIP_IDS) {
      for (const item of townshipItems) {
        findings.push({
          type: 'record-finding',
          baseVersion: 0,
          unit,
          period: String(year),
          text: `${year}年度督查：${unitName(plan, unit)}“${item.id}”项实地查看后评分。`,
          score: { item: item.id, score: score(unit, item), outOf: item.points },
        });
      }
    }
    if (year === 2023) {
      findings.push(
        {
          type: 'record-finding',
          baseVersion: 0,
          unit: 'yonghe',
          period: '2023',
          text: '上年度督查指出的科普活动室闲置问题未按期整改。',
          deduction: { rule: 'finding-not-corrected', count: 1 },
        },
        {
          type: 'record-award',
          baseVersion: 0,
          unit: 'cast',
          period: '2023',
          award: 'provincial-commendation',
          title: '全省科普工作先进集体',
          date: '2023-11-20',
        },
        {
          type: 'record-award',
          baseVersion: 0,
          unit: 'shanhe',
          period: '2023',
          award: 'experience-promoted',
          title: '“科普大篷车进村”做法在全市推广',
          date: '2023-09-15',
        },
      );
    }
    if (year === 2022) {
      findings.push({
        type: 'record-incident',
        baseVersion: 0,
        unit: 'sanjia',
        period: '2022',
        veto: 'falsification',
        description: '经核实，上报的科普活动参与人数存在虚报。',
        date: '2022-12-08',
      });
    }
    await batch(ASSESSOR, open ? day(9, 1) : day(19, 6), findings);

    // 5. The annual assessment (2024's is a first run; the dashboard's user runs it again).
    await batch(ASSESSOR, open ? day(9, 8) : day(25, 2), [
      { type: 'run-assessment', baseVersion: 0, period: String(year) },
    ]);
  }
}
