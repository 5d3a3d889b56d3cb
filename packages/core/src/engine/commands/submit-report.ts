import type { Draft } from 'immer';
import { z } from 'zod';
import { createIssue } from '../../errors.js';
import { IdSchema } from '../../org-unit.js';
import { NodePathSchema } from '../../plan.js';
import { checkObservations } from '../../rules/observation.js';
import { defineCommand, permissionRow } from '../command-definition.js';
import { localDate, PeriodSchema, reportDueDate } from '../period.js';
import { activeReport } from '../record-index.js';
import type { ProgressReport } from '../state.js';
import { referenceChecks } from './checks.js';
import { InPlan } from './fields.js';
import { ReportContent } from './report-content.js';
import { checkSelfScores, filedContent, revisionOf, submittedEvent } from './report-filing.js';

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

/** A unit files a report: on a task it leads or partners, or its summary when it is assessed. */
export const submitReport = defineCommand({
  type: 'submit-report',
  schema: SubmitReportSchema,
  permissions: permissionRow({ reporter: 'own-unit' }),
  subject: 'plan',
  creates: 'reports',
  references(ctx) {
    const check = referenceChecks(ctx);
    check.task(ctx.command.task, ['task']);
    check.period(ctx.command.period, ['period'], false);
    if (check.issues.length > 0) return check.issues;
    return checkObservations(ctx.plan, ctx.command.period, ctx.command.observations);
  },
  scheme: (ctx, check) => checkSelfScores(ctx, check, ctx.actor.unit ?? '', ctx.command.period),
  // One active report per unit, task and period: a second is a duplicate.
  prior(ctx) {
    const existing = activeReport(
      ctx.records.reports,
      ctx.plan.id,
      ctx.command.task ?? null,
      ctx.actor.unit ?? '',
      ctx.command.period,
    );
    if (!existing) return undefined;
    return {
      kind: 'reports',
      record: existing,
      label: `report "${existing.id}"`,
      duplicate: createIssue('duplicate-report', ['period'], {
        unit: existing.unit,
        subject: existing.task === null ? 'its summary' : `task ${existing.task}`,
        period: existing.period,
        report: existing.id,
      }),
    };
  },
  validation: (ctx) => ({
    report: {
      id: ctx.command.id ?? '(new)',
      plan: ctx.plan.id,
      task: ctx.command.task ?? null,
      unit: ctx.actor.unit ?? '',
      period: ctx.command.period,
    },
    revision: filedContent(ctx.command),
  }),
  apply(draft, ctx) {
    const { command, at, version } = ctx;
    const id = command.id ?? ctx.nextId('reports', 'rpt');
    const dueDate = reportDueDate(command.period, ctx.context.reporting);
    draft.reports[id] = {
      id,
      plan: ctx.plan.id,
      task: command.task ?? null,
      unit: ctx.actor.unit ?? '',
      period: command.period,
      status: 'submitted',
      dueDate,
      late: localDate(new Date(at), ctx.context.reporting.timeZoneOffsetMinutes) > dueDate,
      revisions: [revisionOf(command, 1, at, ctx.actor.id)],
      decisions: [],
      createdAt: at,
      updatedAt: at,
      version,
    } as Draft<ProgressReport>;
    return { kind: 'reports', id };
  },
  effects: (step) => submittedEvent(step, false),
});
