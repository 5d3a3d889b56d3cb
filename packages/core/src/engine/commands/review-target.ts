import type { Draft } from 'immer';
import { z } from 'zod';
import { IdSchema } from '../../org-unit.js';
import { defineCommand, permissionRow } from '../command-definition.js';
import { eventEffect } from '../effects.js';
import { reviewBy } from '../record-index.js';
import type { TargetReview } from '../state.js';
import { referenceChecks, schemeIssues, yearOf } from './checks.js';
import { Count, InPlan, Text, Year } from './fields.js';
import { ReviewEvidenceFileSchema } from './report-content.js';

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

/** A reviewer unit judges a qualitative target for a year; its later review replaces this one. */
export const reviewTarget = defineCommand({
  type: 'review-target',
  schema: ReviewTargetSchema,
  permissions: permissionRow({ 'plan-office': 'any', assessor: 'any' }),
  subject: 'plan',
  creates: 'targetReviews',
  // The reviewer is the actor's org unit (a group such as the assessment group may review).
  needsActorUnit: true,
  references(ctx) {
    const check = referenceChecks(ctx);
    const target = ctx.index.targets.get(ctx.command.target);
    if (!target) check.add('unknown-reference', ['target'], { kind: 'target', ref: ctx.command.target });
    else if (target.kind !== 'qualitative') {
      check.add('invalid-review', ['target'], {
        detail: `target ${target.id} is ${target.kind}: it is measured by reports, not judged by a reviewer`,
      });
    }
    check.year(ctx.command.period, ['period']);
    return check.issues;
  },
  scheme: (ctx, check) =>
    schemeIssues(
      check(ctx.plan, {
        reviews: [
          {
            target: ctx.command.target,
            period: yearOf(ctx.command.period),
            score: ctx.command.score,
            outOf: ctx.command.outOf,
            reviewer: { unit: ctx.actor.unit ?? '' },
            evidence: ctx.command.evidence.map((f) => ({ title: f.name, filed: f.filed })),
          },
        ],
      }),
      'reviews',
    ),
  // The same reviewer's earlier review of the target and year, which this one replaces.
  prior(ctx) {
    const { command } = ctx;
    const earlier = reviewBy(
      ctx.records.targetReviews,
      ctx.plan.id,
      command.target,
      command.period,
      ctx.actor.unit ?? '',
    );
    return earlier ? { kind: 'targetReviews', record: earlier, label: `target review "${earlier.id}"` } : undefined;
  },
  apply(draft, ctx) {
    const { command } = ctx;
    const replaced = ctx.prior?.record as TargetReview | undefined;
    const id = command.id ?? replaced?.id ?? ctx.nextId('targetReviews', 'trv');
    if (replaced && replaced.id !== id) delete draft.targetReviews[replaced.id];
    draft.targetReviews[id] = {
      id,
      plan: ctx.plan.id,
      target: command.target,
      period: command.period,
      reviewer: ctx.actor.unit ?? '',
      score: command.score,
      outOf: command.outOf,
      narrative: command.narrative,
      evidence: command.evidence,
      revision: (replaced?.revision ?? 0) + 1,
      ...(replaced && replaced.id !== id ? { replaces: replaced.id } : {}),
      recordedAt: ctx.at,
      recordedBy: ctx.actor.id,
      version: ctx.version,
    } as Draft<TargetReview>;
    return { kind: 'targetReviews', id };
  },
  effects: (step) => [
    eventEffect('target:reviewed', {
      review: step.record as TargetReview,
      ...(step.replaced ? { replaced: step.replaced as TargetReview } : {}),
      actor: step.actor,
    }),
  ],
});
