import { type AssessmentScheme, type AssessmentSchemeInput, type GradeBand, parseScheme } from '@kepu/core';
import { ZHENGNING_LEADING_GROUP_ID, ZHENGNING_PLAN_ID } from './ids.js';
import { deepFreeze } from './internal/deep-freeze.js';
import { zhengningPlan } from './plan.js';

// The plan orders target-based supervision and assessment of townships and member units
// (五（二）1) but prints no scheme. Everything below is Kepu's default (each sheet says
// `origin: 'default'`, so every display marks it 默认), listed item by item in docs/assessment.md
// with how to change it. Each item's description cites the clause of the plan it checks.
//
// Missing data: items scored from data leave the sheet when their data is missing (the survey
// may not run every year, which is no unit's fault) and the other items are rescaled; items a
// reviewer scores count 0 — marked as not assessed — when no review with filed evidence exists,
// because filing the evidence is the unit's own job. A unit whose items
// with data weigh less than 60% of its sheet gets no score at all.

const ASSESSED_BY = ZHENGNING_LEADING_GROUP_ID;

/** 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 < 60. */
const GRADES: GradeBand[] = [
  { id: 'excellent', name: '优秀', nameEn: 'Excellent', min: 90, max: 100 },
  { id: 'good', name: '良好', nameEn: 'Good', min: 80, max: 90 },
  { id: 'pass', name: '合格', nameEn: 'Pass', min: 60, max: 80 },
  { id: 'fail', name: '不合格', nameEn: 'Fail', min: 0, max: 60 },
];

const BONUS = {
  cap: 5,
  awards: [
    { id: 'national-commendation', name: '获国家级表彰奖励', nameEn: 'National commendation', points: 3 },
    { id: 'provincial-commendation', name: '获省级表彰奖励', nameEn: 'Provincial commendation', points: 2 },
    { id: 'city-commendation', name: '获市级表彰奖励', nameEn: 'City commendation', points: 1 },
    {
      id: 'experience-promoted',
      name: '科普工作经验做法被市级以上推广',
      nameEn: 'Practice promoted at city level or above',
      points: 1,
    },
  ],
};

const VETOES = [
  {
    id: 'falsification',
    name: '弄虚作假、虚报瞒报考核数据',
    nameEn: 'Falsified or concealed assessment data',
    description: '考核所用监测数据、佐证材料经核实存在弄虚作假的，实行一票否决。',
  },
  {
    id: 'pseudo-science-incident',
    name: '因工作失职发生造成恶劣影响的封建迷信、伪科学传播事件',
    nameEn: 'A superstition or pseudo-science incident with grave effects, through dereliction',
    description: '本单位（辖区）因工作失职，发生造成恶劣社会影响的封建迷信、伪科学传播事件的，实行一票否决。',
  },
];

const MISSING = { policy: 'rescale' as const, minCoverage: 0.6 };

