import type { PartKind, PlanInput } from '@kepu/core';
import { createDiagnostic, type DiagnosticCode, type ImportDiagnostic } from '../diagnostics.js';
import { parseResponsibility, type StatedRole } from '../responsibility-text.js';
import type { FieldSource, Span } from '../span.js';
import type { UnitDirectory } from '../unit-directory.js';
import { shortHash } from './hash.js';
import { chineseNumeral } from './numerals.js';
import { extractNumericFacts, type NumericFact } from './numeric-facts.js';
import { type Para, paraOriginal, paraSpan } from './paragraphs.js';
import type { SourceText } from './source-text.js';

type PartInput = PlanInput['parts'][number];
type SectionInput = NonNullable<PartInput['sections']>[number];
type TaskInput = NonNullable<SectionInput['tasks']>[number];
type ClauseInput = NonNullable<SectionInput['clauses']>[number];
type AudienceInput = NonNullable<PlanInput['audiences']>[number];
type PrincipleInput = NonNullable<PlanInput['principles']>[number];
type IndicatorInput = NonNullable<PlanInput['indicators']>[number];
type TargetInput = NonNullable<PlanInput['targets']>[number];

export interface StructureContext {
  readonly directory: UnitDirectory;
  readonly hasDirectory: boolean;
  readonly periodStart: number | undefined;
  readonly periodEnd: number | undefined;
  readonly spans: Record<string, FieldSource>;
  readonly diagnostics: ImportDiagnostic[];
  /** True when the document says the first unit of a 责任单位 list leads (排在第一位的为牵头单位). */
  readonly firstIsLead: boolean;
  /** Whether body paragraph `i` is a footer line (抄送, 印发, a signature …) to leave out. */
  isFooter(i: number): boolean;
}

export interface BuiltPlan {
  readonly parts: PartInput[];
  readonly principles: PrincipleInput[];
  readonly audiences: AudienceInput[];
  readonly indicators: IndicatorInput[];
  readonly targets: TargetInput[];
  /** Where each unit is first named, with the words as printed. */
  readonly unitSources: ReadonlyMap<string, { span: Span; text: string }>;
}

/** One statement of responsibility: consecutive 牵头/配合 lines, or an inline （…） at a paragraph's end. */
interface Block {
  readonly kind: 'lines' | 'inline';
  readonly entries: Array<{ para: Para; roles: StatedRole[] }>;
  /** Index of the item it follows in its section; -1 before any item. */
  readonly afterItem: number;
}

interface Holder {
  path: string;
}

interface ItemB extends Holder {
  readonly para: Para;
  readonly printed: string;
  code: string;
  readonly paras: Para[];
  own: Block[];
  closed: boolean;
  /** For an unnumbered paragraph turned task. */
  unnumbered?: boolean;
}

interface SectionB extends Holder {
  readonly para: Para | undefined;
  readonly code: string;
  readonly part: PartB;
  readonly textParas: Para[];
  readonly items: ItemB[];
  readonly blocks: Block[];
  /** Section-level paragraphs with an inline responsibility of their own, in order. */
  readonly inlineParas: Array<{ para: Para; block: Block }>;
  lastPrinted: number;
}

interface PartB extends Holder {
  readonly para: Para | undefined;
  readonly code: string;
  readonly textParas: Para[];
  readonly sections: SectionB[];
}

interface Ref {
  readonly id: string;
  readonly span: Span;
  readonly text: string;
  readonly confidence: number;
}

interface Resolved {
  leads: Ref[];
  partners: Ref[];
  /** The block's first paragraph: where an inherited mark points. */
  at: Span;
  atText: string;
}

const INLINE = /\(([^()]{2,200})\)\s*[。;.]?\s*$/;

