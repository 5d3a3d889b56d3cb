import { z } from 'zod';
import { IdSchema, TextSchema } from '../org-unit.js';
import { NodePathSchema } from '../plan.js';

const Year = z.number().int().min(1900).max(2200);
const Finite = z.number().refine(Number.isFinite, 'must be a finite number');

/**
 * A piece of evidence behind a review. It counts only when `filed` with the county
 * science-literacy office (县科协), as county practice requires.
 *
 * @example
 * ```ts
 * import { EvidenceSchema } from '@kepu/core';
 * EvidenceSchema.parse({ title: '2023年科普工作总结', filed: true });
 * ```
 */
export const EvidenceSchema = z.strictObject({
  title: TextSchema.max(500),
  ref: z.string().max(500).optional(),
  /** @default true */
  filed: z.boolean().default(true),
});
/** @see {@link EvidenceSchema} */
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * A reviewer's judgement, as `score` out of `outOf`, of exactly one of:
 *
 * - a qualitative `target` (城乡发展不均衡明显改善), county-wide;
 * - a `task` (by its path) that has no measurable target, for the task's result;
 * - a scheme `item` scored by a reviewer, for the assessed `unit`.
 *
 * The reviewer is an org unit (a lead department, the county 科协 office, the assessment group);
 * nobody reviews their own unit's work. A review counts only with at least one filed piece of
 * evidence. When several reviews judge the same thing in the same period, their fractions are
 * averaged, each counting once.
 *
 * @example
 * ```ts
 * import { ReviewSchema } from '@kepu/core';
 * ReviewSchema.parse({
 *   item: 'dept-organisation', unit: 'education', period: 2023, score: 18, outOf: 20,
 *   reviewer: { unit: 'leading-group' }, evidence: [{ title: '领导小组会议纪要' }],
 * });
 * ```
 */
export const ReviewSchema = z
  .strictObject({
    id: z.string().min(1).max(120).optional(),
    target: IdSchema.optional(),
    task: NodePathSchema.optional(),
    item: IdSchema.optional(),
    unit: IdSchema.optional(),
    period: Year,
    date: z.iso.date().optional(),
    score: Finite.pipe(z.number().nonnegative()),
    outOf: Finite.pipe(z.number().positive()),
    reviewer: z.strictObject({ unit: IdSchema, name: z.string().max(100).optional() }),
    /** @default [] */
    evidence: z.array(EvidenceSchema).default([]),
    note: z.string().max(2_000).optional(),
  })
  .superRefine((r, ctx) => {
    const subjects = [r.target, r.task, r.item].filter((s) => s !== undefined).length;
    if (subjects !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'a review judges exactly one of target, task or item',
        path: ['target'],
      });
    }
    if (r.item !== undefined && r.unit === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a review of an item names the assessed unit', path: ['unit'] });
    }
    if (r.score > r.outOf) {
      ctx.addIssue({ code: 'custom', message: `score ${r.score} is above outOf ${r.outOf}`, path: ['score'] });
    }
    if (r.date !== undefined && Number(r.date.slice(0, 4)) < r.period) {
      ctx.addIssue({
        code: 'custom',
        message: `a review dated ${r.date} is before its period ${r.period}`,
        path: ['date'],
      });
    }
  });
/** @see {@link ReviewSchema} */
export type Review = z.infer<typeof ReviewSchema>;
