import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import { sortReviews } from './evaluate/qualitative.js';
import type { TargetEvaluation } from './evaluate-target.js';
import { type Explanation, explainerFor, formatNumber as f } from './explanation.js';
import type { Award, DeductionRecord, Incident, SelfScore } from './inputs.js';
import { allocate, apportion, six } from './internal/apportion.js';
import { itemFraction } from './internal/item-fraction.js';
import { appliesTo, resolveSources } from './internal/item-sources.js';
import { clamp, round4 } from './internal/numbers.js';
import type { Review } from './review.js';
import type { AssessmentItem, ItemSource, ScoreSheet } from './scheme.js';
import type { BreakdownLine, ItemScore, ResolvedSource, TaskResult, UnitScore } from './scorecard.js';

/**
 * Everything a sheet is scored from, already evaluated. Built by {@link assess} (or an
 * incremental assessor) and handed to {@link scoreSheet}.
 *
 * @example
 * ```ts
 * import type { SheetScoringInput } from '@kepu/core';
 * ```
 */
export interface SheetScoringInput {
  readonly plan: Plan;
  readonly sheet: ScoreSheet;
  readonly members: readonly string[];
  readonly targets: ReadonlyMap<string, TargetEvaluation>;
  readonly tasks: ReadonlyMap<string, TaskResult>;
  /** A target evaluated on one unit's own observations, with an optional own threshold. */
  readonly ownEvaluation: (source: Extract<ItemSource, { kind: 'target' }>, unit: string) => TargetEvaluation;
  /** Reviews of the period with filed evidence, by `item|unit`. */
  readonly itemReviews: ReadonlyMap<string, readonly Review[]>;
  /** Self-scores of the period, by `item|unit`. */
  readonly selfScores: ReadonlyMap<string, SelfScore>;
  readonly awards: ReadonlyMap<string, readonly Award[]>;
  readonly deductions: ReadonlyMap<string, readonly DeductionRecord[]>;
  readonly incidents: ReadonlyMap<string, readonly Incident[]>;
  /**
   * Whether to build explanations; `false` gives the same numbers, each explanation being
   * `NOT_EXPLAINED` (bulk mode).
   * @default true
   */
  readonly explain?: boolean;
}

/**
 * Scores one unit on its sheet: every item, the bonus (capped), the deductions, vetoes, and a
 * breakdown whose lines add up to the score. Grade and rank are set by {@link scoreSheet}, which
 * sees every unit. Pure.
 *
 * Items weigh by points: each item's full points are its weight ÷ the total weight of the items
 * that apply to the unit × the sheet's `maxScore`. An item without data is `not-assessed`; with
 * policy `rescale` it is left out and the others are scaled up, with `zero` it counts 0. Scores
 * carry four decimals; the bonus adds at most its cap (`min`, never `max`); deductions are
 * subtracted; the result is kept within [0, maxScore] by a visible `bounds` line.
 *
 * @example
 * ```ts
 * import { scoreUnit } from '@kepu/core';
 * const u = scoreUnit(input, 'education');
 * u.breakdown.reduce((s, l) => s + l.points, 0); // u.score
 * ```
 */
