import { createIssue, type ErrorCode, type KepuIssue } from '../../errors.js';
import type { Plan } from '../../plan.js';
import { indexPlan } from '../../plan-index.js';
import { checkObservation } from '../../rules/observation.js';
import type { AssessmentInputs } from '../inputs.js';
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
    const found = checkObservation(plan, o.period, o, ['observations', i]);
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
