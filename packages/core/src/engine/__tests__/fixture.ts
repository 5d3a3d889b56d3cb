import type { AssessmentSchemeInput } from '../../assessment/scheme.js';
import type { Actor } from '../../engine/actor.js';
import type { Clock } from '../../engine/engine.js';
import type { Plan, PlanInput } from '../../plan.js';
import { parsePlan } from '../../validate.js';

// A small plan shaped like the Zhengning one (same ids for the units, tasks and targets it keeps),
// so that engine tests in core do not depend on the plan package.
const departments = ['education', 'youth-league', 'cast', 'propaganda', 'science-tech'] as const;

export const fixtureInput = {
  schemaVersion: 1,
  id: 'fixture-2022-2025',
  county: { id: 'zhengning', name: '正宁县' },
  meta: { title: '测试实施方案', issuer: '测试', period: { start: 2022, end: 2025 } },
  orgUnits: [
    { id: 'education', name: '县教育局', kind: 'government-department' },
    { id: 'youth-league', name: '团县委', kind: 'mass-organisation' },
    { id: 'cast', name: '县科协', kind: 'mass-organisation' },
    { id: 'propaganda', name: '县委宣传部', kind: 'party-department' },
    { id: 'science-tech', name: '县科技局', kind: 'government-department' },
    { id: 'leading-group', name: '领导小组', kind: 'group', members: [...departments] },
    { id: 'shanhe', name: '山河镇', kind: 'township' },
    { id: 'yonghe', name: '永和镇', kind: 'township' },
  ],
  parts: [
    {
      path: '2',
      code: '二',
      title: '行动目标',
      kind: 'guidance',
      sections: [{ path: '2.3', code: '二（三）', title: '行动目标' }],
    },
    {
      path: '3',
      code: '三',
      title: '提升行动',
      kind: 'actions',
      sections: [
        {
          path: '3.1',
          code: '三（一）',
          title: '青少年',
          tasks: [
            {
              path: '3.1.1',
              code: '三（一）1',
              title: '任务一',
              leads: ['education', 'youth-league'],
              partners: ['leading-group'],
            },
            { path: '3.1.2', code: '三（一）2', title: '任务二', leads: ['education'], partners: ['leading-group'] },
            {
              path: '3.1.3',
              code: '三（一）3',
              title: '任务三',
              leads: ['education', 'cast'],
              partners: ['leading-group'],
            },
          ],
        },
        {
          path: '3.2',
          code: '三（二）',
          title: '农民',
          tasks: [
            {
              path: '3.2.1',
              code: '三（二）1',
              title: '任务四',
              leads: ['propaganda', 'science-tech', 'cast'],
              partners: ['leading-group'],
            },
          ],
        },
      ],
    },
    {
      path: '4',
      code: '四',
      title: '重点工程',
      kind: 'projects',
      sections: [
        {
          path: '4.2',
          code: '四（二）',
          title: '信息化',
          tasks: [
            { path: '4.2.3', code: '四（二）3', title: '落地应用', leads: ['cast'], partners: ['leading-group'] },
          ],
        },
        {
          path: '4.3',
          code: '四（三）',
          title: '基础设施',
          tasks: [
            {
              path: '4.3.3',
              code: '四（三）3',
              title: '科普基地',
              leads: ['cast', 'science-tech'],
              partners: ['leading-group'],
            },
          ],
        },
      ],
    },
    {
      path: '5',
      code: '五',
      title: '保障措施',
      kind: 'safeguards',
      sections: [
        { path: '5.1', code: '五（一）', title: '组织领导' },
        {
          path: '5.2',
          code: '五（二）',
          title: '机制',
          clauses: [{ path: '5.2.1', code: '五（二）1', title: '督查考核' }],
        },
      ],
    },
  ],
  indicators: [
    {
      id: 'literacy-rate',
      name: '公民具备科学素质的比例',
      unit: '%',
      valueType: 'rate',
      temporal: 'stock',
      rate: { numerator: '具备', denominator: '调查', scale: 100 },
      source: 'survey',
    },
    {
      id: 'weekly-science-classes',
      name: '每周科学课节数',
      unit: '节/周',
      valueType: 'number',
      temporal: 'stock',
      dimensions: [
        {
          id: 'grade-band',
          name: '学段',
          categories: [
            { id: 'grade-2', name: '二年级' },
            { id: 'middle-school', name: '中学' },
          ],
        },
      ],
      source: 'report',
    },
    {
      id: 'science-china-dissemination',
      name: '科普中国年传播量',
      unit: '条',
      valueType: 'number',
      temporal: 'flow',
      source: 'report',
    },
    {
      id: 'science-bases-created',
      name: '创建科普基地数',
      unit: '处',
      valueType: 'number',
      temporal: 'flow',
      dimensions: [
        {
          id: 'level',
          name: '级别',
          categories: [
            { id: 'city', name: '市级' },
            { id: 'county', name: '县级' },
          ],
        },
      ],
      source: 'report',
    },
    { id: 'column-opened', name: '开设科普专栏', unit: '', valueType: 'boolean', temporal: 'stock', source: 'report' },
    { id: 'literacy-imbalance', name: '不均衡', unit: '', valueType: 'judgement', temporal: 'stock', source: 'review' },
  ],
  targets: [
    {
      kind: 'quantitative',
      id: 'literacy-rate-2025',
      title: '比例达到12%以上',
      indicator: 'literacy-rate',
      links: ['2.3'],
      baseline: { value: 7.8, year: 2020 },
      comparator: { op: 'gte', value: 12, word: '以上' },
      cadence: 'by-deadline',
      deadline: { year: 2025 },
    },
    {
      kind: 'quantitative',
      id: 'science-china-items',
      title: '年传播20万条以上',
      indicator: 'science-china-dissemination',
      links: ['4.2.3'],
      comparator: { op: 'gte', value: 200_000, word: '以上' },
      cadence: 'every-year',
      deadline: { year: 2025 },
    },
    {
      kind: 'quantitative',
      id: 'science-classes-grade-2',
      title: '二年级每周2节',
      indicator: 'weekly-science-classes',
      category: { 'grade-band': 'grade-2' },
      links: ['3.1.2'],
      comparator: { op: 'eq', value: 2, word: '保障' },
      cadence: 'every-year',
      deadline: { year: 2025 },
    },
    {
      kind: 'quantitative',
      id: 'science-bases-county',
      title: '县级基地5处',
      indicator: 'science-bases-created',
      category: { level: 'county' },
      links: ['4.3.3'],
      baseline: { value: 0, year: 2022 },
      comparator: { op: 'gte', value: 5, word: '力争' },
      cadence: 'cumulative-by-deadline',
      deadline: { year: 2025 },
    },
    {
      kind: 'qualitative',
      id: 'imbalance-improved',
      title: '不均衡明显改善',
      indicator: 'literacy-imbalance',
      links: ['2.3'],
      deadline: { year: 2025 },
      judgement: { by: 'reviewer', criteria: '差距缩小' },
    },
  ],
  safeguards: [
    {
      kind: 'organisation',
      id: 'organisation',
      path: '5.1',
      title: '组织领导',
      group: 'leading-group',
      coordinator: 'cast',
    },
    {
      kind: 'assessment',
      id: 'assessment',
      path: '5.2.1',
      title: '督查考核',
      assessed: ['township', 'member-unit'],
      frequency: 'periodic',
      body: '督查考核组',
    },
  ],
} satisfies PlanInput;

