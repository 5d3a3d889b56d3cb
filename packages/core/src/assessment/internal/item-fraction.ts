import { type Explainer, type Explanation, formatNumber as f } from '../explanation.js';
import type { Review } from '../review.js';
import type { AssessmentItem } from '../scheme.js';
import type { ResolvedSource } from '../scorecard.js';
import { clamp } from './numbers.js';

/** The fraction an item earns from its sources, or `null` when nothing can be said. */
export function itemFraction(
  item: AssessmentItem,
  sources: readonly ResolvedSource[],
  policy: 'rescale' | 'zero',
  reviews: readonly Review[],
  ex: Explainer,
): { fraction: number | null; explanation: Explanation } {
  if (item.rule === 'reviewer') {
    if (reviews.length === 0) {
      return {
        fraction: null,
        explanation: ex.explain(() => ({
          rule: 'item.reviewer.missing',
          formula: '—',
          inputs: { reviews: 0 },
          text: {
            zh: '没有（附已归档佐证的）评审评分：未评估',
            en: 'no reviewer score (with filed evidence): not assessed',
          },
        })),
      };
    }
    const parts = reviews.map((r) => clamp(r.score / r.outOf, 0, 1));
    const fraction = parts.reduce((s, x) => s + x, 0) / parts.length;
    return {
      fraction,
      explanation: ex.explain(() => ({
        rule: 'item.reviewer',
        formula: `mean(${reviews.map((r) => `${f(r.score)}/${f(r.outOf)}`).join(', ')}) = ${f(fraction)}`,
        inputs: { reviews: reviews.length, reviewers: reviews.map((r) => r.reviewer.unit).join(',') },
        refs: reviews.map((r) => r.id).filter((x): x is string => x !== undefined),
        text: { zh: '评审评分（多条取平均）', en: 'the reviewers’ score (several are averaged)' },
      })),
    };
  }
  const field = item.rule === 'proportional' ? 'attainment' : 'achieved';
  const known = sources.filter((s) => s[field] !== null);
  const missing = sources.filter((s) => s[field] === null);
  const missingText = missing.length ? `; no data: ${missing.map((s) => s.ref).join(', ')}` : '';
  if (known.length === 0) {
    return {
      fraction: null,
      explanation: ex.explain(() => ({
        rule: `item.${item.rule}.missing`,
        formula: `no source with data (${sources.map((s) => s.ref).join(', ')})`,
        inputs: { sources: sources.length },
        text: { zh: '所依据的目标或任务均无数据：未评估', en: 'none of its targets or tasks has data: not assessed' },
      })),
    };
  }
  const counted = policy === 'zero' ? sources : known;
  const scoreOf = (s: ResolvedSource): number =>
    item.rule === 'proportional' ? (s.attainment ?? 0) : s.achieved === true ? 1 : 0;
  if (item.rule === 'all-or-nothing') {
    // Missing sources follow the policy like in the other rules: left out (rescale) or counted as
    // not achieved (zero). So an item is never left undecided while some of its sources have data.
    const failed = known.some((s) => s.achieved === false) || (policy === 'zero' && missing.length > 0);
    const fraction = failed ? 0 : 1;
    return {
      fraction,
      explanation: ex.explain(() => ({
        rule: 'item.all-or-nothing',
        formula: `${known.map((s) => `${s.ref}:${s.achieved ? 'achieved' : 'not achieved'}`).join(', ')}${missingText}${missing.length ? (policy === 'zero' ? ' (counted as not achieved)' : ' (left out)') : ''} → ${fraction}`,
        inputs: {
          sources: sources.length,
          achieved: known.filter((s) => s.achieved).length,
          missing: missing.length,
          policy,
        },
        text: {
          zh: '全部完成得满分，否则不得分（不完成不得分）',
          en: 'full points when every source is achieved, otherwise none',
        },
      })),
    };
  }
  let num = 0;
  let den = 0;
  for (const s of counted) {
    num += s.weight * scoreOf(s);
    den += s.weight;
  }
  const fraction = den > 0 ? clamp(num / den, 0, 1) : null;
  const terms = counted.map((s) => `${f(s.weight)}×${f(scoreOf(s))}`).join(' + ');
  return {
    fraction,
    explanation: ex.explain(() => ({
      rule: `item.${item.rule}`,
      formula: `(${terms}) / ${f(den)} = ${f(fraction)}${missingText}${missing.length ? (policy === 'zero' ? ' (counted as 0)' : ' (left out)') : ''}`,
      inputs: { sources: sources.length, withData: known.length, policy },
      text:
        item.rule === 'proportional'
          ? {
              zh: '按各来源完成度（自基线起算）加权平均计分',
              en: 'the weighted mean attainment of its sources (from their baselines)',
            }
          : {
              zh: '按完成的来源所占权重比例计分（完不成的按比例扣分）',
              en: 'the weighted share of its sources achieved (pro rata)',
            },
    })),
  };
}
