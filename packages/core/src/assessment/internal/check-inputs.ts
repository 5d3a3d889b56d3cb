import { createIssue, type ErrorCode, type KepuIssue } from '../../errors.js';
import type { Plan } from '../../plan.js';
import { indexPlan } from '../../plan-index.js';
import type { AssessmentInputs } from '../inputs.js';
import type { Observation } from '../observation.js';
import type { AssessmentItem, AssessmentScheme, ScoreSheet } from '../scheme.js';
import { sheetMembers } from '../scheme.js';

/** Lookups over a scheme for one plan, built once per (plan, scheme). Internal. */
export interface SchemeIndex {
  readonly sheetOfUnit: ReadonlyMap<string, ScoreSheet>;
  readonly membersOfSheet: ReadonlyMap<string, readonly string[]>;
  readonly items: ReadonlyMap<
    string,
    { readonly item: AssessmentItem; readonly sheet: ScoreSheet; readonly group: string }
  >;
}

export function indexScheme(plan: Plan, scheme: AssessmentScheme): SchemeIndex {
  const sheetOfUnit = new Map<string, ScoreSheet>();
  const membersOfSheet = new Map<string, readonly string[]>();
  const items = new Map<string, { item: AssessmentItem; sheet: ScoreSheet; group: string }>();
  for (const sheet of scheme.sheets) {
    const members = sheetMembers(plan, sheet);
    membersOfSheet.set(sheet.id, members);
    for (const u of members) if (!sheetOfUnit.has(u)) sheetOfUnit.set(u, sheet);
    for (const group of sheet.groups)
      for (const item of group.items) items.set(item.id, { item, sheet, group: group.id });
  }
  return { sheetOfUnit, membersOfSheet, items };
}

/**
 * Checks one observation against the plan; returns the issues (empty when sound). The shape is
 * already valid. Internal, shared by `assess` and the incremental assessor.
 */
export function checkObservation(plan: Plan, o: Observation, path: ReadonlyArray<string | number>): KepuIssue[] {
  const index = indexPlan(plan);
  // The common case, checked without allocating: a known target or indicator of a measured kind,
  // the right value fields, no category or a known one, a known unit.
  const quickTarget = o.target === undefined ? undefined : index.targets.get(o.target);
  const quickIndicator = index.indicators.get(o.indicator ?? quickTarget?.indicator ?? '');
  if (
    quickIndicator !== undefined &&
    (o.target === undefined ||
      (quickTarget !== undefined &&
        quickTarget.kind === 'quantitative' &&
        (o.indicator === undefined || o.indicator === quickTarget.indicator))) &&
    quickIndicator.valueType !== 'judgement' &&
    (quickIndicator.valueType === 'rate'
      ? o.numerator !== undefined
      : o.value !== undefined && (quickIndicator.valueType !== 'boolean' || o.value === 0 || o.value === 1)) &&
    (o.unit === undefined || index.units.has(o.unit)) &&
    (o.category === undefined || knownCategory(quickIndicator, o.category))
  ) {
    return NONE;
  }
  const issues: KepuIssue[] = [];
  const bad = (detail: string, field: string) =>
    issues.push(createIssue('invalid-observation', [...path, field], { detail }));
  const target = o.target === undefined ? undefined : index.targets.get(o.target);
  if (o.target !== undefined && !target) {
    issues.push(createIssue('unknown-reference', [...path, 'target'], { kind: 'target', ref: o.target }));
  }
  const indicatorId = o.indicator ?? target?.indicator;
  const indicator = indicatorId === undefined ? undefined : index.indicators.get(indicatorId);
  if (o.indicator !== undefined && !indicator) {
    issues.push(createIssue('unknown-reference', [...path, 'indicator'], { kind: 'indicator', ref: o.indicator }));
  }
  if (target && o.indicator !== undefined && target.indicator !== o.indicator) {
    bad(`target "${target.id}" is on indicator "${target.indicator}", not "${o.indicator}"`, 'indicator');
  }
  if (target?.kind === 'qualitative') {
    bad(`target "${target.id}" is qualitative: it is judged by a review, not observed`, 'target');
  }
  if (indicator) {
    if (indicator.valueType === 'judgement') {
      bad(`indicator "${indicator.id}" is a judgement: record a review instead`, 'indicator');
    } else if (indicator.valueType === 'rate') {
      if (o.numerator === undefined)
        bad(`indicator "${indicator.id}" is a rate: give numerator and denominator, not a percentage`, 'value');
    } else if (o.value === undefined) {
      bad(
        `indicator "${indicator.id}" is a ${indicator.valueType}: give value, not numerator and denominator`,
        'numerator',
      );
    } else if (indicator.valueType === 'boolean' && o.value !== 0 && o.value !== 1) {
      bad(`indicator "${indicator.id}" is yes/no: value must be 0 or 1, got ${o.value}`, 'value');
    }
    for (const [dimension, category] of Object.entries(o.category ?? {})) {
      const dim = indicator.dimensions.find((d) => d.id === dimension);
      if (!dim)
        issues.push(
          createIssue('unknown-reference', [...path, 'category', dimension], { kind: 'dimension', ref: dimension }),
        );
      else if (!dim.categories.some((c) => c.id === category)) {
        issues.push(
          createIssue('unknown-reference', [...path, 'category', dimension], { kind: 'category', ref: category }),
        );
      }
    }
  }
  if (o.unit !== undefined && !index.units.has(o.unit)) {
    issues.push(createIssue('unknown-org-unit', [...path, 'unit'], { ref: o.unit }));
  }
  return issues;
}

