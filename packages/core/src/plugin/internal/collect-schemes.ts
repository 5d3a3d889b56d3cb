import type { AssessmentScheme } from '../../assessment/scheme.js';
import { validateScheme } from '../../assessment/scheme.js';
import { createIssue } from '../../errors.js';
import type { Plan } from '../../plan.js';
import type { Result } from '../../result.js';
import type { KepuPlugin } from '../plugin.js';
import { applySchemeOverride } from '../scheme-override.js';
import { HOST, type LoadProblems, Owners, prefixed } from './problems.js';

/** The schemes that loaded, by id, with the owner of each. */
export interface CollectedSchemes {
  readonly schemes: Map<string, AssessmentScheme>;
  readonly owners: Owners;
}

/**
 * Schemes: the host's, then each good plugin's validated against its plan, then overrides, in
 * load order, on any scheme loaded so far. A scheme whose plan did not load is reported, not
 * silently dropped; a plugin with any bad scheme or override is marked bad.
 */
export function collectSchemes(
  hostSchemes: readonly AssessmentScheme[],
  ordered: readonly KepuPlugin[],
  plans: ReadonlyMap<string, Plan>,
  problems: LoadProblems,
): CollectedSchemes {
  const schemes = new Map<string, AssessmentScheme>();
  const owners = new Owners('scheme');
  for (const scheme of hostSchemes) {
    schemes.set(scheme.id, scheme);
    owners.claim(scheme.id, HOST, []);
  }
  // A validated scheme (contributed or made by an override) joins the set unless its id is taken.
  const register = (plugin: string, at: Array<string | number>, result: Result<AssessmentScheme>) => {
    const conflict = result.ok ? owners.claim(result.value.id, plugin, at) : undefined;
    if (!result.ok) problems.blame(plugin, prefixed(result.issues, at, plugin));
    else if (conflict) problems.blame(plugin, [conflict]);
    else schemes.set(result.value.id, result.value);
  };
  const unknown = (plugin: string, at: Array<string | number>, kind: 'plan' | 'scheme', ref: string) =>
    problems.blame(plugin, [createIssue('unknown-reference', at, { kind, ref, plugin })]);

  for (const plugin of ordered) {
    if (problems.bad.has(plugin.id)) continue;
    (plugin.schemes ?? []).forEach((input, i) => {
      const at = ['plugins', plugin.id, 'schemes', i];
      const planId = (input as { plan?: unknown }).plan;
      const plan = typeof planId === 'string' ? plans.get(planId) : undefined;
      if (typeof planId === 'string' && !plan) unknown(plugin.id, [...at, 'plan'], 'plan', planId);
      else register(plugin.id, at, validateScheme(input, plan));
    });
  }
  for (const plugin of ordered) {
    if (problems.bad.has(plugin.id)) continue;
    (plugin.schemeOverrides ?? []).forEach((override, i) => {
      const at = ['plugins', plugin.id, 'schemeOverrides', i];
      const baseId = (override as { base?: unknown }).base;
      const base = typeof baseId === 'string' ? schemes.get(baseId) : undefined;
      if (!base) unknown(plugin.id, [...at, 'base'], 'scheme', String(baseId));
      else register(plugin.id, at, applySchemeOverride(base, override, plans.get(base.plan)));
    });
  }
  return { schemes, owners };
}
