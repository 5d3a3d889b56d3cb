import { brokenPlanArbitrary, validPlanArbitrary } from '@kepu/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath, isKepuError, KepuError } from '../errors.js';
import type { PlanInput } from '../plan.js';
import { parsePlan, validatePlan } from '../validate.js';

function minimalPlan(): PlanInput {
  return {
    schemaVersion: 1,
    id: 'demo',
    county: { id: 'demo', name: '示例县' },
    meta: { title: '示例县实施方案', issuer: '示例县人民政府办公室', period: { start: 2022, end: 2025 } },
    orgUnits: [
      { id: 'edu', name: '县教育局', kind: 'government-department' },
      { id: 'cast', name: '县科协', fullName: '示例县科学技术协会', kind: 'mass-organisation' },
      { id: 'group', name: '领导小组', kind: 'group', members: ['edu', 'cast'] },
    ],
    parts: [
      {
        path: '3',
        code: '三',
        title: '行动',
        kind: 'actions',
        sections: [
          {
            path: '3.1',
            code: '三（一）',
            title: '青少年',
            responsibility: { leads: ['cast'], partners: ['group'] },
            tasks: [
              { path: '3.1.1', code: '三（一）1', title: '任务一', leads: ['edu'], partners: ['group'] },
              {
                path: '3.1.2',
                code: '三（一）2',
                title: '任务二',
                leads: ['cast'],
                partners: ['group'],
                inherited: true,
              },
            ],
          },
        ],
      },
    ],
    indicators: [{ id: 'count', name: '数量', unit: '个', valueType: 'number', temporal: 'flow', source: 'report' }],
    targets: [
      {
        kind: 'quantitative',
        id: 't1',
        title: '数量达到5个',
        indicator: 'count',
        links: ['3.1.1'],
        comparator: { op: 'gte', value: 5, word: '达到' },
        cadence: 'cumulative-by-deadline',
        deadline: { year: 2025 },
      },
    ],
  };
}

function issuesOf(input: unknown) {
  const result = validatePlan(input);
  return result.ok ? [] : result.issues.map((i) => ({ code: i.code, path: formatPath(i.path) }));
}

