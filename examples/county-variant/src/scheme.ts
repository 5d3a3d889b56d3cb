import type { AssessmentSchemeInput, GradeBand } from '@kepu/core';

// Hexi grades 好/较好/一般/差 at 90/75/60 (other counties use 优/良/中/差 at 90/80/60), vetoes a
// unit that lets a pseudo-science event spread, and scores each township on its own 科普e站 and
// weather-science numbers. Every choice here is the example county's, not a finding.

const GRADES: GradeBand[] = [
  { id: 'good', name: '好', nameEn: 'Good', min: 90, max: 100 },
  { id: 'fairly-good', name: '较好', nameEn: 'Fairly good', min: 75, max: 90 },
  { id: 'fair', name: '一般', nameEn: 'Fair', min: 60, max: 75 },
  { id: 'poor', name: '差', nameEn: 'Poor', min: 0, max: 60 },
];

const VETO = {
  id: 'pseudo-science',
  name: '发生伪科学传播造成恶劣影响',
  nameEn: 'Pseudo-science spread with serious harm',
};

/** Hexi County's own assessment scheme for its 2021–2025 plan. */
export const hexiSchemeInput: AssessmentSchemeInput = {
  schemaVersion: 1,
  id: 'hexi-2021-2025',
  name: '河西县全民科学素质工作目标责任考核方案',
  nameEn: 'Hexi County science-literacy assessment',
  version: '2023',
  plan: 'hexi-2021-2025',
  sheets: [
    {
      id: 'departments',
      name: '县直部门',
      nameEn: 'County departments',
      members: { orgUnitKinds: ['party-department', 'government-department', 'mass-organisation'] },
      sharing: { lead: 1, partner: 0.5 },
      groups: [
        {
          id: 'work',
          name: '工作落实',
          points: 60,
          items: [{ id: 'dept-tasks', name: '承担任务完成情况', points: 60, rule: 'reviewer', missing: 'zero' }],
        },
        {
          id: 'results',
          name: '目标完成',
          points: 40,
          items: [
            {
              id: 'dept-literacy',
              name: '公民具备科学素质的比例',
              points: 20,
              rule: 'proportional',
              sources: [{ kind: 'target', target: 'literacy-rate-2025' }],
            },
            {
              id: 'dept-demo-county',
              name: '创建全国科普示范县',
              points: 20,
              rule: 'proportional',
              sources: [{ kind: 'target', target: 'national-demo-county' }],
            },
          ],
        },
      ],
      grades: GRADES,
      vetoes: [VETO],
    },
    {
      id: 'townships',
      name: '乡镇',
      nameEn: 'Townships',
      members: { orgUnitKinds: ['township'] },
      groups: [
        {
          id: 'facilities',
          name: '阵地建设',
          points: 50,
          items: [
            {
              id: 'township-e-stations',
              name: '本乡镇建成科普e站',
              points: 50,
              rule: 'proportional',
              sources: [{ kind: 'target', target: 'e-stations-per-township', scope: 'own' }],
            },
          ],
        },
        {
          id: 'activities',
          name: '活动开展',
          points: 50,
          items: [
            {
              id: 'township-weather',
              name: '气象科普进乡村活动',
              points: 25,
              rule: 'proportional',
              sources: [{ kind: 'target', target: 'weather-science-yearly', scope: 'own' }],
            },
            { id: 'township-work', name: '科普工作开展情况', points: 25, rule: 'reviewer', missing: 'zero' },
          ],
        },
      ],
      grades: GRADES,
      vetoes: [VETO],
    },
  ],
};
