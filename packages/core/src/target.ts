import { z } from 'zod';
import { IdSchema, ProvenanceSchema, TextSchema } from './org-unit.js';

const FiniteNumber = z.number().refine(Number.isFinite, 'must be a finite number');

/**
 * A category an indicator can be broken down by, such as the level of a science base
 * (provincial / city / county) or a school grade band.
 *
 * @example
 * ```ts
 * import { DimensionSchema } from '@kepu/core';
 * DimensionSchema.parse({ id: 'level', name: '级别', categories: [{ id: 'city', name: '市级' }] });
 * ```
 */
export const DimensionSchema = z.strictObject({
  id: IdSchema,
  name: TextSchema.max(200),
  nameEn: z.string().max(200).optional(),
  categories: z
    .array(
      z.strictObject({
        id: IdSchema,
        name: TextSchema.max(200),
        nameEn: z.string().max(200).optional(),
      }),
    )
    .min(1),
});
/** @see {@link DimensionSchema} */
export type Dimension = z.infer<typeof DimensionSchema>;

/**
 * What is measured, independent of any goal set for it.
 *
 * - `valueType`: `number` (a count or amount), `rate` (a share computed from a numerator and a
 *   denominator — aggregate by summing both, never by averaging percentages), `boolean`
 *   (done / not done), `judgement` (a reviewer's qualitative judgement with evidence), or
 *   `custom` — a kind core does not have, defined by a plugin and named by `kind`;
 * - `temporal`: `stock` (a level at a date: a rate, a number of schools) or `flow` (an amount per
 *   period: items disseminated in a year, bases created in a year);
 * - `rate.scale`: 100 for percent, 1000 for per-mille;
 * - `source`: who produces the figure (the literacy survey, the science statistics, unit reports,
 *   or a reviewer).
 *
 * @example
 * ```ts
 * import { IndicatorSchema } from '@kepu/core';
 * IndicatorSchema.parse({
 *   id: 'literacy-rate', name: '公民具备科学素质的比例', unit: '%', valueType: 'rate',
 *   temporal: 'stock', rate: { numerator: '具备科学素质的人数', denominator: '调查人数', scale: 100 },
 *   source: 'survey',
 * });
 * ```
 */
export const IndicatorSchema = z.strictObject({
  id: IdSchema,
  name: TextSchema.max(500),
  nameEn: z.string().max(500).optional(),
  unit: z.string().max(40),
  unitEn: z.string().max(40).optional(),
  valueType: z.enum(['number', 'rate', 'boolean', 'judgement', 'custom']),
  /**
   * For `valueType: 'custom'`: the id of the target kind, contributed by a plugin, that turns
   * this indicator's observations into numbers (see `TargetKindDefinition`).
   */
  kind: IdSchema.optional(),
  /** Settings of the custom kind (e.g. the ordered levels of an ordinal indicator). */
  params: z.record(z.string(), z.json()).optional(),
  temporal: z.enum(['stock', 'flow']),
  rate: z
    .strictObject({
      numerator: TextSchema.max(200),
      denominator: TextSchema.max(200),
      scale: z.union([z.literal(1), z.literal(100), z.literal(1000)]).default(100),
    })
    .optional(),
  dimensions: z.array(DimensionSchema).default([]),
  source: z.enum(['survey', 'statistics', 'report', 'review']),
  description: z.string().max(5_000).optional(),
});
/** @see {@link IndicatorSchema} */
export type Indicator = z.infer<typeof IndicatorSchema>;

/**
 * How a target's threshold is worded and what it means.
 *
 * `word` keeps the document's own word (达到, 以上, 不低于, 超过, 力争, 保障 …) so that the
 * mapping to `op` can always be checked against the text. `range` is inclusive at both ends.
 *
 * @example
 * ```ts
 * import { ComparatorSchema } from '@kepu/core';
 * ComparatorSchema.parse({ op: 'gte', value: 12, word: '达到…以上' });
 * ComparatorSchema.parse({ op: 'range', min: 2, max: 3, word: '2至3节' });
 * ```
 */
