import { z } from 'zod';
import { createIssue } from '../../errors.js';
import { IdSchema } from '../../org-unit.js';
import { defineCommand, permissionRow } from '../command-definition.js';
import { eventEffect } from '../effects.js';
import type { ProgressReport } from '../state.js';
import { targetChanges } from '../target-watch.js';
import { schemeIssues, yearOf } from './checks.js';
import { Base, Score } from './fields.js';
import { decideReport } from './report-decision.js';

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
  review: Score.optional(),
});

/** A reviewer approves a submitted report; the targets it measures may change status. */
export const approveReport = defineCommand({
  type: 'approve-report',
  schema: ApproveReportSchema,
  permissions: permissionRow({ 'lead-reviewer': 'lead-unit', 'plan-office': 'any' }),
  subject: 'report',
  transition: { from: ['submitted'], action: 'approved' },
  reviewsReport: true,
  // A review scores the task: the scheme must take it as a review by the approver's unit.
  scheme(ctx, check) {
    const { command, report } = ctx;
    const reviewer = ctx.actor.unit;
    if (!command.review || !report) return [];
    if (report.task === null || reviewer === undefined) {
      return [
        createIssue('invalid-shape', ['review'], {
          detail: 'a review scores a task: only reports on a task, approved by an actor with an org unit, take one',
        }),
      ];
    }
    const issues = check(ctx.plan, {
      reviews: [
        {
          task: report.task,
          period: yearOf(report.period),
          score: command.review.score,
          outOf: command.review.outOf,
          reviewer: { unit: reviewer },
          evidence: [{ title: 'report' }],
        },
      ],
    });
    return schemeIssues(issues, 'reviews').map((i) => ({ ...i, path: ['review', ...i.path] }));
  },
  apply: (draft, ctx) =>
    decideReport(draft, ctx, 'approved', {
      ...(ctx.command.comment === undefined ? {} : { comment: ctx.command.comment }),
      ...(ctx.command.review === undefined ? {} : { review: ctx.command.review }),
    }),
  effects(step) {
    const report = step.record as ProgressReport;
    const plan = step.context.plans.get(report.plan);
    return [
      eventEffect('report:approved', { report, actor: step.actor }),
      ...(plan ? targetChanges(plan, step.after, report, step.context.targetWatch?.(plan.id)) : []),
    ];
  },
});
