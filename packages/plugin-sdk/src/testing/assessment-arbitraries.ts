import {
  type AssessmentInputsInput,
  type AssessmentScheme,
  type AssessmentSchemeInput,
  type Comparator,
  type GradeBand,
  indexPlan,
  type Plan,
  parseScheme,
  type QuantitativeTarget,
  sheetMembers,
} from '@kepu/core';
import fc from 'fast-check';
import type { ResolvedCustomSample } from './custom-samples.js';

type Observation = NonNullable<AssessmentInputsInput['observations']>[number];
type Review = NonNullable<AssessmentInputsInput['reviews']>[number];
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

/** Samples of plugin-defined kinds by indicator id (see `resolveCustomSamples`). */
type CustomSampleMap = ReadonlyMap<string, readonly ResolvedCustomSample[]>;

/** A reviewer for `subject` work: any unit of the plan not in `forbidden`, picked by `seed`. */
function reviewerFor(plan: Plan, forbidden: readonly string[], seed: number): string | undefined {
  const candidates = plan.orgUnits.map((u) => u.id).filter((id) => !forbidden.includes(id));
  return candidates.length ? candidates[seed % candidates.length] : undefined;
}

function valueFor(
  target: QuantitativeTarget,
  unitScale: number,
  seed: number,
  plan: Plan,
  custom: CustomSampleMap | undefined,
): Observation | undefined {
  const indicator = indexPlan(plan).indicators.get(target.indicator);
  const base = { target: target.id } as const;
  if (indicator?.valueType === 'custom') {
    // A plugin's kind accepts only its own codes or values: draw one of its samples, or none.
    const samples = custom?.get(indicator.id) ?? [];
    const sample = samples[seed % Math.max(1, samples.length)];
    return sample ? ({ ...base, ...sample.observation } as Observation) : undefined;
  }
  if (indicator?.valueType === 'rate') {
    const denominator = 1 + (seed % 5000);
    return { ...base, numerator: Math.floor((seed * 7919) % (denominator + 1)), denominator } as Observation;
  }
  if (indicator?.valueType === 'boolean') return { ...base, value: seed % 2 } as Observation;
  const c = target.comparator;
  const scale = Math.max(1, Math.abs(c.op === 'range' ? c.max : c.value)) * unitScale;
  return { ...base, value: Math.round(((seed % 2001) / 1000) * scale * 100) / 100 } as Observation;
}

/**
 * Arbitrary valid inputs for a plan and scheme, for one period: observations of every
 * quantitative target over the years up to the period (county-wide, and each unit's own for
 * targets a sheet scores on the unit's own data; flows sometimes split by date), reviews of
 * reviewer-scored items, tasks and qualitative targets by units other than the one judged (some
 * without filed evidence), self-scores, awards, deductions and veto incidents. Every value it
 * yields passes `assess`'s checks.
 *
 * @example
 * ```ts
 * import { assessmentInputsArbitrary } from '@kepu/plugin-sdk/testing';
 * import fc from 'fast-check';
 * fc.assert(fc.property(assessmentInputsArbitrary(plan, scheme, { period: 2024 }), (inputs) => {
 *   assess(plan, scheme, inputs, { period: 2024 }); // never throws
 * }));
 * ```
 */
