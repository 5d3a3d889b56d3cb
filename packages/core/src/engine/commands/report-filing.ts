import type { Draft } from 'immer';
import type { KepuIssue } from '../../errors.js';
import type { CommandContext, CommandStep } from '../command-definition.js';
import { eventEffect } from '../effects.js';
import type { ProgressReport, ReportRevision } from '../state.js';
import type { TransitionContext } from '../transition-context.js';
import { yearOf } from './checks.js';
import type { ReportObservation, ReportSelfScore } from './report-content.js';

/** The content fields a submission and a resubmission share. */
interface Filed {
  readonly narrative: string;
  readonly observations: readonly ReportObservation[];
  readonly evidence: ReportRevision['evidence'];
  readonly selfScores: readonly ReportSelfScore[];
}

/** The revision a command files: its content, when and by whom. */
export function revisionOf(command: Filed, revision: number, at: string, by: string): Draft<ReportRevision> {
  return {
    revision,
    narrative: command.narrative,
    observations: command.observations,
    evidence: command.evidence,
    selfScores: command.selfScores,
    submittedAt: at,
    submittedBy: by,
  } as ReportRevision as Draft<ReportRevision>;
}

/** What report-validation hooks are shown of the filed content. */
export function filedContent(command: Filed) {
  return {
    narrative: command.narrative,
    observations: command.observations,
    evidence: command.evidence,
    selfScores: command.selfScores,
  };
}

/** The unit's self-scores of the period, checked against the items of its sheet in the scheme. */
export function checkSelfScores(
  ctx: CommandContext<Filed>,
  check: NonNullable<TransitionContext['checkScheme']>,
  unit: string,
  period: string,
): readonly KepuIssue[] {
  return check(ctx.plan, {
    selfScores: ctx.command.selfScores.map((x) => ({
      unit,
      item: x.item,
      period: yearOf(period),
      score: x.score,
      outOf: x.outOf,
    })),
  });
}

/** `report:submitted` for the report as it now is. */
export function submittedEvent(step: CommandStep<unknown>, resubmission: boolean) {
  return [eventEffect('report:submitted', { report: step.record as ProgressReport, actor: step.actor, resubmission })];
}