const NONE: KepuIssue[] = [];

function knownCategory(
  indicator: { dimensions: ReadonlyArray<{ id: string; categories: ReadonlyArray<{ id: string }> }> },
  category: Readonly<Record<string, string>>,
): boolean {
  for (const dimension in category) {
    const dim = indicator.dimensions.find((d) => d.id === dimension);
    if (!dim?.categories.some((c) => c.id === category[dimension])) return false;
  }
  return true;
}

/** Every cross-reference of the inputs against the plan and scheme. Internal. */
export function checkInputs(
  plan: Plan,
  scheme: AssessmentScheme,
  s: SchemeIndex,
  inputs: AssessmentInputs,
): KepuIssue[] {
  const index = indexPlan(plan);
  const issues: KepuIssue[] = [];
  const add = (code: ErrorCode, path: ReadonlyArray<string | number>, params: Record<string, string>) =>
    issues.push(createIssue(code, path, params));
  const ids = new Set<string>();
  inputs.observations.forEach((o, i) => {
    if (o.id !== undefined) {
      if (ids.has(o.id)) add('duplicate-id', ['observations', i, 'id'], { id: o.id, kind: 'observation' });
      ids.add(o.id);
    }
    const found = checkObservation(plan, o, ['observations', i]);
    if (found.length > 0) issues.push(...found);
  });
  const unitKnown = (u: string, path: ReadonlyArray<string | number>) => {
    if (!index.units.has(u)) {
      add('unknown-org-unit', path, { ref: u });
      return false;
    }
    return true;
  };
  const leadsOfTarget = (targetId: string): string[] => {
    const target = index.targets.get(targetId);
    if (!target) return [];
    const out: string[] = [];
    for (const link of target.links) {
      const node = index.nodes.get(link);
      if (node?.kind === 'task') out.push(...node.task.leads);
    }
    return out;
  };
  inputs.reviews.forEach((r, i) => {
    const at = ['reviews', i];
    unitKnown(r.reviewer.unit, [...at, 'reviewer', 'unit']);
    if (r.unit !== undefined) unitKnown(r.unit, [...at, 'unit']);
    if (r.target !== undefined) {
      const target = index.targets.get(r.target);
      if (!target) add('unknown-reference', [...at, 'target'], { kind: 'target', ref: r.target });
      else if (target.kind !== 'qualitative') {
        add('invalid-review', [...at, 'target'], {
          detail: `target "${r.target}" is quantitative: record observations of its indicator, not a review`,
        });
      } else if (leadsOfTarget(r.target).includes(r.reviewer.unit)) {
        add('self-review', [...at, 'reviewer', 'unit'], { unit: r.reviewer.unit, subject: `target ${r.target}` });
      }
    }
    if (r.task !== undefined) {
      const node = index.nodes.get(r.task);
      if (node?.kind !== 'task') add('unknown-reference', [...at, 'task'], { kind: 'task', ref: r.task });
      else if (node.task.leads.includes(r.reviewer.unit)) {
        add('self-review', [...at, 'reviewer', 'unit'], { unit: r.reviewer.unit, subject: `task ${r.task}` });
      }
    }
    if (r.item !== undefined) {
      const entry = s.items.get(r.item);
      if (!entry) add('unknown-reference', [...at, 'item'], { kind: 'assessment item', ref: r.item });
      else if (entry.item.rule !== 'reviewer') {
        add('invalid-review', [...at, 'item'], {
          detail: `item "${r.item}" is scored from data (${entry.item.rule}); only reviewer-scored items take reviews`,
        });
      } else if (r.unit !== undefined && s.sheetOfUnit.get(r.unit)?.id !== entry.sheet.id) {
        add('invalid-review', [...at, 'unit'], {
          detail: `unit "${r.unit}" is not assessed on sheet "${entry.sheet.id}" of item "${r.item}"`,
        });
      } else if (r.unit !== undefined && entry.item.appliesTo && !entry.item.appliesTo.includes(r.unit)) {
        add('invalid-review', [...at, 'unit'], { detail: `item "${r.item}" does not apply to unit "${r.unit}"` });
      }
      if (r.unit !== undefined && r.unit === r.reviewer.unit) {
        add('self-review', [...at, 'reviewer', 'unit'], { unit: r.unit, subject: `item ${r.item}` });
      }
    }
  });
  const selfSeen = new Set<string>();
  inputs.selfScores.forEach((x, i) => {
    const at = ['selfScores', i];
    const key = `${x.unit}|${x.item}|${x.period}`;
    if (selfSeen.has(key)) add('duplicate-id', at, { id: `${x.unit}/${x.item}/${x.period}`, kind: 'self-score' });
    selfSeen.add(key);
    if (!unitKnown(x.unit, [...at, 'unit'])) return;
    const entry = s.items.get(x.item);
    if (!entry) add('unknown-reference', [...at, 'item'], { kind: 'assessment item', ref: x.item });
    else if (s.sheetOfUnit.get(x.unit)?.id !== entry.sheet.id) {
      add('invalid-assessment-input', [...at, 'unit'], {
        detail: `unit "${x.unit}" is not assessed on sheet "${entry.sheet.id}" of item "${x.item}"`,
      });
    }
  });
  const sheetRecord = (
    list: ReadonlyArray<{ unit: string }>,
    field: 'awards' | 'deductions' | 'incidents',
    idOf: (x: never) => string,
    pool: (sheet: ScoreSheet) => ReadonlyArray<{ id: string }>,
    kind: string,
  ) => {
    list.forEach((x, i) => {
      const at = [field, i];
      if (!unitKnown(x.unit, [...at, 'unit'])) return;
      const sheet = s.sheetOfUnit.get(x.unit);
      if (!sheet) {
        add('invalid-assessment-input', [...at, 'unit'], {
          detail: `unit "${x.unit}" is not assessed by scheme "${scheme.id}"`,
        });
        return;
      }
      const ref = idOf(x as never);
      if (!pool(sheet).some((p) => p.id === ref)) {
        add('unknown-reference', [...at, kind], { kind: `${kind} of sheet ${sheet.id}`, ref });
      }
    });
  };
  sheetRecord(
    inputs.awards,
    'awards',
    (x: { award: string }) => x.award,
    (sh) => sh.bonus.awards,
    'award',
  );
  sheetRecord(
    inputs.deductions,
    'deductions',
    (x: { deduction: string }) => x.deduction,
    (sh) => sh.deductions,
    'deduction',
  );
  sheetRecord(
    inputs.incidents,
    'incidents',
    (x: { veto: string }) => x.veto,
    (sh) => sh.vetoes,
    'veto',
  );
  return issues;
}
