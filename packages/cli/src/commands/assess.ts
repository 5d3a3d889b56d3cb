import { resolve } from 'node:path';
import { type AssessmentScheme, assess, type Plan, parseScheme } from '@kepu/core';
import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
import { type CommandSpec, UsageError } from '../command.js';
import { openDatabase, openEngine } from '../db.js';
import { EXIT } from '../exit-codes.js';
import { renderScorecard } from '../format/scorecard.js';
import { type Lang, t } from '../i18n.js';
import type { CliIO } from '../io.js';
import { loadPlan, readJson } from '../plans.js';
import { type ReadAssessment, readAssessment } from '../stored-assessment.js';

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

/**
 * Resolves `--scheme`: a scheme JSON file (validated against the plan), or without one the plan's
 * built-in scheme; a plan without one is a usage error.
 *
 * @example
 * ```ts
 * import { loadScheme, loadPlan } from '@kepu/cli';
 * const plan = await loadPlan('zhengning', process.cwd());
 * const scheme = await loadScheme(undefined, plan, process.cwd());
 * ```
 */
export async function loadScheme(ref: string | undefined, plan: Plan, cwd: string): Promise<AssessmentScheme> {
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
 * Checks `--period`: a four-digit year. Throws a usage error that quotes what was given.
 *
 * @example
 * ```ts
 * import { parseYear } from '@kepu/cli';
 * parseYear('2024'); // 2024
 * ```
 */
export function parseYear(text: unknown): number {
  if (typeof text !== 'string' || !/^\d{4}$/.test(text)) {
    throw new UsageError({
      zh: `--period 应为四位年份，如 2024${typeof text === 'string' ? `，收到“${text}”` : ''}。`,
      en: `--period must be a four-digit year such as 2024${typeof text === 'string' ? `; got "${text}"` : ''}.`,
    });
  }
  return Number(text);
}

/**
 * What to tell the reader about where a scorecard read from a database came from.
 *
 * @example
 * ```ts
 * import { describeSource } from '@kepu/cli';
 * io.error(describeSource(read, 'zh'));
 * ```
 */
export function describeSource(read: ReadAssessment, lang: Lang): string {
  const run = read.run;
  switch (read.state) {
    case 'stored':
      return t(lang, {
        zh: `读取数据库中保存的第 ${run?.run} 次考核（${run?.ranAt.slice(0, 10)} 运行，数据未变）。\n`,
        en: `Read stored assessment run ${run?.run} (made ${run?.ranAt.slice(0, 10)}; the records have not changed since).\n`,
      });
    case 'saved':
      return t(lang, {
        zh: `已运行并保存第 ${run?.run} 次考核。\n`,
        en: `Ran and stored assessment run ${run?.run}.\n`,
      });
    case 'stale':
      return t(lang, {
        zh: `数据库中的第 ${run?.run} 次考核之后又有新数据：以下为按当前数据即时计算的结果（未保存；加 --save 保存）。\n`,
        en: `The records changed after stored run ${run?.run}: this scorecard was computed now (not stored; add --save to store it).\n`,
      });
    default:
      return t(lang, {
        zh: '数据库中没有该年度的考核记录：以下为按当前数据即时计算的结果（未保存；加 --save 保存）。\n',
        en: 'No assessment of this year is stored: this scorecard was computed from the records now (not stored; add --save to store it).\n',
      });
  }
}

/** Opens `--db`, reads (or runs) the year's assessment, closes the database. */
async function assessFromDatabase(
  ref: string,
  values: Readonly<Record<string, unknown>>,
  io: CliIO,
): Promise<{ read: ReadAssessment; plan: Plan; scheme: AssessmentScheme; label: string }> {
  const plan = await loadPlan(String(values.plan), io.cwd);
  const scheme = await loadScheme(typeof values.scheme === 'string' ? values.scheme : undefined, plan, io.cwd);
  const year = parseYear(values.period);
  const namespace = typeof values.namespace === 'string' ? values.namespace : plan.id;
  const db = await openDatabase(ref, { cwd: io.cwd, namespace });
  try {
    const engine = await openEngine(db.store, plan, scheme);
    try {
      const save =
        values.save === true ? { id: String(values.actor ?? 'kepu-cli'), role: 'assessor' as const } : undefined;
      const read = await readAssessment(engine, plan, scheme, year, save ? { save } : {});
      return { read, plan, scheme, label: db.label };
    } finally {
      await engine.dispose();
    }
  } finally {
    await db.dispose();
  }
}

/**
 * The options `--db` brings to the commands that read a database (`assess`, `report`,
 * `data import`).
 *
 * @example
 * ```ts
 * import { DB_OPTIONS } from '@kepu/cli';
 * Object.keys(DB_OPTIONS); // ['db', 'namespace']
 * ```
 */
export const DB_OPTIONS = {
  db: {
    type: 'string',
    description: {
      zh: 'SQLite 数据库文件路径，或 PostgreSQL 连接 URL（postgres://…）',
      en: 'an SQLite database file, or a PostgreSQL URL (postgres://…)',
    },
  },
  namespace: {
    type: 'string',
    description: {
      zh: 'PostgreSQL 中的数据命名空间（缺省为计划编号）',
      en: 'the namespace in PostgreSQL (default: the plan id)',
    },
  },
} as const satisfies CommandSpec['options'];

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
      const { read, plan } = await assessFromDatabase(dbRef, values, io);
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
    const plan = await loadPlan(String(values.plan), io.cwd);
    const scheme = await loadScheme(typeof values.scheme === 'string' ? values.scheme : undefined, plan, io.cwd);
    const inputs = await readJson(resolve(io.cwd, inputsPath));
    const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : undefined;
    const card = assess(plan, scheme, inputs as never, { period: Number(periodText), ...(asOf ? { asOf } : {}) });
    io.write(json ? `${JSON.stringify(card, null, 2)}\n` : renderScorecard(card, plan, lang));
    return EXIT.ok;
  },
};
