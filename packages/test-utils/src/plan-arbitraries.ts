import type { ErrorCode, PlanInput } from '@kepu/core';
import fc from 'fast-check';

const CN = '教育科技农业卫生民政人社财政工信发改应急宣传组织总工会团委科协妇联气象林业水务文旅';
const UNIT_KINDS = ['party-department', 'government-department', 'mass-organisation', 'township', 'other'] as const;

/** A finite number that survives a JSON round trip unchanged (no -0, no NaN, no Infinity). */
export const jsonNumber = fc
  .double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true })
  .map((x) => (Object.is(x, -0) ? 0 : x));

const chineseText = (min: number, max: number) =>
  fc.array(fc.constantFrom(...CN), { minLength: min, maxLength: max }).map((cs) => cs.join(''));

/**
 * Arbitrary valid plans: units (some groups), audiences, parts → sections → tasks whose leads and
 * partners are registered units, indicators and targets linked to existing nodes. Every plan it
 * yields passes `validatePlan`; the property tests of the plan model rely on that.
 */
export const validPlanArbitrary: fc.Arbitrary<PlanInput> = fc
  .record({
    unitCount: fc.integer({ min: 1, max: 8 }),
    unitKinds: fc.array(fc.constantFrom(...UNIT_KINDS), { minLength: 8, maxLength: 8 }),
    groupCount: fc.integer({ min: 0, max: 2 }),
    audienceCount: fc.integer({ min: 0, max: 3 }),
    shape: fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 3,
    }),
    seeds: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
    titles: fc.array(chineseText(1, 12), { minLength: 64, maxLength: 64 }),
    numbers: fc.array(jsonNumber, { minLength: 16, maxLength: 16 }),
    start: fc.integer({ min: 2000, max: 2030 }),
    length: fc.integer({ min: 0, max: 10 }),
    inheritLast: fc.boolean(),
  })
  .map((r) => {
    const pick = (i: number, n: number) => (r.seeds[i % r.seeds.length] ?? 0) % n;
    const title = (i: number) => r.titles[i % r.titles.length] || '任务';
    const units: NonNullable<PlanInput['orgUnits']> = Array.from({ length: r.unitCount }, (_, i) => ({
      id: `unit-${i}`,
      name: `单位${i}${title(i)}`,
      aliases: i % 2 === 0 ? [`别名${i}`] : [],
      kind: r.unitKinds[i] ?? 'other',
    }));
    for (let g = 0; g < r.groupCount; g++) {
      const members = units
        .filter((_, i) => (pick(g + i, 3) !== 0 || i === 0) && units[i]?.kind !== 'group')
        .map((u) => u.id);
      units.push({ id: `group-${g}`, name: `领导小组${g}`, aliases: [], kind: 'group', members });
    }
    const plain = units.filter((u) => u.kind !== 'group').map((u) => u.id);
    const groups = units.filter((u) => u.kind === 'group').map((u) => u.id);
    const audiences = Array.from({ length: r.audienceCount }, (_, i) => ({ id: `aud-${i}`, name: `人群${i}` }));
    let n = 0;
    const parts: NonNullable<PlanInput['parts']> = r.shape.map((sections, p) => ({
      path: `${p + 1}`,
      code: `${p + 1}`,
      title: title(n++),
      kind: 'actions' as const,
      sections: sections.map((taskCount, s) => {
        const leads = [plain[pick(n++, plain.length)] as string];
        const partners = [
          ...(groups.length > 0 ? [groups[pick(n++, groups.length)] as string] : []),
          ...plain.filter((id) => !leads.includes(id) && pick(n++, 4) === 0),
        ];
        const inheritedFrom = r.inheritLast && taskCount > 1 ? taskCount - 1 : -1;
        return {
          path: `${p + 1}.${s + 1}`,
          code: `(${s + 1})`,
          title: title(n++),
          audiences: audiences.length > 0 ? [audiences[pick(n++, audiences.length)]?.id as string] : [],
          ...(inheritedFrom >= 0 ? { responsibility: { leads, partners } } : {}),
          tasks: Array.from({ length: taskCount }, (_, t) => {
            const own = t < inheritedFrom || inheritedFrom < 0;
            const taskLeads = own ? [plain[pick(n++, plain.length)] as string] : leads;
            const taskPartners = own ? partners.filter((id) => !taskLeads.includes(id)) : partners;
            return {
              path: `${p + 1}.${s + 1}.${t + 1}`,
              code: `${s + 1}.${t + 1}`,
              title: title(n++),
              text: title(n++),
              leads: taskLeads,
              partners: taskPartners,
              inherited: !own,
            };
          }),
        };
      }),
    }));
    const paths = parts.flatMap((part) => [
      part.path,
      ...(part.sections ?? []).flatMap((s) => [s.path, ...(s.tasks ?? []).map((t) => t.path)]),
    ]);
    const value = (i: number) => r.numbers[i % r.numbers.length] ?? 0;
    const plan: PlanInput = {
      schemaVersion: 1,
      id: `plan-${pick(0, 1000)}`,
      county: { id: 'county', name: '某县' },
      meta: {
        title: `${title(0)}实施方案`,
        issuer: '某县人民政府办公室',
        period: { start: r.start, end: r.start + r.length },
      },
      audiences,
      orgUnits: units,
      parts,
      indicators: [
        {
          id: 'ind-rate',
          name: '比例',
          unit: '%',
          valueType: 'rate',
          temporal: 'stock',
          rate: { numerator: '甲', denominator: '乙', scale: 100 },
          source: 'survey',
        },
        { id: 'ind-count', name: '数量', unit: '个', valueType: 'number', temporal: 'flow', source: 'report' },
        { id: 'ind-judge', name: '评价', unit: '', valueType: 'judgement', temporal: 'stock', source: 'review' },
      ],
      targets: [
        {
          kind: 'quantitative',
          id: 'target-rate',
          title: title(1),
          indicator: 'ind-rate',
          links: [paths[pick(1, paths.length)] as string],
          baseline: { value: value(0), year: r.start },
          comparator: { op: 'gte', value: value(1), word: '达到' },
          cadence: 'by-deadline',
          deadline: { year: r.start + r.length },
        },
        {
          kind: 'quantitative',
          id: 'target-range',
          title: title(2),
          indicator: 'ind-count',
          links: [paths[pick(2, paths.length)] as string],
          comparator: { op: 'range', min: Math.min(value(2), value(3)), max: Math.max(value(2), value(3)), word: '至' },
          cadence: 'every-year',
          deadline: { year: r.start + r.length },
        },
        {
          kind: 'qualitative',
          id: 'target-judged',
          title: title(3),
          indicator: 'ind-judge',
          links: [paths[pick(3, paths.length)] as string],
          deadline: { year: r.start + r.length },
          judgement: { by: 'reviewer', criteria: title(4), evidence: [] },
        },
      ],
    };
    return plan;
  });

