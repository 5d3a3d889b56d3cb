import { type Para, paraOriginal } from '../paragraphs.js';
import type { StructureKit } from './kit.js';
import type { PrincipleInput } from './outline.js';

/** Reads the —— lines of a section on principles (工作原则) into `principles`, title before the first stop. */
export function readPrinciples(kit: StructureKit, paras: readonly Para[], principles: PrincipleInput[]): void {
  const { src, record } = kit;
  for (const para of paras) {
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
