import { createDiagnostic } from '../../diagnostics.js';
import type { StatedRole } from '../../responsibility-text.js';
import type { Span } from '../../span.js';
import { clip } from '../clip.js';
import { type Para, paraOriginal, paraSpan } from '../paragraphs.js';
import type { StructureKit } from './kit.js';
import type { Block } from './outline.js';

/** A unit named in a statement, resolved: its id, where it was printed and how sure the match is. */
export interface Ref {
  readonly id: string;
  readonly span: Span;
  readonly text: string;
  readonly confidence: number;
}

/** A responsibility statement resolved against the unit directory. */
export interface Resolved {
  leads: Ref[];
  partners: Ref[];
  /** The block's first paragraph: where an inherited mark points. */
  at: Span;
  atText: string;
}

/** Resolves statements; remembers where each unit is first named. */
export interface Resolver {
  resolve(block: Block): Resolved;
  /** Where each unit is first named, with the words as printed. */
  readonly firstRef: Map<string, { span: Span; text: string }>;
}

/**
 * Resolves responsibility statements against the unit directory: one-character debris is
 * dropped, unknown units are created, 责任单位 lists are read as leads (or the first as lead when
 * the document says so), and a unit named as both lead and partner is a lead. Each choice is a
 * diagnostic at the name.
 */
export function createResolver(kit: StructureKit): Resolver {
  const { src, ctx, diag } = kit;
  const { diagnostics, firstIsLead } = ctx;
  const firstRef = new Map<string, { span: Span; text: string }>();
  const reportedMatches = new Set<string>();

  const resolve = (b: Block): Resolved => {
    const leads: Ref[] = [];
    const partners: Ref[] = [];
    const first = b.entries[0] as { para: Para; roles: StatedRole[] };
    const add = (list: Ref[], para: Para, name: { name: string; start: number; end: number }, confidence: number) => {
      const printed = paraOriginal(src, para, name.start, name.end);
      const span = paraSpan(src, para, name.start, name.end);
      // No unit has a one-character name: it is debris run into the list (单位 位).
      if ([...name.name].length < 2) {
        diag('debris-dropped', span, { text: printed });
        return;
      }
      const r = ctx.directory.resolve(printed);
      if (r.isNew) {
        // Without a directory every unit is created: worth knowing, not worth a warning.
        diagnostics.push(
          createDiagnostic(
            'unit-created',
            span,
            { name: printed, id: r.id },
            ctx.hasDirectory ? {} : { severity: 'info' },
          ),
        );
      } else if (r.match === 'table') {
        const key = `${printed}→${r.id}`;
        if (!reportedMatches.has(key)) {
          reportedMatches.add(key);
          diag('unit-matched', span, { name: printed, id: r.id });
        }
      }
      if (leads.some((x) => x.id === r.id) || list.some((x) => x.id === r.id)) return;
      list.push({ id: r.id, span, text: printed, confidence: Math.min(confidence, r.confidence) });
    };
    for (const { para, roles } of b.entries) {
      const base = b.kind === 'lines' ? 1 : 0.95;
      for (const role of roles) {
        const roleSpan = () => paraSpan(src, para, role.start, role.end);
        const roleText = () => clip(paraOriginal(src, para, role.start, role.end));
        if (role.names.length === 0) diag('responsibility-empty', roleSpan(), { text: roleText() });
        if (role.openEnded) diag('unit-list-open', roleSpan(), { text: roleText() });
        if (role.role === 'responsible') {
          const marked = role.names.some((n) => n.lead);
          if (!marked && !firstIsLead && role.names.length > 1) {
            diag('responsible-as-leads', roleSpan(), { text: roleText() });
          }
          role.names.forEach((n, k) => {
            const isLead = marked ? n.lead : firstIsLead ? k === 0 : true;
            add(isLead ? leads : partners, para, n, marked || firstIsLead ? base : 0.8);
          });
        } else {
          for (const n of role.names) add(role.role === 'lead' ? leads : partners, para, n, base);
        }
      }
    }
    // A unit cannot be both: the lead role wins.
    const partnersOnly = partners.filter((p) => !leads.some((l) => l.id === p.id));
    for (const ref of [...leads, ...partners]) {
      if (!firstRef.has(ref.id)) firstRef.set(ref.id, { span: ref.span, text: ref.text });
    }
    return {
      leads,
      partners: partnersOnly,
      at: paraSpan(src, first.para, 0, first.para.text.length),
      atText: paraOriginal(src, first.para).trim(),
    };
  };
  return { resolve, firstRef };
}

/** Several statements as one: leads and partners in order, without repeats, leads winning. */
export function mergeResolved(list: readonly Resolved[]): Resolved {
  const first = list[0] as Resolved;
  const leads: Ref[] = [];
  const partners: Ref[] = [];
  for (const r of list) {
    for (const l of r.leads) if (!leads.some((x) => x.id === l.id)) leads.push(l);
    for (const p of r.partners) if (!partners.some((x) => x.id === p.id)) partners.push(p);
  }
  return {
    leads,
    partners: partners.filter((p) => !leads.some((l) => l.id === p.id)),
    at: first.at,
    atText: first.atText,
  };
}
