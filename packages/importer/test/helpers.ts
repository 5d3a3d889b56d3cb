import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plan, PlanInput } from '@kepu/core';

/** The seed as vendored by @kepu/plan-zhengning (never copied here). */
export function readSeed(): string {
  return readFileSync(
    fileURLToPath(new URL('../../plan-zhengning/source/zhengning-2022-2025.txt', import.meta.url)),
    'utf8',
  );
}

/**
 * The seed repeated `times` times, one copy after another on its own lines: the synthetic long
 * document of the importer bench (about 1.1 million characters at ×100).
 */
export function repeatedSeed(times: number): string {
  const seed = readSeed();
  return Array.from({ length: times }, () => seed).join('\n');
}

/** A fixture of this package's tests. */
export function readFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
}

type AnyPlan = Plan | PlanInput;

/** Every task in document order, reduced to what the importer must get right. */
export function taskStructure(plan: AnyPlan) {
  return plan.parts.flatMap((p) =>
    (p.sections ?? []).flatMap((s) =>
      (s.tasks ?? []).map((t) => ({
        path: t.path,
        code: t.code,
        title: t.title,
        leads: t.leads,
        partners: t.partners ?? [],
        inherited: t.inherited ?? false,
      })),
    ),
  );
}

/**
 * The quantitative targets whose number is printed in the text (their quote has a digit), as
 * value, comparator and years: what an importer can read without a person's interpretation.
 * Sorted, since the two plans order their targets differently.
 */
export function numericTargets(plan: AnyPlan) {
  return (plan.targets ?? [])
    .filter((t) => t.kind === 'quantitative' && /\d/.test((t.provenance?.quote ?? t.title).normalize('NFKC')))
    .map((t) => {
      if (t.kind !== 'quantitative') throw new Error('unreachable');
      const c = t.comparator;
      return {
        op: c.op,
        value: c.op === 'range' ? [c.min, c.max] : c.value,
        deadline: t.deadline.year,
        cadence: t.cadence,
        links: t.links,
      };
    })
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The structure a property must keep: every node's path, code and title (NFKC), and each task's roles. */
export function outline(plan: AnyPlan) {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return plan.parts.map((p) => ({
    path: p.path,
    code: p.code,
    title: norm(p.title),
    kind: p.kind,
    sections: (p.sections ?? []).map((s) => ({
      path: s.path,
      code: s.code,
      title: norm(s.title),
      tasks: (s.tasks ?? []).map((t) => ({
        path: t.path,
        code: t.code,
        title: norm(t.title),
        leads: t.leads,
        partners: t.partners ?? [],
        inherited: t.inherited ?? false,
      })),
      clauses: (s.clauses ?? []).map((c) => ({ path: c.path, code: c.code, title: norm(c.title) })),
    })),
  }));
}
