import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../validate.js';
import { assess } from '../assess.js';
import { evaluateTarget } from '../evaluate-target.js';

const plan = parsePlan({
  schemaVersion: 1,
  id: 'cat',
  county: { id: 'c', name: '县' },
  meta: { title: '方案', issuer: '县政府办', period: { start: 2022, end: 2025 } },
  orgUnits: [{ id: 'edu', name: '县教育局', kind: 'government-department' }],
  parts: [
    {
      path: '3',
      code: '三',
      title: '行动',
      kind: 'actions',
      sections: [
        {
          path: '3.1',
          code: '（一）',
          title: '节',
          tasks: [{ path: '3.1.1', code: '1', title: '任务', leads: ['edu'] }],
        },
      ],
    },
  ],
  indicators: [
    {
      id: 'bases',
      name: '基地',
      unit: '处',
      valueType: 'number',
      temporal: 'flow',
      source: 'report',
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
    },
  ],
  targets: [
    {
      kind: 'quantitative',
      id: 'city',
      title: '市级',
      indicator: 'bases',
      category: { level: 'city' },
      links: ['3.1.1'],
      comparator: { op: 'gte', value: 3, word: '创建' },
      cadence: 'cumulative-by-deadline',
      deadline: { year: 2025 },
    },
    {
      kind: 'quantitative',
      id: 'county',
      title: '县级',
      indicator: 'bases',
      category: { level: 'county' },
      links: ['3.1.1'],
      comparator: { op: 'gte', value: 5, word: '创建' },
      cadence: 'cumulative-by-deadline',
      deadline: { year: 2025 },
    },
  ],
});

describe('an observation that names its target', () => {
  it('counts for that target without repeating its category (it was silently dropped before)', () => {
    const target = plan.targets[0]!;
    const e = evaluateTarget(target, plan.indicators[0], [{ target: 'city', period: 2023, value: 2 }], [], {
      period: 2024,
      asOf: '2024-12-31',
      planStart: 2022,
    });
    expect(e.value).toBe(2);
    const card = assess(
      plan,
      {
        schemaVersion: 1,
        id: 's',
        name: 's',
        version: '1',
        plan: 'cat',
        sheets: [
          {
            id: 'd',
            name: 'd',
            members: { orgUnitKinds: ['government-department'] },
            groups: [
              {
                id: 'g',
                name: 'g',
                items: [
                  {
                    id: 'i',
                    name: 'i',
                    points: 100,
                    rule: 'proportional',
                    sources: [{ kind: 'target', target: 'city' }],
                  },
                ],
              },
            ],
            grades: [{ id: 'a', name: 'a', min: 0, max: 100 }],
          },
        ],
      },
      { observations: [{ target: 'city', period: 2023, value: 2 }] },
      { period: 2024 },
    );
    expect(card.targets.find((t) => t.target === 'city')?.value).toBe(2);
    // …and only for that target: the county-level target saw nothing.
    expect(card.targets.find((t) => t.target === 'county')?.value).toBeNull();
  });

  it('an explicit category that contradicts the target still does not count', () => {
    const e = evaluateTarget(
      plan.targets[0]!,
      plan.indicators[0],
      [{ target: 'city', category: { level: 'county' }, period: 2023, value: 2 }],
      [],
      {
        period: 2024,
        asOf: '2024-12-31',
        planStart: 2022,
      },
    );
    expect(e.value).toBeNull();
  });
});

describe('a target met before and missed now', () => {
  it('is not achieved, never on track (the growth ratio of two falls is positive)', () => {
    const items = parsePlan({
      schemaVersion: 1,
      id: 'ey',
      county: { id: 'c', name: '县' },
      meta: { title: '方案', issuer: '县政府办', period: { start: 2022, end: 2025 } },
      orgUnits: [{ id: 'cast', name: '县科协', kind: 'mass-organisation' }],
      parts: [
        {
          path: '4',
          code: '四',
          title: '工程',
          kind: 'projects',
          sections: [
            {
              path: '4.2',
              code: '（二）',
              title: '信息化',
              tasks: [{ path: '4.2.3', code: '3', title: '落地应用', leads: ['cast'] }],
            },
          ],
        },
      ],
      indicators: [
        { id: 'items', name: '年传播信息量', unit: '条', valueType: 'number', temporal: 'flow', source: 'report' },
      ],
      targets: [
        {
          kind: 'quantitative',
          id: 'items-yearly',
          title: '年传播信息量20万条以上',
          indicator: 'items',
          links: ['4.2.3'],
          comparator: { op: 'gte', value: 200000, word: '以上' },
          cadence: 'every-year',
          deadline: { year: 2025 },
        },
      ],
    });
    const e = evaluateTarget(
      items.targets[0]!,
      items.indicators[0],
      [
        { target: 'items-yearly', period: 2022, value: 210000 },
        { target: 'items-yearly', period: 2023, value: 205000 },
        { target: 'items-yearly', period: 2024, value: 120000 },
      ],
      [],
      { period: 2024, asOf: '2024-12-31', planStart: 2022 },
    );
    expect(e.met).toBe(false);
    expect(e.status).toBe('not-achieved');
    expect(e.explanations.status.rule).toBe('status.every-year.not-met');
  });
});

describe('the incremental assessor after a warm assessment', () => {
  it('re-scores units whose target gained data (a cached score once kept reading the old evaluation)', async () => {
    const { createAssessor } = await import('../assessor.js');
    const scheme = {
      schemaVersion: 1 as const,
      id: 's',
      name: 's',
      version: '1',
      plan: 'cat',
      sheets: [
        {
          id: 'd',
          name: 'd',
          members: { orgUnitKinds: ['government-department' as const] },
          groups: [
            {
              id: 'g',
              name: 'g',
              items: [
                {
                  id: 'i',
                  name: 'i',
                  points: 50,
                  rule: 'proportional' as const,
                  sources: [{ kind: 'target' as const, target: 'city' }],
                },
                {
                  id: 'j',
                  name: 'j',
                  points: 50,
                  rule: 'proportional' as const,
                  sources: [{ kind: 'target' as const, target: 'county' }],
                },
              ],
            },
          ],
          grades: [{ id: 'a', name: 'a', min: 0, max: 100 }],
          missing: { policy: 'rescale' as const, minCoverage: 0 },
        },
      ],
    };
    const first = { observations: [{ id: 'o1', target: 'county', period: 2023, value: 5 }] };
    const second = { observations: [{ id: 'o2', target: 'city', period: 2024, value: 1 }] };
    const assessor = createAssessor(plan, scheme);
    assessor.add(first);
    assessor.assess({ period: 2024 });
    assessor.add(second);
    const warm = assessor.assess({ period: 2024 });
    const fresh = assess(
      plan,
      scheme,
      { observations: [...first.observations, ...second.observations] },
      { period: 2024 },
    );
    expect(JSON.stringify(warm)).toBe(JSON.stringify(fresh));
    expect(warm.sheets[0]?.units[0]?.items[0]?.status).toBe('assessed');
  });
});
