import type { Draft } from 'immer';
import type { ApplyContext, CommandTarget } from '../command-definition.js';
import type { EngineState, ProgressReport, ReportDecision } from '../state.js';

/**
 * Records a decision on the named report (a return, an approval, a withdrawal): the decision is
 * appended, the status becomes its action. `extra` carries the reason, comment or review.
 */
export function decideReport(
  draft: Draft<EngineState>,
  ctx: ApplyContext<{ readonly report: string }>,
  action: ReportDecision['action'],
  extra: Partial<Pick<ReportDecision, 'reason' | 'comment' | 'review'>>,
): CommandTarget {
  const { actor, at, version } = ctx;
  const r = draft.reports[ctx.command.report] as Draft<ProgressReport>;
  const decision: ReportDecision = {
    action,
    by: actor.id,
    role: actor.role,
    ...(actor.unit === undefined ? {} : { unit: actor.unit }),
    at,
    revision: r.revisions.length,
    ...extra,
  };
  r.decisions.push(decision as Draft<ReportDecision>);
  r.status = action;
  r.updatedAt = at;
  r.version = version;
  return { kind: 'reports', id: r.id };
}