function partKindOf(title: string): PartKind {
  if (/保障|组织实施/.test(title)) return 'safeguards';
  if (/指导思想|原则|总体要求|基本要求|目标任务|主要目标|工作目标|行动目标|发展目标/.test(title)) return 'guidance';
  if (/工程/.test(title)) return 'projects';
  if (/行动|任务|举措/.test(title)) return 'actions';
  if (/目标/.test(title)) return 'guidance';
  if (/前言|背景|形势|现状|意义/.test(title)) return 'preface';
  return 'other';
}

const AUDIENCES: Record<string, string> = {
  青少年: 'youth',
  农民: 'farmers',
  产业工人: 'industrial-workers',
  老年人: 'elderly',
  领导干部和公务员: 'cadres',
  领导干部: 'cadres',
  公务员: 'civil-servants',
  城镇劳动者: 'urban-workers',
  社区居民: 'community-residents',
  农村居民: 'rural-residents',
  妇女: 'women',
  农牧民: 'farmers-herders',
  少数民族群众: 'ethnic-minorities',
};
const AUDIENCE_TITLE = /^(?:实施|开展|推进|推动)?(.{1,16}?)(?:科学素质|科学素养)(?:提升|提高)?(?:行动|工程)$/;

/** Where a heading's title ends in its paragraph (the first full stop, a run-in break or a colon). */
function titleRange(para: Para, end: number): { from: number; to: number } {
  const from = Math.min(para.contentStart ?? 0, end);
  const body = para.text.slice(from, end);
  const stop = body.search(/[。！？!?]/);
  // A title run into its body with only a space between (一、工作目标 到2025年，…).
  const ws = /\s+/.exec(body);
  if (
    ws &&
    ws.index >= 2 &&
    ws.index <= 30 &&
    (stop < 0 || ws.index < stop) &&
    body.length - ws.index > 10 &&
    /[。！？!?]/.test(body.slice(ws.index)) &&
    !/[\d%.]/.test(body[ws.index - 1] as string) &&
    !/[\d%]/.test(body[ws.index + ws[0].length] as string)
  ) {
    return { from, to: from + ws.index };
  }
  if (stop >= 0) return { from, to: from + stop };
  const colon = body.search(/[:：]/);
  if (colon > 1 && colon <= 40 && colon < body.trimEnd().length - 1) return { from, to: from + colon };
  let to = from + body.length;
  while (to > from && /[\s;；,，、]/.test(para.text[to - 1] as string)) to--;
  return { from, to };
}

/** The inline responsibility at a paragraph's end, if any: its block and where its bracket opens. */
function inlineOf(para: Para, afterItem: number): { block: Block; open: number } | undefined {
  if (!/牵头|配合|责任|负责|协办|参与/.test(para.text)) return undefined;
  const m = INLINE.exec(para.text);
  if (!m) return undefined;
  const inner = m[1] as string;
  const roles = parseResponsibility(inner);
  if (!roles) return undefined;
  const offset = m.index + 1;
  const shifted = roles.map((r) => ({
    ...r,
    start: r.start + offset,
    end: r.end + offset,
    names: r.names.map((n) => ({ ...n, start: n.start + offset, end: n.end + offset })),
  }));
  return { block: { kind: 'inline', entries: [{ para, roles: shifted }], afterItem }, open: m.index };
}

/**
 * Builds the part → section → task/clause structure from the body's paragraphs, resolves every
 * responsibility against the unit directory, and reads targets, audiences and principles.
 */
