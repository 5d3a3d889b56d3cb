import type { AssessmentSchemeInput, KepuPlugin, PlanInput } from '@kepu/core';
import pkg from '../package.json' with { type: 'json' };
import { zhengningPlanInput } from './plan.js';
import { zhengningSchemeInput } from './scheme.js';

/**
 * Options of {@link zhengning}.
 *
 * @example
 * ```ts
 * import type { ZhengningOptions } from '@kepu/plan-zhengning';
 * const options: ZhengningOptions = { townships: false };
 * ```
 */
export interface ZhengningOptions {
  /**
   * The assessment scheme to contribute: the shipped default, or a county's own scheme for the
   * Zhengning plan (validated when the plugin loads).
   * @default 'default'
   */
  readonly scheme?: 'default' | AssessmentSchemeInput;
  /**
   * Include the ten townships (and the default scheme's township sheet). The plan addresses them
   * only as 各乡镇, so their list is outside knowledge (see the units' provenance); a host that
   * keeps its own township directory turns this off and contributes its own with `orgUnits`.
   * @default true
   */
  readonly townships?: boolean;
}

/**
 * The version of this package, which is the plugin's version (bundled from package.json into
 * both the ESM and the CJS build).
 *
 * @example
 * ```ts
 * import { ZHENGNING_PLUGIN_VERSION, zhengning } from '@kepu/plan-zhengning';
 * zhengning().version === ZHENGNING_PLUGIN_VERSION; // true
 * ```
 */
export const ZHENGNING_PLUGIN_VERSION: string = pkg.version;

/**
 * The Zhengning County (正宁县) plan as a Kepu plugin: the 2022–2025 plan and its default
 * assessment scheme, ready for `createEngine({ plugins: [zhengning()] })`.
 *
 * @example
 * ```ts
 * import { createEngine } from '@kepu/core';
 * import { zhengning } from '@kepu/plan-zhengning';
 * const engine = await createEngine({ plugins: [zhengning()] });
 * engine.plans.get('zhengning-2022-2025')?.county.name; // '正宁县'
 * ```
 */
export function zhengning(options: ZhengningOptions = {}) {
  const townships = options.townships ?? true;
  const plan: PlanInput = townships
    ? zhengningPlanInput
    : { ...zhengningPlanInput, orgUnits: zhengningPlanInput.orgUnits.filter((u) => u.kind !== 'township') };
  const scheme: AssessmentSchemeInput =
    options.scheme === undefined || options.scheme === 'default'
      ? townships
        ? zhengningSchemeInput
        : { ...zhengningSchemeInput, sheets: zhengningSchemeInput.sheets.filter((s) => s.id !== 'township') }
      : options.scheme;
  return {
    id: 'zhengning',
    version: ZHENGNING_PLUGIN_VERSION,
    kepu: '^0.1.0',
    name: {
      zh: '正宁县全民科学素质行动实施方案（2022—2025年）',
      en: 'Zhengning County science-literacy plan 2022–2025',
    },
    plans: [plan],
    schemes: [scheme],
  } satisfies KepuPlugin;
}
