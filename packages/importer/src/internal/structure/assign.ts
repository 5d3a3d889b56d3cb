import { clip } from '../clip.js';
import type { StructureKit } from './kit.js';
import type { Block, OutlineItem, OutlineSection } from './outline.js';
import { mergeResolved, type Resolved, type Resolver } from './resolve.js';

/** Who is responsible for each task of a section, and for the section as a whole. */
export interface SectionResponsibility {
  /** Statements attached to a task itself, or the lines printed right after it. */
  readonly own: Map<OutlineItem, Resolved>;
  /** Statements a task without its own takes from elsewhere; `inherited` when they close the section. */
  readonly assigned: Map<OutlineItem, { from: Resolved; inherited: boolean }>;
  /** The section's own statement: closing lines that cover earlier tasks, or one under its heading. */
  readonly shared: Resolved | undefined;
}

/**
 * Decides which statement covers which task of a section. A task's own statements come first;
 * lines after a run of tasks without their own cover that run (inherited when they close the
 * section, assumed otherwise); a statement before the first task, or inline in the section's
 * text, covers the tasks left. Every choice that is not a task's own is a diagnostic.
 */
export function assignResponsibility(kit: StructureKit, resolver: Resolver, s: OutlineSection): SectionResponsibility {
  const { diag, merged } = kit;
  const { resolve } = resolver;
  const own = new Map<OutlineItem, Resolved>();
  const assigned = new Map<OutlineItem, { from: Resolved; inherited: boolean }>();
  // Statements attached to an item itself: inline ones, or all of an unnumbered task's.
  for (const it of s.items) {
    if (it.own.length === 0) continue;
    own.set(it, mergeResolved(it.own.map(resolve)));
    if (it.own.length > 1) merged(it.code, it.own[1] as Block);
  }
  let shared: Resolved | undefined;
  let sectionLevel: Resolved | undefined;
  const assign = (x: OutlineItem, from: Resolved, inherited: boolean) => {
    assigned.set(x, { from, inherited });
    diag(inherited ? 'responsibility-inherited' : 'responsibility-assumed', from.at, {
      task: x.code,
      at: clip(from.atText),
    });
  };
  const lines = s.blocks;
  let prevK = -1;
  lines.forEach((b, bi) => {
    const r = resolve(b);
    const k = b.afterItem;
    if (k < 0 || k >= s.items.length) {
      if (sectionLevel) merged(s.code, b);
      sectionLevel = sectionLevel ? mergeResolved([sectionLevel, r]) : r;
      return;
    }
    const last = s.items[k] as OutlineItem;
    const lacking = s.items.slice(prevK + 1, k).filter((x) => !own.has(x) && !assigned.has(x));
    if (!own.has(last)) own.set(last, r);
    else if (lacking.length === 0) {
      merged(last.code, b);
      own.set(last, mergeResolved([own.get(last) as Resolved, r]));
    }
    if (lacking.length > 0) {
      const closing = bi === lines.length - 1 && k === s.items.length - 1 && shared === undefined;
      if (closing) shared = r;
      for (const x of lacking) assign(x, r, closing);
    }
    prevK = k;
  });
  for (const { block: b } of s.inlineParas) {
    const r = resolve(b);
    if (sectionLevel) merged(s.code, b);
    sectionLevel = sectionLevel ? mergeResolved([sectionLevel, r]) : r;
  }
  if (sectionLevel && !shared) shared = sectionLevel;
  const fallback = sectionLevel;
  if (fallback) {
    for (const it of s.items) {
      if (own.has(it) || assigned.has(it)) continue;
      assign(it, fallback, shared === fallback);
    }
  }
  return { own, assigned, shared };
}