export function assessmentInputsArbitrary(
  plan: Plan,
  schemeInput: AssessmentScheme | AssessmentSchemeInput,
  options: {
    period: number;
    /** Valid observations of plugin-defined kinds, by indicator id; without, none are drawn. */
    custom?: CustomSampleMap;
  },
): fc.Arbitrary<AssessmentInputsInput> {
  const scheme = parseScheme(schemeInput, plan);
  const index = indexPlan(plan);
  const { period } = options;
  const first = Math.min(plan.meta.period.start - 1, period);
  const years = Array.from({ length: period - first + 1 }, (_, i) => first + i);
  const quantitative = plan.targets.filter((t): t is QuantitativeTarget => t.kind === 'quantitative');
  const ownTargets = new Map<string, string[]>();
  for (const sheet of scheme.sheets) {
    const members = sheetMembers(plan, sheet);
    for (const g of sheet.groups)
      for (const item of g.items)
        for (const s of item.sources) {
          if (s.kind === 'target' && s.scope === 'own')
            ownTargets.set(s.target, [...new Set([...(ownTargets.get(s.target) ?? []), ...members])]);
        }
  }
  const seeds = fc.array(fc.nat({ max: 1_000_000 }), { minLength: 64, maxLength: 64 });
  return fc
    .record({
      seeds,
      present: fc.array(fc.boolean(), { minLength: 256, maxLength: 256 }),
      reviewShare: fc.constantFrom(0, 0.5, 0.9, 1),
      unfiled: fc.boolean(),
      selfScores: fc.boolean(),
      awards: fc.boolean(),
      deductions: fc.boolean(),
      veto: fc.boolean(),
    })
    .map((r) => {
      let n = 0;
      const seed = () => (r.seeds[n++ % r.seeds.length] as number) + n * 104_729;
      const present = () => r.present[n++ % r.present.length] as boolean;
      const observations: Observation[] = [];
      let id = 0;
      const push = (o: Observation) => observations.push({ id: `obs-${id++}`, ...o });
      for (const target of quantitative) {
        const indicator = index.indicators.get(target.indicator);
        const flow = indicator?.temporal === 'flow';
        const series = [
          { unit: undefined as string | undefined, scale: 1 },
          ...(ownTargets.get(target.id) ?? []).map((unit) => ({ unit, scale: 0.3 })),
        ];
        for (const { unit, scale } of series) {
          for (const year of years) {
            if (!present()) continue;
            const parts = flow && present() ? 2 : 1;
            for (let p = 0; p < parts; p++) {
              const o = valueFor(target, scale / parts, seed(), plan, options.custom);
              if (!o) continue;
              push({
                ...o,
                ...(target.category ? { category: target.category } : {}),
                ...(unit ? { unit } : {}),
                period: year,
                ...(parts > 1 ? { date: `${year}-0${p + 3}-15` } : {}),
              } as Observation);
            }
          }
        }
      }
      const reviews: Review[] = [];
      const evidence = (filed: boolean) => [{ title: '佐证', filed }];
      const wants = () => (seed() % 100) / 100 < r.reviewShare;
      for (const sheet of scheme.sheets) {
        const members = sheetMembers(plan, sheet);
        for (const g of sheet.groups)
          for (const item of g.items) {
            if (item.rule !== 'reviewer') continue;
            for (const unit of members) {
              if (item.appliesTo && !item.appliesTo.includes(unit)) continue;
              if (!wants()) continue;
              const reviewer = reviewerFor(plan, [unit], seed());
              if (!reviewer) continue;
              const outOf = [1, 10, 100][seed() % 3] as number;
              reviews.push({
                id: `rv-${reviews.length}`,
                item: item.id,
                unit,
                period,
                score: seed() % (outOf + 1),
                outOf,
                reviewer: { unit: reviewer },
                evidence: evidence(!(r.unfiled && seed() % 7 === 0)),
              });
            }
          }
      }
      for (const { task } of index.tasks) {
        if (!wants()) continue;
        const reviewer = reviewerFor(plan, task.leads, seed());
        if (reviewer)
          reviews.push({
            id: `rv-${reviews.length}`,
            task: task.path,
            period,
            score: seed() % 11,
            outOf: 10,
            reviewer: { unit: reviewer },
            evidence: evidence(true),
          });
      }
      for (const target of plan.targets) {
        if (target.kind !== 'qualitative') continue;
        const leads = target.links.flatMap((l) => {
          const node = index.nodes.get(l);
          return node?.kind === 'task' ? node.task.leads : [];
        });
        for (const year of [period - 1, period]) {
          if (!wants()) continue;
          const reviewer = reviewerFor(plan, leads, seed());
          if (reviewer)
            reviews.push({
              id: `rv-${reviews.length}`,
              target: target.id,
              period: year,
              score: seed() % 11,
              outOf: 10,
              reviewer: { unit: reviewer },
              evidence: evidence(true),
            });
        }
      }
      const selfScores: NonNullable<AssessmentInputsInput['selfScores']> = [];
      const awards: NonNullable<AssessmentInputsInput['awards']> = [];
      const deductions: NonNullable<AssessmentInputsInput['deductions']> = [];
      const incidents: NonNullable<AssessmentInputsInput['incidents']> = [];
      for (const sheet of scheme.sheets) {
        const members = sheetMembers(plan, sheet);
        const items = sheet.groups.flatMap((g) => g.items);
        for (const unit of members) {
          if (r.selfScores && items.length > 0 && seed() % 2 === 0) {
            const item = items[seed() % items.length];
            if (item) selfScores.push({ unit, item: item.id, period, score: 1, outOf: 1 });
          }
          if (r.awards && sheet.bonus.awards.length > 0 && seed() % 3 === 0) {
            awards.push({
              unit,
              award: (sheet.bonus.awards[seed() % sheet.bonus.awards.length] as { id: string }).id,
              period,
              count: 1 + (seed() % 3),
            });
          }
          if (r.deductions && sheet.deductions.length > 0 && seed() % 3 === 0) {
            deductions.push({
              unit,
              deduction: (sheet.deductions[seed() % sheet.deductions.length] as { id: string }).id,
              period,
              count: 1 + (seed() % 4),
            });
          }
          if (r.veto && sheet.vetoes.length > 0 && seed() % 5 === 0) {
            incidents.push({ kind: 'veto', unit, veto: (sheet.vetoes[0] as { id: string }).id, period });
          }
        }
      }
      return { observations, reviews, selfScores, awards, deductions, incidents };
    });
}

