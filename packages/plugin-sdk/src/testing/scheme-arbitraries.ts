import {
  type AssessmentSchemeInput,
  type GradeBand,
  indexPlan,
  type Plan,
  type QuantitativeTarget,
  sheetMembers,
} from '@kepu/core';
import fc from 'fast-check';

type SheetInput = AssessmentSchemeInput['sheets'][number];
type ItemInput = SheetInput['groups'][number]['items'][number];

/**
 * Arbitrary grade bands that partition [0, maxScore]: one to five bands cut at distinct points.
 * Every value it yields passes `checkGradeBands`.
 *
 * @example
 * ```ts
 * import { gradeBandsArbitrary } from '@kepu/plugin-sdk/testing';
 * import fc from 'fast-check';
 * fc.sample(gradeBandsArbitrary(100), 1); // e.g. [[{ id: 'band-0', min: 0, max: 60 }, …]]
 * ```
 */
export function gradeBandsArbitrary(maxScore = 100): fc.Arbitrary<GradeBand[]> {
  return fc.uniqueArray(fc.integer({ min: 1, max: maxScore - 1 }), { minLength: 0, maxLength: 4 }).map((cuts) => {
    const edges = [0, ...[...cuts].sort((a, b) => a - b), maxScore];
    return edges.slice(1).map((max, i) => ({ id: `band-${i}`, name: `等次${i}`, min: edges[i] as number, max }));
  });
}

/**
 * Arbitrary valid assessment schemes for a plan: a sheet for the plan's townships and one for its
 * other units (when it has any), each with one to three groups of one to four items of every rule,
 * drawing on the plan's targets (county-wide or the unit's own, with or without an own threshold),
 * single tasks and the unit's led or partnered tasks; random sharing, missing-data policy and
 * coverage, bonus, deductions (by points and by item percentage), veto items, grade bands and an
 * optional cap on the top grade. Every value it yields passes `validateScheme(…, plan)`.
 *
 * @example
 * ```ts
 * import { assessmentSchemeArbitrary } from '@kepu/plugin-sdk/testing';
 * import fc from 'fast-check';
 * const [scheme] = fc.sample(assessmentSchemeArbitrary(plan), { numRuns: 1, seed: 7 });
 * ```
 */
