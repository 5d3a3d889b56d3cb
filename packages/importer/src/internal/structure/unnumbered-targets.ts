import { createDiagnostic } from '../../diagnostics.js';
import { shortHash } from '../hash.js';
import { paraOriginal, paraSpan } from '../paragraphs.js';
import type { StructureKit } from './kit.js';
import type { IndicatorInput, TargetInput, TextEntry } from './outline.js';

/** A growth word closing a clause: the subject must rise every year. */
const GROWTH = /^(.{2,40}?)(持续增长|逐年增长|稳步增长|不断增长|逐步提高|逐年提高|持续提高|逐年增加|持续增加)$/;
/** What a growth statement can be about: something counted or paid. */
const MEASURABLE = /(?:人数|数量|量|经费|投入|规模|比例|覆盖率|次数|场次)$/;
/** A noun phrase for an amount named earlier in the sentence (将科普经费列入…, …逐步提高). */
const AMOUNT = /([\u4e00-\u9fff]{1,6}?(?:经费|投入))/g;
const VERBS = /^(?:并|且|要|应|使|实现|推动|确保|力争|促进|保持|保障)+/;
/** A requirement every unit must meet, without a number (每所学校要配备专(兼)职科技辅导员). */
const EVERY =
  /^每(?:所|个|家|名|处)[^,，;；。]{1,20}?(?:要|均|都|应|须|必须)?(?:配备|建有|建成|设立|设有|拥有|开设|建立)/;

/**
 * Reads the targets a plan states without a printed number: a growth statement (注册人数和传播量持续
 * 增长, 科普经费…逐步提高) becomes a growth target (> 0 against the year before, every year), and a
 * requirement on every unit (每所学校要配备…) a qualitative target for a reviewer. Each is a note at
 * its clause, since the reading is ours; they follow the numeric targets, whose order stays.
 */
export function buildUnnumberedTargets(
  kit: StructureKit,
  textual: readonly TextEntry[],
  indicators: IndicatorInput[],
  targets: TargetInput[],
): void {
  const { src, ctx, record } = kit;
  const year = ctx.periodEnd;
  if (year === undefined) return;
  const perPath = new Map<string, number>();
  const add = (
    path: string,
    name: string,
    judged: boolean,
    make: (indicator: string, id: string) => TargetInput,
    at: { para: TextEntry['para']; from: number; to: number },
  ) => {
    const indicatorId = `indicator-${shortHash(`${name}|unnumbered`)}`;
    if (!indicators.some((x) => x.id === indicatorId)) {
      indicators.push({
        id: indicatorId,
        name,
        unit: judged ? '' : '项',
        valueType: judged ? 'judgement' : 'number',
        temporal: 'stock',
        dimensions: [],
        source: judged ? 'review' : 'report',
      });
    }
    const n = (perPath.get(path) ?? 0) + 1;
    perPath.set(path, n);
    const target = make(indicatorId, `target-${path.replace(/\./g, '-')}-u${n}`);
    record(`targets[${targets.length}]`, at.para, at.from, at.to, 0.6);
    targets.push(target);
  };
  for (const { para, holder } of textual) {
    if (!/增长|提高|增加|每/.test(para.text)) continue;
    const text = para.text;
    const re = /[^,，;；。!?！？]+/g;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const clause = m[0].trim();
      if (/\d/.test(clause)) continue;
      const from = m.index + (m[0].length - m[0].trimStart().length);
      const to = from + clause.length;
      const quote = paraOriginal(src, para, from, to).trim();
      const span = paraSpan(src, para, from, to);
      const g = GROWTH.exec(clause);
      if (g) {
        const word = g[2] as string;
        let subjects = (g[1] as string).replace(VERBS, '').split(/和|以及|及|、/);
        if (!subjects.every((x) => MEASURABLE.test(x))) {
          const sentenceStart = text.lastIndexOf('。', m.index) + 1;
          // The amount named nearest before the clause, after its verb (将科普经费列入… → 科普经费).
          const earlier = [...text.slice(sentenceStart, m.index).matchAll(AMOUNT)].pop();
          subjects = earlier ? [(earlier[1] as string).replace(/^.*[将把对]/, '').replace(VERBS, '')] : [];
        }
        for (const subject of subjects) {
          const title = `${subject}${word}`;
          add(
            holder.path,
            subject,
            false,
            (indicator, id) => ({
              kind: 'quantitative',
              id,
              title,
              indicator,
              links: [holder.path],
              deadline: { year },
              comparator: { op: 'gt', value: 0, word },
              cadence: 'year-on-year-growth',
              provenance: {
                kind: 'document',
                quote: quote.slice(0, 2000),
                note: `${word} read as growth against the year before, every year`,
              },
            }),
            { para, from, to },
          );
          ctx.diagnostics.push(createDiagnostic('target-growth-read', span, { text: quote, title }));
        }
        continue;
      }
      if (EVERY.test(clause)) {
        add(
          holder.path,
          clause,
          true,
          (indicator, id) => ({
            kind: 'qualitative',
            id,
            title: quote.slice(0, 500),
            indicator,
            links: [holder.path],
            deadline: { year },
            judgement: { by: 'reviewer', criteria: quote.slice(0, 2000), evidence: [] },
            provenance: {
              kind: 'document',
              quote: quote.slice(0, 2000),
              note: 'no number printed: judged by a reviewer',
            },
          }),
          { para, from, to },
        );
        ctx.diagnostics.push(createDiagnostic('target-qualitative-read', span, { text: quote }));
      }
    }
  }
}
