import type { CommandSpec } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { renderPlanSummary } from '../format/plan-summary.js';
import { loadPlan } from '../plans.js';
import { PLAN_OPTION } from './options.js';

/**
 * `kepu plan show [--plan <id|file>] [--json]`: the plan in a terminal, or as the core
 * schema's JSON.
 */
export const planShowCommand: CommandSpec = {
  path: ['plan', 'show'],
  summary: {
    zh: '显示实施方案：目标、任务及牵头配合单位、责任矩阵',
    en: 'show a plan: targets, tasks with leads and partners, responsibility matrix',
  },
  usage: 'kepu plan show [--plan <id|plan.json>] [--json] [--lang zh|en]',
  options: { ...PLAN_OPTION },
  async run({ values }, { io, lang, json }) {
    const plan = await loadPlan(String(values.plan), io.cwd);
    io.write(json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlanSummary(plan, lang));
    return EXIT.ok;
  },
};
