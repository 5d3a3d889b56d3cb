import type { AssessmentSchemeInput } from '../assessment/scheme.js';
import type { OrgUnitInput } from '../org-unit.js';
import type { PlanInput } from '../plan.js';
import type { SchemeOverride } from './scheme-override.js';

/**
 * Hooks a plugin may implement. Every hook is optional.
 *
 * Contracts, stated here and enforced by the host where it can:
 * - **pure**: a hook computes from its arguments and performs no effects on Kepu's state; the
 *   state it receives is deeply frozen, so a mutation throws and is contained;
 * - **must not throw**: a hook that throws is contained — its result is ignored, a
 *   `plugin-hook-failed` issue is reported as a plugin-error event, and the engine goes on;
 * - **bounded**: an asynchronous hook that has not settled within the host's budget is treated
 *   as failed. A synchronous hook cannot be interrupted inside one JavaScript thread; the plugin
 *   test kit flags hooks that run past the budget so authors catch them before shipping.
 *
 * Later parts of the API add hooks here (report validation, before/after an assessment, event
 * listeners).
 *
 * @example
 * ```ts
 * import type { KepuPluginHooks } from '@kepu/core';
 * const hooks: KepuPluginHooks = {};
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: extended as hooks are added; an interface keeps declaration merging open
export interface KepuPluginHooks {}

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
  readonly name?: { readonly zh: string; readonly en?: string };
  /** @default 'normal' */
  readonly order?: 'pre' | 'normal' | 'post';
  readonly plans?: readonly PlanInput[];
  readonly orgUnits?: readonly OrgUnitDirectory[];
  /** Assessment schemes, each for a plan loaded by this or another plugin or by the host. */
  readonly schemes?: readonly AssessmentSchemeInput[];
  /** New schemes made by changing a loaded scheme (weights, bands, sharing, vetoes …); see {@link SchemeOverride}. */
  readonly schemeOverrides?: readonly SchemeOverride[];
  /** UI and report strings by language and key; a later plugin's string replaces an earlier one's. */
  readonly locales?: Readonly<Partial<Record<'zh' | 'en', Readonly<Record<string, string>>>>>;
  readonly hooks?: KepuPluginHooks;
}
