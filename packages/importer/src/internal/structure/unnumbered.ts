import type { PartKind } from '@kepu/core';
import { zeroSpan } from '../clip.js';
import { type Para, paraSpan } from '../paragraphs.js';
import type { StructureKit } from './kit.js';
import type { OutlineItem, OutlineSection } from './outline.js';

/**
 * Makes tasks of a section that has responsibilities but no numbered items: each paragraph with
 * its own inline statement becomes a task (`三（三）-1`), or, with one statement only, the whole
 * section is one task. Text paragraphs follow their new task, so its targets link to it.
 */
export function promoteUnnumbered(kit: StructureKit, s: OutlineSection, kind: PartKind): void {
  const { src, diag } = kit;
  const sHead = s.para;
  if (s.items.length > 0) return;
  if (s.inlineParas.length >= 2) {
    const entryOf = new Map(s.entries.map((entry) => [entry.para, entry]));
    s.inlineParas.forEach(({ para, block: b }, k) => {
      const it: OutlineItem = {
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
  } else if ((s.inlineParas.length === 1 || s.blocks.length > 0) && kind !== 'guidance') {
    const only = s.inlineParas[0];
    const it: OutlineItem = {
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
    // The section's heading and text paragraphs now belong to its one task.
    for (const entry of s.entries) entry.holder = it;
    diag('section-as-task', sHead ? paraSpan(src, sHead, 0, sHead.text.length) : zeroSpan(), { code: s.code });
  }
}
