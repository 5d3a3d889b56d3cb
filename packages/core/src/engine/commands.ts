import { z } from 'zod';
import { ObservedEstimateSchema } from '../assessment/observation.js';
import { IdSchema } from '../org-unit.js';
import { NodePathSchema } from '../plan.js';
import { PeriodSchema } from './period.js';

// Every number an official types must be finite and not negative: zod 4 already refuses NaN and
// ±Infinity for z.number(); the bounds below refuse negative counts and absurd sizes.
const Count = z.number().nonnegative();
const Text = (max: number) => z.string().trim().min(1).max(max);
const Year = z.string().regex(/^\d{4}$/, 'an assessment period is a year, such as 2024');

/** The version of the engine state the caller saw when it built the command. */
const BaseVersion = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * One measured value in a progress report. The report gives the unit and the period; the
 * observation names a target (or an indicator, whose targets it then counts for), an optional
 * category of a disaggregated indicator, and either a `value` (a count, an amount, 0 or 1) or a
 * `numerator` and `denominator` (a rate: aggregated by summing both, never by averaging
 * percentages). Values are finite and not negative; 0 is a value. A value estimated from a
 * survey carries its `estimate` (confidence interval and reliability flags), which the assessment
 * and every report show beside the value.
 *
 * @example
 * ```ts
 * import { ReportObservationSchema } from '@kepu/core';
 * ReportObservationSchema.parse({ target: 'science-china-items', value: 215000 });
 * ReportObservationSchema.parse({ indicator: 'schools-with-science-tutor', numerator: 41, denominator: 43 });
 * ```
 */
