import { createDiagnostic } from '../../diagnostics.js';
import { shortHash } from '../hash.js';
import { extractNumericFacts, type NumericFact } from '../numeric-facts.js';
import { type Para, paraOriginal, paraSpan } from '../paragraphs.js';
import type { StructureKit } from './kit.js';
import type { IndicatorInput, TargetInput, TextEntry } from './outline.js';

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

/** How many targets before and after an observation may take it as their baseline. */
const BASELINE_WINDOW = 64;

const RATE_PARTS = /^(.*?)(具备|达到|掌握|参加|参与)(.+?)的?(?:比例|比率|比重|占比)$/;

/**
 * Reads the numbers in the text into indicators and targets linked to the node each paragraph
 * belongs to: comparator, unit, deadline (assumed to be the period's end when not printed, with a
 * diagnostic) and cadence; an observed value (2020年…达到7.8%) becomes the baseline of the target
 * whose subject it resembles most.
 */
export function buildTargets(
  kit: StructureKit,
  textual: readonly TextEntry[],
): { indicators: IndicatorInput[]; targets: TargetInput[] } {
  const { src, ctx, record } = kit;
  const { spans, diagnostics } = ctx;
  const indicators: IndicatorInput[] = [];
  const targets: TargetInput[] = [];
  const bySubject = new Map<string, IndicatorInput>();
  const perPath = new Map<string, number>();
  const made: Array<{ fact: NumericFact; target: TargetInput; index: number }> = [];
  const observations: Array<{ fact: NumericFact; para: Para; at: number }> = [];
  for (const { para, holder } of textual) {
    if (!/\d/.test(para.text)) continue;
    for (const fact of extractNumericFacts(para.text, ctx.periodStart)) {
      if (fact.kind === 'observation') {
        observations.push({ fact, para, at: made.length });
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
  // Only the targets stated near an observation are its candidates (a plan states its baseline in
  // the preface and the goal soon after): a window keeps the matching linear in the text's length.
  for (const { fact, para, at } of observations) {
    const text = paraOriginal(src, para, fact.clauseStart, fact.clauseEnd).trim();
    let best: (typeof made)[number] | undefined;
    let bestScore = 0.3;
    for (const m of made.slice(Math.max(0, at - BASELINE_WINDOW), at + BASELINE_WINDOW)) {
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