export function assessmentSchemeArbitrary(plan: Plan): fc.Arbitrary<AssessmentSchemeInput> {
  const index = indexPlan(plan);
  const taskPaths = index.tasks.map((t) => t.path);
  const quantitative = plan.targets.filter((t): t is QuantitativeTarget => t.kind === 'quantitative');
  const kinds: Array<{
    id: string;
    kinds: Array<'township' | 'party-department' | 'government-department' | 'mass-organisation' | 'other'>;
  }> = [
    { id: 'department', kinds: ['party-department', 'government-department', 'mass-organisation', 'other'] },
    { id: 'township', kinds: ['township'] },
  ];
  const sheetsWithMembers = kinds.filter(
    (k) => sheetMembers(plan, { members: { orgUnitKinds: k.kinds, include: [], exclude: [] } }).length > 0,
  );

  // One own threshold (or none) per target for the whole scheme: two items holding one unit to
  // two different thresholds of one target could never both be achieved.
  const source = (own: ReadonlyMap<string, number | undefined>) =>
    fc.oneof(
      ...(plan.targets.length > 0
        ? [
            fc.record({
              kind: fc.constant('target' as const),
              target: fc.constantFrom(...plan.targets.map((t) => t.id)),
              weight: fc.constantFrom(0.5, 1, 2),
            }),
          ]
        : []),
      ...(quantitative.length > 0
        ? [
            fc
              .record({ target: fc.constantFrom(...quantitative.map((t) => t.id)), weight: fc.constantFrom(1, 2) })
              .map(({ target, weight }) => {
                const value = own.get(target);
                return {
                  kind: 'target' as const,
                  target,
                  scope: 'own' as const,
                  weight,
                  ...(value === undefined ? {} : { comparator: { op: 'gte' as const, value, word: '单位自定' } }),
                };
              }),
          ]
        : []),
      ...(taskPaths.length > 0
        ? [
            fc.record({
              kind: fc.constant('task' as const),
              task: fc.constantFrom(...taskPaths),
              weight: fc.constantFrom(1, 3),
            }),
          ]
        : []),
      fc.record({
        kind: fc.constant('tasks' as const),
        roles: fc.constantFrom<Array<'lead' | 'partner'>>(['lead'], ['partner'], ['lead', 'partner']),
        weight: fc.constant(1),
      }),
    );
  const ownThresholds = fc
    .array(fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }), {
      minLength: quantitative.length,
      maxLength: quantitative.length,
    })
    // A unit's own level of a rate is a share: its threshold stays within the rate's scale.
    .map((values) => new Map(quantitative.map((t, i) => [t.id, withinScale(plan, t, values[i])])));

  const item = (
    sheet: string,
    g: number,
    i: number,
    members: readonly string[],
    own: ReadonlyMap<string, number | undefined>,
  ) =>
    fc
      .record({
        rule: fc.constantFrom('proportional', 'pro-rata', 'all-or-nothing', 'reviewer' as const),
        points: fc.integer({ min: 0, max: 40 }),
        sources: fc.array(source(own), { minLength: 1, maxLength: 3 }),
        missing: fc.constantFrom(undefined, 'rescale' as const, 'zero' as const),
        appliesTo: fc.option(fc.subarray([...members], { minLength: 1 }), { nil: undefined, freq: 6 }),
      })
      .map(
        ({ rule, points, sources, missing, appliesTo }): ItemInput => ({
          id: `${sheet}-g${g}-i${i}`,
          name: `考核项${g}-${i}`,
          points,
          rule,
          ...(rule === 'reviewer' ? {} : { sources }),
          ...(missing === undefined ? {} : { missing }),
          ...(appliesTo === undefined ? {} : { appliesTo }),
        }),
      );

  const sheet = (k: (typeof kinds)[number], own: ReadonlyMap<string, number | undefined>) => {
    const members = sheetMembers(plan, { members: { orgUnitKinds: k.kinds, include: [], exclude: [] } });
    return fc
      .record({
        groupSizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
        lead: fc.constantFrom(0, 0.5, 1),
        partner: fc.constantFrom(0, 0.5, 1),
        policy: fc.constantFrom('rescale' as const, 'zero' as const),
        minCoverage: fc.constantFrom(0, 0.3, 0.6),
        cap: fc.integer({ min: 0, max: 10 }),
        awards: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 2 }),
        deductions: fc.array(
          fc.record({
            percent: fc.boolean(),
            points: fc.integer({ min: 1, max: 50 }),
            max: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
          }),
          { maxLength: 2 },
        ),
        vetoes: fc.integer({ min: 0, max: 2 }),
        grades: gradeBandsArbitrary(100),
        cap2: fc.option(fc.constantFrom(0, 0.1, 0.3, 0.5, 1), { nil: undefined }),
        itemsSeed: fc.array(fc.constant(null), { minLength: 12, maxLength: 12 }),
      })
      .chain((r) =>
        fc
          .tuple(
            ...r.groupSizes.map((size, g) =>
              fc.tuple(...Array.from({ length: size }, (_, i) => item(k.id, g, i, members, own))),
            ),
          )
          .map((groups): SheetInput => {
            const all = groups.flat();
            if (all.every((x) => x.points === 0) && all[0]) all[0].points = 10;
            return {
              id: k.id,
              name: k.id,
              members: { orgUnitKinds: k.kinds },
              sharing: { lead: r.lead, partner: r.partner },
              missing: { policy: r.policy, minCoverage: r.minCoverage },
              groups: groups.map((items, g) => ({ id: `g${g}`, name: `分组${g}`, items })),
              bonus: {
                cap: r.cap,
                awards: r.awards.map((points, a) => ({ id: `award-${a}`, name: `奖励${a}`, points })),
              },
              deductions: r.deductions.map((d, j) =>
                d.percent
                  ? {
                      basis: 'item-percent' as const,
                      id: `ded-${j}`,
                      name: `扣分${j}`,
                      item: (all[j % all.length] as ItemInput).id,
                      percent: d.points,
                      ...(d.max === undefined ? {} : { max: d.max }),
                    }
                  : {
                      basis: 'points' as const,
                      id: `ded-${j}`,
                      name: `扣分${j}`,
                      points: d.points / 10,
                      ...(d.max === undefined ? {} : { max: d.max }),
                    },
              ),
              vetoes: Array.from({ length: r.vetoes }, (_, v) => ({ id: `veto-${v}`, name: `否决${v}` })),
              grades: r.grades,
              ...(r.cap2 === undefined || r.grades.length < 2 ? {} : { topGradeCap: { share: r.cap2 } }),
            };
          }),
      );
  };

  return ownThresholds
    .chain((own) => fc.tuple(...sheetsWithMembers.map((k) => sheet(k, own))))
    .map(
      (sheets): AssessmentSchemeInput => ({
        schemaVersion: 1,
        id: 'arbitrary-scheme',
        name: '任意考核方案',
        version: 'arbitrary',
        plan: plan.id,
        sheets,
      }),
    );
}

/** A unit's own threshold for a target: a rate's is capped at the rate's scale (a share cannot exceed it). */
function withinScale(plan: Plan, target: QuantitativeTarget, value: number | undefined): number | undefined {
  const indicator = indexPlan(plan).indicators.get(target.indicator);
  if (value === undefined || indicator?.valueType !== 'rate' || target.cadence === 'year-on-year-growth') return value;
  return Math.min(value, indicator.rate?.scale ?? 100);
}
