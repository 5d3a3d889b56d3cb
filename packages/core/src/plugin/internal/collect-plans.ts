import { createIssue, type KepuIssue } from '../../errors.js';
import type { Plan, PlanInput } from '../../plan.js';
import { validatePlan } from '../../validate.js';
import type { KepuPlugin } from '../plugin.js';
import { checkCustomIndicators, type TargetKindDefinition } from '../target-kind.js';
import { HOST, type LoadProblems, Owners, prefixed } from './problems.js';

type At = Array<string | number>;

/** A plan's raw input, who contributed it and where, before units are merged and it is validated. */
interface PlanSource {
  readonly input: PlanInput;
  readonly owner: string;
  readonly at: At;
}

/** A unit a plugin adds to another's plan, and where it wrote it. */
interface ExtraUnit {
  readonly owner: string;
  readonly unit: unknown;
  readonly at: At;
}

/** The plans that validated, with their owners; the issues found and who is to blame for them. */
export interface BuiltPlans {
  readonly plans: Map<string, Plan>;
  readonly planOwners: Map<string, string>;
  readonly found: readonly KepuIssue[];
  readonly blamed: ReadonlySet<string>;
}

/**
 * The host's and plugins' plans and the unit directories plugins add to them, collected once;
 * {@link PlanContributions.build} validates them leaving out any set of plugins.
 */
export class PlanContributions {
  readonly #sources = new Map<string, PlanSource>();
  readonly #extraUnits = new Map<string, ExtraUnit[]>();

  /**
   * Collects plan inputs (one owner per plan id) and unit directories (each for a plan that
   * exists), reporting conflicts, plans without an id and directories for unknown plans.
   */
  constructor(hostPlans: readonly Plan[], ordered: readonly KepuPlugin[], problems: LoadProblems) {
    const owners = new Owners('plan');
    for (const plan of hostPlans) {
      owners.claim(plan.id, HOST, []);
      this.#sources.set(plan.id, { input: plan, owner: HOST, at: ['host', 'plans', plan.id] });
    }
    for (const plugin of ordered) {
      (plugin.plans ?? []).forEach((input, i) => {
        const id = (input as { id?: unknown }).id;
        if (typeof id !== 'string') return; // shape errors are reported by validatePlan below
        const at = ['plugins', plugin.id, 'plans', i];
        const conflict = owners.claim(id, plugin.id, at);
        if (conflict) problems.blame(plugin.id, [conflict]);
        else this.#sources.set(id, { input, owner: plugin.id, at });
      });
    }
    for (const plugin of ordered) {
      (plugin.plans ?? []).forEach((input, i) => {
        if (typeof (input as { id?: unknown }).id === 'string') return;
        const result = validatePlan(input);
        problems.blame(
          plugin.id,
          result.ok ? [] : prefixed(result.issues, ['plugins', plugin.id, 'plans', i], plugin.id),
        );
      });
    }
    for (const plugin of ordered) {
      (plugin.orgUnits ?? []).forEach((directory, d) => {
        const at = ['plugins', plugin.id, 'orgUnits', d];
        if (!this.#sources.has(directory.plan)) {
          const issue = createIssue('unknown-reference', [...at, 'plan'], {
            kind: 'plan',
            ref: directory.plan,
            plugin: plugin.id,
          });
          problems.blame(plugin.id, [issue]);
          return;
        }
        const list = this.#extraUnits.get(directory.plan) ?? [];
        directory.units.forEach((unit, u) => {
          list.push({ owner: plugin.id, unit, at: [...at, 'units', u] });
        });
        this.#extraUnits.set(directory.plan, list);
      });
    }
  }

  /**
   * Validates every plan with the units plugins add to it and the custom kinds available,
   * leaving out what the `excluded` plugins contributed, and attributes each problem to whoever
   * wrote the offending part.
   */
  build(excluded: ReadonlySet<string>, kinds: (excluded: ReadonlySet<string>) => TargetKindDefinition[]): BuiltPlans {
    const plans = new Map<string, Plan>();
    const planOwners = new Map<string, string>();
    const found: KepuIssue[] = [];
    const blamed = new Set<string>();
    for (const [id, { input, owner, at }] of this.#sources) {
      if (excluded.has(owner)) continue;
      const units = new Owners(
        'org unit',
        input.orgUnits.map((u) => [u.id, owner]),
      );
      const accepted = (this.#extraUnits.get(id) ?? []).filter((extra) => {
        if (excluded.has(extra.owner)) return false;
        const unitId = (extra.unit as { id?: unknown }).id;
        const conflict = typeof unitId === 'string' ? units.claim(unitId, extra.owner, extra.at) : undefined;
        if (conflict) {
          found.push(conflict);
          blamed.add(extra.owner);
        }
        return conflict === undefined;
      });
      const validated = validatePlan({ ...input, orgUnits: [...input.orgUnits, ...accepted.map((e) => e.unit)] });
      const kindIssues = validated.ok ? checkCustomIndicators(validated.value, kinds(excluded)) : [];
      if (validated.ok && kindIssues.length === 0) {
        plans.set(id, validated.value);
        planOwners.set(id, owner);
        continue;
      }
      for (const issue of validated.ok ? kindIssues : validated.issues) {
        // An issue in a unit a plugin added belongs to that plugin, at the place it wrote it.
        const [head, index] = issue.path;
        const extra =
          head === 'orgUnits' && typeof index === 'number' && index >= input.orgUnits.length
            ? accepted[index - input.orgUnits.length]
            : undefined;
        if (extra) found.push(...prefixed([{ ...issue, path: issue.path.slice(2) }], extra.at, extra.owner));
        else found.push(...prefixed([issue], at, owner));
        blamed.add(extra ? extra.owner : owner);
      }
    }
    return { plans, planOwners, found, blamed };
  }
}
