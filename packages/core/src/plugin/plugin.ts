import type { AssessmentInputs, AssessmentInputsInput } from '../assessment/inputs.js';
import type { AssessmentSchemeInput } from '../assessment/scheme.js';
import type { Scorecard } from '../assessment/scorecard.js';
import type { EngineEvents } from '../engine/events.js';
import type { ReportValidationInput } from '../engine/transition.js';
import type { KepuIssue, PluginErrorCode } from '../errors.js';
import type { Bilingual, Lang, ZhFirstText } from '../i18n/bilingual.js';
import type { OrgUnitInput } from '../org-unit.js';
import type { Plan, PlanInput } from '../plan.js';
import type { SchemeOverride } from './scheme-override.js';
import type { TargetKindDefinition } from './target-kind.js';

/**
 * Hooks a plugin may implement. Every hook is optional and synchronous (they run inside a
 * command, which must stay atomic).
 *
 * Contracts, stated here and enforced by the host where it can (see {@link callHook}):
 * - **pure**: a hook computes from its argument and changes nothing; the argument is deeply
 *   frozen, so a mutation throws — and a throw is contained;
 * - **must not throw**: a hook that throws is contained and reported as a `plugin:error` event
 *   (a `plugin-hook-failed` issue). What follows depends on the hook: a failed `validateReport`
 *   **fails closed** — the report is refused with `plugin-failed` (audited), because accepting it
 *   would make the decision depend on machine load; a failed `beforeAssessment` or
 *   `afterAssessment` is ignored and the command goes on as if the hook were absent;
 * - **returns good data**: a result of the wrong shape is treated like a throw;
 * - **bounded**: a call that runs past the engine's hook budget is discarded and reported.
 *   JavaScript cannot interrupt a synchronous function, so a hook that never returns is not
 *   containable in-process; the plugin test kit calls every hook with a budget so authors
 *   find slow hooks before shipping.
 *
 * @example
 * ```ts
 * import { defineErrorCodes, type KepuPluginHooks } from '@kepu/core';
 * const CODES = defineErrorCodes({
 *   'my-county/no-evidence': { zh: '请上传佐证材料后再提交。', en: 'Upload the evidence, then submit again.' },
 * });
 * const hooks: KepuPluginHooks = {
 *   validateReport: ({ revision }) =>
 *     revision.evidence.length > 0 ? [] : [CODES.issue('my-county/no-evidence', ['revision', 'evidence'])],
 * };
 * ```
 */
export interface KepuPluginHooks {
  /**
   * Extra checks on a report being submitted or resubmitted: issues deny it; `[]` accepts. An
   * issue's code is core's or one of the plugin's own `errorCodes`.
   */
  readonly validateReport?: (input: ReportValidationInput) => readonly KepuIssue[];
  /**
   * Before an assessment: may return replacement inputs (e.g. with derived observations added),
   * or nothing to keep them. The result is validated like any inputs.
   */
  readonly beforeAssessment?: (input: {
    readonly plan: Plan;
    readonly period: number;
    readonly inputs: AssessmentInputs;
  }) => AssessmentInputsInput | undefined;
  /** After an assessment, with the scorecard (frozen): for notification; the return is ignored. */
  readonly afterAssessment?: (input: {
    readonly plan: Plan;
    readonly period: number;
    readonly scorecard: Scorecard;
  }) => void;
}

/**
 * Event listeners a plugin registers on every engine that loads it; each must not throw (one that
 * does is reported as `plugin:error`, and the other listeners still run).
 *
 * @example
 * ```ts
 * import type { KepuPluginListeners } from '@kepu/core';
 * const on: KepuPluginListeners = { 'report:approved': (e) => console.log(e) };
 * ```
 */
export type KepuPluginListeners = { readonly [E in keyof EngineEvents]?: (event: EngineEvents[E]) => void };

/**
 * Units a plugin adds to a plan contributed by another plugin or by the host — for example a
 * county's townships, kept apart from the plan text because the plan does not list them.
 *
 * @example
 * ```ts
 * import type { OrgUnitDirectory } from '@kepu/core';
 * const townships: OrgUnitDirectory = {
 *   plan: 'zhengning-2022-2025',
 *   units: [{ id: 'new-town', name: '新镇', kind: 'township' }],
 * };
 * ```
 */
export interface OrgUnitDirectory {
  /** The id of the plan the units join. */
  readonly plan: string;
  readonly units: readonly OrgUnitInput[];
}

/**
 * A Kepu plugin: a plain object that adds a county's variant — its plans, units, strings and
 * hooks — without touching core. Write it as a factory that takes options and returns an object
 * that `satisfies KepuPlugin`.
 *
 * - `id`: unique among loaded plugins (lowercase, digits, dashes);
 * - `version`: the plugin's own version, read from its package.json;
 * - `kepu`: the range of Kepu's plugin API it supports (`^0.1.0`), checked against
 *   {@link KEPU_API_VERSION};
 * - `order`: `pre` plugins load before `normal` ones, `post` after; within a group, by id — so
 *   the order never depends on how the host happened to list them.
 *
 * @example
 * ```ts
 * import type { KepuPlugin } from '@kepu/core';
 * import pkg from '../package.json' with { type: 'json' };
 *
 * export function myCounty(options: { withTownships?: boolean } = {}) {
 *   return {
 *     id: 'my-county',
 *     version: pkg.version,
 *     kepu: '^0.1.0',
 *     plans: [myPlan],
 *   } satisfies KepuPlugin;
 * }
 * ```
 */
export interface KepuPlugin {
  readonly id: string;
  readonly version: string;
  readonly kepu: string;
  readonly name?: ZhFirstText;
  /** @default 'normal' */
  readonly order?: 'pre' | 'normal' | 'post';
  readonly plans?: readonly PlanInput[];
  readonly orgUnits?: readonly OrgUnitDirectory[];
  /** Assessment schemes, each for a plan loaded by this or another plugin or by the host. */
  readonly schemes?: readonly AssessmentSchemeInput[];
  /** New schemes made by changing a loaded scheme (weights, bands, sharing, vetoes …); see {@link SchemeOverride}. */
  readonly schemeOverrides?: readonly SchemeOverride[];
  /** Indicator kinds core does not have, with their evaluation rule; see {@link TargetKindDefinition}. */
  readonly targetKinds?: readonly TargetKindDefinition[];
  /** UI and report strings by language and key; a later plugin's string replaces an earlier one's. */
  readonly locales?: Readonly<Partial<Record<Lang, Readonly<Record<string, string>>>>>;
  /**
   * The plugin's own error codes, each `<plugin-id>/<code>` with a Chinese and an English
   * message template (`{name}` placeholders, the same in both; no Chinese in the English), checked
   * when the plugin loads. Its hooks return issues with these codes — build the table with
   * `defineErrorCodes` and create them with its `issue()` — instead of borrowing core's
   * `invalid-shape`, so a host can tell them apart and an English reader gets English.
   */
  readonly errorCodes?: Readonly<Record<PluginErrorCode, Bilingual>>;
  readonly hooks?: KepuPluginHooks;
  readonly on?: KepuPluginListeners;
}
