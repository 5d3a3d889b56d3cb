import type { AssessmentScheme } from '../assessment/scheme.js';
import { createIssue, KepuError, type KepuIssue, type PluginErrorCode } from '../errors.js';
import type { Bilingual, Lang } from '../i18n/bilingual.js';
import type { Plan } from '../plan.js';
import { checkShapes } from './internal/check-shape.js';
import { PlanContributions } from './internal/collect-plans.js';
import { collectSchemes } from './internal/collect-schemes.js';
import { collectStrings } from './internal/collect-strings.js';
import { TargetKindContributions } from './internal/collect-target-kinds.js';
import { orderPlugins } from './internal/order.js';
import { HOST, LoadProblems } from './internal/problems.js';
import type { KepuPlugin } from './plugin.js';
import type { TargetKindDefinition } from './target-kind.js';
import { KEPU_API_VERSION } from './version.js';

/**
 * What {@link loadPlugins} produced: the plugins that loaded, in load order, and everything they
 * contributed, validated and merged; plus every issue found, each naming its plugin in its path.
 *
 * @example
 * ```ts
 * import { loadPlugins } from '@kepu/core/plugin';
 * const set = loadPlugins([zhengning()], { onInvalid: 'skip' });
 * set.plans.get('zhengning-2022-2025');
 * ```
 */
export interface PluginSet {
  readonly plugins: readonly KepuPlugin[];
  readonly plans: ReadonlyMap<string, Plan>;
  /** Which plugin contributed each plan. */
  readonly planOwners: ReadonlyMap<string, string>;
  /** Assessment schemes, contributed or made by overrides, validated against their plans. */
  readonly schemes: ReadonlyMap<string, AssessmentScheme>;
  /** Indicator kinds the plugins define, in load order. */
  readonly targetKinds: readonly TargetKindDefinition[];
  readonly locales: Readonly<Record<Lang, Readonly<Record<string, string>>>>;
  /** The error codes the loaded plugins declare, with their messages; see `KepuPlugin.errorCodes`. */
  readonly errorCodes: ReadonlyMap<PluginErrorCode, Bilingual>;
  /** Ids of plugins left out because they were invalid (only with `onInvalid: 'skip'`). */
  readonly skipped: readonly string[];
  readonly issues: readonly KepuIssue[];
}

/**
 * Options of {@link loadPlugins}.
 *
 * @example
 * ```ts
 * const options: LoadPluginsOptions = { onInvalid: 'skip', apiVersion: '0.1.0' };
 * ```
 */
export interface LoadPluginsOptions {
  /**
   * `throw`: any problem with any plugin throws a KepuError listing them all;
   * `skip`: an invalid plugin is left out whole (none of its contributions load), its problems
   * are reported in `issues`, and the others load.
   * @default 'throw'
   */
  readonly onInvalid?: 'throw' | 'skip';
  /** The host's own plans, which plugins may extend and must not redefine. */
  readonly plans?: readonly Plan[];
  /** The host's own schemes, which plugins may override and must not redefine. */
  readonly schemes?: readonly AssessmentScheme[];
  /** The host's own target kinds, which plugins must not redefine. */
  readonly targetKinds?: readonly TargetKindDefinition[];
  /** @default KEPU_API_VERSION */
  readonly apiVersion?: string;
}

/**
 * Loads plugins: checks each one's shape and API range, orders them deterministically (by
 * `order`, then id), validates every plan they contribute (with the plugin's units merged in),
 * detects conflicts (two plugins defining one plan id or one unit id in a plan) and merges
 * locale strings and error codes. Never calls a hook. Pure.
 *
 * Every issue's path starts with `['plugins', pluginId]`, so a message always names the plugin.
 *
 * @example
 * ```ts
 * import { loadPlugins } from '@kepu/core/plugin';
 * const { plans, issues, skipped } = loadPlugins([countyA(), countyB()], { onInvalid: 'skip' });
 * for (const issue of issues) console.warn(issue.path.join('.'), issue.message.en);
 * ```
 */
export function loadPlugins(candidates: readonly unknown[], options: LoadPluginsOptions = {}): PluginSet {
  const problems = new LoadProblems();
  const { issues, bad } = problems;
  const onInvalid = options.onInvalid ?? 'throw';
  const ordered = orderPlugins(checkShapes(candidates, options.apiVersion ?? KEPU_API_VERSION, problems));
  const kinds = new TargetKindContributions(options.targetKinds ?? [], ordered, problems);
  const planSources = new PlanContributions(options.plans ?? [], ordered, problems);

  // Validate the plans. With 'skip', rebuild without the plugins found bad until no new one is
  // found, so a good plugin's plan survives a bad plugin's unit directory.
  const build = () => planSources.build(bad, (excluded) => kinds.available(excluded));
  let built = build();
  issues.push(...built.found);
  for (const id of built.blamed) problems.blame(id, []);
  if (onInvalid === 'throw' && issues.length > 0) throw new KepuError(issues);
  for (let round = 0; round <= ordered.length && built.found.length > 0; round++) {
    built = build();
    const fresh = [...built.blamed].filter((id) => id !== HOST && !bad.has(id));
    for (const id of fresh) bad.add(id);
    if (fresh.length === 0) break;
  }
  const { plans, planOwners } = built;

  const before = issues.length;
  const { schemes, owners: schemeOwners } = collectSchemes(options.schemes ?? [], ordered, plans, problems);
  if (onInvalid === 'throw' && issues.length > before) throw new KepuError(issues);

  // Leave out everything the bad plugins contributed.
  for (const [id, owner] of schemeOwners.entries()) if (bad.has(owner)) schemes.delete(id);
  for (const [id, owner] of planOwners) {
    if (bad.has(owner)) {
      plans.delete(id);
      planOwners.delete(id);
    }
  }
  // A scheme whose plan was dropped with a bad plugin cannot be used either: say so.
  for (const [id, scheme] of schemes) {
    if (!plans.has(scheme.plan)) {
      const owner = schemeOwners.ownerOf(id) ?? HOST;
      issues.push(
        createIssue('unknown-reference', ['plugins', owner, 'schemes', id, 'plan'], {
          kind: 'plan',
          ref: scheme.plan,
          plugin: owner,
        }),
      );
      schemes.delete(id);
    }
  }
  const loaded = ordered.filter((p) => !bad.has(p.id));
  return {
    plugins: loaded,
    plans,
    planOwners,
    schemes,
    targetKinds: kinds.available(bad),
    ...collectStrings(loaded),
    skipped: [...bad].filter((id) => !loaded.some((p) => p.id === id)),
    issues,
  };
}