export function scoreUnit(input: SheetScoringInput, unit: string): UnitScore {
  const { sheet, plan } = input;
  const ex = explainerFor(input.explain);
  const orgUnit = indexPlan(plan).units.get(unit);
  const sheetTotal = sheet.groups.reduce((s, g) => s + g.items.reduce((t, i) => t + i.points, 0), 0);
  type Draft = {
    item: AssessmentItem;
    group: string;
    sources: ResolvedSource[];
    fraction: number | null;
    policy: 'rescale' | 'zero';
    explanation: Explanation;
  };
  const drafts: Draft[] = [];
  for (const group of sheet.groups) {
    for (const item of group.items) {
      const sources = resolveSources(input, item, unit);
      if (!appliesTo(item, unit, sources)) continue;
      const policy = item.missing ?? sheet.missing.policy;
      const reviews = sortReviews(input.itemReviews.get(`${item.id}|${unit}`) ?? []);
      const { fraction, explanation } = itemFraction(item, sources, policy, reviews, ex);
      drafts.push({ item, group: group.id, sources, fraction, policy, explanation });
    }
  }
  let applicable = 0;
  let assessedWeight = 0;
  let countedWeight = 0;
  for (const d of drafts) {
    applicable += d.item.points;
    if (d.fraction !== null) assessedWeight += d.item.points;
    if (d.fraction !== null || d.policy === 'zero') countedWeight += d.item.points;
  }
  const max = sheet.maxScore;
  const coverage = applicable > 0 ? assessedWeight / applicable : 0;
  const fullAllocation = allocate(
    drafts.map((d) => d.item.points),
    max,
  );
  const countedAllocation = allocate(
    drafts.map((d) => (d.fraction !== null || d.policy === 'zero' ? d.item.points : 0)),
    max,
  );
  // What each item earns, exactly; the total is rounded once, then apportioned back to the items
  // to four decimals so that the breakdown adds up to it (rounding each item on its own would
  // leave a unit at 80% everywhere with 80.0003).
  const exact = drafts.map((d, k) => (d.fraction !== null ? d.fraction * (countedAllocation[k] as number) : 0));
  const earned = apportion(exact, round4(exact.reduce((sum, x) => sum + x, 0)));
  const items: ItemScore[] = drafts.map((d, k) => {
    const fullPoints = fullAllocation[k] as number;
    const maxPoints = countedAllocation[k] as number;
    const points = d.fraction !== null ? (earned[k] as number) : d.policy === 'zero' ? 0 : null;
    const self = input.selfScores.get(`${d.item.id}|${unit}`);
    return {
      item: d.item.id,
      group: d.group,
      name: d.item.name,
      nameEn: d.item.nameEn ?? null,
      rule: d.item.rule,
      weight: d.item.points,
      fullPoints,
      maxPoints,
      status: d.fraction === null ? 'not-assessed' : 'assessed',
      policy: d.policy,
      fraction: d.fraction,
      points,
      self: self
        ? { score: self.score, outOf: self.outOf, points: round4(clamp(self.score / self.outOf, 0, 1) * fullPoints) }
        : null,
      sources: d.sources,
      explanation: ex.explain(
        (): Explanation =>
          d.fraction === null
            ? {
                ...d.explanation,
                formula: `${d.explanation.formula} → ${d.policy === 'zero' ? 'counted as 0 of' : 'left out; others rescaled, of'} ${f(fullPoints)}`,
                text: {
                  zh: `${d.explanation.text.zh}；${d.policy === 'zero' ? '按方案计 0 分（已标明）' : '不计入，其余考核项按比例折算'}`,
                  en: `${d.explanation.text.en}; ${d.policy === 'zero' ? 'counted as 0 by the scheme (marked)' : 'left out, the other items rescaled'}`,
                },
              }
            : {
                ...d.explanation,
                formula: `${d.explanation.formula}; ${f(d.fraction)} × ${f(maxPoints)} = ${six(exact[k] as number)}${six(exact[k] as number) === f(points) ? '' : ` ≈ ${f(points)}`}`,
                inputs: { ...d.explanation.inputs, weight: d.item.points, maxPoints },
              },
      ),
    };
  });

  // Bonus, deductions, vetoes.
  const awardLines: Array<{ award: string; count: number; points: number }> = [];
  let rawBonus = 0;
  for (const a of sortRecords(input.awards.get(unit) ?? [], (x) => x.award)) {
    const def = sheet.bonus.awards.find((x) => x.id === a.award);
    if (!def) continue;
    const pts = round4(def.points * a.count);
    awardLines.push({ award: a.award, count: a.count, points: pts });
    rawBonus += pts;
  }
  rawBonus = round4(rawBonus);
  const bonus = round4(Math.min(rawBonus, sheet.bonus.cap));
  const deductionLines: Array<{ deduction: string; count: number; points: number; formula: string }> = [];
  const byRule = new Map<string, number>();
  for (const d of input.deductions.get(unit) ?? []) byRule.set(d.deduction, (byRule.get(d.deduction) ?? 0) + d.count);
  for (const rule of sheet.deductions) {
    const count = byRule.get(rule.id);
    if (count === undefined) continue;
    let each: number;
    let base: string;
    if (rule.basis === 'points') {
      each = rule.points;
      base = `${f(rule.points)}`;
    } else {
      const item = sheet.groups.flatMap((g) => g.items).find((i) => i.id === rule.item);
      const full = item && sheetTotal > 0 ? (item.points / sheetTotal) * max : 0;
      each = (rule.percent / 100) * full;
      base = `${f(rule.percent)}% × ${f(full)} (full points of ${rule.item})`;
    }
    const raw = each * count;
    const pts = round4(rule.max === undefined ? raw : Math.min(raw, rule.max));
    deductionLines.push({
      deduction: rule.id,
      count,
      points: pts,
      formula: `${count} × ${base} = ${f(raw)}${rule.max !== undefined ? `, capped at ${f(rule.max)} → ${f(pts)}` : ''}`,
    });
  }
  const deductionTotal = round4(deductionLines.reduce((s, l) => s + l.points, 0));
  const vetoes = (input.incidents.get(unit) ?? [])
    .map((x) => ({
      veto: x.veto,
      name: sheet.vetoes.find((v) => v.id === x.veto)?.name ?? x.veto,
      note: x.note ?? null,
    }))
    .sort((a, b) => a.veto.localeCompare(b.veto) || (a.note ?? '').localeCompare(b.note ?? ''));

  const groups = sheet.groups.map((g) => {
    const own = items.filter((i) => i.group === g.id);
    return {
      group: g.id,
      name: g.name,
      nameEn: g.nameEn ?? null,
      maxPoints: round4(own.reduce((s, i) => s + i.maxPoints, 0)),
      points: round4(own.reduce((s, i) => s + (i.points ?? 0), 0)),
    };
  });

  const base = {
    unit,
    name: orgUnit?.name ?? unit,
    nameEn: orgUnit?.nameEn ?? null,
    sheet: sheet.id,
    coverage: round4(coverage),
    vetoed: vetoes.length > 0,
    vetoes,
    cappedFromTopGrade: false,
    groups,
    items,
    bonus: { raw: rawBonus, cap: sheet.bonus.cap, points: bonus, awards: awardLines },
    deductions: { points: deductionTotal, lines: deductionLines },
    selfScore: items.some((i) => i.self) ? round4(items.reduce((s, i) => s + (i.self?.points ?? 0), 0)) : null,
    selfScoreAudited: items.some((i) => i.self)
      ? round4(items.reduce((s, i) => s + (i.self ? (i.points ?? 0) : 0), 0))
      : null,
  };

  const notAssessedReason =
    applicable <= 0
      ? ('no-applicable-items' as const)
      : coverage + 1e-12 < sheet.missing.minCoverage || countedWeight <= 0
        ? ('coverage-below-minimum' as const)
        : null;
  if (notAssessedReason !== null) {
    const why: Explanation = ex.explain(() => ({
      rule: `unit.${notAssessedReason}`,
      formula:
        notAssessedReason === 'no-applicable-items'
          ? 'no item applies (or none can be counted)'
          : `coverage ${f(coverage)} < minimum ${f(sheet.missing.minCoverage)}`,
      inputs: { coverage, minCoverage: sheet.missing.minCoverage, applicableWeight: applicable, assessedWeight },
      text:
        notAssessedReason === 'no-applicable-items'
          ? {
              zh: '没有适用于该单位的考核项：未评估，不给分数、等次和名次',
              en: 'no item applies to this unit: not assessed, no score, grade or rank',
            }
          : {
              zh: `有数据的考核项分值占比 ${f(coverage)} 低于方案要求的 ${f(sheet.missing.minCoverage)}：未评估，不给分数、等次和名次`,
              en: `items with data weigh ${f(coverage)} of the sheet, below the required ${f(sheet.missing.minCoverage)}: not assessed, no score, grade or rank`,
            },
    }));
    return {
      ...base,
      assessed: false,
      reason: notAssessedReason,
      score: null,
      grade: null,
      rank: null,
      breakdown: [],
      explanations: { score: why, grade: null, rank: null },
    };
  }

  const itemSum = round4(items.reduce((s, i) => s + (i.points ?? 0), 0));
  const raw = round4(itemSum + bonus - deductionTotal);
  const score = round4(clamp(raw, 0, max));
  const bounds = round4(score - raw);
  const breakdown: BreakdownLine[] = [
    ...items
      .filter((i) => i.points !== null)
      .map((i) => ({ kind: 'item' as const, ref: i.item, points: i.points as number })),
    ...(bonus !== 0 ? [{ kind: 'bonus' as const, ref: 'bonus', points: bonus }] : []),
    ...deductionLines.map((l) => ({ kind: 'deduction' as const, ref: l.deduction, points: -l.points })),
    ...(bounds !== 0 ? [{ kind: 'bounds' as const, ref: 'bounds', points: bounds }] : []),
  ];
  const rescaled = items.some((i) => i.status === 'not-assessed' && i.policy === 'rescale');
  return {
    ...base,
    assessed: true,
    reason: null,
    score,
    grade: null,
    rank: null,
    breakdown,
    explanations: {
      score: ex.explain(() => ({
        rule: 'unit.score',
        formula: `items ${f(itemSum)} + bonus min(${f(rawBonus)}, cap ${f(sheet.bonus.cap)}) = ${f(bonus)} − deductions ${f(deductionTotal)}${bounds !== 0 ? ` → kept within [0, ${f(max)}]` : ''} = ${f(score)}`,
        inputs: {
          items: itemSum,
          bonus,
          bonusRaw: rawBonus,
          bonusCap: sheet.bonus.cap,
          deductions: deductionTotal,
          bounds,
          coverage,
          rescaled,
        },
        text: rescaled
          ? {
              zh: '各考核项得分之和（部分考核项无数据，未计入，其余按比例折算）加奖励分（不超过上限）减扣分',
              en: 'the sum of the items (some had no data and were left out, the others rescaled), plus the capped bonus, minus deductions',
            }
          : {
              zh: '各考核项得分之和加奖励分（不超过上限）减扣分；各项得分保留四位小数，合计先取整再按最大余数分回各项，使分项之和等于总分',
              en: 'the sum of the items, plus the bonus (never above its cap), minus deductions; items carry four decimals, apportioned by largest remainder so that they add up to the rounded total',
            },
      })),
      grade: null,
      rank: null,
    },
  };
}

function sortRecords<T>(list: readonly T[], key: (x: T) => string): T[] {
  return [...list].sort((a, b) => key(a).localeCompare(key(b)));
}
