import type { Draft } from 'immer';
import { z } from 'zod';
import type { Scorecard } from '../../assessment/scorecard.js';
import { createIssue, type KepuIssue } from '../../errors.js';
import { defineCommand, permissionRow } from '../command-definition.js';
import { type EngineEffect, eventEffect } from '../effects.js';
import type { AssessmentRun } from '../state.js';
import type { AssessmentRunner } from '../transition-context.js';
import { referenceChecks } from './checks.js';
import { InPlan, Year } from './fields.js';

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

/** The assessment group runs the year's assessment; the scorecard is kept as a new snapshot. */
export const runAssessment = defineCommand({
  type: 'run-assessment',
  schema: RunAssessmentSchema,
  permissions: permissionRow({ assessor: 'any' }),
  subject: 'plan',
  references(ctx) {
    const check = referenceChecks(ctx);
    check.year(ctx.command.period, ['period']);
    return check.issues;
  },
  apply(draft, ctx) {
    const { command, plan } = ctx;
    const runner = ctx.context.runAssessment;
    if (!runner) {
      return [
        createIssue('assessment-unavailable', ['period'], {
          plan: plan.id,
          detail: 'no assessment is configured for this engine',
        }),
      ];
    }
    const asOf = command.asOf ?? `${command.period}-12-31`;
    let result: ReturnType<AssessmentRunner>;
    try {
      result = runner({ plan, period: command.period, asOf, state: ctx.state });
    } catch (error) {
      return typeof error === 'object' && error !== null && Array.isArray((error as { issues?: unknown }).issues)
        ? (error as { issues: KepuIssue[] }).issues
        : [createIssue('assessment-unavailable', ['period'], { plan: plan.id, detail: String(error) })];
    }
    let run = 1;
    for (const id in ctx.records.assessments) {
      const a = ctx.records.assessments[id] as AssessmentRun;
      if (a.plan === plan.id && a.period === command.period) run++;
    }
    const id = `${plan.id}/${command.period}/${run}`;
    const record: AssessmentRun = {
      id,
      plan: plan.id,
      period: command.period,
      run,
      asOf,
      stateVersion: ctx.records.version,
      inputsHash: result.inputsHash,
      ranAt: ctx.at,
      ranBy: ctx.actor.id,
      scorecard: JSON.parse(JSON.stringify(result.scorecard ?? null)),
      version: ctx.version,
    };
    draft.assessments[id] = record as Draft<AssessmentRun>;
    return { kind: 'assessments', id };
  },
  effects(step) {
    const run = step.record as AssessmentRun;
    const effects: EngineEffect[] = [eventEffect('assessment:completed', { run, actor: step.actor })];
    const plan = step.context.plans.get(run.plan);
    // Plugins see the scorecards of the engine's own scheme runner, once the run is stored.
    if (plan && step.context.afterAssessmentHooks) {
      effects.push({
        kind: 'hook',
        hook: 'afterAssessment',
        plan,
        period: Number(run.period),
        scorecard: run.scorecard as Scorecard,
      });
    }
    return effects;
  },
});