export const ComparatorSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.enum(['gte', 'gt', 'lte', 'lt', 'eq']),
    value: FiniteNumber,
    word: z.string().max(100),
  }),
  z.strictObject({
    op: z.literal('range'),
    min: FiniteNumber,
    max: FiniteNumber,
    word: z.string().max(100),
  }),
]);
/** @see {@link ComparatorSchema} */
export type Comparator = z.infer<typeof ComparatorSchema>;

/**
 * When and how often a target must hold.
 *
 * - `by-deadline`: the level must be reached by the deadline (a rate of 12% by 2025);
 * - `every-year`: must hold in every year of the period (≥200,000 items a year; 2 classes a week);
 * - `year-on-year-growth`: the value must grow every year against the year before;
 * - `cumulative-by-deadline`: the sum of a flow since the start must reach the value by the
 *   deadline (5 county-level bases created by 2025).
 *
 * @example
 * ```ts
 * import { CadenceSchema } from '@kepu/core';
 * CadenceSchema.parse('every-year');
 * ```
 */
export const CadenceSchema = z.enum(['by-deadline', 'every-year', 'year-on-year-growth', 'cumulative-by-deadline']);
/** @see {@link CadenceSchema} */
export type Cadence = z.infer<typeof CadenceSchema>;

const YearSchema = z.number().int().min(1900).max(2200);

/**
 * What Kepu does when several reports of one figure disagree: keep the `less-favourable` one
 * (further from the target; Kepu's default, shown as 默认 where it applies) or the
 * `more-favourable` one (a county that trusts its most complete report).
 *
 * @example
 * ```ts
 * import { ConflictResolutionSchema } from '@kepu/core';
 * ConflictResolutionSchema.parse('less-favourable');
 * ```
 */
export const ConflictResolutionSchema = z.enum(['less-favourable', 'more-favourable']);
/** @see {@link ConflictResolutionSchema} */
export type ConflictResolution = z.infer<typeof ConflictResolutionSchema>;

/**
 * How a quantitative target's value for a period is formed from the figures several units report
 * (see `formTargetValue` for the rule itself and each observation's `scope`):
 *
 * - `county-figure`: the value is one county-wide figure. Every report of it (from any unit,
 *   unless it says `scope: 'own'`) is a report of the same fact: reports are reconciled, never
 *   added. `reporter` names the unit whose figure is used when it reported one (the others are
 *   shown beside it); without it, equal reports give one value and unequal ones a conflict.
 *   For counts that exist once in the county (bases, schools, a rate from the survey).
 * - `sum-of-own`: the value is the sum of the units' own, disjoint contributions (the items each
 *   township disseminated). A county-wide figure, when one is reported, is the whole and replaces
 *   the sum: it is never added to the units' own figures. The rule used when a target declares
 *   none, as before aggregation rules existed.
 * - `max`: the largest figure reported (county-wide or own): “at least one unit has …”.
 * - `latest`: the most recently dated figure, whoever reported it.
 *
 * `onConflict` says which figure to keep when reports of one fact disagree; when absent, Kepu's
 * default `less-favourable` applies and is labelled as a default.
 *
 * @example
 * ```ts
 * import { TargetAggregationSchema } from '@kepu/core';
 * TargetAggregationSchema.parse({ kind: 'county-figure', reporter: 'cast' });
 * TargetAggregationSchema.parse({ kind: 'sum-of-own' });
 * ```
 */
export const TargetAggregationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('county-figure'),
    reporter: IdSchema.optional(),
    onConflict: ConflictResolutionSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('sum-of-own'), onConflict: ConflictResolutionSchema.optional() }),
  z.strictObject({ kind: z.literal('max') }),
  z.strictObject({ kind: z.literal('latest'), onConflict: ConflictResolutionSchema.optional() }),
]);
/** @see {@link TargetAggregationSchema} */
export type TargetAggregation = z.infer<typeof TargetAggregationSchema>;