export function buildStructure(src: SourceText, paras: readonly Para[], ctx: StructureContext): BuiltPlan {
  const { spans, diagnostics } = ctx;
  const diag = (code: DiagnosticCode, span: Span, params: Record<string, string> = {}, path?: Array<string | number>) =>
    diagnostics.push(createDiagnostic(code, span, params, path ? { path } : {}));
  const { firstIsLead } = ctx;
  const parts: PartB[] = [];
  const textual: Array<{ para: Para; holder: Holder }> = [];
  // The textual entry of each paragraph, to re-home it in constant time.
  const entryOf = new Map<Para, { para: Para; holder: Holder }>();
  const addText = (para: Para, holder: Holder) => {
    const entry = { para, holder };
    textual.push(entry);
    entryOf.set(para, entry);
  };
  let part: PartB | undefined;
  let section: SectionB | undefined;
  let item: ItemB | undefined;
  let block: Block | undefined;
  let lastSectionPrinted = 0;

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

  const partPrinted = new Map<PartB, number>();
  const newPart = (para: Para | undefined): PartB => {
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
    const p: PartB = {
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

  const newSection = (owner: PartB, para: Para | undefined): SectionB => {
    const ord = owner.sections.length + 1;
    const prev = owner.sections[owner.sections.length - 1];
    const printed = para?.number ?? ord;
    if (para) {
      const expected = prev ? prev.lastPrinted + 1 : 1;
      numbering(printed, expected, lastSectionPrinted, para, prev ? prev.code : owner.code, prev === undefined);
    }
    const s: SectionB = {
      path: `${owner.path}.${ord}`,
      para,
      code: para ? `${owner.code}（${para.numeral}）` : owner.code,
      part: owner,
      textParas: [],
      items: [],
      blocks: [],
      inlineParas: [],
      lastPrinted: printed,
    };
    if (para) lastSectionPrinted = printed;
    else diag('implicit-section', paraSpan(src, owner.para ?? (paras[0] as Para), 0, 0), { code: owner.code });
    owner.sections.push(s);
    item = undefined;
    return s;
  };

  let lastItemPrinted = 0;
  const newItem = (owner: SectionB, para: Para): ItemB => {
    const ord = owner.items.length + 1;
    const prev = owner.items[owner.items.length - 1];
    const printed = para.number ?? ord;
    const expected = prev ? (prev.unnumbered ? ord : Number(prev.printed) + 1) : 1;
    numbering(printed, expected, lastItemPrinted, para, prev ? prev.code : owner.code, prev === undefined);
    lastItemPrinted = printed;
    const it: ItemB = {
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

  const ensureSection = (): SectionB => {
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
      addText(para, section);
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
      addText(para, section);
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

  // --- output --------------------------------------------------------------------------------------
  const record = (path: string, para: Para, from: number, to: number, confidence: number) => {
    spans[path] = { span: paraSpan(src, para, from, to), confidence, text: paraOriginal(src, para, from, to) };
  };
  /** A node's text: its heading's rest and its paragraphs, as printed; the span covers them all. */
  const textOf = (first: Para | undefined, from: number, rest: readonly Para[], path: string): string => {
    const text = [...(first ? [paraOriginal(src, first, from)] : []), ...rest.map((p) => paraOriginal(src, p))]
      .map((t) => t.trim())
      .filter((t) => t !== '')
      .join('\n');
    const head = first ?? rest[0];
    const last = rest[rest.length - 1] ?? first;
    if (text !== '' && head && last) {
      const a = paraSpan(src, head, head === first ? from : 0, head.text.length);
      const b = paraSpan(src, last, 0, last.text.length);
      spans[path] = {
        span: {
          start: a.start,
          end: b.end,
          line: a.line,
          column: a.column,
          endLine: b.endLine,
          endColumn: b.endColumn,
        },
        confidence: 1,
        text,
      };
    }
    return text;
  };

  const firstRef = new Map<string, { span: Span; text: string }>();
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
        if (role.names.length === 0) {
          diag('responsibility-empty', paraSpan(src, para, role.start, role.end), {
            text: clip(paraOriginal(src, para, role.start, role.end)),
          });
        }
        if (role.openEnded) {
          diag('unit-list-open', paraSpan(src, para, role.start, role.end), {
            text: clip(paraOriginal(src, para, role.start, role.end)),
          });
        }
        if (role.role === 'responsible') {
          const marked = role.names.some((n) => n.lead);
          if (!marked && !firstIsLead && role.names.length > 1) {
            diag('responsible-as-leads', paraSpan(src, para, role.start, role.end), {
              text: clip(paraOriginal(src, para, role.start, role.end)),
            });
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
  const reportedMatches = new Set<string>();

  const outParts: PartInput[] = [];
  const audiences: AudienceInput[] = [];
  const principles: PrincipleInput[] = [];

  parts.forEach((p, pi) => {
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
    const outSections: SectionInput[] = [];
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

      // A section with responsibilities but no numbered items: its paragraphs are the tasks.
      if (s.items.length === 0 && s.inlineParas.length >= 2) {
        s.inlineParas.forEach(({ para, block: b }, k) => {
          const it: ItemB = {
            path: `${s.path}.${k + 1}`,
            para,
            printed: String(k + 1),
            code: `${s.code}-${k + 1}`,
            paras: [],
            own: [b],
            closed: true,
            unnumbered: true,
          };
          s.items.push(it);
          const entry = entryOf.get(para);
          if (entry) entry.holder = it;
          diag('unnumbered-task', paraSpan(src, para, 0, Math.min(para.text.length, 20)), { task: it.code });
        });
        s.inlineParas.length = 0;
      } else if (s.items.length === 0 && (s.inlineParas.length === 1 || s.blocks.length > 0) && kind !== 'guidance') {
        const only = s.inlineParas[0];
        const it: ItemB = {
          path: `${s.path}.1`,
          para: (sHead ?? only?.para ?? (s.textParas[0] as Para)) as Para,
          printed: '',
          code: s.code,
          paras: [],
          own: only ? [only.block] : [...s.blocks],
          closed: true,
          unnumbered: true,
        };
        s.items.push(it);
        s.inlineParas.length = 0;
        s.blocks.length = 0;
        for (const para of [...(sHead ? [sHead] : []), ...s.textParas]) {
          const entry = entryOf.get(para);
          if (entry) entry.holder = it;
        }
        diag('section-as-task', sHead ? paraSpan(src, sHead, 0, sHead.text.length) : zeroSpan(), { code: s.code });
      }

      const isTasks =
        kind === 'actions' ||
        kind === 'projects' ||
        s.blocks.length > 0 ||
        s.inlineParas.length > 0 ||
        s.items.some((x) => x.own.length > 0);
      const tasks: TaskInput[] = [];
      const clauses: ClauseInput[] = [];
      const audienceIds: string[] = [];
      if (sHead) {
        const a = AUDIENCE_TITLE.exec(sTitle.normalize('NFKC'));
        if (a) {
          const name = a[1] as string;
          const id = AUDIENCES[name] ?? `audience-${shortHash(name)}`;
          if (!audiences.some((x) => x.id === id)) {
            const source = spans[`${sectionAt}.title`];
            if (source) spans[`audiences[${audiences.length}]`] = { ...source, confidence: 0.9 };
            audiences.push({ id, name });
          }
          audienceIds.push(id);
          const source = spans[`${sectionAt}.title`];
          if (source) spans[`${sectionAt}.audiences[0]`] = { ...source, confidence: 0.9 };
        }
      }

      if (!isTasks) {
        s.items.forEach((it, k) => {
          const r = titleRange(it.para, it.para.text.length);
          const at = `${sectionAt}.clauses[${k}]`;
          record(at, it.para, 0, r.to, 1);
          record(`${at}.title`, it.para, r.from, r.to, 1);
          record(`${at}.code`, it.para, 0, it.para.contentStart ?? 0, 1);
          longTitle(it.para, r);
          clauses.push({
            path: it.path,
            code: it.code,
            title: paraOriginal(src, it.para, r.from, r.to).trim() || it.code,
            text: textOf(it.para, it.para.contentStart ?? 0, it.paras, `${at}.text`),
          });
        });
      } else {
        const resolvedOwn = new Map<ItemB, Resolved>();
        const assigned = new Map<ItemB, { from: Resolved; inherited: boolean }>();
        // Statements attached to an item itself: inline ones, or all of an unnumbered task's.
        for (const it of s.items) {
          if (it.own.length === 0) continue;
          resolvedOwn.set(it, mergeResolved(it.own.map(resolve)));
          if (it.own.length > 1) merged(it.code, it.own[1] as Block);
        }
        let shared: Resolved | undefined;
        let sectionLevel: Resolved | undefined;
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
          const last = s.items[k] as ItemB;
          const lacking = s.items.slice(prevK + 1, k).filter((x) => !resolvedOwn.has(x) && !assigned.has(x));
          if (!resolvedOwn.has(last)) resolvedOwn.set(last, r);
          else if (lacking.length === 0) {
            merged(last.code, b);
            resolvedOwn.set(last, mergeResolved([resolvedOwn.get(last) as Resolved, r]));
          }
          if (lacking.length > 0) {
            const closing = bi === lines.length - 1 && k === s.items.length - 1 && shared === undefined;
            if (closing) shared = r;
            for (const x of lacking) {
              assigned.set(x, { from: r, inherited: closing });
              diag(closing ? 'responsibility-inherited' : 'responsibility-assumed', r.at, {
                task: x.code,
                at: clip(r.atText),
              });
            }
          }
          prevK = k;
        });
        for (const { block: b } of s.inlineParas) {
          const r = resolve(b);
          if (sectionLevel) merged(s.code, b);
          sectionLevel = sectionLevel ? mergeResolved([sectionLevel, r]) : r;
        }
        if (sectionLevel && !shared) shared = sectionLevel;
        s.items.forEach((it) => {
          if (resolvedOwn.has(it) || assigned.has(it)) return;
          if (sectionLevel) {
            const inherited = shared === sectionLevel;
            assigned.set(it, { from: sectionLevel, inherited });
            diag(inherited ? 'responsibility-inherited' : 'responsibility-assumed', sectionLevel.at, {
              task: it.code,
              at: clip(sectionLevel.atText),
            });
          }
        });
        s.items.forEach((it, k) => {
          const at = `${sectionAt}.tasks[${k}]`;
          const r = titleRange(it.para, inlineOf(it.para, k)?.open ?? it.para.text.length);
          const useSectionTitle = it.unnumbered && it.para === sHead;
          if (!useSectionTitle) {
            record(at, it.para, 0, r.to, it.unnumbered ? 0.8 : 1);
            record(`${at}.title`, it.para, r.from, r.to, it.unnumbered ? 0.8 : 1);
            if (!it.unnumbered) record(`${at}.code`, it.para, 0, it.para.contentStart ?? 0, 1);
            longTitle(it.para, r);
          }
          const own = resolvedOwn.get(it);
          const given = assigned.get(it);
          const source = own ?? given?.from;
          if (!source) {
            diag(
              'task-without-responsibility',
              paraSpan(src, it.para, 0, it.para.contentStart ?? 1),
              { task: it.code },
              ['parts', pi, 'sections', si, 'tasks', k],
            );
          }
          const scale = own ? 1 : given?.inherited ? 0.9 : 0.6;
          source?.leads.forEach((ref, j) => {
            spans[`${at}.leads[${j}]`] = { span: ref.span, confidence: ref.confidence * scale, text: ref.text };
          });
          source?.partners.forEach((ref, j) => {
            spans[`${at}.partners[${j}]`] = { span: ref.span, confidence: ref.confidence * scale, text: ref.text };
          });
          if (given?.inherited)
            spans[`${at}.inherited`] = { span: given.from.at, confidence: 0.9, text: given.from.atText };
          const text = useSectionTitle ? sText : textOf(it.para, it.para.contentStart ?? 0, it.paras, `${at}.text`);
          tasks.push({
            path: it.path,
            code: it.code,
            title: useSectionTitle ? sTitle : paraOriginal(src, it.para, r.from, r.to).trim() || it.code,
            text,
            leads: source ? source.leads.map((x) => x.id) : [],
            partners: source ? source.partners.map((x) => x.id) : [],
            inherited: given?.inherited ?? false,
          });
        });
        if (shared) {
          const sh = shared as Resolved;
          sh.leads.forEach((ref, j) => {
            spans[`${sectionAt}.responsibility.leads[${j}]`] = {
              span: ref.span,
              confidence: ref.confidence,
              text: ref.text,
            };
          });
          sh.partners.forEach((ref, j) => {
            spans[`${sectionAt}.responsibility.partners[${j}]`] = {
              span: ref.span,
              confidence: ref.confidence,
              text: ref.text,
            };
          });
        }
        const sectionOut: SectionInput = {
          path: s.path,
          code: s.code,
          title: sTitle || s.code,
          text: sText,
          audiences: audienceIds,
          tasks,
          clauses,
          ...(shared
            ? {
                responsibility: {
                  leads: (shared as Resolved).leads.map((x) => x.id),
                  partners: (shared as Resolved).partners.map((x) => x.id),
                  provenance: { kind: 'document', quote: (shared as Resolved).atText.slice(0, 2000) },
                },
              }
            : {}),
        };
        outSections.push(sectionOut);
        return;
      }

      // Principles: the —— lines of a section on principles (工作原则).
      if (/原则/.test(sTitle)) {
        for (const para of s.textParas) {
          if (para.kind !== 'principle') continue;
          const lead = /^[—-]+\s*/.exec(para.text)?.[0].length ?? 0;
          const body = para.text.slice(lead);
          const stop = body.search(/[。！？!?:：]/);
          const to = lead + (stop >= 0 ? stop : body.length);
          const n = principles.length;
          record(`principles[${n}].title`, para, lead, to, 1);
          if (to + 1 < para.text.length) record(`principles[${n}].text`, para, to + 1, para.text.length, 1);
          principles.push({
            id: `principle-${n + 1}`,
            title: paraOriginal(src, para, lead, to).trim() || `原则${n + 1}`,
            text: paraOriginal(src, para, Math.min(para.text.length, to + 1)).trim(),
          });
        }
      }
      outSections.push({
        path: s.path,
        code: s.code,
        title: sTitle || s.code,
        text: sText,
        audiences: audienceIds,
        tasks: [],
        clauses,
      });
    });
    const pFrom = head && pTitle ? Math.min(head.text.length, pTitle.to + 1) : 0;
    outParts.push({
      path: p.path,
      code: p.code,
      title,
      text: textOf(head && pFrom < head.text.length ? head : undefined, pFrom, p.textParas, `${partAt}.text`),
      kind,
      sections: outSections,
    });
  });

  // --- targets ---------------------------------------------------------------------------------------
  const { indicators, targets } = buildTargets(src, textual, ctx);

  // --- groups whose members the text does not list ------------------------------------------------------
  const named: string[] = [];
  for (const p of outParts) {
    for (const s of p.sections ?? []) {
      for (const t of s.tasks ?? [])
        for (const id of [...t.leads, ...(t.partners ?? [])]) if (!named.includes(id)) named.push(id);
    }
  }
  for (const unit of ctx.directory.units) {
    if (unit.kind !== 'group' || !ctx.directory.created.has(unit.id) || (unit.members ?? []).length > 0) continue;
    const members = named.filter((id) => {
      const u = ctx.directory.units.find((x) => x.id === id);
      return u !== undefined && u.kind !== 'group' && u.kind !== 'township' && u.id !== 'townships';
    });
    unit.members = members;
    unit.provenance = {
      kind: 'inferred',
      note: 'members not listed in the document: every unit it names as a lead or partner',
      quote: unit.name,
    };
    const at = firstRef.get(unit.id)?.span ?? zeroSpan();
    diag('group-members-inferred', at, { name: unit.name, count: String(members.length) });
  }

  return { parts: outParts, principles, audiences, indicators, targets, unitSources: firstRef };

  function merged(code: string, b: Block) {
    const first = b.entries[0] as { para: Para };
    const text = paraOriginal(src, first.para).trim();
    diag('responsibility-merged', paraSpan(src, first.para, 0, first.para.text.length), {
      task: code,
      text: clip(text),
    });
  }

  function longTitle(para: Para, r: { from: number; to: number }) {
    const length = r.to - r.from;
    if (length > 60)
      diag('long-title', paraSpan(src, para, r.from, r.to), {
        length: String(length),
        text: clip(paraOriginal(src, para, r.from, r.to)),
      });
  }
}

function mergeResolved(list: readonly Resolved[]): Resolved {
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

function clip(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

function zeroSpan(): Span {
  return { start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

const bigramCache = new Map<string, Set<string>>();

function bigrams(text: string): Set<string> {
  const hit = bigramCache.get(text);
  if (hit) return hit;
  const out = new Set<string>();
  if (bigramCache.size > 1000) bigramCache.clear();
  bigramCache.set(text, out);
  for (let i = 0; i + 1 < text.length; i++) out.add(text.slice(i, i + 2));
  return out;
}

function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  const union = x.size + y.size - common;
  return union === 0 ? 0 : common / union;
}

const RATE_PARTS = /^(.*?)(具备|达到|掌握|参加|参与)(.+?)的?(?:比例|比率|比重|占比)$/;

function buildTargets(
  src: SourceText,
  textual: ReadonlyArray<{ para: Para; holder: Holder }>,
  ctx: StructureContext,
): { indicators: IndicatorInput[]; targets: TargetInput[] } {
  const { spans, diagnostics } = ctx;
  const indicators: IndicatorInput[] = [];
  const targets: TargetInput[] = [];
  const bySubject = new Map<string, IndicatorInput>();
  const perPath = new Map<string, number>();
  const made: Array<{ fact: NumericFact; target: TargetInput; index: number }> = [];
  const observations: Array<{ fact: NumericFact; para: Para }> = [];
  const record = (path: string, para: Para, from: number, to: number, confidence: number) => {
    spans[path] = { span: paraSpan(src, para, from, to), confidence, text: paraOriginal(src, para, from, to) };
  };

  for (const { para, holder } of textual) {
    if (!/\d/.test(para.text)) continue;
    for (const fact of extractNumericFacts(para.text, ctx.periodStart)) {
      if (fact.kind === 'observation') {
        observations.push({ fact, para });
        continue;
      }
      const year = fact.year ?? ctx.periodEnd;
      if (year === undefined) continue;
      const clauseText = paraOriginal(src, para, fact.clauseStart, fact.clauseEnd).trim();
      if (fact.year === undefined && fact.cadence !== 'every-year') {
        diagnostics.push(
          createDiagnostic('target-deadline-assumed', paraSpan(src, para, fact.clauseStart, fact.clauseEnd), {
            text: clauseText,
            year: String(year),
          }),
        );
      }
      if (fact.wordCarried || fact.wordMissing) {
        diagnostics.push(
          createDiagnostic('target-comparator-assumed', paraSpan(src, para, fact.clauseStart, fact.clauseEnd), {
            text: clauseText,
            word: fact.wordMissing ? '≥' : fact.word,
          }),
        );
      }
      const key = `${fact.subject}|${fact.unit}`;
      let indicator = bySubject.get(key);
      if (!indicator) {
        const literacy = fact.unit === '%' && /科学素质|科学素养/.test(fact.subject);
        const rateParts = fact.unit === '%' ? RATE_PARTS.exec(fact.subject) : null;
        const id =
          literacy && !indicators.some((x) => x.id === 'literacy-rate')
            ? 'literacy-rate'
            : `indicator-${shortHash(key)}`;
        indicator = {
          id,
          name: fact.subject,
          unit: fact.unit === '' ? '项' : fact.unit,
          valueType: rateParts ? 'rate' : 'number',
          temporal: fact.temporal,
          ...(rateParts
            ? {
                rate: {
                  numerator: `${rateParts[2]}${rateParts[3]}的${rateParts[1] || '对象'}`,
                  denominator: rateParts[1] || '对象',
                  scale: 100,
                },
              }
            : {}),
          dimensions: [],
          source: literacy ? 'survey' : 'report',
        };
        if (fact.unit === '%' && !rateParts) {
          diagnostics.push(
            createDiagnostic('rate-parts-unknown', paraSpan(src, para, fact.clauseStart, fact.clauseEnd), {
              name: fact.subject,
            }),
          );
        }
        bySubject.set(key, indicator);
        spans[`indicators[${indicators.length}]`] = {
          span: paraSpan(src, para, fact.clauseStart, fact.clauseEnd),
          confidence: 0.8,
          text: clauseText,
        };
        indicators.push(indicator);
      }
      if (fact.level) {
        const dims = indicator.dimensions ?? [];
        let dim = dims.find((d) => d.id === 'level');
        if (!dim) {
          dim = { id: 'level', name: '级别', categories: [] };
          dims.push(dim);
          indicator.dimensions = dims;
        }
        if (!dim.categories.some((c) => c.id === fact.level?.id))
          dim.categories.push({ id: fact.level.id, name: fact.level.name });
      }
      const n = (perPath.get(holder.path) ?? 0) + 1;
      perPath.set(holder.path, n);
      const index = targets.length;
      const target: TargetInput = {
        kind: 'quantitative',
        id: `target-${holder.path.replace(/\./g, '-')}-${n}`,
        title: clauseText,
        indicator: indicator.id,
        links: [holder.path],
        ...(fact.level ? { category: { level: fact.level.id } } : {}),
        deadline: { year },
        comparator:
          fact.op === 'range'
            ? { op: 'range', min: fact.value, max: fact.max, word: fact.word.slice(0, 100) }
            : { op: fact.op, value: fact.value, word: fact.word.slice(0, 100) },
        cadence: fact.cadence,
        provenance: { kind: 'document', quote: clauseText.slice(0, 2000) },
      };
      targets.push(target);
      made.push({ fact, target, index });
      const confidence = fact.wordCarried || fact.wordMissing ? 0.7 : 0.9;
      record(`targets[${index}]`, para, fact.clauseStart, fact.clauseEnd, confidence);
      record(`targets[${index}].comparator`, para, fact.numberStart, fact.numberEnd, confidence);
      if (fact.year !== undefined) record(`targets[${index}].deadline`, para, fact.clauseStart, fact.clauseEnd, 0.9);
    }
  }

  // An observed value (2020年…达到7.8%) is the baseline of the target it measures.
  for (const { fact, para } of observations) {
    const text = paraOriginal(src, para, fact.clauseStart, fact.clauseEnd).trim();
    let best: (typeof made)[number] | undefined;
    let bestScore = 0.3;
    for (const m of made) {
      if (m.fact.unit !== fact.unit || m.target.kind !== 'quantitative') continue;
      if (fact.year === undefined || m.target.deadline.year <= fact.year || m.target.baseline) continue;
      const score = similarity(fact.subject, m.fact.subject);
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    if (best && best.target.kind === 'quantitative' && fact.year !== undefined) {
      best.target.baseline = { value: fact.value, year: fact.year };
      record(`targets[${best.index}].baseline`, para, fact.clauseStart, fact.clauseEnd, 0.7);
      diagnostics.push(
        createDiagnostic('target-baseline-linked', paraSpan(src, para, fact.clauseStart, fact.clauseEnd), {
          text,
          target: best.target.title,
          year: String(fact.year),
        }),
      );
    } else {
      diagnostics.push(
        createDiagnostic('observation-unlinked', paraSpan(src, para, fact.clauseStart, fact.clauseEnd), {
          text,
          year: String(fact.year ?? ''),
        }),
      );
    }
  }
  return { indicators, targets };
}