const input = {
  schemaVersion: 1,
  id: 'zhengning-default',
  name: '正宁县全民科学素质行动实施方案督查考核评分办法（默认方案）',
  nameEn: 'Zhengning science-literacy plan: default assessment scheme',
  version: '2022.1',
  plan: ZHENGNING_PLAN_ID,
  description:
    '方案未印发考核细则（五（二）1 只规定“实行目标考核制度”）。本评分办法的每一项均为 Kepu 默认设置，并非方案规定，可由县里以本县考核方案或方案覆盖替换；说明见 docs/assessment.md。',
  sheets: [
    {
      id: 'department',
      name: '县直成员单位',
      nameEn: 'Member departments',
      members: { orgUnitKinds: ['party-department', 'government-department', 'mass-organisation'] },
      sharing: { lead: 1, partner: 0 },
      missing: MISSING,
      groups: [
        {
          id: 'organisation',
          name: '组织领导',
          nameEn: 'Organisation and leadership',
          points: 20,
          items: [
            {
              id: 'dept-leadership',
              name: '列入重要议事日程，明确分管领导和联络员',
              nameEn: 'On the agenda, with a leader in charge and a liaison',
              description: '一、前言：“各级各部门要把全民科学素质建设列入重要议事日程”；五（一）。',
              points: 8,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
            {
              id: 'dept-planning',
              name: '将承担的任务纳入本部门本系统工作规划和年度计划',
              nameEn: 'Tasks written into the department’s own plans',
              description: '五（一）：“将各自承担的任务纳入本部门本系统的相关工作规划”。',
              points: 6,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
            {
              id: 'dept-coordination',
              name: '密切配合，按时报送工作计划、总结和统计数据',
              nameEn: 'Coordination; plans, reports and statistics on time',
              description: '五（一）“密切配合，形成合力”；五（二）3 科普统计工作。',
              points: 6,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
          ],
        },
        {
          id: 'results',
          name: '工作成效',
          nameEn: 'Results',
          points: 50,
          items: [
            {
              id: 'dept-led-tasks',
              name: '牵头任务完成情况',
              nameEn: 'Tasks led',
              description:
                '三、四各项任务的“牵头部门”：按所牵头任务的完成度（关联目标自基线起算的完成度与任务评审的平均值）计分，牵头单位承担任务结果的全部。',
              points: 35,
              rule: 'proportional',
              sources: [{ kind: 'tasks', roles: ['lead'] }],
              assessedBy: ASSESSED_BY,
            },
            {
              id: 'dept-partner-work',
              name: '配合任务完成情况',
              nameEn: 'Work as a partner',
              description:
                '三、四各项任务的“配合部门：县全民科学素质纲要实施工作领导小组各成员单位”：配合单位按本单位承担的配合工作评分，不分担牵头任务的结果。',
              points: 15,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
          ],
        },
        {
          id: 'safeguards',
          name: '保障措施',
          nameEn: 'Safeguards',
          points: 30,
          items: [
            {
              id: 'dept-funding',
              name: '统筹落实承担任务所需经费',
              nameEn: 'Funding for the department’s tasks',
              description: '五（三）2：“各成员单位要根据承担的任务……统筹考虑和落实公民科学素质建设所需经费”。',
              points: 10,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
            {
              id: 'dept-staff',
              name: '科普工作人员与志愿服务力量',
              nameEn: 'Staff and volunteers for science popularisation',
              description: '五（三）1 科普人才队伍；四（四）2 科技志愿服务队。',
              points: 10,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
            {
              id: 'dept-publicity',
              name: '利用本单位网站、新媒体开展科普宣传，推广“科普中国”',
              nameEn: 'Publicity on the department’s own media; Science China',
              description: '四（二）1：“政府网站、各单位网站等主流媒体加大科普宣传力度”；四（二）3。',
              points: 10,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
          ],
        },
      ],
      bonus: BONUS,
      deductions: [
        {
          basis: 'points',
          id: 'late-report',
          name: '未按时报送工作计划、总结或统计数据',
          nameEn: 'Plan, report or statistics late',
          points: 1,
          max: 5,
        },
        {
          basis: 'points',
          id: 'finding-not-corrected',
          name: '督查发现的问题未按期整改',
          nameEn: 'Inspection finding not corrected in time',
          points: 2,
          max: 10,
        },
        {
          basis: 'item-percent',
          id: 'statistics-missing',
          name: '未报送科普统计数据',
          nameEn: 'Science statistics not submitted',
          item: 'dept-coordination',
          percent: 50,
        },
      ],
      vetoes: VETOES,
      grades: GRADES,
      topGradeCap: { share: 0.3 },
      // The plan prints no scheme: every rule of this sheet is Kepu's default, marked so where shown.
      origin: 'default',
    },
    {
      id: 'township',
      name: '乡镇',
      nameEn: 'Townships',
      members: { orgUnitKinds: ['township'] },
      missing: MISSING,
      groups: [
        {
          id: 'organisation',
          name: '组织领导',
          nameEn: 'Organisation and leadership',
          points: 20,
          items: [
            {
              id: 'township-agenda',
              name: '作为乡村振兴重要内容列入工作计划',
              nameEn: 'Part of rural revitalisation, in the work plan',
              description: '五（一）：“各乡镇要把全民科学素质建设作为乡村振兴重要内容，列入工作计划”。',
              points: 10,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
            {
              id: 'township-support',
              name: '加大支持和工作力度，明确分管领导和工作人员',
              nameEn: 'Support and people in charge',
              description: '五（一）：“加大支持和工作力度，全面推动辖区公民科学素质稳步提升”。',
              points: 10,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
          ],
        },
        {
          id: 'results',
          name: '工作成效',
          nameEn: 'Results',
          points: 50,
          items: [
            {
              id: 'township-activities',
              name: '开展“三下乡”、科技周、科普日等群众性科普活动',
              nameEn: 'Mass science activities in the countryside',
              description: '三（二）1；四（四）3。',
              points: 15,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
            {
              id: 'township-farmer-training',
              name: '高素质农民培训和农技社会化服务',
              nameEn: 'Farmer training and agricultural technical services',
              description: '三（二）2、3：乡镇农业农村综合服务中心承担指导、支持所属地农技协的牵头责任。',
              points: 10,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
            {
              id: 'township-grassroots',
              name: '依托新时代文明实践中心、党群服务中心建设基层科普服务体系',
              nameEn: 'Grassroots science services',
              description:
                '四（四）2：“构建以新时代文明实践中心、党群服务中心、社区服务中心（站）等为阵地……的基层科普服务体系”；“动员学校、医院、农林系统和各乡镇等分行业组建……科技志愿服务队”。',
              points: 10,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
            {
              id: 'township-science-china',
              name: '“科普中国”落地应用：本乡镇注册人数和传播量持续增长',
              nameEn: 'Science China: own registrations and dissemination growing',
              description:
                '四（二）3：“各级各部门要积极推动‘科普中国’落地应用，实现注册人数和传播量持续增长”。按乡镇自报数据，两项增长目标各占一半，未实现增长的按比例扣分。',
              points: 15,
              rule: 'pro-rata',
              sources: [
                { kind: 'target', target: 'science-china-registrations-growth', scope: 'own' },
                { kind: 'target', target: 'science-china-dissemination-growth', scope: 'own' },
              ],
              assessedBy: ASSESSED_BY,
            },
          ],
        },
        {
          id: 'safeguards',
          name: '保障措施',
          nameEn: 'Safeguards',
          points: 30,
          items: [
            {
              id: 'township-facilities',
              name: '乡村科普服务站、科普长廊（橱窗）建设和使用',
              nameEn: 'Village science stations and display boards',
              description: '四（三）1：“积极推动乡村科普服务站、社区科普活动室(站)、城乡科普长廊(橱窗)建设”。',
              points: 10,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
            {
              id: 'township-people',
              name: '科普宣传员、科技志愿者队伍',
              nameEn: 'Science communicators and volunteers',
              description: '四（四）4：动员科技特派员、大学生村官、农村致富带头人等担任科普宣传员。',
              points: 10,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
            {
              id: 'township-reporting',
              name: '按时报送工作总结和科普统计数据',
              nameEn: 'Reports and statistics on time',
              description: '五（二）3 科普统计工作。',
              points: 10,
              rule: 'reviewer',
              missing: 'zero',
              assessedBy: ASSESSED_BY,
            },
          ],
        },
      ],
      bonus: BONUS,
      deductions: [
        {
          basis: 'points',
          id: 'late-report',
          name: '未按时报送工作计划、总结或统计数据',
          nameEn: 'Plan, report or statistics late',
          points: 1,
          max: 5,
        },
        {
          basis: 'points',
          id: 'finding-not-corrected',
          name: '督查发现的问题未按期整改',
          nameEn: 'Inspection finding not corrected in time',
          points: 2,
          max: 10,
        },
        {
          basis: 'item-percent',
          id: 'statistics-missing',
          name: '未报送科普统计数据',
          nameEn: 'Science statistics not submitted',
          item: 'township-reporting',
          percent: 50,
        },
      ],
      vetoes: VETOES,
      grades: GRADES,
      topGradeCap: { share: 0.3 },
      // The plan prints no scheme: every rule of this sheet is Kepu's default, marked so where shown.
      origin: 'default',
    },
  ],
} satisfies AssessmentSchemeInput;

/**
 * The Zhengning default scheme as written, before validation and defaults. Frozen: copy it
 * (`structuredClone`) to build a variant.
 *
 * @example
 * ```ts
 * import { validateScheme } from '@kepu/core';
 * import { zhengningPlan, zhengningSchemeInput } from '@kepu/plan-zhengning';
 * const variant = structuredClone(zhengningSchemeInput);
 * variant.sheets[0].topGradeCap = { share: 0.2 };
 * validateScheme(variant, zhengningPlan).ok; // true
 * ```
 */
export const zhengningSchemeInput: AssessmentSchemeInput = deepFreeze(input);

/**
 * The default assessment scheme for the Zhengning plan (正宁县督查考核评分办法，默认方案): two
 * 100-point score sheets — the fifteen member departments and the ten townships — each grouped as
 * organisation 20, results 50 and safeguards 30; grades 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60,
 * 不合格 < 60, at most 30% 优秀; leads carry a task's result in full, partners are scored on their
 * own contribution item; a bonus of at most 5 points; two veto items. The plan prints none of this:
 * every choice is a default, listed in docs/assessment.md.
 *
 * @example
 * ```ts
 * import { assess } from '@kepu/core';
 * import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
 * const card = assess(zhengningPlan, zhengningScheme, { observations: [] }, { period: 2023 });
 * card.sheets.map((s) => s.name); // ['县直成员单位', '乡镇']
 * ```
 */
export const zhengningScheme: AssessmentScheme = deepFreeze(parseScheme(zhengningSchemeInput, zhengningPlan));