/**
 * The aggregation rule of a target that declares none: `sum-of-own`, which reads figures as
 * Kepu always has (a county-wide figure first, else the sum of the units' figures).
 *
 * @example
 * ```ts
 * import { DEFAULT_AGGREGATION } from '@kepu/core';
 * DEFAULT_AGGREGATION.kind; // 'sum-of-own'
 * ```
 */
export const DEFAULT_AGGREGATION: TargetAggregation = Object.freeze({ kind: 'sum-of-own' });

const TargetBase = {
  id: IdSchema,
  title: TextSchema.max(500),
  titleEn: z.string().max(500).optional(),
  indicator: IdSchema,
  /** For disaggregated indicators: the category this target is about, by dimension id. */
  category: z.record(IdSchema, IdSchema).optional(),
  /** Paths of the plan nodes (tasks, sections, goal clauses, safeguards) this target belongs to. */
  links: z.array(z.string().max(40)),
  /** First year the target is tracked; defaults to the plan's start. */
  startYear: YearSchema.optional(),
  deadline: z.strictObject({ year: YearSchema, date: z.iso.date().optional() }),
  provenance: ProvenanceSchema.optional(),
};

/**
 * A goal set on an indicator: quantitative (a comparator, a cadence, an optional baseline and a
 * trajectory) or qualitative (judged by a reviewer against criteria, with evidence, by the
 * deadline or, with `cadence: 'every-year'`, in every year).
 *
 * Progress of a quantitative target is measured from its `baseline`, not from zero; `trajectory`
 * says how the expected value moves from the baseline to the threshold (straight line, or
 * compound growth).
 *
 * @example
 * ```ts
 * import { TargetSchema } from '@kepu/core';
 * TargetSchema.parse({
 *   kind: 'quantitative', id: 'literacy-rate-2025', title: '公民具备科学素质的比例达到12%以上',
 *   indicator: 'literacy-rate', links: ['2.3'], baseline: { value: 7.8, year: 2020 },
 *   comparator: { op: 'gte', value: 12, word: '达到…以上' }, cadence: 'by-deadline',
 *   deadline: { year: 2025 },
 * });
 * ```
 */
export const TargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('quantitative'),
    ...TargetBase,
    baseline: z
      .strictObject({ value: FiniteNumber, year: YearSchema, note: z.string().max(1_000).optional() })
      .optional(),
    comparator: ComparatorSchema,
    cadence: CadenceSchema,
    trajectory: z.enum(['linear', 'compound']).default('linear'),
    /**
     * How the period's value is formed from several units' reports (see
     * {@link TargetAggregationSchema}); absent means {@link DEFAULT_AGGREGATION}.
     */
    aggregation: TargetAggregationSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('qualitative'),
    ...TargetBase,
    /**
     * `every-year`: an obligation judged in each year (科普经费列入财政预算并足额保障), met or not
     * met, never against the time elapsed; `by-deadline` (when left out): a change to bring about
     * by the deadline, expected in proportion to the time elapsed until the deadline year.
     */
    cadence: z.enum(['by-deadline', 'every-year']).optional(),
    judgement: z.strictObject({
      by: z.enum(['reviewer', 'assessment-group']),
      criteria: TextSchema.max(2_000),
      evidence: z.array(TextSchema.max(500)).default([]),
    }),
  }),
]);
/** @see {@link TargetSchema} */
export type Target = z.infer<typeof TargetSchema>;
/** A {@link Target} of kind `quantitative`. @see {@link TargetSchema} */
export type QuantitativeTarget = Extract<Target, { kind: 'quantitative' }>;
/** A {@link Target} of kind `qualitative`. @see {@link TargetSchema} */
export type QualitativeTarget = Extract<Target, { kind: 'qualitative' }>;
