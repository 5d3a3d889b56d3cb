import { clip } from '../clip.js';
import { type Para, paraOriginal, paraSpan } from '../paragraphs.js';
import { assignResponsibility } from './assign.js';
import { inlineOf, titleRange } from './headings.js';
import type { StructureKit } from './kit.js';
import type { ClauseInput, OutlineItem, OutlineSection, TaskInput } from './outline.js';
import type { Ref, Resolved, Resolver } from './resolve.js';
import type { TaskTable } from './task-table.js';

/** Where a section's heading and text were read, as the section emitter found them. */
export interface SectionHead {
  /** The section's path in `spans` (`parts[2].sections[0]`) and its indexes. */
  readonly at: string;
  readonly pi: number;
  readonly si: number;
  readonly title: string;
  readonly text: string;
}

/** A section's numbered items as clauses (guidance, safeguards): titles and text, no responsibility. */
export function emitClauses(kit: StructureKit, s: OutlineSection, head: SectionHead): ClauseInput[] {
  const { src, record, textOf, longTitle } = kit;
  return s.items.map((it, k) => {
    const r = titleRange(it.para, it.para.text.length);
    const at = `${head.at}.clauses[${k}]`;
    record(at, it.para, 0, r.to, 1);
    record(`${at}.title`, it.para, r.from, r.to, 1);
    record(`${at}.code`, it.para, 0, it.para.contentStart ?? 0, 1);
    longTitle(it.para, r);
    return {
      path: it.path,
      code: it.code,
      title: paraOriginal(src, it.para, r.from, r.to).trim() || it.code,
      text: textOf(it.para, it.para.contentStart ?? 0, it.paras, `${at}.text`),
    };
  });
}

/**
 * A section's items as tasks, each with the leads and partners that cover it and a span for
 * every one of them (lower confidence when taken from the section's lines), and the section's
 * own statement when it has one.
 */
export function emitTasks(
  kit: StructureKit,
  resolver: Resolver,
  s: OutlineSection,
  head: SectionHead,
  table: TaskTable,
): { tasks: TaskInput[]; shared: Resolved | undefined } {
  const { src, ctx, diag, record, textOf, longTitle } = kit;
  const { spans } = ctx;
  const { own, assigned, shared } = assignResponsibility(kit, resolver, s);
  const refSpans = (path: string, refs: readonly Ref[], scale: number) =>
    refs.forEach((ref, j) => {
      spans[`${path}[${j}]`] = { span: ref.span, confidence: ref.confidence * scale, text: ref.text };
    });
  const title = (it: OutlineItem, r: { from: number; to: number }) =>
    paraOriginal(src, it.para, r.from, r.to).trim() || it.code;
  const tasks = s.items.map((it, k): TaskInput => {
    const at = `${head.at}.tasks[${k}]`;
    const r = titleRange(it.para, inlineOf(it.para, k)?.open ?? it.para.text.length);
    const useSectionTitle = it.unnumbered && it.para === s.para;
    if (!useSectionTitle) {
      record(at, it.para, 0, r.to, it.unnumbered ? 0.8 : 1);
      record(`${at}.title`, it.para, r.from, r.to, it.unnumbered ? 0.8 : 1);
      if (!it.unnumbered) record(`${at}.code`, it.para, 0, it.para.contentStart ?? 0, 1);
      longTitle(it.para, r);
    }
    const row = own.has(it) || assigned.has(it) ? undefined : table.find(it.code, title(it, r));
    if (row) {
      const first = row.entries[0] as { para: Para };
      own.set(it, resolver.resolve(row));
      diag('responsibility-from-table', paraSpan(src, first.para, 0, first.para.text.length), {
        task: it.code,
        text: clip(paraOriginal(src, first.para)),
      });
    }
    const mine = own.get(it);
    const given = assigned.get(it);
    const source = mine ?? given?.from;
    if (!source) {
      diag('task-without-responsibility', paraSpan(src, it.para, 0, it.para.contentStart ?? 1), { task: it.code }, [
        'parts',
        head.pi,
        'sections',
        head.si,
        'tasks',
        k,
      ]);
    }
    const scale = mine ? 1 : given?.inherited ? 0.9 : 0.6;
    if (source) {
      refSpans(`${at}.leads`, source.leads, scale);
      refSpans(`${at}.partners`, source.partners, scale);
    }
    if (given?.inherited) spans[`${at}.inherited`] = { span: given.from.at, confidence: 0.9, text: given.from.atText };
    const text = useSectionTitle ? head.text : textOf(it.para, it.para.contentStart ?? 0, it.paras, `${at}.text`);
    return {
      path: it.path,
      code: it.code,
      title: useSectionTitle ? head.title : title(it, r),
      text,
      leads: source ? source.leads.map((x) => x.id) : [],
      partners: source ? source.partners.map((x) => x.id) : [],
      inherited: given?.inherited ?? false,
    };
  });
  if (shared) {
    refSpans(`${head.at}.responsibility.leads`, shared.leads, 1);
    refSpans(`${head.at}.responsibility.partners`, shared.partners, 1);
  }
  return { tasks, shared };
}
