import { type EvidenceFile, indexPlan } from '@kepu/core';
import { zhengningPlan } from '../plan.js';
import { unitName } from './actors.js';
import type { Random } from './random.js';
import type { Obligation } from './story.js';

// The words of the story: what reviewers write when they send a report back, what units say they
// did, the awards the county won, and the made-up files attached to reports.

/** Why a reviewer sends a report back (one is picked when no slip of the pen explains it). */
export const RETURN_REASONS = [
  '请补充活动照片、签到表等佐证材料后重新报送。',
  '报告未写明完成的具体数量，请补充量化数据。',
  '统计口径与上年不一致，请核实后重报。',
  '请按任务分工补充本单位承担的具体工作。',
];

/** Phrases of work done, two of which make up a report's narrative. */
export const WORK = [
  '召开专题会议研究部署，明确分管领导和联络员',
  '制定年度工作要点，细化任务分工和完成时限',
  '结合科技活动周、全国科普日集中开展宣传',
  '利用单位网站和微信公众号推送科普内容',
  '组织志愿者深入村社、学校开展科普服务',
  '邀请专家开展专题讲座和现场指导',
  '建立工作台账，按季度报送进展',
];

/** The awards of the story: each is recorded by the plan office on its date. */
export const AWARDS = [
  { year: 2023, unit: 'shanhe', award: 'city-commendation', title: '全市科普工作先进乡镇', date: '2023-12-08' },
  { year: 2024, unit: 'cast', award: 'provincial-commendation', title: '全省科普工作先进集体', date: '2024-12-16' },
  {
    year: 2025,
    unit: 'education',
    award: 'city-commendation',
    title: '全市青少年科技教育工作先进单位',
    date: '2025-11-27',
  },
  {
    year: 2025,
    unit: 'yulinzi',
    award: 'experience-promoted',
    title: '“科普大篷车进乡村”做法在全市推广',
    date: '2025-10-15',
  },
] as const;

/** A report's narrative: the unit, and two phrases of work drawn from `random`. */
export function narrativeFor(random: Random, year: number, o: Obligation): string {
  const name = unitName(o.unit);
  const [a, b] = random.sample(WORK, 2);
  if (o.task === null) {
    return `${year}年，${name}认真落实全民科学素质行动实施方案，${a}，${b}，全年工作任务基本完成。`;
  }
  const task = indexPlan(zhengningPlan).nodes.get(o.task) as { task: { code: string; title: string } };
  return `${year}年，${name}牵头推进${task.task.code}“${task.task.title}”：${a}；${b}。`;
}

/** A made-up PDF attached to a report: its size and digest are drawn from `random`. */
export function evidenceFor(random: Random, year: number, o: Obligation, what = '工作总结'): EvidenceFile[] {
  const subject = o.task === null ? '年度' : `任务${o.task}`;
  return [
    {
      name: `${year}年${unitName(o.unit)}${subject}${what}.pdf`,
      type: 'application/pdf',
      size: random.int(80_000, 2_400_000),
      sha256: random.hex64(),
    },
  ];
}
