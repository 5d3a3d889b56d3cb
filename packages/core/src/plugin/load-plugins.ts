import { z } from 'zod';
import { type AssessmentScheme, validateScheme } from '../assessment/scheme.js';
import { createIssue, KepuError, type KepuIssue } from '../errors.js';
import { IdSchema } from '../org-unit.js';
import type { Plan, PlanInput } from '../plan.js';
import { validatePlan } from '../validate.js';
import type { KepuPlugin } from './plugin.js';
import { applySchemeOverride } from './scheme-override.js';
import { checkCustomIndicators, type TargetKindDefinition } from './target-kind.js';
import { KEPU_API_VERSION, parseVersion, satisfiesRange } from './version.js';

const FunctionSchema = z.custom<(...args: never[]) => unknown>(
  (value) => typeof value === 'function',
  'must be a function',
);

/** The shape every plugin object must have; contributions are checked one by one after it. */
const PluginShapeSchema = z.object({
  id: IdSchema,
  version: z.string().refine((v) => parseVersion(v) !== undefined, 'must be a version such as 1.2.3'),
  kepu: z.string().min(1),
  name: z.object({ zh: z.string().min(1), en: z.string().optional() }).optional(),
  order: z.enum(['pre', 'normal', 'post']).optional(),
  plans: z.array(z.unknown()).optional(),
  orgUnits: z.array(z.object({ plan: z.string(), units: z.array(z.unknown()) })).optional(),
  schemes: z.array(z.unknown()).optional(),
  targetKinds: z
    .array(
      z.object({
        id: IdSchema,
        name: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
        toValue: FunctionSchema,
        check: FunctionSchema.optional(),
        format: FunctionSchema.optional(),
      }),
    )
    .optional(),
  schemeOverrides: z.array(z.unknown()).optional(),
  locales: z.partialRecord(z.enum(['zh', 'en']), z.record(z.string(), z.string())).optional(),
  hooks: z
    .strictObject({
      validateReport: FunctionSchema.optional(),
      beforeAssessment: FunctionSchema.optional(),
      afterAssessment: FunctionSchema.optional(),
    })
    .optional(),
  on: z.record(z.string(), FunctionSchema).optional(),
});

/**
 * What {@link loadPlugins} produced: the plugins that loaded, in load order, and everything they
 * contributed, validated and merged; plus every issue found, each naming its plugin in its path.
 *
 * @example
 * ```ts
 * import { loadPlugins } from '@kepu/core';
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
  readonly locales: Readonly<Record<'zh' | 'en', Readonly<Record<string, string>>>>;
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

const ORDER = { pre: 0, normal: 1, post: 2 } as const;

function prefixed(issues: readonly KepuIssue[], prefix: ReadonlyArray<string | number>, plugin: string): KepuIssue[] {
  return issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path], params: { ...issue.params, plugin } }));
}

/**
 * Loads plugins: checks each one's shape and API range, orders them deterministically (by
 * `order`, then id), validates every plan they contribute (with the plugin's units merged in),
 * detects conflicts (two plugins defining one plan id or one unit id in a plan) and merges
 * locale strings. Never calls a hook. Pure.
 *
 * Every issue's path starts with `['plugins', pluginId]`, so a message always names the plugin.
 *
 * @example
 * ```ts
 * import { loadPlugins } from '@kepu/core';
 * const { plans, issues, skipped } = loadPlugins([countyA(), countyB()], { onInvalid: 'skip' });
 * for (const issue of issues) console.warn(issue.path.join('.'), issue.message.en);
 * ```
 */