describe('validatePlan: rules that span fields', () => {
  it('accepts a minimal valid plan and fills defaults', () => {
    const result = validatePlan(minimalPlan());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.principles).toEqual([]);
      expect(result.value.parts[0]?.sections[0]?.tasks[0]?.inherited).toBe(false);
    }
  });

  it('reports an unknown lead with its path and a bilingual message that says what to do', () => {
    const plan = minimalPlan();
    plan.parts[0]!.sections![0]!.tasks![0]!.leads = ['nobody'];
    const result = validatePlan(plan);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    const [issue] = result.issues;
    expect(issue?.code).toBe('unknown-org-unit');
    expect(issue?.path).toEqual(['parts', 0, 'sections', 0, 'tasks', 0, 'leads', 0]);
    expect(issue?.message.zh).toContain('nobody');
    expect(issue?.message.zh).toContain('请');
    expect(issue?.message.en).toMatch(/Register it/);
  });

  it('reports every problem at once, not just the first', () => {
    const plan = minimalPlan();
    const task = plan.parts[0]!.sections![0]!.tasks![0]!;
    task.leads = [];
    task.partners = ['ghost'];
    plan.orgUnits.push({ id: 'edu', name: '重复', kind: 'other' });
    plan.orgUnits.push({ id: 'empty', name: '空组', kind: 'group', members: [] });
    plan.targets![0]!.links = [];
    expect(issuesOf(plan)).toEqual(
      expect.arrayContaining([
        { code: 'duplicate-id', path: 'orgUnits[3].id' },
        { code: 'empty-group', path: 'orgUnits[4].members' },
        { code: 'unknown-org-unit', path: 'parts[0].sections[0].tasks[0].partners[0]' },
        { code: 'task-without-lead', path: 'parts[0].sections[0].tasks[0].leads' },
        { code: 'target-unlinked', path: 'targets[0].links' },
      ]),
    );
  });

  it('flags a unit that is both lead and partner of one task', () => {
    const plan = minimalPlan();
    plan.parts[0]!.sections![0]!.tasks![0]!.partners = ['group', 'edu'];
    expect(issuesOf(plan)).toEqual([{ code: 'lead-and-partner', path: 'parts[0].sections[0].tasks[0].partners[1]' }]);
  });

  it('does not treat a lead that is also a member of the partner group as lead-and-partner', () => {
    // The seed names 县教育局 as lead and "all member units of the leading group" as partners.
    expect(issuesOf(minimalPlan())).toEqual([]);
  });

  it('checks that an inherited task carries its section’s responsibility', () => {
    const plan = minimalPlan();
    plan.parts[0]!.sections![0]!.tasks![1]!.leads = ['edu'];
    expect(issuesOf(plan)).toEqual([
      { code: 'inconsistent-responsibility', path: 'parts[0].sections[0].tasks[1].leads' },
    ]);
    delete plan.parts[0]!.sections![0]!.responsibility;
    expect(issuesOf(plan)).toEqual([
      { code: 'inconsistent-responsibility', path: 'parts[0].sections[0].tasks[1].inherited' },
    ]);
  });

  it('finds a group that contains itself through another group', () => {
    const plan = minimalPlan();
    plan.orgUnits.push({ id: 'outer', name: '外组', kind: 'group', members: ['group'] });
    plan.orgUnits[2]!.members = ['edu', 'outer'];
    expect(issuesOf(plan).map((i) => i.code)).toContain('group-cycle');
  });

  it('rejects a name or alias shared by two units, since names must resolve to one unit', () => {
    const plan = minimalPlan();
    plan.orgUnits[0]!.aliases = ['示例县科学技术协会'];
    expect(issuesOf(plan)).toEqual([{ code: 'duplicate-id', path: 'orgUnits[1].aliases' }]);
  });

  it('rejects a child path that does not extend its parent', () => {
    const plan = minimalPlan();
    plan.parts[0]!.sections![0]!.tasks![0]!.path = '4.1.1';
    expect(issuesOf(plan)).toContainEqual({ code: 'invalid-path', path: 'parts[0].sections[0].tasks[0].path' });
  });

  it('rejects inconsistent targets: inverted range, baseline after deadline, qualitative on a measured indicator', () => {
    const plan = minimalPlan();
    plan.targets!.push(
      {
        kind: 'quantitative',
        id: 't2',
        title: '区间',
        indicator: 'count',
        links: ['3.1'],
        comparator: { op: 'range', min: 3, max: 2, word: '至' },
        baseline: { value: 1, year: 2030 },
        cadence: 'every-year',
        deadline: { year: 2025 },
      },
      {
        kind: 'qualitative',
        id: 't3',
        title: '定性',
        indicator: 'count',
        links: ['3'],
        deadline: { year: 2025 },
        judgement: { by: 'reviewer', criteria: '明显改善' },
      },
    );
    expect(issuesOf(plan)).toEqual([
      { code: 'inconsistent-target', path: 'targets[1].comparator.min' },
      { code: 'inconsistent-target', path: 'targets[1].baseline.year' },
      { code: 'inconsistent-target', path: 'targets[2].kind' },
    ]);
  });

  it('refuses a designated reporter that is not a unit, and an area lead duty of a group kind', () => {
    const plan = minimalPlan();
    const target = plan.targets?.[0] as Record<string, unknown>;
    target.aggregation = { kind: 'county-figure', reporter: 'atlantis' };
    expect(issuesOf(plan)).toEqual([{ code: 'unknown-org-unit', path: 'targets[0].aggregation.reporter' }]);
    target.aggregation = { kind: 'county-figure', reporter: 'cast' };
    const task = plan.parts?.[0]?.sections?.[0]?.tasks?.[0] as Record<string, unknown>;
    task.areaLeads = [{ unitKind: 'group', duty: '牵头' }];
    expect(issuesOf(plan).map((i) => i.code)).toEqual(['invalid-shape']);
    task.areaLeads = [{ unitKind: 'township', duty: '乡镇牵头本辖区' }];
    expect(issuesOf(plan)).toEqual([]);
  });

  it('keeps a blank document number as null instead of inventing one', () => {
    const plan = minimalPlan();
    plan.meta.documentNumber = { printed: '正政办发〔2022〕 号', prefix: '正政办发', year: 2022, number: null };
    const result = validatePlan(plan);
    expect(result.ok && result.value.meta.documentNumber?.number).toBeNull();
  });

  it('rejects NaN and Infinity in numbers as invalid-shape with the field path', () => {
    const plan = minimalPlan();
    (plan.targets![0] as { comparator: { value: number } }).comparator.value = Number.NaN;
    expect(issuesOf(plan)[0]).toEqual({ code: 'invalid-shape', path: 'targets[0].comparator.value' });
  });

  it('parsePlan throws a KepuError that carries every issue', () => {
    const plan = minimalPlan();
    plan.parts[0]!.sections![0]!.tasks![0]!.leads = ['x', 'y'];
    try {
      parsePlan(plan);
      expect.unreachable();
    } catch (error) {
      expect(isKepuError(error)).toBe(true);
      expect(error).toBeInstanceOf(KepuError);
      expect((error as KepuError).issues).toHaveLength(2);
      expect((error as KepuError).code).toBe('unknown-org-unit');
      expect((error as KepuError).messageZh).toContain('另有 1 处问题');
    }
  });
});

describe('plan model laws', () => {
  it('law: every generated valid plan validates', () => {
    fc.assert(
      fc.property(validPlanArbitrary, (plan) => {
        const result = validatePlan(plan);
        if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
      }),
    );
  });

  it('law: a valid plan survives a JSON round trip unchanged and re-validates', () => {
    fc.assert(
      fc.property(validPlanArbitrary, (input) => {
        const plan = parsePlan(input);
        const again = JSON.parse(JSON.stringify(plan));
        expect(again).toEqual(plan);
        expect(parsePlan(again)).toEqual(plan);
      }),
    );
  });

  it('law: a referential break is always reported with its code and path', () => {
    fc.assert(
      fc.property(brokenPlanArbitrary, ({ plan, expected }) => {
        const result = validatePlan(plan);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.issues.map((i) => ({ code: i.code, path: i.path }))).toContainEqual({
            code: expected.code,
            path: expected.path,
          });
        }
      }),
    );
  });

  it('law: any JSON value yields a result, never a raw exception', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validatePlan(value);
        expect(result.ok).toBe(false);
        if (!result.ok) for (const issue of result.issues) expect(issue.message.zh.length).toBeGreaterThan(0);
      }),
    );
  });

  it('law: mutating one field of a valid plan to an arbitrary JSON value yields a result, never an exception', () => {
    fc.assert(
      fc.property(validPlanArbitrary, fc.jsonValue(), fc.nat(), (input, junk, seed) => {
        const plan = structuredClone(input) as unknown as Record<string, unknown>;
        const keys = Object.keys(plan);
        plan[keys[seed % keys.length] as string] = junk;
        const result = validatePlan(plan);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});
