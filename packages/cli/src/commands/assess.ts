import { resolve } from 'node:path';
import { type AssessmentScheme, assess, type Plan, parseScheme } from '@kepu/core';
import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
import { type CommandSpec, UsageError } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { renderScorecard } from '../format/scorecard.js';
import { loadPlan, readJson } from '../plans.js';

/**
 * The default assessment scheme of each built-in plan, by plan id.
 *
 * @example
 * ```ts
 * import { BUILTIN_SCHEMES } from '@kepu/cli';
 * BUILTIN_SCHEMES.get('zhengning-2022-2025')?.id; // 'zhengning-default'
 * ```
 */
export const BUILTIN_SCHEMES: ReadonlyMap<string, AssessmentScheme> = new Map([[zhengningPlan.id, zhengningScheme]]);

async function loadScheme(ref: string | undefined, plan: Plan, cwd: string): Promise<AssessmentScheme> {
  if (ref === undefined) {
    const builtin = BUILTIN_SCHEMES.get(plan.id);
    if (!builtin) {
      throw new UsageError({
        zh: `计划“${plan.id}”没有内置考核方案，请用 --scheme 指定方案 JSON 文件。`,
        en: `Plan "${plan.id}" has no built-in scheme; give one with --scheme <scheme.json>.`,
      });
    }
    return builtin;
  }
  return parseScheme(await readJson(resolve(cwd, ref)), plan);
}

/**
 * `kepu assess --inputs <file.json> --period <year> [--plan <id|file>] [--scheme <file>] [--as-of <date>] [--json]`:
 * assesses a plan for one year and prints the scorecard (targets with status and forecast, then
 * each sheet's ranking with grades), or the scorecard's JSON with every explanation.
 *
 * @example
 * ```ts
 * import { createMemoryIO, runCli } from '@kepu/cli';
 * const io = createMemoryIO();
 * await runCli(['assess', '--inputs', 'inputs.json', '--period', '2024'], io);
 * ```
 */
export const assessCommand: CommandSpec = {
  path: ['assess'],
  summary: {
    zh: '按考核方案对计划进行年度考核：目标进展、单位得分、等次与排名',
    en: 'assess a plan for a year: target progress, unit scores, grades and ranks',
  },
  usage:
    'kepu assess --inputs <file.json> --period <year> [--plan <id|plan.json>] [--scheme <scheme.json>] [--as-of YYYY-MM-DD] [--json] [--lang zh|en]',
  options: {
    plan: {
      type: 'string',
      default: 'zhengning',
      description: { zh: '内置计划编号或计划 JSON 文件', en: 'built-in plan id or plan JSON file' },
    },
    inputs: {
      type: 'string',
      description: {
        zh: '考核输入 JSON（监测数据、评审、自评、奖励、扣分、否决事项）',
        en: 'inputs JSON (observations, reviews, self-scores, awards, deductions, incidents)',
      },
    },
    period: { type: 'string', description: { zh: '考核年度，如 2024', en: 'the year assessed, e.g. 2024' } },
    scheme: {
      type: 'string',
      description: {
        zh: '考核方案 JSON 文件（缺省用计划的内置方案）',
        en: 'scheme JSON file (default: the plan’s built-in scheme)',
      },
    },
    'as-of': {
      type: 'string',
      description: {
        zh: '数据截止日期（缺省为年度最后一天）',
        en: 'data cut-off date (default: the last day of the year)',
      },
    },
  },
  details: {
    zh: '输入格式见 docs/assessment.md；JSON 输出含每个数字的计算说明（规则、公式、输入）。',
    en: 'The inputs format is in docs/assessment.md; the JSON output explains every number (rule, formula, inputs).',
  },
  async run({ values }, { io, lang, json }) {
    const inputsPath = values.inputs;
    if (typeof inputsPath !== 'string' || inputsPath === '') {
      throw new UsageError({ zh: '缺少 --inputs <file.json>。', en: 'Missing --inputs <file.json>.' });
    }
    const periodText = values.period;
    if (typeof periodText !== 'string' || !/^\d{4}$/.test(periodText)) {
      throw new UsageError({
        zh: `--period 应为四位年份，如 2024${typeof periodText === 'string' ? `，收到“${periodText}”` : ''}。`,
        en: `--period must be a four-digit year such as 2024${typeof periodText === 'string' ? `; got "${periodText}"` : ''}.`,
      });
    }
    const plan = await loadPlan(String(values.plan), io.cwd);
    const scheme = await loadScheme(typeof values.scheme === 'string' ? values.scheme : undefined, plan, io.cwd);
    const inputs = await readJson(resolve(io.cwd, inputsPath));
    const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : undefined;
    const card = assess(plan, scheme, inputs as never, { period: Number(periodText), ...(asOf ? { asOf } : {}) });
    io.write(json ? `${JSON.stringify(card, null, 2)}\n` : renderScorecard(card, plan, lang));
    return EXIT.ok;
  },
};