/** A deliberate referential break and the issue it must produce. */
export interface PlanBreak {
  readonly plan: PlanInput;
  readonly expected: { readonly code: ErrorCode; readonly path: ReadonlyArray<string | number> };
  readonly description: string;
}

/**
 * Arbitrary valid plans with exactly one referential break applied — a referenced unit removed,
 * an id duplicated, a target pointed at a missing task — and the code and path the validator
 * must report for it.
 */
export const brokenPlanArbitrary: fc.Arbitrary<PlanBreak> = fc
  .tuple(
    validPlanArbitrary,
    fc.constantFrom('remove-lead-unit', 'duplicate-unit-id', 'missing-task-link', 'duplicate-task-path'),
    fc.nat(),
  )
  .map(([input, kind, seed]) => {
    const plan = structuredClone(input);
    const units = plan.orgUnits;
    const parts = plan.parts;
    const tasks = parts.flatMap((part, p) =>
      (part.sections ?? []).flatMap((section, s) =>
        (section.tasks ?? []).map((task, t) => ({ task, at: ['parts', p, 'sections', s, 'tasks', t] as const })),
      ),
    );
    if (kind === 'remove-lead-unit' && tasks.length > 0) {
      const { task, at } = tasks[seed % tasks.length] as (typeof tasks)[number];
      const lead = task.leads[0] as string;
      plan.orgUnits = units.filter((u) => u.id !== lead);
      return {
        plan,
        expected: { code: 'unknown-org-unit', path: [...at, 'leads', 0] },
        description: `removed ${lead}`,
      };
    }
    if (kind === 'duplicate-task-path' && tasks.length > 1) {
      const { at } = tasks[1] as (typeof tasks)[number];
      const first = tasks[0] as (typeof tasks)[number];
      const second = tasks[1] as (typeof tasks)[number];
      // Only a break when both tasks sit in one section: otherwise the path check fires first.
      if (first.at[3] === second.at[3] && first.at[1] === second.at[1]) {
        second.task.path = first.task.path;
        return {
          plan,
          expected: { code: 'duplicate-id', path: [...at, 'path'] },
          description: 'duplicated a task path',
        };
      }
    }
    if (kind === 'missing-task-link') {
      const targets = plan.targets ?? [];
      const i = seed % targets.length;
      const target = targets[i];
      if (target) {
        target.links = ['9.9.9'];
        return {
          plan,
          expected: { code: 'unknown-reference', path: ['targets', i, 'links', 0] },
          description: 'target linked to 9.9.9',
        };
      }
    }
    const copy = units[seed % units.length];
    plan.orgUnits = [...units, { ...(copy as (typeof units)[number]) }];
    return {
      plan,
      expected: { code: 'duplicate-id', path: ['orgUnits', units.length, 'id'] },
      description: `duplicated unit ${copy?.id}`,
    };
  });
