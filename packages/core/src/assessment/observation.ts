import { z } from 'zod';
import { IdSchema } from '../org-unit.js';
import { observationShapeProblems, shapeProblemPath } from '../rules/observation-shape.js';

const Year = z.number().int().min(1900).max(2200);

/**
 * What an observed figure covers: `county` (a county-wide figure, such as the county 科协's
 * total) or `own` (the reporting unit's own contribution, such as one township's figure).
 *
 * @example
 * ```ts
 * import { ObservationScopeSchema } from '@kepu/core';
 * ObservationScopeSchema.parse('own');
 * ```
 */
export const ObservationScopeSchema = z.enum(['county', 'own']);
/** @see {@link ObservationScopeSchema} */
export type ObservationScope = z.infer<typeof ObservationScopeSchema>;
const Finite = z.number().refine(Number.isFinite, 'must be a finite number');

/**
 * The survey estimate behind an observed value (see {@link ObservationSchema}'s `estimate`): the
 * interval in the value's own unit, its level and method, the standard error and effective
 * sample size, the reliability flags as sentences, and whether the value should be withheld.
 *
 * @example
 * ```ts
 * import { ObservedEstimateSchema } from '@kepu/core';
 * ObservedEstimateSchema.parse({ low: 9.5, high: 12.4, method: 'logit' }).flags; // []
 * ```
 */
export const ObservedEstimateSchema = z
  .strictObject({
    low: Finite,
    high: Finite,
    /** @default 0.95 */
    level: z.number().gt(0).lt(1).default(0.95),
    method: z.string().min(1).max(60),
    standardError: Finite.pipe(z.number().nonnegative()).optional(),
    effectiveN: Finite.pipe(z.number().nonnegative()).optional(),
    /** Why the estimate is unreliable, if it is (e.g. 'effective sample size 24 < 30'). @default [] */
    flags: z.array(z.string().min(1).max(300)).default([]),
    /** True when the flags say the value should not be published. @default false */
    suppressed: z.boolean().default(false),
  })
  .refine((e) => e.low <= e.high, { message: 'the interval must have low ≤ high', path: ['low'] });

/**
 * A figure published by someone else — a province's or city's survey result the county receives
 * without microdata — as an observation carries it: the `source` (required, not blank), and
 * optionally its `interval` (`low` to `high`, in the value's own unit, containing the value) or
 * its `margin` of error (±, same unit), its `publisher` and the `date` it was published. The
 * observation's `value` is the published figure; a rate is then given as published, with no
 * numerator or denominator, and Kepu never makes them up.
 *
 * @example
 * ```ts
 * import { PublishedValueSchema } from '@kepu/core';
 * PublishedValueSchema.parse({ source: '甘肃省科协 2024 年公民科学素质调查', margin: 1.1 });
 * ```
 */
export const PublishedValueSchema = z.strictObject({
  source: z.string().max(200),
  publisher: z.string().min(1).max(120).optional(),
  date: z.iso.date().optional(),
  interval: z
    .strictObject({ low: Finite, high: Finite })
    .refine((i) => i.low <= i.high, { message: 'the interval must have low ≤ high', path: ['low'] })
    .optional(),
  margin: Finite.pipe(z.number().nonnegative()).optional(),
});
/** @see {@link PublishedValueSchema} */
export type PublishedValue = z.infer<typeof PublishedValueSchema>;

