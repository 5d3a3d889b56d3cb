import { createIssue, type ErrorCode, fromZodIssues, KepuError, type KepuIssue } from './errors.js';
import { type Plan, PlanSchema } from './plan.js';
import type { Result } from './result.js';

type Path = ReadonlyArray<string | number>;

/**
 * Checks any value as a plan: first its shape (zod), then every rule that spans fields.
 * Never throws, whatever it is given; reports every problem at once, each with a code, the
 * path of the offending field and a bilingual message.
 *
 * Cross-field rules: unique ids (units, nodes, audiences, principles, indicators, targets,
 * safeguards) and unique unit names/aliases; every referenced unit, audience, indicator, node
 * and category exists; child paths extend their parent's; groups have members and do not
 * contain themselves; every task has a lead (its own or inherited), and no unit is both lead and
 * partner of one task; inherited responsibility matches the section's closing lines; every target
 * is linked to a node and is consistent (range bounds, baseline before deadline, qualitative
 * targets on judgement indicators).
 *
 * @example
 * ```ts
 * import { validatePlan } from '@kepu/core';
 * const result = validatePlan(JSON.parse(text));
 * if (!result.ok) for (const i of result.issues) console.error(i.code, i.path, i.message.zh);
 * ```
 */
export function validatePlan(input: unknown): Result<Plan> {
  let parsed: ReturnType<typeof PlanSchema.safeParse>;
  try {
    parsed = PlanSchema.safeParse(input);
  } catch (cause) {
    // A getter that throws or a revoked proxy: not JSON, but still never a raw exception.
    return { ok: false, issues: [createIssue('invalid-shape', [], { detail: String(cause) })] };
  }
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues) };
  const issues = checkPlan(parsed.data);
  return issues.length === 0 ? { ok: true, value: parsed.data } : { ok: false, issues };
}

/**
 * Like {@link validatePlan}, but returns the plan or throws a {@link KepuError} carrying every
 * issue.
 *
 * @example
 * ```ts
 * import { parsePlan } from '@kepu/core';
 * const plan = parsePlan(JSON.parse(text)); // throws KepuError on any problem
 * ```
 */
export function parsePlan(input: unknown): Plan {
  const result = validatePlan(input);
  if (!result.ok) throw new KepuError(result.issues);
  return result.value;
}

class Checker {
  readonly issues: KepuIssue[] = [];
  add(code: ErrorCode, path: Path, params: Record<string, string>): void {
    this.issues.push(createIssue(code, path, params));
  }
  unique<T>(
    items: readonly T[],
    key: (item: T) => string,
    path: Path,
    field: string | null,
    kind: string,
  ): Set<string> {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const id = key(item);
      if (seen.has(id)) this.add('duplicate-id', field === null ? [...path, i] : [...path, i, field], { id, kind });
      seen.add(id);
    });
    return seen;
  }
}

/**
 * Rules that span fields, over a plan whose shape is already valid.
 * Exported inside the package so stores and the engine can re-check an edited plan cheaply.
 */
