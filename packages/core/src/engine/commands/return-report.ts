import { z } from 'zod';
import { IdSchema } from '../../org-unit.js';
import { defineCommand, permissionRow } from '../command-definition.js';
import { eventEffect } from '../effects.js';
import type { ProgressReport } from '../state.js';
import { Base, Text } from './fields.js';
import { decideReport } from './report-decision.js';

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

/** A reviewer sends a submitted report back to its unit, saying why. */
export const returnReport = defineCommand({
  type: 'return-report',
  schema: ReturnReportSchema,
  permissions: permissionRow({ 'lead-reviewer': 'lead-unit', 'plan-office': 'any' }),
  subject: 'report',
  transition: { from: ['submitted'], action: 'returned' },
  reviewsReport: true,
  apply: (draft, ctx) => decideReport(draft, ctx, 'returned', { reason: ctx.command.reason }),
  effects: (step) => [
    eventEffect('report:returned', {
      report: step.record as ProgressReport,
      actor: step.actor,
      reason: step.command.reason,
    }),
  ],
});
