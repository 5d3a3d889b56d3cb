import { createIssue, type KepuIssue } from '../errors.js';
import type { Plan } from '../plan.js';
import { roleOf } from '../responsibility.js';
import { assessedUnits } from '../rules/assessed-units.js';
import { normalizeActorId } from '../rules/identity.js';
import { reportsOnTask } from '../rules/reports-on-task.js';
import type { Actor } from './actor.js';
import type { CommandDefinition } from './command-definition.js';
import { forbiddenIssue, submittersOf } from './permissions.js';
import type { ProgressReport } from './state.js';

/**
 * Whether the actor's scope covers this command (see {@link PermissionScope}): the own unit's
 * reports and tasks (those it leads, partners or has an area lead duty on), the tasks the unit
 * leads, or anything; nobody reviews a report they submitted a revision of; and nobody judges
 * their own unit (see `judges` in {@link CommandDefinition}) unless the scheme allows penalties
 * on one's own unit. Returns the issue that denies it, if any. Pure.
 */
export function checkScope(
  plan: Plan,
  actor: Actor,
  definition: CommandDefinition<string, { readonly type: string; readonly task?: string }>,
  command: { readonly type: string; readonly task?: string },
  report: ProgressReport | undefined,
  ownUnitPenalties: 'allowed' | 'refused' = 'refused',
): KepuIssue | undefined {
  const scope = definition.permissions[actor.role];
  const no = (zh: string, en: string) => forbiddenIssue(actor, command.type, { zh, en });
  if (report && definition.reviewsReport && submittersOf(report).has(normalizeActorId(actor.id))) {
    return createIssue('self-approval', ['actor'], { report: report.id, actor: actor.id });
  }
  const judged = definition.judges?.(command);
  if (judged && actor.unit === judged.unit && (judged.favourable || ownUnitPenalties !== 'allowed')) {
    return createIssue('conflict-of-interest', ['unit'], {
      actor: actor.id,
      unit: judged.unit,
      command: command.type,
    });
  }
  if (scope === 'any') return undefined;
  const unit = actor.unit ?? '';
  if (scope === 'own-unit') {
    if (report && report.unit !== unit) {
      return no(
        `报告“${report.id}”属于单位“${report.unit}”，不是本单位`,
        `report ${report.id} belongs to ${report.unit}`,
      );
    }
    // The task is the report's, or (for a new report) the one the command names.
    const task = report ? report.task : (command.task ?? null);
    if (task === null) {
      if (!assessedUnits(plan).has(unit)) {
        return no(
          `单位“${unit}”不是被考核单位，无需提交总结报告`,
          `unit ${unit} is not assessed, so it files no summary`,
        );
      }
    } else if (!reportsOnTask(plan, unit, task)) {
      return no(
        `单位“${unit}”既不牵头也不配合任务 ${task}，也没有本辖区的牵头责任`,
        `unit ${unit} neither leads nor partners task ${task}, nor has a lead duty on it for its own area`,
      );
    }
    return undefined;
  }
  // lead-unit
  if (!report || report.task === null || roleOf(plan, unit, report.task) !== 'lead') {
    return no(
      `单位“${unit}”不是该报告所涉任务的牵头单位`,
      `unit ${unit} does not lead the task of report ${report?.id ?? ''}`,
    );
  }
  return undefined;
}
