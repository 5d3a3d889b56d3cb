import { paraOriginal } from '../paragraphs.js';
import { audienceOf } from './audiences.js';
import { emitClauses, emitTasks, type SectionHead } from './emit-tasks.js';
import { inlineOf, partKindOf, titleRange } from './headings.js';
import type { StructureKit } from './kit.js';
import type { AudienceInput, OutlinePart, PartInput, PrincipleInput, SectionInput } from './outline.js';
import { readPrinciples } from './principles.js';
import type { Resolver } from './resolve.js';
import type { TaskTable } from './task-table.js';
import { promoteUnnumbered } from './unnumbered.js';

/** The plan's parts with their sections, tasks and clauses, and the audiences and principles read on the way. */
export interface EmittedParts {
  readonly parts: PartInput[];
  readonly audiences: AudienceInput[];
  readonly principles: PrincipleInput[];
}

/**
 * Turns the scanned outline into the plan's parts: titles and text with their spans, a kind for
 * each part, tasks (with responsibility) in sections that have any, clauses elsewhere, the
 * audience an action's title names, and the principles of a 原则 section.
 */
export function emitParts(
  kit: StructureKit,
  resolver: Resolver,
  outline: readonly OutlinePart[],
  table: TaskTable,
): EmittedParts {
  const { src, ctx, record, textOf, longTitle } = kit;
  const { spans } = ctx;
  const parts: PartInput[] = [];
  const audiences: AudienceInput[] = [];
  const principles: PrincipleInput[] = [];

  outline.forEach((p, pi) => {
    const partAt = `parts[${pi}]`;
    const head = p.para;
    const pTitle = head ? titleRange(head, head.text.length) : undefined;
    const title = head && pTitle ? paraOriginal(src, head, pTitle.from, pTitle.to).trim() : '（未编号部分）';
    const kind = partKindOf(title);
    if (head && pTitle) {
      record(partAt, head, 0, pTitle.to, 1);
      record(`${partAt}.title`, head, pTitle.from, pTitle.to, 1);
      record(`${partAt}.code`, head, 0, head.contentStart ?? 0, 1);
      longTitle(head, pTitle);
    }
    const sections: SectionInput[] = [];
    p.sections.forEach((s, si) => {
      const sectionAt = `${partAt}.sections[${si}]`;
      const sHead = s.para;
      const inlineHead = sHead ? inlineOf(sHead, -1) : undefined;
      const sRange = sHead ? titleRange(sHead, inlineHead ? inlineHead.open : sHead.text.length) : undefined;
      const sTitle = sHead && sRange ? paraOriginal(src, sHead, sRange.from, sRange.to).trim() : title;
      if (sHead && sRange) {
        record(sectionAt, sHead, 0, sRange.to, 1);
        record(`${sectionAt}.title`, sHead, sRange.from, sRange.to, 1);
        record(`${sectionAt}.code`, sHead, 0, sHead.contentStart ?? 0, 1);
        longTitle(sHead, sRange);
      }
      const restFrom = sHead && sRange ? Math.min(sHead.text.length, sRange.to + 1) : 0;
      const sText = textOf(
        sHead && restFrom < sHead.text.length ? sHead : undefined,
        restFrom,
        s.textParas,
        `${sectionAt}.text`,
      );
      promoteUnnumbered(kit, s, kind);

      const isTasks =
        kind === 'actions' ||
        kind === 'projects' ||
        s.blocks.length > 0 ||
        s.inlineParas.length > 0 ||
        s.items.some((x) => x.own.length > 0);
      const audienceIds: string[] = [];
      const audience = sHead ? audienceOf(sTitle) : undefined;
      if (audience) {
        const source = spans[`${sectionAt}.title`];
        if (!audiences.some((x) => x.id === audience.id)) {
          if (source) spans[`audiences[${audiences.length}]`] = { ...source, confidence: 0.9 };
          audiences.push(audience);
        }
        audienceIds.push(audience.id);
        if (source) spans[`${sectionAt}.audiences[0]`] = { ...source, confidence: 0.9 };
      }
      const sectionHead: SectionHead = { at: sectionAt, pi, si, title: sTitle, text: sText };
      const base = { path: s.path, code: s.code, title: sTitle || s.code, text: sText, audiences: audienceIds };
      if (isTasks) {
        const clauses: SectionInput['clauses'] = [];
        const { tasks, shared } = emitTasks(kit, resolver, s, sectionHead, table);
        sections.push({
          ...base,
          tasks,
          clauses,
          ...(shared
            ? {
                responsibility: {
                  leads: shared.leads.map((x) => x.id),
                  partners: shared.partners.map((x) => x.id),
                  provenance: { kind: 'document', quote: shared.atText.slice(0, 2000) },
                },
              }
            : {}),
        });
        return;
      }
      const clauses = emitClauses(kit, s, sectionHead);
      if (/原则/.test(sTitle)) readPrinciples(kit, s.textParas, principles);
      sections.push({ ...base, tasks: [], clauses });
    });
    const pFrom = head && pTitle ? Math.min(head.text.length, pTitle.to + 1) : 0;
    parts.push({
      path: p.path,
      code: p.code,
      title,
      text: textOf(head && pFrom < head.text.length ? head : undefined, pFrom, p.textParas, `${partAt}.text`),
      kind,
      sections,
    });
  });
  return { parts, audiences, principles };
}
