import { createIssue, ERROR_CODES, type KepuIssue, type PluginErrorCode } from '../errors.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { errorCodeProblems } from '../i18n/error-codes.js';
import type { KepuPlugin } from './plugin.js';

// The part after the namespace reads like any id: lowercase words joined by single dashes.
const LOCAL_CODE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Problems with the error codes a plugin declares, as `plugin-invalid` issues under
 * `['plugins', id, 'errorCodes', code]`: a code outside the plugin's namespace
 * (`<plugin-id>/<code>`), a message missing in either language, Chinese characters in the English
 * message, or a placeholder only one language has. Never throws.
 *
 * @example
 * ```ts
 * import { checkPluginErrorCodes } from '@kepu/core/plugin';
 * checkPluginErrorCodes('hexi', { 'other/x': { zh: '缺少证书。', en: 'No certificate.' } })[0]?.code;
 * // 'plugin-invalid'
 * ```
 */
export function checkPluginErrorCodes(plugin: string, errorCodes: unknown): KepuIssue[] {
  if (errorCodes === undefined) return [];
  const at = ['plugins', plugin, 'errorCodes'];
  const issues: KepuIssue[] = [];
  if (typeof errorCodes === 'object' && errorCodes !== null && !Array.isArray(errorCodes)) {
    for (const code of Object.keys(errorCodes)) {
      const [namespace, local, ...rest] = code.split('/');
      if (namespace !== plugin || local === undefined || rest.length > 0 || !LOCAL_CODE.test(local)) {
        issues.push(
          createIssue('plugin-invalid', [...at, code], {
            plugin,
            detail: `the code "${code}" must be "${plugin}/<code>", with <code> in lowercase words joined by dashes`,
          }),
        );
      }
    }
  }
  for (const problem of errorCodeProblems(errorCodes)) {
    const path = [
      ...at,
      ...(problem.code === '(table)' ? [] : [problem.code]),
      ...(problem.field ? [problem.field] : []),
    ];
    issues.push(createIssue('plugin-invalid', path, { plugin, detail: `${problem.code}: ${problem.detail}` }));
  }
  return issues;
}

/**
 * Checks what a plugin's `validateReport` hook returned: a list of issues, each with a code, a
 * path and a message in both languages, whose code is core's or one the plugin declared in
 * `errorCodes`. Returns what is wrong, or `undefined` when the list is good — the shape
 * `callHook`'s `check` option takes, so a hook that invents an undeclared code fails like one
 * that throws instead of reaching an official as a code nobody can look up.
 *
 * @example
 * ```ts
 * import { callHook, checkHookIssues } from '@kepu/core/plugin';
 * const outcome = callHook(plugin.id, 'validateReport', plugin.hooks.validateReport, input, {
 *   check: (value) => checkHookIssues(plugin, value),
 * });
 * ```
 */
export function checkHookIssues(plugin: Pick<KepuPlugin, 'errorCodes'>, value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'must return an array of issues';
  for (const [i, issue] of value.entries()) {
    const { code, path, message } = (issue ?? {}) as Partial<Record<'code' | 'path' | 'message', unknown>>;
    if (typeof code !== 'string' || !Array.isArray(path)) return `issue ${i} needs a code and a path`;
    const text = message as Partial<Bilingual> | undefined;
    if (typeof text?.zh !== 'string' || typeof text.en !== 'string') return `issue ${i} needs a zh and an en message`;
    if (
      code.includes('/')
        ? !Object.hasOwn(plugin.errorCodes ?? {}, code as PluginErrorCode)
        : !Object.hasOwn(ERROR_CODES, code)
    ) {
      return `issue ${i} has the code "${code}", which is neither core's nor declared in the plugin's errorCodes`;
    }
  }
  return undefined;
}