export function checkPlan(plan: Plan): KepuIssue[] {
  const c = new Checker();

  // --- ids and names -------------------------------------------------------------------------
  const unitIds = c.unique(plan.orgUnits, (u) => u.id, ['orgUnits'], 'id', 'org unit');
  const names = new Map<string, string>();
  plan.orgUnits.forEach((unit, i) => {
    const own = new Set([unit.name, unit.fullName, ...unit.aliases].filter((n): n is string => n !== undefined));
    for (const name of own) {
      const holder = names.get(name);
      if (holder !== undefined && holder !== unit.id) {
        c.add('duplicate-id', ['orgUnits', i, 'aliases'], { id: name, kind: `name or alias, also used by ${holder}` });
      } else names.set(name, unit.id);
    }
  });
  const audienceIds = c.unique(plan.audiences, (a) => a.id, ['audiences'], 'id', 'audience');
  c.unique(plan.principles, (p) => p.id, ['principles'], 'id', 'principle');
  const indicatorIds = c.unique(plan.indicators, (x) => x.id, ['indicators'], 'id', 'indicator');
  c.unique(plan.targets, (t) => t.id, ['targets'], 'id', 'target');
  c.unique(plan.safeguards, (s) => s.id, ['safeguards'], 'id', 'safeguard');

  // --- groups --------------------------------------------------------------------------------
  const units = new Map(plan.orgUnits.map((u) => [u.id, u]));
  plan.orgUnits.forEach((unit, i) => {
    if (unit.kind !== 'group') {
      if (unit.members !== undefined && unit.members.length > 0) {
        c.add('invalid-shape', ['orgUnits', i, 'members'], {
          detail: `unit ${unit.id} is not a group, and only a unit of kind "group" has members`,
        });
      }
      return;
    }
    const members = unit.members ?? [];
    if (members.length === 0) c.add('empty-group', ['orgUnits', i, 'members'], { group: unit.id });
    members.forEach((m, j) => {
      if (!unitIds.has(m)) c.add('unknown-org-unit', ['orgUnits', i, 'members', j], { ref: m });
    });
    // Depth-first search for a path back to this group.
    const stack = [...members];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (id === unit.id) {
        c.add('group-cycle', ['orgUnits', i, 'members'], { group: unit.id });
        break;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      const member = units.get(id);
      if (member?.kind === 'group') stack.push(...(member.members ?? []));
    }
  });

  const unitRefs = (ids: readonly string[], path: Path) => {
    ids.forEach((id, j) => {
      if (!unitIds.has(id)) c.add('unknown-org-unit', [...path, j], { ref: id });
    });
  };
  const audienceRefs = (ids: readonly string[], path: Path) => {
    ids.forEach((id, j) => {
      if (!audienceIds.has(id)) c.add('unknown-reference', [...path, j], { kind: 'audience', ref: id });
    });
  };

  // --- structure -----------------------------------------------------------------------------
  const nodePaths = new Set<string>();
  const node = (path: string, at: Path, parent: string | undefined) => {
    if (nodePaths.has(path)) c.add('duplicate-id', [...at, 'path'], { id: path, kind: 'plan node path' });
    nodePaths.add(path);
    if (parent !== undefined) {
      const head = path.slice(0, path.lastIndexOf('.'));
      if (head !== parent || !path.includes('.')) c.add('invalid-path', [...at, 'path'], { path, parent });
    } else if (path.includes('.')) {
      c.add('invalid-path', [...at, 'path'], { path, parent: '(top level)' });
    }
  };
  plan.parts.forEach((part, p) => {
    const partAt = ['parts', p];
    node(part.path, partAt, undefined);
    part.sections.forEach((section, s) => {
      const sectionAt = [...partAt, 'sections', s];
      node(section.path, sectionAt, part.path);
      audienceRefs(section.audiences, [...sectionAt, 'audiences']);
      const shared = section.responsibility;
      if (shared) {
        unitRefs(shared.leads, [...sectionAt, 'responsibility', 'leads']);
        unitRefs(shared.partners, [...sectionAt, 'responsibility', 'partners']);
      }
      section.tasks.forEach((task, t) => {
        const at = [...sectionAt, 'tasks', t];
        node(task.path, at, section.path);
        unitRefs(task.leads, [...at, 'leads']);
        unitRefs(task.partners, [...at, 'partners']);
        if (task.audiences) audienceRefs(task.audiences, [...at, 'audiences']);
        if (task.leads.length === 0) c.add('task-without-lead', [...at, 'leads'], { task: task.path });
        task.partners.forEach((id, j) => {
          if (task.leads.includes(id)) c.add('lead-and-partner', [...at, 'partners', j], { unit: id, task: task.path });
        });
        c.unique(task.leads, (id) => id, [...at, 'leads'], null, `lead of task ${task.path}`);
        if (task.inherited) {
          if (!shared) {
            c.add('inconsistent-responsibility', [...at, 'inherited'], {
              task: task.path,
              detail: 'marked inherited, but its section has no shared responsibility lines',
            });
          } else if (!sameSet(shared.leads, task.leads) || !sameSet(shared.partners, task.partners)) {
            c.add('inconsistent-responsibility', [...at, 'leads'], {
              task: task.path,
              detail: 'marked inherited, but its leads or partners differ from its section’s',
            });
          }
        }
      });
      section.clauses.forEach((clause, k) => {
        node(clause.path, [...sectionAt, 'clauses', k], section.path);
      });
    });
  });

  // --- indicators and targets ----------------------------------------------------------------
  const indicators = new Map(plan.indicators.map((x) => [x.id, x]));
  plan.indicators.forEach((indicator, i) => {
    if (indicator.valueType === 'custom' && indicator.kind === undefined) {
      c.add('inconsistent-indicator', ['indicators', i, 'kind'], {
        indicator: indicator.id,
        detail: 'a custom indicator names the plugin-defined kind that evaluates it (kind)',
      });
    }
    if (indicator.valueType !== 'custom' && indicator.kind !== undefined) {
      c.add('inconsistent-indicator', ['indicators', i, 'kind'], {
        indicator: indicator.id,
        detail: `only a custom indicator names a kind; this one is a ${indicator.valueType}`,
      });
    }
    if (indicator.valueType === 'rate' && indicator.rate === undefined) {
      c.add('inconsistent-indicator', ['indicators', i, 'rate'], {
        indicator: indicator.id,
        detail: 'a rate needs its numerator and denominator (rate)',
      });
    }
    c.unique(indicator.dimensions, (d) => d.id, ['indicators', i, 'dimensions'], 'id', 'dimension');
  });
  plan.targets.forEach((target, i) => {
    const at = ['targets', i];
    const indicator = indicators.get(target.indicator);
    if (!indicatorIds.has(target.indicator)) {
      c.add('unknown-reference', [...at, 'indicator'], { kind: 'indicator', ref: target.indicator });
    }
    if (target.links.length === 0) c.add('target-unlinked', [...at, 'links'], { target: target.id });
    target.links.forEach((path, j) => {
      if (!nodePaths.has(path)) c.add('unknown-reference', [...at, 'links', j], { kind: 'plan node', ref: path });
    });
    for (const [dimension, category] of Object.entries(target.category ?? {})) {
      const dim = indicator?.dimensions.find((d) => d.id === dimension);
      if (indicator && !dim) {
        c.add('unknown-reference', [...at, 'category', dimension], { kind: 'dimension', ref: dimension });
      } else if (dim && !dim.categories.some((x) => x.id === category)) {
        c.add('unknown-reference', [...at, 'category', dimension], { kind: 'category', ref: category });
      }
    }
    const start = target.startYear ?? plan.meta.period.start;
    if (start > target.deadline.year) {
      c.add('inconsistent-target', [...at, 'deadline', 'year'], {
        target: target.id,
        detail: `the deadline ${target.deadline.year} is before the start year ${start}`,
      });
    }
    if (target.kind === 'quantitative') {
      const reporter = target.aggregation?.kind === 'county-figure' ? target.aggregation.reporter : undefined;
      if (reporter !== undefined && !unitIds.has(reporter)) {
        c.add('unknown-org-unit', [...at, 'aggregation', 'reporter'], { ref: reporter });
      }
      if (target.comparator.op === 'range' && target.comparator.min > target.comparator.max) {
        c.add('inconsistent-target', [...at, 'comparator', 'min'], {
          target: target.id,
          detail: `the range's minimum ${target.comparator.min} is above its maximum ${target.comparator.max}`,
        });
      }
      if (target.baseline && target.baseline.year > target.deadline.year) {
        c.add('inconsistent-target', [...at, 'baseline', 'year'], {
          target: target.id,
          detail: `the baseline year ${target.baseline.year} is after the deadline ${target.deadline.year}`,
        });
      }
      if (indicator && indicator.valueType === 'judgement') {
        c.add('inconsistent-target', [...at, 'kind'], {
          target: target.id,
          detail: `indicator ${indicator.id} is a judgement; its targets must be qualitative`,
        });
      }
    } else if (indicator && indicator.valueType !== 'judgement') {
      c.add('inconsistent-target', [...at, 'kind'], {
        target: target.id,
        detail: `indicator ${indicator.id} is measured (${indicator.valueType}); a qualitative target needs a judgement indicator`,
      });
    }
  });

  // --- safeguards ----------------------------------------------------------------------------
  plan.safeguards.forEach((safeguard, i) => {
    const at = ['safeguards', i];
    if (!nodePaths.has(safeguard.path)) {
      c.add('unknown-reference', [...at, 'path'], { kind: 'plan node', ref: safeguard.path });
    }
    if (safeguard.kind === 'organisation') {
      for (const field of ['group', 'coordinator'] as const) {
        const ref = safeguard[field];
        if (ref !== undefined && !unitIds.has(ref)) c.add('unknown-org-unit', [...at, field], { ref });
      }
    }
  });

  return c.issues;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