export const ReportObservationSchema = z
  .strictObject({
    target: IdSchema.optional(),
    indicator: IdSchema.optional(),
    category: z.record(IdSchema, IdSchema).optional(),
    value: Count.max(1e15).optional(),
    numerator: Count.max(1e15).optional(),
    denominator: z.number().positive().max(1e15).optional(),
    /** For an indicator of a plugin-defined kind: the recorded code (e.g. a level). */
    code: z.string().min(1).max(100).optional(),
    /** The day the value was measured, inside the report's period. */
    date: z.iso.date().optional(),
    /** For a value estimated from a survey: its interval and reliability flags. */
    estimate: ObservedEstimateSchema.optional(),
    note: z.string().max(2_000).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.target === undefined && o.indicator === undefined) {
      ctx.addIssue({ code: 'custom', message: 'name the target or the indicator observed', path: ['target'] });
    }
    const rate = o.numerator !== undefined || o.denominator !== undefined;
    if (rate && (o.numerator === undefined || o.denominator === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a rate needs both numerator and denominator', path: ['numerator'] });
    }
    if (Number(rate) + Number(o.value !== undefined) + Number(o.code !== undefined) !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of value, numerator and denominator, or code',
        path: ['value'],
      });
    }
    if (o.numerator !== undefined && o.denominator !== undefined && o.numerator > o.denominator) {
      ctx.addIssue({ code: 'custom', message: 'the numerator is above the denominator', path: ['numerator'] });
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
export const ReportSelfScoreSchema = z
  .strictObject({ item: IdSchema, score: Count.max(1_000), outOf: z.number().positive().max(1_000) })
  .refine((s) => s.score <= s.outOf, { message: 'score is above outOf', path: ['score'] });
/** @see {@link ReportSelfScoreSchema} */
export type ReportSelfScore = z.infer<typeof ReportSelfScoreSchema>;

const ReportContent = {
  narrative: Text(20_000),
  observations: z.array(ReportObservationSchema).max(500).default([]),
  evidence: z.array(EvidenceFileSchema).max(100).default([]),
  selfScores: z.array(ReportSelfScoreSchema).max(200).default([]),
};

const Base = {
  /** The engine state version the command was built on (`engine.getSnapshot().version`). */
  baseVersion: BaseVersion,
};
/** Commands that create something name the plan; it may be left out when the engine has one plan. */
const InPlan = { ...Base, plan: IdSchema.optional() };

/**
 * Submit a progress report for a task (or, without `task`, a unit's summary report) and a
 * period. The unit is the actor's. `id` lets an importer choose the id, so that importing the
 * same file twice is refused instead of duplicated.
 *
 * @example
 * ```ts
 * import { SubmitReportSchema } from '@kepu/core';
 * SubmitReportSchema.parse({
 *   type: 'submit-report', baseVersion: 0, task: '4.2.3', period: '2024',
 *   narrative: '全年推送科普信息 21.5 万条。', observations: [{ target: 'science-china-items', value: 215000 }],
 * });
 * ```
 */
export const SubmitReportSchema = z.strictObject({
  type: z.literal('submit-report'),
  ...InPlan,
  id: IdSchema.optional(),
  task: NodePathSchema.optional(),
  period: PeriodSchema,
  ...ReportContent,
});

/**
 * Withdraw a report that is awaiting review or was returned. The unit may then submit afresh.
 *
 * @example
 * ```ts
 * import { WithdrawReportSchema } from '@kepu/core';
 * WithdrawReportSchema.parse({ type: 'withdraw-report', baseVersion: 3, report: 'rpt-1' });
 * ```
 */
export const WithdrawReportSchema = z.strictObject({
  type: z.literal('withdraw-report'),
  ...Base,
  report: IdSchema,
  reason: z.string().trim().max(2_000).optional(),
});

/**
 * Return a report for revision, with the reason the unit must address.
 *
 * @example
 * ```ts
 * import { ReturnReportSchema } from '@kepu/core';
 * ReturnReportSchema.parse({ type: 'return-report', baseVersion: 4, report: 'rpt-1', reason: '请补充活动照片。' });
 * ```
 */
export const ReturnReportSchema = z.strictObject({
  type: z.literal('return-report'),
  ...Base,
  report: IdSchema,
  reason: Text(2_000),
});

/**
 * Resubmit a returned report with revised content (a new revision; earlier ones are kept).
 *
 * @example
 * ```ts
 * import { ResubmitReportSchema } from '@kepu/core';
 * ResubmitReportSchema.parse({ type: 'resubmit-report', baseVersion: 5, report: 'rpt-1', narrative: '已补充。' });
 * ```
 */
export const ResubmitReportSchema = z.strictObject({
  type: z.literal('resubmit-report'),
  ...Base,
  report: IdSchema,
  ...ReportContent,
});

/**
 * Approve a report. Its observations then count. A reviewer may score the task's result
 * (`score` out of `outOf`), which the assessment reads as a review of the task.
 *
 * @example
 * ```ts
 * import { ApproveReportSchema } from '@kepu/core';
 * ApproveReportSchema.parse({ type: 'approve-report', baseVersion: 6, report: 'rpt-1', comment: '同意。' });
 * ```
 */
export const ApproveReportSchema = z.strictObject({
  type: z.literal('approve-report'),
  ...Base,
  report: IdSchema,
  comment: z.string().trim().max(2_000).optional(),
  review: z
    .strictObject({ score: Count.max(1_000), outOf: z.number().positive().max(1_000) })
    .refine((r) => r.score <= r.outOf, { message: 'score is above outOf', path: ['score'] })
    .optional(),
});

/**
 * Record an inspection finding (督查发现) about a unit for a period: what was found, and
 * optionally the scheme's deduction rule it triggers (with a count) or a score the inspectors gave
 * an item of the scheme.
 *
 * @example
 * ```ts
 * import { RecordFindingSchema } from '@kepu/core';
 * RecordFindingSchema.parse({
 *   type: 'record-finding', baseVersion: 7, unit: 'shanhe', period: '2024',
 *   text: '科普活动台账不完整。', deduction: { rule: 'incomplete-records', count: 1 },
 * });
 * ```
 */
export const RecordFindingSchema = z.strictObject({
  type: z.literal('record-finding'),
  ...InPlan,
  id: IdSchema.optional(),
  unit: IdSchema,
  period: PeriodSchema,
  task: NodePathSchema.optional(),
  text: Text(5_000),
  deduction: z.strictObject({ rule: IdSchema, count: z.number().int().min(1).max(1_000).default(1) }).optional(),
  score: z
    .strictObject({ item: IdSchema, score: Count.max(1_000), outOf: z.number().positive().max(1_000) })
    .refine((s) => s.score <= s.outOf, { message: 'score is above outOf', path: ['score'] })
    .optional(),
});

/**
 * Record an award or commendation (表彰) a unit earned, by the id of the award in the
 * assessment scheme's bonus list.
 *
 * @example
 * ```ts
 * import { RecordAwardSchema } from '@kepu/core';
 * RecordAwardSchema.parse({
 *   type: 'record-award', baseVersion: 8, unit: 'cast', period: '2024', award: 'provincial-commendation',
 *   title: '全省科普工作先进集体',
 * });
 * ```
 */
export const RecordAwardSchema = z.strictObject({
  type: z.literal('record-award'),
  ...InPlan,
  id: IdSchema.optional(),
  unit: IdSchema,
  period: PeriodSchema,
  award: IdSchema,
  title: Text(500),
  count: z.number().int().min(1).max(1_000).default(1),
  date: z.iso.date().optional(),
});

/**
 * Record an incident that triggers a veto item (一票否决) of the scheme for a unit.
 *
 * @example
 * ```ts
 * import { RecordIncidentSchema } from '@kepu/core';
 * RecordIncidentSchema.parse({
 *   type: 'record-incident', baseVersion: 9, unit: 'yonghe', period: '2024', veto: 'falsification',
 *   description: '虚报科普活动数据。',
 * });
 * ```
 */
export const RecordIncidentSchema = z.strictObject({
  type: z.literal('record-incident'),
  ...InPlan,
  id: IdSchema.optional(),
  unit: IdSchema,
  period: PeriodSchema,
  veto: IdSchema,
  description: Text(5_000),
  date: z.iso.date().optional(),
});

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

/**
 * Record a reviewer's judgement of a qualitative target (定性目标) of the plan for a year:
 * `score` out of `outOf`, a narrative, and the evidence behind it. The reviewer is the actor's
 * org unit. A later review of the same target and year by the same reviewer unit replaces the
 * earlier one (the audit log keeps both).
 *
 * @example
 * ```ts
 * import { ReviewTargetSchema } from '@kepu/core';
 * ReviewTargetSchema.parse({
 *   type: 'review-target', baseVersion: 11, target: 'science-funding-in-budget', period: '2024',
 *   score: 9, outOf: 10, narrative: '科普经费已在县级财政预算中单列。',
 *   evidence: [{ name: '2024年县级财政预算.pdf', type: 'application/pdf', size: 1024, sha256: 'b'.repeat(64), filed: true }],
 * });
 * ```
 */
export const ReviewTargetSchema = z
  .strictObject({
    type: z.literal('review-target'),
    ...InPlan,
    id: IdSchema.optional(),
    target: IdSchema,
    period: Year,
    score: Count.max(1_000),
    outOf: z.number().positive().max(1_000),
    narrative: Text(20_000),
    evidence: z.array(ReviewEvidenceFileSchema).max(100).default([]),
  })
  .refine((r) => r.score <= r.outOf, { message: 'score is above outOf', path: ['score'] });

/**
 * Run the assessment of a plan for a year. The scorecard is kept as a snapshot; running the
 * same year again makes a new version and never overwrites an earlier one.
 *
 * @example
 * ```ts
 * import { RunAssessmentSchema } from '@kepu/core';
 * RunAssessmentSchema.parse({ type: 'run-assessment', baseVersion: 10, period: '2024' });
 * ```
 */
export const RunAssessmentSchema = z.strictObject({
  type: z.literal('run-assessment'),
  ...InPlan,
  period: Year,
  /** Judge statuses as of this day. @default the last day of the period */
  asOf: z.iso.date().optional(),
});

/**
 * Every command the engine accepts, discriminated by `type`.
 *
 * @example
 * ```ts
 * import { CommandSchema } from '@kepu/core';
 * CommandSchema.safeParse({ type: 'approve-report', baseVersion: 1, report: 'rpt-1' }).success; // true
 * ```
 */
export const CommandSchema = z.discriminatedUnion('type', [
  SubmitReportSchema,
  WithdrawReportSchema,
  ReturnReportSchema,
  ResubmitReportSchema,
  ApproveReportSchema,
  RecordFindingSchema,
  RecordAwardSchema,
  RecordIncidentSchema,
  ReviewTargetSchema,
  RunAssessmentSchema,
]);
/** A validated command. @see {@link CommandSchema} */
export type Command = z.infer<typeof CommandSchema>;
/**
 * What {@link CommandSchema} accepts: defaults may be left out.
 *
 * @example
 * ```ts
 * import type { CommandInput } from '@kepu/core';
 * const approve: CommandInput = { type: 'approve-report', baseVersion: 3, report: 'rpt-1' };
 * ```
 */
export type CommandInput = z.input<typeof CommandSchema>;
/**
 * The `type` of a command.
 *
 * @example
 * ```ts
 * import type { CommandType } from '@kepu/core';
 * const type: CommandType = 'record-award';
 * ```
 */
export type CommandType = Command['type'];
/**
 * The validated command of one type.
 *
 * @example
 * ```ts
 * import type { CommandOf } from '@kepu/core';
 * const reasonOf = (c: CommandOf<'return-report'>) => c.reason;
 * ```
 */
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/**
 * Every command type, in the order of the permission table.
 *
 * @example
 * ```ts
 * import { COMMAND_TYPES } from '@kepu/core';
 * COMMAND_TYPES.length; // 10
 * ```
 */
export const COMMAND_TYPES = [
  'submit-report',
  'withdraw-report',
  'resubmit-report',
  'return-report',
  'approve-report',
  'record-finding',
  'record-award',
  'record-incident',
  'review-target',
  'run-assessment',
] as const satisfies readonly CommandType[];
