import { resolve } from 'node:path';
import type { AssessmentScheme, Engine, Plan } from '@kepu/core';
import { parseScheme } from '@kepu/core';
import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
import { type CommandArgs, type CommandSpec, UsageError } from '../command.js';
import { type OpenedDatabase, openDatabase, openEngine } from '../db.js';
import type { CliIO } from '../io.js';
import { BUILTIN_PLANS, loadPlan, readJson } from '../plans.js';
import { type OutputOptions, type PreparedOutput, prepareOutput } from '../safe-output.js';

/**
 * `--plan`, as every command that reads a plan takes it.
 *
 * @example
 * ```ts
 * const options = { ...PLAN_OPTION } satisfies CommandSpec['options'];
 * ```
 */
export const PLAN_OPTION = {
  plan: {
    type: 'string',
    default: 'zhengning',
    description: { zh: '内置计划编号或计划 JSON 文件', en: 'built-in plan id or plan JSON file' },
  },
} as const satisfies CommandSpec['options'];

/**
 * `--plan` and `--scheme`, as every command that assesses or reads reported data takes them.
 *
 * @example
 * ```ts
 * const options = { ...PLAN_OPTIONS } satisfies CommandSpec['options'];
 * ```
 */
export const PLAN_OPTIONS = {
  ...PLAN_OPTION,
  scheme: {
    type: 'string',
    description: {
      zh: '考核方案 JSON 文件（缺省用计划的内置方案）',
      en: 'scheme JSON file (default: the plan’s built-in scheme)',
    },
  },
} as const satisfies CommandSpec['options'];

/**
 * The options `--db` brings to the commands that read a database (`assess`, `report`,
 * `data import`).
 *
 * @example
 * ```ts
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
 * The default assessment scheme of each built-in plan, by plan id.
 *
 * @example
 * ```ts
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
 * Resolves `--plan` and `--scheme` together.
 *
 * @example
 * ```ts
 * const { plan, scheme } = await planAndScheme(values, io);
 * ```
 */
export async function planAndScheme(
  values: CommandArgs['values'],
  io: CliIO,
): Promise<{ readonly plan: Plan; readonly scheme: AssessmentScheme }> {
  const plan = await loadPlan(String(values.plan), io.cwd);
  const scheme = await loadScheme(typeof values.scheme === 'string' ? values.scheme : undefined, plan, io.cwd);
  return { plan, scheme };
}

/**
 * Checks `--period`: a four-digit year. Throws a usage error that quotes what was given.
 *
 * @example
 * ```ts
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
 * `--db`, which the command needs: a usage error without it.
 *
 * @example
 * ```ts
 * const ref = requireDb(values);
 * ```
 */
export function requireDb(values: CommandArgs['values']): string {
  const ref = values.db;
  if (typeof ref !== 'string' || ref === '') {
    throw new UsageError({ zh: '缺少 --db <数据库>。', en: 'Missing --db <database>.' });
  }
  return ref;
}

/**
 * Opens `--db` (in `--namespace`, by default the plan's id), an engine over it for the plan, runs
 * `work`, and closes both whatever happens.
 *
 * @example
 * ```ts
 * const runs = await withEngine(ref, values, io, { plan, scheme }, (engine) => engine.assessments());
 * ```
 */
export async function withEngine<T>(
  ref: string,
  values: CommandArgs['values'],
  io: CliIO,
  target: {
    readonly plan: Plan;
    readonly scheme: AssessmentScheme;
    readonly create?: boolean;
    /** Only read (see `openDatabase`'s `readOnly`). */
    readonly readOnly?: boolean;
  },
  work: (engine: Engine, db: OpenedDatabase) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(ref, {
    cwd: io.cwd,
    namespace: namespaceFor(values, target.plan.id),
    ...(target.create ? { create: true } : {}),
    ...(target.readOnly ? { readOnly: true } : {}),
  });
  try {
    const engine = await openEngine(db.store, target.plan, target.scheme);
    try {
      return await work(engine, db);
    } finally {
      await engine.dispose();
    }
  } finally {
    await db.dispose();
  }
}

/** Options whose value names a file the command reads or opens. */
const INPUT_OPTIONS = [
  'db',
  'plan',
  'scheme',
  'inputs',
  'units',
  'margins',
  'questionnaire',
  'anchor',
  'key',
  'public-key',
] as const;

/**
 * The files a command reads or opens, from its positionals and its input options (`--db`, `--plan`,
 * `--scheme`, `--inputs`, `--units`, `--margins`, `--questionnaire`, `--anchor`, `--key`,
 * `--public-key`): what its outputs must never
 * overwrite. Database URLs and built-in plan names are left out.
 *
 * @example
 * ```ts
 * inputsOf({ values: { db: 'v.db', plan: 'zhengning' }, positionals: ['plan.txt'] }); // ['plan.txt', 'v.db']
 * ```
 */
export function inputsOf({ values, positionals }: CommandArgs): string[] {
  const named = INPUT_OPTIONS.map((name) => values[name]).filter(
    (v): v is string => typeof v === 'string' && !/^postgres(?:ql)?:\/\//i.test(v) && !BUILTIN_PLANS.has(v),
  );
  return [...positionals, ...named];
}

/**
 * Prepares an output file of a command under the file output policy (see `prepareOutput`):
 * `--force` from the command's values, its inputs protected.
 *
 * @example
 * ```ts
 * const out = await outputOf(values.out, args, io);
 * ```
 */
export function outputOf(
  file: string,
  args: CommandArgs,
  io: CliIO,
  extra: Pick<OutputOptions, 'createFolder' | 'protect' | 'mode'> = {},
): Promise<PreparedOutput> {
  return prepareOutput(file, {
    cwd: io.cwd,
    force: args.values.force === true,
    protect: [...inputsOf(args), ...(extra.protect ?? [])],
    ...(extra.createFolder ? { createFolder: true } : {}),
    ...(extra.mode === undefined ? {} : { mode: extra.mode }),
  });
}

/**
 * Prepares several output files at once (see {@link outputOf}): all are checked before any is
 * written, and when one is refused the ones already reserved are given up.
 *
 * @example
 * ```ts
 * const [a, b] = await outputsOf(['a.csv', 'b.json'], args, io);
 * ```
 */
export async function outputsOf(
  files: readonly string[],
  args: CommandArgs,
  io: CliIO,
  extra: Pick<OutputOptions, 'createFolder' | 'protect'> = {},
): Promise<PreparedOutput[]> {
  const prepared: PreparedOutput[] = [];
  try {
    for (const file of files) prepared.push(await outputOf(file, args, io, extra));
    return prepared;
  } catch (error) {
    for (const output of prepared) await output.discard();
    throw error;
  }
}

/**
 * The namespace a command opens a database in: `--namespace`, else the plan's id.
 *
 * @example
 * ```ts
 * namespaceFor({ namespace: 'county-a' }, 'zhengning-2022-2025'); // 'county-a'
 * ```
 */
export function namespaceFor(values: CommandArgs['values'], planId: string): string {
  return typeof values.namespace === 'string' ? values.namespace : planId;
}
