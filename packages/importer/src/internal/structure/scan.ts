import { parseResponsibility } from '../../responsibility-text.js';
import { clip } from '../clip.js';
import { chineseNumeral } from '../numerals.js';
import { type Para, paraOriginal, paraSpan } from '../paragraphs.js';
import { inlineOf } from './headings.js';
import type { StructureKit } from './kit.js';
import type { Block, Holder, OutlineItem, OutlinePart, OutlineSection, TextEntry } from './outline.js';

/** What {@link scanOutline} finds: the outline, and every text paragraph with the node it belongs to. */
export interface ScannedOutline {
  readonly parts: OutlinePart[];
  /** Text paragraphs in reading order, each with its node: where targets are looked for. */
  readonly textual: TextEntry[];
}

/**
 * Walks the body's paragraphs once and builds the part → section → item outline: headings open
 * nodes (checking that their numbers follow on), text goes to the innermost open node, and each
 * responsibility statement is kept where it was printed, to be resolved later. Linear.
 */
export function scanOutline(kit: StructureKit, paras: readonly Para[]): ScannedOutline {
  const { src, ctx, diag } = kit;
  const parts: OutlinePart[] = [];
  const textual: TextEntry[] = [];
  // A section keeps its own entries, so that making it a task re-homes them without a lookup
  // table over every paragraph of the document.
  const addText = (para: Para, holder: Holder, section?: OutlineSection) => {
    const entry = { para, holder };
    textual.push(entry);
    section?.entries.push(entry);
  };
  let part: OutlinePart | undefined;
  let section: OutlineSection | undefined;
  let item: OutlineItem | undefined;
  let block: Block | undefined;
  let lastSectionPrinted = 0;
  let lastItemPrinted = 0;

  const numbering = (
    printed: number,
    expected: number,
    prevLast: number,
    para: Para,
    after: string,
    first: boolean,
  ) => {
    if (printed === expected) return;
    const span = paraSpan(src, para, 0, para.contentStart ?? 1);
    if (first && printed === prevLast + 1 && prevLast > 0)
      diag('numbering-runs-on', span, { printed: String(printed) });
    else diag('numbering-gap', span, { printed: String(printed), after, expected: String(expected) });
  };

  const partPrinted = new Map<OutlinePart, number>();
  const newPart = (para: Para | undefined): OutlinePart => {
    const ord = parts.length + 1;
    const printed = para?.number ?? ord;
    if (para) {
      const prev = parts[parts.length - 1];
      const expected = prev ? (partPrinted.get(prev) ?? parts.length) + 1 : 1;
      numbering(printed, expected, 0, para, prev ? prev.code : '（开头）', false);
    } else {
      const first = paras[0] as Para;
      diag('implicit-part', paraSpan(src, first, 0, 0), { text: clip(paraOriginal(src, first)) });
    }
    const p: OutlinePart = {
      path: String(ord),
      para,
      code: para?.numeral ?? chineseNumeral(ord),
      textParas: [],
      sections: [],
    };
    partPrinted.set(p, printed);
    parts.push(p);
    section = undefined;
    item = undefined;
    return p;
  };

  const newSection = (owner: OutlinePart, para: Para | undefined): OutlineSection => {
    const ord = owner.sections.length + 1;
    const prev = owner.sections[owner.sections.length - 1];
    const printed = para?.number ?? ord;
    if (para) {
      const expected = prev ? prev.lastPrinted + 1 : 1;
      numbering(printed, expected, lastSectionPrinted, para, prev ? prev.code : owner.code, prev === undefined);
    }
    const s: OutlineSection = {
      path: `${owner.path}.${ord}`,
      para,
      code: para ? `${owner.code}（${para.numeral}）` : owner.code,
      part: owner,
      textParas: [],
      items: [],
      blocks: [],
      inlineParas: [],
      entries: [],
      lastPrinted: printed,
    };
    if (para) lastSectionPrinted = printed;
    else diag('implicit-section', paraSpan(src, owner.para ?? (paras[0] as Para), 0, 0), { code: owner.code });
    owner.sections.push(s);
    item = undefined;
    return s;
  };

  const newItem = (owner: OutlineSection, para: Para): OutlineItem => {
    const ord = owner.items.length + 1;
    const prev = owner.items[owner.items.length - 1];
    const printed = para.number ?? ord;
    const expected = prev ? (prev.unnumbered || prev.para.number === undefined ? ord : prev.para.number + 1) : 1;
    numbering(printed, expected, lastItemPrinted, para, prev ? prev.code : owner.code, prev === undefined);
    lastItemPrinted = printed;
    const it: OutlineItem = {
      path: `${owner.path}.${ord}`,
      para,
      printed: para.numeral ?? String(ord),
      code: `${owner.code}${para.numeral ?? ord}`,
      paras: [],
      own: [],
      closed: false,
    };
    owner.items.push(it);
    addText(para, it);
    return it;
  };

  const ensureSection = (): OutlineSection => {
    if (!part) part = newPart(undefined);
    if (!section) section = newSection(part, undefined);
    return section;
  };

  paras.forEach((para, i) => {
    if (ctx.isFooter(i)) return;
    if (para.kind !== 'resp') block = undefined;
    if (para.kind === 'heading' && para.level === 1) {
      part = newPart(para);
      addText(para, part);
      return;
    }
    if (para.kind === 'heading' && para.level === 2) {
      if (!part) part = newPart(undefined);
      section = newSection(part, para);
      addText(para, section, section);
      const inline = inlineOf(para, -1);
      if (inline) section.inlineParas.push({ para, block: inline.block });
      return;
    }
    if (para.kind === 'heading' && para.level === 3) {
      const owner = ensureSection();
      item = newItem(owner, para);
      const inline = inlineOf(para, owner.items.length - 1);
      if (inline) item.own.push(inline.block);
      return;
    }
    if (para.kind === 'resp') {
      if (!section) {
        diag('responsibility-orphan', paraSpan(src, para, 0, para.text.length), {
          text: clip(paraOriginal(src, para)),
        });
        return;
      }
      // parseResponsibility skips the brackets of a statement printed as （…） on its own line.
      const roles = parseResponsibility(para.text);
      if (!roles) return;
      if (block) block.entries.push({ para, roles });
      else {
        block = { kind: 'lines', entries: [{ para, roles }], afterItem: section.items.length - 1 };
        section.blocks.push(block);
      }
      if (item) item.closed = true;
      return;
    }
    if (para.kind !== 'body' && para.kind !== 'principle' && para.kind !== 'heading') return;
    // Body text, principles and （1）-level headings go to the innermost open node.
    if (section && item && !item.closed) {
      item.paras.push(para);
      addText(para, item);
      const inline = inlineOf(para, section.items.length - 1);
      if (inline) item.own.push(inline.block);
      return;
    }
    if (section) {
      section.textParas.push(para);
      addText(para, section, section);
      const inline = inlineOf(para, section.items.length - 1);
      if (inline) {
        if (section.items.length === 0) section.inlineParas.push({ para, block: inline.block });
        else section.blocks.push(inline.block);
      }
      return;
    }
    if (part) {
      part.textParas.push(para);
      addText(para, part);
    }
  });
  return { parts, textual };
}
