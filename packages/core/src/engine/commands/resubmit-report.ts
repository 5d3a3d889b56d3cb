import type { Draft } from 'immer';
import { z } from 'zod';
import { IdSchema } from '../../org-unit.js';
import { checkObservations } from '../../rules/observation.js';
import { defineCommand, permissionRow } from '../command-definition.js';
import type { ProgressReport } from '../state.js';
import { Base } from './fields.js';
import { ReportContent } from './report-content.js';
import { checkSelfScores, filedContent, revisionOf, submittedEvent } from './report-filing.js';

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

/** The unit files a revised version of a returned report; it awaits review again. */
export const resubmitReport = defineCommand({
  type: 'resubmit-report',
  schema: ResubmitReportSchema,
  permissions: permissionRow({ reporter: 'own-unit' }),
  subject: 'report',
  transition: { from: ['returned'], action: 'resubmitted' },
  references: (ctx) => (ctx.report ? checkObservations(ctx.plan, ctx.report.period, ctx.command.observations) : []),
  scheme: (ctx, check) =>
    checkSelfScores(ctx, check, ctx.report?.unit ?? ctx.actor.unit ?? '', ctx.report?.period ?? ''),
  validation: (ctx) => ({ report: ctx.report as ProgressReport, revision: filedContent(ctx.command) }),
  apply(draft, ctx) {
    const r = draft.reports[ctx.command.report] as Draft<ProgressReport>;
    r.revisions.push(revisionOf(ctx.command, r.revisions.length + 1, ctx.at, ctx.actor.id));
    r.status = 'submitted';
    r.updatedAt = ctx.at;
    r.version = ctx.version;
    return { kind: 'reports', id: r.id };
  },
  effects: (step) => submittedEvent(step, true),
});