/** A unit's own threshold for a target: a rate's is capped at the rate's scale (a share cannot exceed it). */
function withinScale(plan: Plan, target: QuantitativeTarget, value: number | undefined): number | undefined {
  const indicator = indexPlan(plan).indicators.get(target.indicator);
  if (value === undefined || indicator?.valueType !== 'rate' || target.cadence === 'year-on-year-growth') return value;
  return Math.min(value, indicator.rate?.scale ?? 100);
}

/** A value that meets the comparator (for a target of a yes/no indicator, 1 meets `eq 1`). */
function meetingValue(c: Comparator): number {
  switch (c.op) {
    case 'gte':
    case 'lte':
    case 'eq':
      return c.value;
    case 'gt':
      return c.value + Math.max(1, Math.abs(c.value) * 0.1);
    case 'lt':
      return c.value - Math.max(1, Math.abs(c.value) * 0.1);
    case 'range':
      return c.min;
  }
}

/** The sample of a custom kind that meets the comparator and lies closest to `wanted`. */
function meetingSample(
  samples: readonly ResolvedCustomSample[],
  c: Comparator,
  wanted: number,
): ResolvedCustomSample | undefined {
  const meets = (v: number) => {
    switch (c.op) {
      case 'gte':
        return v >= c.value;
      case 'gt':
        return v > c.value;
      case 'lte':
        return v <= c.value;
      case 'lt':
        return v < c.value;
      case 'eq':
        return v === c.value;
      case 'range':
        return v >= c.min && v <= c.max;
    }
  };
  const meeting = samples.filter((s) => meets(s.value));
  const pool = meeting.length > 0 ? meeting : samples;
  return [...pool].sort((a, b) => Math.abs(a.value - wanted) - Math.abs(b.value - wanted))[0];
}

/**
 * Inputs under which everything is achieved for `period`: every quantitative target meets its
 * comparator (county-wide and, for sheets that score the unit's own data, for every unit against
 * its own threshold), every qualitative target, task and reviewer-scored item gets full marks
 * from a reviewer with filed evidence, and there are no deductions or vetoes.
 *
 * @example
 * ```ts
 * import { perfectInputs } from '@kepu/plugin-sdk/testing';
 * const card = assess(plan, scheme, perfectInputs(plan, scheme, 2024), { period: 2024 });
 * card.sheets[0]?.units[0]?.score; // the sheet's maxScore
 * ```
 */
