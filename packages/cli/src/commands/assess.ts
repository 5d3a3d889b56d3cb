import { resolve } from 'node:path';
import { assess } from '@kepu/core';
import { type CommandSpec, UsageError } from '../command.js';
import { readCliAssessment } from '../db.js';
import { EXIT } from '../exit-codes.js';
import { describeSource } from '../format/assessment-source.js';
import { renderScorecard } from '../format/scorecard.js';
import { readJson } from '../plans.js';
import { DB_OPTIONS, PLAN_OPTIONS, parseYear, planAndScheme, withEngine } from './options.js';

/**
 * `kepu assess (--inputs <file.json> | --db <sqlite path | postgres url>) --period <year> [--plan <id|file>] [--scheme <file>] [--as-of <date>] [--json]`:
 * assesses a plan for one year and prints the scorecard (targets with status and forecast, then
 * each sheet's ranking with grades), or the scorecard's JSON with every explanation. From a
 * database it reads the engine's records: the stored assessment run when it is current, else a
 * scorecard computed now (stored too with `--save`).
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
    'kepu assess (--inputs <file.json> | --db <sqlite path | postgres url>) --period <year> [--plan <id|plan.json>] [--scheme <scheme.json>] [--as-of YYYY-MM-DD] [--save] [--json] [--lang zh|en]',
  options: {
    ...DB_OPTIONS,
    save: {
      type: 'boolean',
      description: {
        zh: '与 --db 合用：运行本年度考核并保存到数据库（作为考核组）',
        en: 'with --db: run the year’s assessment and store it (as the assessment group)',
      },
    },
    actor: {
      type: 'string',
      default: 'kepu-cli',
      description: { zh: '--save 时记入审计日志的操作人编号', en: 'the actor id --save writes to the audit log' },
    },
    plan: PLAN_OPTIONS.plan,
    inputs: {
      type: 'string',
      description: {
        zh: '考核输入 JSON（监测数据、评审、自评、奖励、扣分、否决事项）',
        en: 'inputs JSON (observations, reviews, self-scores, awards, deductions, incidents)',
      },
    },
    period: { type: 'string', description: { zh: '考核年度，如 2024', en: 'the year assessed, e.g. 2024' } },
    scheme: PLAN_OPTIONS.scheme,
    'as-of': {
      type: 'string',
      description: {
        zh: '数据截止日期（缺省为年度最后一天）',
        en: 'data cut-off date (default: the last day of the year)',
      },
    },
  },
  details: {
    zh: '输入格式见 docs/assessment.md；JSON 输出含每个数字的计算说明（规则、公式、输入）。\n用 --db 时从数据库读取引擎记录：若已保存的考核仍与当前数据一致则直接读取，否则按当前数据即时计算（说明写到 stderr）。',
    en: 'The inputs format is in docs/assessment.md; the JSON output explains every number (rule, formula, inputs).\nWith --db the engine’s records are read: the stored run when it is still current, else a scorecard computed now (said on stderr).',
  },
  async run({ values }, { io, lang, json }) {
    const inputsPath = values.inputs;
    const dbRef = values.db;
    if (typeof dbRef === 'string' && dbRef !== '') {
      if (typeof inputsPath === 'string') {
        throw new UsageError({
          zh: '--inputs 与 --db 只能二选一。',
          en: 'Give either --inputs or --db, not both.',
        });
      }
      const { plan, scheme } = await planAndScheme(values, io);
      const year = parseYear(values.period);
      const save =
        values.save === true ? { id: String(values.actor ?? 'kepu-cli'), role: 'assessor' as const } : undefined;
      const read = await withEngine(dbRef, values, io, { plan, scheme, readOnly: save === undefined }, (engine) =>
        readCliAssessment(engine, plan, scheme, year, save),
      );
      io.error(describeSource(read, lang));
      io.write(json ? `${JSON.stringify(read.scorecard, null, 2)}\n` : renderScorecard(read.scorecard, plan, lang));
      return EXIT.ok;
    }
    if (typeof inputsPath !== 'string' || inputsPath === '') {
      throw new UsageError({
        zh: '缺少 --inputs <file.json> 或 --db <数据库>。',
        en: 'Missing --inputs <file.json> or --db <database>.',
      });
    }
    const periodText = String(parseYear(values.period));
    const { plan, scheme } = await planAndScheme(values, io);
    const inputs = await readJson(resolve(io.cwd, inputsPath));
    const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : undefined;
    const card = assess(plan, scheme, inputs as never, { period: Number(periodText), ...(asOf ? { asOf } : {}) });
    io.write(json ? `${JSON.stringify(card, null, 2)}\n` : renderScorecard(card, plan, lang));
    return EXIT.ok;
  },
};
