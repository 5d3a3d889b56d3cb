import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Plan, parsePlan } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { UsageError } from './command.js';

/**
 * Plans the CLI knows by name, each under its short name and its full id.
 *
 * @example
 * ```ts
 * import { BUILTIN_PLANS } from '@kepu/cli';
 * BUILTIN_PLANS.get('zhengning')?.meta.title;
 * ```
 */
export const BUILTIN_PLANS: ReadonlyMap<string, Plan> = new Map([
  ['zhengning', zhengningPlan],
  [zhengningPlan.id, zhengningPlan],
]);

/**
 * Resolves `--plan`: a built-in plan's name or id, or the path of a plan JSON file (validated;
 * a file that does not validate throws a KepuError listing every problem).
 *
 * @example
 * ```ts
 * const plan = await loadPlan('zhengning', process.cwd());
 * ```
 */
export async function loadPlan(ref: string, cwd: string): Promise<Plan> {
  const builtin = BUILTIN_PLANS.get(ref);
  if (builtin) return builtin;
  if (!ref.endsWith('.json')) {
    throw new UsageError({
      zh: `未知计划“${ref}”。可用：${[...new Set([...BUILTIN_PLANS.values()].map((p) => p.id))].join('、')}，或给出计划 JSON 文件路径。`,
      en: `Unknown plan "${ref}". Use one of ${[...new Set([...BUILTIN_PLANS.values()].map((p) => p.id))].join(', ')}, or the path of a plan JSON file.`,
    });
  }
  return parsePlan(await readJson(resolve(cwd, ref)));
}

/**
 * Reads and parses a JSON file; a missing file or bad JSON is a {@link UsageError} that says
 * which file and why.
 *
 * @example
 * ```ts
 * import { readJson } from '@kepu/cli';
 * const inputs = await readJson('/path/to/inputs.json');
 * ```
 */
export async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError({
      zh: `无法读取文件 ${path}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      en: `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError({
      zh: `文件 ${path} 不是有效的 JSON：${(error as Error).message}`,
      en: `${path} is not valid JSON: ${(error as Error).message}`,
    });
  }
}