export function loadPlugins(candidates: readonly unknown[], options: LoadPluginsOptions = {}): PluginSet {
  const apiVersion = options.apiVersion ?? KEPU_API_VERSION;
  const issues: KepuIssue[] = [];
  const bad = new Set<string>();
  const seen = new Set<string>();
  const shaped: KepuPlugin[] = [];

  candidates.forEach((candidate, index) => {
    const parsed = PluginShapeSchema.safeParse(candidate);
    const rawId =
      typeof (candidate as { id?: unknown } | null)?.id === 'string' ? (candidate as { id: string }).id : `#${index}`;
    if (!parsed.success) {
      issues.push(
        ...parsed.error.issues.map((i) =>
          createIssue(
            'plugin-invalid',
            ['plugins', rawId, ...i.path.map((k) => (typeof k === 'symbol' ? String(k) : k))],
            {
              plugin: rawId,
              detail: i.message,
            },
          ),
        ),
      );
      bad.add(rawId);
      return;
    }
    const plugin = candidate as KepuPlugin;
    if (seen.has(plugin.id)) {
      issues.push(createIssue('plugin-duplicate', ['plugins', plugin.id, 'id'], { plugin: plugin.id }));
      return; // the first copy stays; the duplicate alone is refused
    }
    seen.add(plugin.id);
    if (!satisfiesRange(apiVersion, plugin.kepu)) {
      issues.push(
        createIssue('plugin-incompatible', ['plugins', plugin.id, 'kepu'], {
          plugin: plugin.id,
          range: plugin.kepu,
          version: apiVersion,
        }),
      );
      bad.add(plugin.id);
      return;
    }
    shaped.push(plugin);
  });

  const ordered = [...shaped].sort(
    (a, b) => ORDER[a.order ?? 'normal'] - ORDER[b.order ?? 'normal'] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

  // Target kinds: one definition per id across the host and all plugins.
  const kindOwners = new Map<string, string>((options.targetKinds ?? []).map((k) => [k.id, '(host)']));
  const kinds: Array<{ kind: TargetKindDefinition; owner: string }> = (options.targetKinds ?? []).map((kind) => ({
    kind,
    owner: '(host)',
  }));
  for (const plugin of ordered) {
    (plugin.targetKinds ?? []).forEach((kind, i) => {
      const other = kindOwners.get(kind.id);
      if (other !== undefined) {
        issues.push(
          createIssue('plugin-conflict', ['plugins', plugin.id, 'targetKinds', i, 'id'], {
            plugin: plugin.id,
            other,
            kind: 'target kind',
            id: kind.id,
          }),
        );
        bad.add(plugin.id);
        return;
      }
      kindOwners.set(kind.id, plugin.id);
      kinds.push({ kind, owner: plugin.id });
    });
  }

  // Plans: collect raw inputs with their owner, then merge unit directories, then validate.
  const planInputs = new Map<string, { input: PlanInput; owner: string; at: Array<string | number> }>();
  for (const plan of options.plans ?? [])
    planInputs.set(plan.id, { input: plan, owner: '(host)', at: ['host', 'plans', plan.id] });
  for (const plugin of ordered) {
    (plugin.plans ?? []).forEach((input, i) => {
      const id = (input as { id?: unknown }).id;
      if (typeof id !== 'string') return; // shape errors are reported by validatePlan below
      const existing = planInputs.get(id);
      if (existing) {
        issues.push(
          createIssue('plugin-conflict', ['plugins', plugin.id, 'plans', i, 'id'], {
            plugin: plugin.id,
            other: existing.owner,
            kind: 'plan',
            id,
          }),
        );
        bad.add(plugin.id);
        return;
      }
      planInputs.set(id, { input, owner: plugin.id, at: ['plugins', plugin.id, 'plans', i] });
    });
  }
  for (const plugin of ordered) {
    (plugin.plans ?? []).forEach((input, i) => {
      if (typeof (input as { id?: unknown }).id !== 'string') {
        const result = validatePlan(input);
        if (!result.ok) issues.push(...prefixed(result.issues, ['plugins', plugin.id, 'plans', i], plugin.id));
        bad.add(plugin.id);
      }
    });
  }
  const extraUnits = new Map<string, Array<{ owner: string; unit: unknown; at: Array<string | number> }>>();
  for (const plugin of ordered) {
    (plugin.orgUnits ?? []).forEach((directory, d) => {
      if (!planInputs.has(directory.plan)) {
        issues.push(
          createIssue('unknown-reference', ['plugins', plugin.id, 'orgUnits', d, 'plan'], {
            kind: 'plan',
            ref: directory.plan,
            plugin: plugin.id,
          }),
        );
        bad.add(plugin.id);
        return;
      }
      const list = extraUnits.get(directory.plan) ?? [];
      directory.units.forEach((unit, u) => {
        list.push({ owner: plugin.id, unit, at: ['plugins', plugin.id, 'orgUnits', d, 'units', u] });
      });
      extraUnits.set(directory.plan, list);
    });
  }

  // Validate every plan with the units plugins add to it, attributing each problem to whoever
  // wrote the offending part. With 'skip', rebuild without the plugins found bad until no new
  // one is found, so a good plugin's plan survives a bad plugin's unit directory.
  const build = (excluded: ReadonlySet<string>) => {
    const plans = new Map<string, Plan>();
    const planOwners = new Map<string, string>();
    const found: KepuIssue[] = [];
    const blamed = new Set<string>();
    for (const [id, { input, owner, at }] of planInputs) {
      if (excluded.has(owner)) continue;
      const extras = (extraUnits.get(id) ?? []).filter((e) => !excluded.has(e.owner));
      const owners = new Map<string, string>(input.orgUnits.map((u) => [u.id, owner]));
      const accepted = extras.filter((extra) => {
        const unitId = (extra.unit as { id?: unknown }).id;
        if (typeof unitId !== 'string') return true;
        const other = owners.get(unitId);
        if (other !== undefined) {
          found.push(
            createIssue('plugin-conflict', [...extra.at, 'id'], {
              plugin: extra.owner,
              other,
              kind: 'org unit',
              id: unitId,
            }),
          );
          blamed.add(extra.owner);
          return false;
        }
        owners.set(unitId, extra.owner);
        return true;
      });
      const validated = validatePlan({ ...input, orgUnits: [...input.orgUnits, ...accepted.map((e) => e.unit)] });
      const kindIssues = validated.ok
        ? checkCustomIndicators(
            validated.value,
            kinds.filter((k) => !excluded.has(k.owner)).map((k) => k.kind),
          )
        : [];
      const result = kindIssues.length === 0 ? validated : { ok: false as const, issues: kindIssues };
      if (result.ok) {
        plans.set(id, result.value);
        planOwners.set(id, owner);
        continue;
      }
      for (const issue of result.issues) {
        const [head, index] = issue.path;
        const extra =
          head === 'orgUnits' && typeof index === 'number' && index >= input.orgUnits.length
            ? accepted[index - input.orgUnits.length]
            : undefined;
        if (extra) {
          found.push(...prefixed([{ ...issue, path: issue.path.slice(2) }], extra.at, extra.owner));
          blamed.add(extra.owner);
        } else {
          found.push(...prefixed([issue], at, owner));
          blamed.add(owner);
        }
      }
    }
    return { plans, planOwners, found, blamed };
  };

  let built = build(bad);
  issues.push(...built.found);
  for (const id of built.blamed) if (id !== '(host)') bad.add(id);
  const onInvalid = options.onInvalid ?? 'throw';
  if (onInvalid === 'throw' && issues.length > 0) throw new KepuError(issues);
  for (let round = 0; round <= ordered.length && built.found.length > 0; round++) {
    built = build(bad);
    const fresh = [...built.blamed].filter((id) => id !== '(host)' && !bad.has(id));
    for (const id of fresh) bad.add(id);
    if (fresh.length === 0) break;
  }
  const { plans, planOwners } = built;

  // Schemes: each validated against its plan; then overrides, in load order, on any scheme
  // loaded so far. A scheme whose plan did not load is reported, not silently dropped.
  const schemes = new Map<string, AssessmentScheme>();
  const schemeOwners = new Map<string, string>();
  for (const scheme of options.schemes ?? []) {
    schemes.set(scheme.id, scheme);
    schemeOwners.set(scheme.id, '(host)');
  }
  const schemeIssues: KepuIssue[] = [];
  for (const plugin of ordered) {
    if (bad.has(plugin.id)) continue;
    (plugin.schemes ?? []).forEach((input, i) => {
      const at = ['plugins', plugin.id, 'schemes', i];
      const planId = (input as { plan?: unknown }).plan;
      const plan = typeof planId === 'string' ? plans.get(planId) : undefined;
      if (typeof planId === 'string' && !plan) {
        schemeIssues.push(
          createIssue('unknown-reference', [...at, 'plan'], { kind: 'plan', ref: planId, plugin: plugin.id }),
        );
        bad.add(plugin.id);
        return;
      }
      const result = validateScheme(input, plan);
      if (!result.ok) {
        schemeIssues.push(...prefixed(result.issues, at, plugin.id));
        bad.add(plugin.id);
        return;
      }
      const other = schemeOwners.get(result.value.id);
      if (other !== undefined) {
        schemeIssues.push(
          createIssue('plugin-conflict', [...at, 'id'], {
            plugin: plugin.id,
            other,
            kind: 'scheme',
            id: result.value.id,
          }),
        );
        bad.add(plugin.id);
        return;
      }
      schemes.set(result.value.id, result.value);
      schemeOwners.set(result.value.id, plugin.id);
    });
  }
  for (const plugin of ordered) {
    if (bad.has(plugin.id)) continue;
    (plugin.schemeOverrides ?? []).forEach((override, i) => {
      const at = ['plugins', plugin.id, 'schemeOverrides', i];
      const baseId = (override as { base?: unknown }).base;
      const base = typeof baseId === 'string' ? schemes.get(baseId) : undefined;
      if (!base) {
        schemeIssues.push(
          createIssue('unknown-reference', [...at, 'base'], { kind: 'scheme', ref: String(baseId), plugin: plugin.id }),
        );
        bad.add(plugin.id);
        return;
      }
      const result = applySchemeOverride(base, override, plans.get(base.plan));
      if (!result.ok) {
        schemeIssues.push(...prefixed(result.issues, at, plugin.id));
        bad.add(plugin.id);
        return;
      }
      const other = schemeOwners.get(result.value.id);
      if (other !== undefined) {
        schemeIssues.push(
          createIssue('plugin-conflict', [...at, 'id'], {
            plugin: plugin.id,
            other,
            kind: 'scheme',
            id: result.value.id,
          }),
        );
        bad.add(plugin.id);
        return;
      }
      schemes.set(result.value.id, result.value);
      schemeOwners.set(result.value.id, plugin.id);
    });
  }
  issues.push(...schemeIssues);
  if (onInvalid === 'throw' && schemeIssues.length > 0) throw new KepuError(issues);
  for (const [id, owner] of schemeOwners) if (bad.has(owner)) schemes.delete(id);
  for (const [id, owner] of planOwners) {
    if (bad.has(owner)) {
      plans.delete(id);
      planOwners.delete(id);
    }
  }
  // A scheme whose plan was dropped with a bad plugin cannot be used either: say so.
  for (const [id, scheme] of schemes) {
    if (!plans.has(scheme.plan)) {
      const owner = schemeOwners.get(id) ?? '(host)';
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
  const locales: Record<'zh' | 'en', Record<string, string>> = { zh: {}, en: {} };
  for (const plugin of loaded) {
    for (const lang of ['zh', 'en'] as const) Object.assign(locales[lang], plugin.locales?.[lang] ?? {});
  }
  return {
    plugins: loaded,
    plans,
    planOwners,
    schemes,
    targetKinds: kinds.filter((k) => !bad.has(k.owner)).map((k) => k.kind),
    locales,
    skipped: [...bad].filter((id) => !loaded.some((p) => p.id === id)),
    issues,
  };
}