export const plan: Plan = parsePlan(fixtureInput);

/** Actors of every role, named after what they are. */
export const actors = {
  eduReporter: { id: 'edu.reporter', role: 'reporter', unit: 'education' },
  castReporter: { id: 'cast.reporter', role: 'reporter', unit: 'cast' },
  youthReporter: { id: 'youth.reporter', role: 'reporter', unit: 'youth-league' },
  propagandaReporter: { id: 'prop.reporter', role: 'reporter', unit: 'propaganda' },
  shanheReporter: { id: 'shanhe.reporter', role: 'reporter', unit: 'shanhe' },
  eduReviewer: { id: 'edu.reviewer', role: 'lead-reviewer', unit: 'education' },
  castReviewer: { id: 'cast.reviewer', role: 'lead-reviewer', unit: 'cast' },
  youthReviewer: { id: 'youth.reviewer', role: 'lead-reviewer', unit: 'youth-league' },
  techReviewer: { id: 'tech.reviewer', role: 'lead-reviewer', unit: 'science-tech' },
  office: { id: 'office', role: 'plan-office', unit: 'cast' },
  assessor: { id: 'assessor', role: 'assessor' },
  observer: { id: 'observer', role: 'observer' },
  // The same person as eduReporter, acting as a reviewer of the same unit.
  eduReporterAsReviewer: { id: 'edu.reporter', role: 'lead-reviewer', unit: 'education' },
} as const satisfies Record<string, Actor>;

/** A clock tests move by hand. */
export function manualClock(
  start = '2024-06-01T02:00:00.000Z',
): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set(iso) {
      now = new Date(iso);
    },
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
  };
}

export const sha = (c: string) => c.repeat(64).slice(0, 64);

/** A one-sheet scheme for the fixture plan: the departments, scored on the grade-2 science classes. */
export const fixtureScheme: AssessmentSchemeInput = {
  schemaVersion: 1,
  id: 'plugin-scheme',
  name: '插件方案',
  version: '1',
  plan: plan.id,
  sheets: [
    {
      id: 'department',
      name: '县直单位',
      members: { orgUnitKinds: ['government-department', 'party-department', 'mass-organisation'] },
      groups: [
        {
          id: 'results',
          name: '工作成效',
          items: [
            {
              id: 'classes',
              name: '科学课',
              points: 100,
              rule: 'proportional',
              sources: [{ kind: 'target', target: 'science-classes-grade-2' }],
            },
          ],
        },
      ],
      grades: [
        { id: 'pass', name: '合格', min: 60, max: 100 },
        { id: 'fail', name: '不合格', min: 0, max: 60 },
      ],
    },
  ],
};