export function perfectInputs(
  plan: Plan,
  schemeInput: AssessmentScheme | AssessmentSchemeInput,
  period: number,
  options: { custom?: CustomSampleMap } = {},
): AssessmentInputsInput {
  const scheme = parseScheme(schemeInput, plan);
  const index = indexPlan(plan);
  const observations: Observation[] = [];
  const series = (
    target: QuantitativeTarget,
    comparator: Comparator,
    unit: string | undefined,
    ignoreBaseline: boolean,
  ) => {
    const indicator = index.indicators.get(target.indicator);
    const scale = indicator?.rate?.scale ?? 100;
    const at = (year: number, value: number) => {
      const base = {
        target: target.id,
        period: year,
        ...(unit ? { unit } : {}),
        ...(target.category ? { category: target.category } : {}),
      };
      if (indicator?.valueType === 'custom') {
        const pick = meetingSample(options.custom?.get(indicator.id) ?? [], comparator, value);
        if (pick) observations.push({ ...base, ...pick.observation } as Observation);
      } else if (indicator?.valueType === 'rate') {
        const denominator = 1_000_000;
        observations.push({
          ...base,
          numerator: Math.max(0, (value / scale) * denominator),
          denominator,
        } as Observation);
      } else observations.push({ ...base, value } as Observation);
    };
    if (target.cadence === 'year-on-year-growth') {
      const growth = meetingValue(comparator);
      // Two levels that grow as required; a rate's levels stay below its scale (a share).
      const levels = [100, 100 * (1 + growth / 100)];
      const factor = indicator?.valueType === 'rate' ? (0.9 * scale) / Math.max(...levels) : 1;
      at(period - 1, (levels[0] as number) * factor);
      at(period, (levels[1] as number) * factor);
    } else if (target.cadence === 'cumulative-by-deadline') {
      const start = ignoreBaseline ? 0 : (target.baseline?.value ?? 0);
      at(period, Math.max(0, meetingValue(comparator) - start));
    } else {
      at(period, meetingValue(comparator));
    }
  };
  for (const target of plan.targets)
    if (target.kind === 'quantitative') series(target, target.comparator, undefined, false);
  for (const sheet of scheme.sheets) {
    const members = sheetMembers(plan, sheet);
    for (const g of sheet.groups)
      for (const item of g.items)
        for (const s of item.sources) {
          if (s.kind !== 'target' || s.scope !== 'own') continue;
          const target = index.targets.get(s.target);
          if (target?.kind !== 'quantitative') continue;
          for (const unit of members) {
            if (observations.some((o) => o.unit === unit && o.target === target.id)) continue;
            series(target, s.comparator ?? target.comparator, unit, true);
          }
        }
  }
  const reviews: Review[] = [];
  const full = (extra: Partial<Review>, forbidden: readonly string[]) => {
    const reviewer = reviewerFor(plan, forbidden, 0);
    if (reviewer)
      reviews.push({
        period,
        score: 1,
        outOf: 1,
        reviewer: { unit: reviewer },
        evidence: [{ title: '佐证', filed: true }],
        ...extra,
      } as Review);
  };
  for (const target of plan.targets) {
    if (target.kind !== 'qualitative') continue;
    const leads = target.links.flatMap((l) => {
      const node = index.nodes.get(l);
      return node?.kind === 'task' ? node.task.leads : [];
    });
    full({ target: target.id }, leads);
  }
  for (const { task } of index.tasks) full({ task: task.path }, task.leads);
  for (const sheet of scheme.sheets)
    for (const unit of sheetMembers(plan, sheet))
      for (const g of sheet.groups)
        for (const item of g.items) {
          if (item.rule !== 'reviewer' || (item.appliesTo && !item.appliesTo.includes(unit))) continue;
          full({ item: item.id, unit }, [unit]);
        }
  return { observations, reviews };
}
