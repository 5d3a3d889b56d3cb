import { createDiagnostic, type ImportDiagnostic } from '../diagnostics.js';
import { HEADING_MARKERS, type HeadingMarker, type Para, paraOriginal, paraSpan } from './paragraphs.js';
import type { SourceText } from './source-text.js';

const RANK = new Map<HeadingMarker, number>(HEADING_MARKERS.map((m, i) => [m, i]));
const CHINESE: readonly HeadingMarker[] = ['chapter', 'jie', 'cn', 'cn-paren'];
/** The level each marker has in the usual hierarchy 一、（一）1.（1）: a different one is worth a note. */
const USUAL: Record<HeadingMarker, 1 | 2 | 3 | 4> = {
  chapter: 1,
  jie: 2,
  cn: 1,
  'cn-paren': 2,
  num: 3,
  'num-paren': 4,
  circled: 4,
};
const ROLE = { 1: '部分', 2: '节', 3: '任务或条目', 4: '条目内的要点' } as const;

/**
 * Sets each heading's level from the numbering hierarchy the document actually uses, not from
 * its marker alone. The outermost part marker present (第一章 or 第一部分, else 一、) numbers the
 * parts and the next Chinese-numeral marker the sections (一、 and （一）, or 第一章 and 第一节, or 第一部分 and 一、); a heading below a part or
 * section is an item, whatever its marker ((1) tasks under （一）, 一、 tasks under 第一节), and a
 * heading below an item is a point in its text. Where a marker takes a level other than the
 * usual one, an `heading-level-detected` note says so at its first use. Linear.
 */
export function assignLevels(src: SourceText, paras: readonly Para[], diagnostics: ImportDiagnostic[]): void {
  const present = new Set<HeadingMarker>();
  for (const p of paras) if (p.kind === 'heading' && p.marker) present.add(p.marker);
  const chinese = CHINESE.filter((m) => present.has(m));
  // Only a marker that can number parts does (a lone （一） is a section of an unnumbered part).
  const partMarker = chinese.find((m) => USUAL[m] === 1);
  const sectionMarker = partMarker ? chinese[chinese.indexOf(partMarker) + 1] : chinese[0];
  const stack: Array<{ rank: number; level: 1 | 2 | 3 | 4 }> = [];
  const noted = new Set<string>();
  for (const p of paras) {
    if (p.kind !== 'heading' || !p.marker) continue;
    const rank = RANK.get(p.marker) as number;
    while (stack.length > 0 && (stack[stack.length - 1]?.rank as number) >= rank) stack.pop();
    const parent = stack[stack.length - 1];
    const level: 1 | 2 | 3 | 4 =
      p.marker === partMarker ? 1 : p.marker === sectionMarker ? 2 : !parent || parent.level <= 2 ? 3 : 4;
    p.level = level;
    stack.push({ rank, level });
    const key = `${p.marker}:${level}`;
    if (level !== USUAL[p.marker] && !noted.has(key)) {
      noted.add(key);
      const marker = paraOriginal(src, p, 0, p.contentStart ?? 1).trim();
      diagnostics.push(
        createDiagnostic('heading-level-detected', paraSpan(src, p, 0, p.contentStart ?? 1), {
          marker,
          role: ROLE[level],
        }),
      );
    }
  }
}
