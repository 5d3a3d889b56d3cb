import { zeroSpan } from '../clip.js';
import type { StructureKit } from './kit.js';
import type { PartInput } from './outline.js';
import type { Resolver } from './resolve.js';

/**
 * Gives a group the document names but whose members it does not list (…领导小组各成员单位,
 * created during resolution) every unit the document names as a lead or partner, marked
 * inferred, with a diagnostic asking for the real list.
 */
export function inferGroupMembers(kit: StructureKit, parts: readonly PartInput[], resolver: Resolver): void {
  const { directory } = kit.ctx;
  const named: string[] = [];
  for (const p of parts) {
    for (const s of p.sections ?? []) {
      for (const t of s.tasks ?? [])
        for (const id of [...t.leads, ...(t.partners ?? [])]) if (!named.includes(id)) named.push(id);
    }
  }
  for (const unit of directory.units) {
    if (unit.kind !== 'group' || !directory.created.has(unit.id) || (unit.members ?? []).length > 0) continue;
    const members = named.filter((id) => {
      const u = directory.units.find((x) => x.id === id);
      return u !== undefined && u.kind !== 'group' && u.kind !== 'township' && u.id !== 'townships';
    });
    unit.members = members;
    unit.provenance = {
      kind: 'inferred',
      note: 'members not listed in the document: every unit it names as a lead or partner',
      quote: unit.name,
    };
    const at = resolver.firstRef.get(unit.id)?.span ?? zeroSpan();
    kit.diag('group-members-inferred', at, { name: unit.name, count: String(members.length) });
  }
}
