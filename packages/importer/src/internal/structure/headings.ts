import type { PartKind } from '@kepu/core';
import { parseResponsibility } from '../../responsibility-text.js';
import type { Para } from '../paragraphs.js';
import type { Block } from './outline.js';

/** What a part is for, from the words of its title. */
export function partKindOf(title: string): PartKind {
  if (/保障|组织实施/.test(title)) return 'safeguards';
  if (/指导思想|原则|总体要求|基本要求|目标任务|主要目标|工作目标|行动目标|发展目标/.test(title)) return 'guidance';
  if (/工程/.test(title)) return 'projects';
  if (/行动|任务|举措/.test(title)) return 'actions';
  if (/目标/.test(title)) return 'guidance';
  if (/前言|背景|形势|现状|意义/.test(title)) return 'preface';
  return 'other';
}

/** Where a heading's title ends in its paragraph (the first full stop, a run-in break or a colon). */
export function titleRange(para: Para, end: number): { from: number; to: number } {
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

const INLINE = /\(([^()]{2,200})\)\s*[。;.]?\s*$/;

/** The inline responsibility at a paragraph's end, if any: its block and where its bracket opens. */
export function inlineOf(para: Para, afterItem: number): { block: Block; open: number } | undefined {
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