/**
 * One observed value of an indicator: what was measured, for which target or indicator, in which
 * category, by which reporting unit, for which annual period and on which date.
 *
 * - `target` or `indicator` (at least one): an observation of an indicator counts for every target
 *   on that indicator whose category it matches; one naming a target counts for that target only.
 * - `category`: for disaggregated indicators, the category by dimension id (`{ level: 'city' }`).
 * - `unit`: the reporting org unit (a township, a department). Leave it out for a county-wide
 *   figure nobody in particular reported.
 * - `scope`: `county` for a county-wide figure (a unit reporting the county's total), `own` for
 *   the unit's own contribution; see the field for the reading when absent. How figures of
 *   several units form a target's value is the target's `aggregation` rule (`formTargetValue`):
 *   a county-wide figure is never added to own contributions.
 * - `period`: the annual period (calendar year) the value belongs to; `date`, when given, must
 *   fall inside it. Undated values are taken at the end of their year.
 * - `value` for counts, amounts and booleans (0 or 1); `numerator` and `denominator` for rates
 *   (the numerator not above the denominator), which are aggregated by summing both, never by
 *   averaging percentages.
 *
 * - `estimate`: for a survey estimate, its confidence interval and reliability flags.
 * - `published`: for a figure published by someone else (a province's survey rate), its source
 *   and interval; `value` is then the figure as published, a rate included (see
 *   {@link PublishedValueSchema}).
 *
 * A value of 0 is a value: it is never read as missing. The shape rules are
 * {@link observationShapeProblems}; what the plan says about an observation is `checkObservation`.
 *
 * @example
 * ```ts
 * import { ObservationSchema } from '@kepu/core';
 * ObservationSchema.parse({ indicator: 'literacy-rate', period: 2023, numerator: 312, denominator: 3000 });
 * ObservationSchema.parse({ target: 'science-china-items', unit: 'shanhe', period: 2023, date: '2023-03-31', value: 4210 });
 * ```
 */
export const ObservationSchema = z
  .strictObject({
    id: z.string().min(1).max(120).optional(),
    target: IdSchema.optional(),
    indicator: IdSchema.optional(),
    category: z.record(IdSchema, IdSchema).optional(),
    unit: IdSchema.optional(),
    /**
     * What the figure covers: `county` (a county-wide figure, whoever reports it) or `own` (the
     * reporting unit's own contribution). When absent: a figure without a `unit` is county-wide;
     * one with a `unit` is read by the target's aggregation rule — a report of the county figure
     * under `county-figure`, the unit's own contribution otherwise.
     */
    scope: ObservationScopeSchema.optional(),
    period: Year,
    date: z.iso.date().optional(),
    value: Finite.optional(),
    numerator: Finite.pipe(z.number().nonnegative()).optional(),
    denominator: Finite.pipe(z.number().positive()).optional(),
    source: z.string().max(200).optional(),
    /**
     * For an indicator of a plugin-defined kind: the value as the county records it (e.g. the
     * level 'provincial'), which the kind turns into a number before assessment.
     */
    code: z.string().min(1).max(100).optional(),
    /**
     * For a value estimated from a sample (the citizen literacy survey): its confidence interval,
     * in the value's own unit (percent for a rate), and the reliability flags of the estimate.
     * Reports show the interval and the flags beside the value, never the point alone.
     */
    estimate: ObservedEstimateSchema.optional(),
    /** For a figure published by someone else: its source and interval. */
    published: PublishedValueSchema.optional(),
    note: z.string().max(2_000).optional(),
  })
  .superRefine((o, ctx) => {
    for (const problem of observationShapeProblems(o)) {
      ctx.addIssue({ code: 'custom', message: problem.detail.en, path: shapeProblemPath(problem) });
    }
  });
/** @see {@link ObservationSchema} */
export type Observation = z.infer<typeof ObservationSchema>;

/**
 * A survey estimate as an observation carries it (and a target evaluation shows it): the interval
 * in the value's own unit, the confidence level, the method, the standard error, the effective
 * sample size, the reliability flags as sentences and whether the value should be withheld.
 *
 * @example
 * ```ts
 * import type { ObservedEstimate } from '@kepu/core';
 * const e: ObservedEstimate = { low: 9.5, high: 12.4, level: 0.95, method: 'logit', flags: [], suppressed: false };
 * ```
 */
export type ObservedEstimate = NonNullable<Observation['estimate']>;
