import {
  type AssessmentInputsInput,
  type AssessmentScheme,
  type AssessmentSchemeInput,
  indexPlan,
  type Plan,
  parseScheme,
  type QuantitativeTarget,
  sheetMembers,
} from '@kepu/core';
import fc from 'fast-check';
import { type CustomSampleMap, reviewerFor } from './perfect-inputs.js';

// The arbitraries of schemes and the inputs under which everything is achieved have files of
// their own; they are re-exported here, where the testing index has always found them.
export { perfectInputs } from './perfect-inputs.js';
export { assessmentSchemeArbitrary, gradeBandsArbitrary } from './scheme-arbitraries.js';

type Observation = NonNullable<AssessmentInputsInput['observations']>[number];
type Review = NonNullable<AssessmentInputsInput['reviews']>[number];

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
