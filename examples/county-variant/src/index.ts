import type { KepuIssue, ReportValidationInput } from '@kepu/core';
import type { KepuPlugin } from '@kepu/plugin-sdk';
import pkg from '../package.json' with { type: 'json' };
import { demonstrationLevel } from './demonstration-level.js';
import { HEXI_ERRORS } from './error-codes.js';
import { hexiPlanInput } from './plan.js';
import { hexiSchemeInput } from './scheme.js';

export { DEMONSTRATION_LEVELS, demonstrationLevel } from './demonstration-level.js';
export { HEXI_ERRORS } from './error-codes.js';
export { hexiPlanInput } from './plan.js';
export { hexiSchemeInput } from './scheme.js';

/** Options of {@link hexi}. */
export interface HexiOptions {
  /**
   * Also contribute the county's stricter variant of its scheme, `hexi-2021-2025-strict`
   * (partners carry 30%, at most 20% of units graded 好), made by a scheme override.
   * @default false
   */
  readonly strict?: boolean;
}

/**
 * A report of the 科普示范县 level must carry evidence (the title's certificate or document):
 * the level is judged from it, so a report without any is denied with Hexi's own
 * `hexi/no-certificate`. Pure.
 */
export function requireDemonstrationEvidence({ revision }: ReportValidationInput): KepuIssue[] {
  const reportsLevel = revision.observations.some(
    (o) => o.indicator === 'demo-county-level' || o.target === 'national-demo-county',
  );
  if (!reportsLevel || revision.evidence.length > 0) return [];
  return [HEXI_ERRORS.issue('hexi/no-certificate', ['revision', 'evidence'])];
}

/**
 * Hexi County (河西县), an example county written only with the plugin SDK: its 2021–2025 plan,
 * the 科普示范县 level as an indicator kind of its own, its scheme and strings, and a check on
 * reports with an error code of its own.
 *
 * @example
 * ```ts
 * import { createEngine } from '@kepu/core';
 * const engine = await createEngine({ plugins: [hexi()] });
 * ```
 */
export function hexi(options: HexiOptions = {}) {
  return {
    id: 'hexi',
    version: pkg.version,
    kepu: '^0.1.0',
    name: { zh: '河西县全民科学素质行动实施方案（2021—2025年）', en: 'Hexi County science-literacy plan 2021–2025' },
    plans: [hexiPlanInput],
    schemes: [hexiSchemeInput],
    ...(options.strict
      ? {
          schemeOverrides: [
            {
              base: 'hexi-2021-2025',
              id: 'hexi-2021-2025-strict',
              name: '河西县考核方案（从严）',
              sheets: { departments: { sharing: { partner: 0.3 }, topGradeCap: { share: 0.2 } } },
            },
          ],
        }
      : {}),
    targetKinds: [demonstrationLevel],
    locales: {
      zh: { 'hexi.grade.good': '好', 'hexi.demo-county': '全国科普示范县' },
      en: { 'hexi.grade.good': 'Good', 'hexi.demo-county': 'National science demonstration county' },
    },
    errorCodes: HEXI_ERRORS.templates,
    hooks: { validateReport: requireDemonstrationEvidence },
  } satisfies KepuPlugin;
}
