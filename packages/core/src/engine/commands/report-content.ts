import { z } from 'zod';
import { ObservationScopeSchema, ObservedEstimateSchema, PublishedValueSchema } from '../../assessment/observation.js';
import { IdSchema } from '../../org-unit.js';
import { observationShapeProblems, shapeProblemPath } from '../../rules/observation-shape.js';
import { Count, ItemScore, Text } from './fields.js';

/**
 * One measured value in a progress report. The report gives the unit and the period; the
 * observation names a target (or an indicator, whose targets it then counts for), an optional
 * category of a disaggregated indicator, and either a `value` (a count, an amount, 0 or 1) or a
 * `numerator` and `denominator` (a rate: aggregated by summing both, never by averaging
 * percentages). Values are finite and not negative; 0 is a value. A value estimated from a
 * survey carries its `estimate` (confidence interval and reliability flags), which the assessment
 * and every report show beside the value. A figure published by someone else (a province's survey
 * rate) is its `value` with `published` (source, interval), never a made-up numerator.
 *
 * @example
 * ```ts
 * import { ReportObservationSchema } from '@kepu/core';
 * ReportObservationSchema.parse({ target: 'science-china-items', value: 215000 });
 * ReportObservationSchema.parse({ indicator: 'schools-with-science-tutor', numerator: 41, denominator: 43 });
 * ReportObservationSchema.parse({ indicator: 'literacy-rate', value: 11.2, published: { source: '省科协 2024 年调查' } });
 * ```
 */
export const ReportObservationSchema = z
  .strictObject({
    target: IdSchema.optional(),
    indicator: IdSchema.optional(),
    category: z.record(IdSchema, IdSchema).optional(),
    /**
     * `county` when the unit reports the county-wide figure, `own` for its own contribution;
     * when absent, read by the target's aggregation rule (see `ObservationSchema`).
     */
    scope: ObservationScopeSchema.optional(),
    value: Count.max(1e15).optional(),
    numerator: Count.max(1e15).optional(),
    denominator: z.number().positive().max(1e15).optional(),
    /** For an indicator of a plugin-defined kind: the recorded code (e.g. a level). */
    code: z.string().min(1).max(100).optional(),
    /** The day the value was measured, inside the report's period. */
    date: z.iso.date().optional(),
    /** For a value estimated from a survey: its interval and reliability flags. */
    estimate: ObservedEstimateSchema.optional(),
    /**
     * For a figure published by someone else (a province's survey rate, no microdata): its source
     * and interval; `value` is the figure as published, a rate's percentage included.
     */
    published: PublishedValueSchema.optional(),
    note: z.string().max(2_000).optional(),
  })
  // The shape rules are the shared ones, so a pre-check and the engine cannot disagree.
  .superRefine((o, ctx) => {
    for (const problem of observationShapeProblems(o)) {
      ctx.addIssue({
        code: 'custom',
        message: problem.detail.en,
        path: shapeProblemPath(problem),
        params: { kepu: { code: 'invalid-observation', detail: problem.detail } },
      });
    }
  });
/** @see {@link ReportObservationSchema} */
export type ReportObservation = z.infer<typeof ReportObservationSchema>;

/**
 * Metadata of a file filed as evidence with a report: its name, media type, size in bytes and
 * SHA-256 (hex). The file itself stays with the host; Kepu keeps what proves which file it was.
 *
 * @example
 * ```ts
 * import { EvidenceFileSchema } from '@kepu/core';
 * EvidenceFileSchema.parse({
 *   name: '2024年科普日活动总结.pdf', type: 'application/pdf', size: 482113,
 *   sha256: 'a'.repeat(64),
 * });
 * ```
 */
export const EvidenceFileSchema = z.strictObject({
  name: Text(255),
  type: z
    .string()
    .max(127)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type such as application/pdf'),
  size: z
    .number()
    .int()
    .nonnegative()
    .max(2 ** 40),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the file as 64 lowercase hex digits'),
});
/** @see {@link EvidenceFileSchema} */
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;

/**
 * A unit's own score for an item of the assessment scheme, filed with its report. It never
 * counts by itself: the assessment shows it beside the audited score.
 *
 * @example
 * ```ts
 * import { ReportSelfScoreSchema } from '@kepu/core';
 * ReportSelfScoreSchema.parse({ item: 'dept-organisation', score: 18, outOf: 20 });
 * ```
 */
export const ReportSelfScoreSchema = ItemScore;
/** @see {@link ReportSelfScoreSchema} */
export type ReportSelfScore = z.infer<typeof ReportSelfScoreSchema>;

/**
 * Metadata of a file (or a note) behind a review of a target: {@link EvidenceFileSchema} plus
 * `filed`, whether it is filed with the county science-literacy office (县科协). Only filed
 * evidence lets a review count.
 *
 * @example
 * ```ts
 * import { ReviewEvidenceFileSchema } from '@kepu/core';
 * ReviewEvidenceFileSchema.parse({
 *   name: '2024年县级财政预算.pdf', type: 'application/pdf', size: 1024, sha256: 'b'.repeat(64), filed: true,
 * });
 * ```
 */
export const ReviewEvidenceFileSchema = EvidenceFileSchema.extend({ filed: z.boolean() });
/** @see {@link ReviewEvidenceFileSchema} */
export type ReviewEvidenceFile = z.infer<typeof ReviewEvidenceFileSchema>;

/** The content a report files: narrative, observations, evidence and self-scores. */
export const ReportContent = {
  narrative: Text(20_000),
  observations: z.array(ReportObservationSchema).max(500).default([]),
  evidence: z.array(EvidenceFileSchema).max(100).default([]),
  selfScores: z.array(ReportSelfScoreSchema).max(200).default([]),
};
