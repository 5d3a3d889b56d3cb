import { type AssessmentSchemeInput, type Plan, type PlanInput, parsePlan } from '../../index.js';

/**
 * A small plan with one target of every kind the model has, for the assessment's unit tests
 * (core cannot depend on a county's package). Period 2022–2025.
 */
export const fixturePlanInput: PlanInput = {
  schemaVersion: 1,
  id: 'fixture',
  county: { id: 'fixture-county', name: '示例县' },
  meta: { title: '示例县全民科学素质行动实施方案', issuer: '示例县人民政府办公室', period: { start: 2022, end: 2025 } },
  orgUnits: [
    { id: 'dept-a', name: '甲局', nameEn: 'Bureau A', kind: 'government-department' },
    { id: 'dept-b', name: '乙局', nameEn: 'Bureau B', kind: 'government-department' },
    { id: 'dept-c', name: '丙局', nameEn: 'Bureau C', kind: 'government-department' },
    { id: 'town-x', name: '甲镇', nameEn: 'Town X', kind: 'township' },
    { id: 'town-y', name: '乙镇', nameEn: 'Town Y', kind: 'township' },
    { id: 'town-z', name: '丙乡', nameEn: 'Town Z', kind: 'township' },
    { id: 'group', name: '领导小组', kind: 'group', members: ['dept-a', 'dept-b', 'dept-c'] },
  ],
  parts: [
    {
      path: '2',
      code: '二',
      title: '目标',
      kind: 'guidance',
      sections: [
        {
          path: '2.1',
          code: '二（一）',
          title: '行动目标',
          clauses: [{ path: '2.1.1', code: '二（一）1', title: '目标' }],
        },
      ],
    },
    {
      path: '3',
      code: '三',
      title: '行动',
      kind: 'actions',
      sections: [
        {
          path: '3.1',
          code: '三（一）',
          title: '行动一',
          tasks: [
            { path: '3.1.1', code: '三（一）1', title: '任务一', leads: ['dept-a'], partners: ['group'] },
            { path: '3.1.2', code: '三（一）2', title: '任务二', leads: ['dept-b'], partners: ['group'] },
            { path: '3.1.3', code: '三（一）3', title: '任务三', leads: ['dept-a', 'dept-c'], partners: [] },
            { path: '3.1.4', code: '三（一）4', title: '任务四', leads: ['dept-c'], partners: ['group'] },
          ],
        },
      ],
    },
  ],
  indicators: [
    {
      id: 'literacy',
      name: '具备科学素质的比例',
      unit: '%',
      valueType: 'rate',
      temporal: 'stock',
      rate: { numerator: '具备科学素质人数', denominator: '调查人数', scale: 100 },
      source: 'survey',
    },
    {
      id: 'bases',
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
    { id: 'items', name: '年传播信息量', unit: '条', valueType: 'number', temporal: 'flow', source: 'report' },
    { id: 'registrations', name: '注册人数', unit: '人', valueType: 'number', temporal: 'stock', source: 'report' },
    {
      id: 'classes',
      name: '每周科学课节数',
      unit: '节/周',
      valueType: 'number',
      temporal: 'stock',
      source: 'report',
    },
    { id: 'incidents', name: '伪科学传播事件数', unit: '起', valueType: 'number', temporal: 'flow', source: 'report' },
    { id: 'budget', name: '经费列入预算', unit: '', valueType: 'boolean', temporal: 'stock', source: 'report' },
    { id: 'balance', name: '城乡均衡', unit: '', valueType: 'judgement', temporal: 'stock', source: 'review' },
  ],
  targets: [
    {
      kind: 'quantitative',
      id: 'literacy-2025',
      title: '比例达到12%以上',
      indicator: 'literacy',
      links: ['2.1.1', '3.1.1'],
      baseline: { value: 7.8, year: 2020 },
      comparator: { op: 'gte', value: 12, word: '达到…以上' },
      cadence: 'by-deadline',
      deadline: { year: 2025 },
    },
    {
      kind: 'quantitative',
      id: 'bases-city',
      title: '市级基地3处',
      indicator: 'bases',
      category: { level: 'city' },
      links: ['3.1.2'],
      baseline: { value: 0, year: 2022 },
      comparator: { op: 'gte', value: 3, word: '力争' },
      cadence: 'cumulative-by-deadline',
      deadline: { year: 2025 },
    },
    {
      kind: 'quantitative',
      id: 'items-yearly',
      title: '年传播200条以上',
      indicator: 'items',
      links: ['3.1.2'],
      comparator: { op: 'gte', value: 200, word: '以上' },
      cadence: 'every-year',
      deadline: { year: 2025 },
    },
    {
      kind: 'quantitative',
      id: 'registrations-growth',
      title: '注册人数持续增长',
      indicator: 'registrations',
      links: ['3.1.4'],
      comparator: { op: 'gt', value: 0, word: '持续增长' },
      cadence: 'year-on-year-growth',
      deadline: { year: 2025 },
    },
    {
      kind: 'quantitative',
      id: 'classes-range',
      title: '每周2至3节',
      indicator: 'classes',
      links: ['3.1.3'],
      comparator: { op: 'range', min: 2, max: 3, word: '2至3节' },
      cadence: 'every-year',
      deadline: { year: 2025 },
    },
    {
      kind: 'quantitative',
      id: 'no-incidents',
      title: '不发生伪科学传播事件',
      indicator: 'incidents',
      links: ['3.1.4'],
      baseline: { value: 4, year: 2021 },
      comparator: { op: 'lte', value: 0, word: '不发生' },
      cadence: 'every-year',
      deadline: { year: 2025 },
    },
    {
      kind: 'quantitative',
      id: 'budget-listed',
      title: '经费列入预算',
      indicator: 'budget',
      links: ['3.1.4'],
      comparator: { op: 'eq', value: 1, word: '列入' },
      cadence: 'every-year',
      deadline: { year: 2025 },
    },
    {
      kind: 'qualitative',
      id: 'balance-improved',
      title: '不均衡明显改善',
      indicator: 'balance',
      links: ['2.1.1', '3.1.3'],
      deadline: { year: 2025 },
      judgement: { by: 'reviewer', criteria: '城乡差距明显缩小' },
    },
  ],
};

export const fixturePlan: Plan = parsePlan(fixturePlanInput);

export const BANDS = [
  { id: 'excellent', name: '优秀', nameEn: 'Excellent', min: 90, max: 100 },
  { id: 'good', name: '良好', nameEn: 'Good', min: 80, max: 90 },
  { id: 'pass', name: '合格', nameEn: 'Pass', min: 60, max: 80 },
  { id: 'fail', name: '不合格', nameEn: 'Fail', min: 0, max: 60 },
];

/** A scheme over the fixture plan: departments on led tasks and a reviewer item, townships on own data. */
export const fixtureSchemeInput: AssessmentSchemeInput = {
  schemaVersion: 1,
  id: 'fixture-scheme',
  name: '示例考核方案',
  version: 'test',
  plan: 'fixture',
  sheets: [
    {
      id: 'department',
      name: '部门',
      members: { orgUnitKinds: ['government-department'] },
      groups: [
        {
          id: 'organisation',
          name: '组织领导',
          points: 20,
          items: [{ id: 'dept-organisation', name: '组织领导', points: 20, rule: 'reviewer' }],
        },
        {
          id: 'results',
          name: '工作成效',
          points: 50,
          items: [
            {
              id: 'dept-led',
              name: '牵头任务',
              points: 50,
              rule: 'proportional',
              sources: [{ kind: 'tasks', roles: ['lead'] }],
            },
          ],
        },
        {
          id: 'safeguards',
          name: '保障措施',
          points: 30,
          items: [{ id: 'dept-safeguards', name: '保障措施', points: 30, rule: 'reviewer' }],
        },
      ],
      bonus: { cap: 5, awards: [{ id: 'provincial', name: '省级表彰', points: 3 }] },
      deductions: [
        { basis: 'points', id: 'late-report', name: '迟报', points: 1, max: 3 },
        { basis: 'item-percent', id: 'missing-statistics', name: '统计缺报', item: 'dept-safeguards', percent: 10 },
      ],
      vetoes: [{ id: 'falsification', name: '弄虚作假' }],
      grades: BANDS,
      topGradeCap: { share: 0.34 },
    },
    {
      id: 'township',
      name: '乡镇',
      members: { orgUnitKinds: ['township'] },
      groups: [
        {
          id: 'results',
          name: '工作成效',
          items: [
            {
              id: 'town-registrations',
              name: '注册人数增长',
              points: 40,
              rule: 'all-or-nothing',
              sources: [{ kind: 'target', target: 'registrations-growth', scope: 'own' }],
            },
            {
              id: 'town-items',
              name: '传播量',
              points: 30,
              rule: 'proportional',
              sources: [
                {
                  kind: 'target',
                  target: 'items-yearly',
                  scope: 'own',
                  comparator: { op: 'gte', value: 50, word: '每镇50条' },
                },
              ],
            },
          ],
        },
        { id: 'work', name: '日常工作', items: [{ id: 'town-work', name: '日常工作', points: 30, rule: 'reviewer' }] },
      ],
      grades: BANDS,
    },
  ],
};

/** A reviewer score for an item, with filed evidence. */
export function review(item: string, unit: string, score: number, outOf: number, period = 2024) {
  return { item, unit, period, score, outOf, reviewer: { unit: 'group' }, evidence: [{ title: '材料' }] };
}

/** Walks a value and returns the paths of every NaN or infinite number in it. */
export function nonFiniteNumbers(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFiniteNumbers(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => nonFiniteNumbers(v, `${path}.${k}`));
  }
  return [];
}
