import { z } from 'zod';
import { IdSchema } from '../../org-unit.js';
import { defineCommand, permissionRow } from '../command-definition.js';
import { eventEffect } from '../effects.js';
import type { ProgressReport } from '../state.js';
import { Base } from './fields.js';
import { decideReport } from './report-decision.js';

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

/** The unit takes back its own report before it is approved. */
export const withdrawReport = defineCommand({
  type: 'withdraw-report',
  schema: WithdrawReportSchema,
  permissions: permissionRow({ reporter: 'own-unit' }),
  subject: 'report',
  transition: { from: ['submitted', 'returned'], action: 'withdrawn' },
  apply: (draft, ctx) =>
    decideReport(draft, ctx, 'withdrawn', ctx.command.reason === undefined ? {} : { reason: ctx.command.reason }),
  effects: (step) => [eventEffect('report:withdrawn', { report: step.record as ProgressReport, actor: step.actor })],
});
