import type { Plan, Task } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import { sortReviews } from './evaluate/qualitative.js';
import type { TargetEvaluation } from './evaluate-target.js';
import { EXPLAINING, type Explainer, type Explanation, explainerFor, formatNumber as f } from './explanation.js';
import { bandBelow, capTopGrade, gradeOf, lowestBand, topBand, topGradeSeats } from './grade.js';
import type { Award, DeductionRecord, Incident, SelfScore } from './inputs.js';
import { clamp, nearlyEqual, round4 } from './internal/numbers.js';
import { competitionRanks } from './rank.js';
import type { Review } from './review.js';
import type { AssessmentItem, ItemSource, ScoreSheet } from './scheme.js';
import type { BreakdownLine, ItemScore, ResolvedSource, SheetResult, TaskResult, UnitScore } from './scorecard.js';

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

const rolesCache = new WeakMap<Plan, Map<string, Array<{ task: Task; role: 'lead' | 'partner' }>>>();

function tasksWithRole(
  plan: Plan,
  unit: string,
  roles: readonly ('lead' | 'partner')[],
): Array<{ task: Task; role: 'lead' | 'partner' }> {
  let byUnit = rolesCache.get(plan);
  if (!byUnit) {
    byUnit = new Map();
    rolesCache.set(plan, byUnit);
  }
  let all = byUnit.get(unit);
  if (!all) {
    const index = indexPlan(plan);
    all = [];
    for (const { task } of index.tasks) {
      let role: 'lead' | 'partner' | null = null;
      if (task.leads.includes(unit)) role = 'lead';
      else if (task.partners.some((p) => p === unit || index.groupMembers.get(p)?.includes(unit))) role = 'partner';
      if (role !== null) all.push({ task, role });
    }
    byUnit.set(unit, all);
  }
  return all.filter((x) => roles.includes(x.role));
}
function resolveSources(input: SheetScoringInput, item: AssessmentItem, unit: string): ResolvedSource[] {
  const out: ResolvedSource[] = [];
  for (const source of item.sources) {
    if (source.kind === 'target') {
      const e = source.scope === 'own' ? input.ownEvaluation(source, unit) : input.targets.get(source.target);
      out.push({
        kind: 'target',
        ref: source.target,
        scope: source.scope,
        role: null,
        weight: source.weight,
        attainment: e?.attainment ?? null,
        achieved: e?.met ?? null,
        status: e?.status ?? 'no-data',
      });
    } else if (source.kind === 'task') {
      const t = input.tasks.get(source.task);
      out.push({
        kind: 'task',
        ref: source.task,
        scope: 'county',
        role: null,
        weight: source.weight,
        attainment: t?.result ?? null,
        achieved: t?.result == null ? null : t.result >= 1 || nearlyEqual(t.result, 1),
        status: t?.assessed ? 'assessed' : 'not-assessed',
      });
    } else {
      for (const { task, role } of tasksWithRole(input.plan, unit, source.roles)) {
        const share = input.sheet.sharing[role];
        if (!(share > 0)) continue;
        const t = input.tasks.get(task.path);
        out.push({
          kind: 'task',
          ref: task.path,
          scope: 'county',
          role,
          weight: source.weight * share,
          attainment: t?.result ?? null,
          achieved: t?.result == null ? null : t.result >= 1 || nearlyEqual(t.result, 1),
          status: t?.assessed ? 'assessed' : 'not-assessed',
        });
      }
    }
  }
  return out.filter((s) => s.weight > 0);
}

function applies(item: AssessmentItem, unit: string, sources: readonly ResolvedSource[]): boolean {
  if (item.appliesTo && !item.appliesTo.includes(unit)) return false;
  if (item.rule === 'reviewer') return true;
  return sources.length > 0;
}

/** The fraction an item earns from its sources, or `null` when nothing can be said. */
function fractionOf(
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
      if (!applies(item, unit, sources)) continue;
      const policy = item.missing ?? sheet.missing.policy;
      const reviews = sortReviews(input.itemReviews.get(`${item.id}|${unit}`) ?? []);
      const { fraction, explanation } = fractionOf(item, sources, policy, reviews, ex);
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

/**
 * Splits `total` points among weights in proportion, to four decimals, so that the shares add up
 * to `total` exactly: each share is rounded down to 0.0001 and the units left over go to the
 * largest remainders (earlier items first on ties) — the largest-remainder method. Without it,
 * three equal items of a 100-point sheet would be worth 33.3333 each and a perfect unit would
 * score 99.9999.
 */
function allocate(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (!(sum > 0)) return weights.map(() => 0);
  const units = Math.round(total * 10_000);
  const raw = weights.map((w) => (w / sum) * units);
  const floors = raw.map((r) => Math.floor(r + 1e-9));
  let left = units - floors.reduce((s, x) => s + x, 0);
  const order = raw
    .map((r, i) => ({ i, rest: r - (floors[i] as number) }))
    .filter((x) => (weights[x.i] as number) > 0)
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left--;
  }
  // The 1e-9 slack can round a share up; give such units back from the smallest remainders.
  for (const { i } of [...order].reverse()) {
    if (left >= 0) break;
    if ((floors[i] as number) > 0) {
      floors[i] = (floors[i] as number) - 1;
      left++;
    }
  }
  return floors.map((f) => f / 10_000);
}

/** Up to six decimals: enough to show the product before it is apportioned to four. */
function six(value: number): string {
  const r = Math.round(value * 1_000_000) / 1_000_000;
  return String(r === 0 ? 0 : r);
}

/**
 * Rounds values to four decimals so that they add up to `total` (itself on four decimals): each
 * value rounded down, then the 0.0001 units left over given to the largest remainders (earlier
 * ones first on ties).
 */
function apportion(values: readonly number[], total: number): number[] {
  const floors = values.map((v) => Math.floor(v * 10_000 + 1e-7));
  let left = Math.round(total * 10_000) - floors.reduce((s, x) => s + x, 0);
  const order = values
    .map((v, i) => ({ i, rest: v * 10_000 - (floors[i] as number) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left--;
  }
  for (const { i } of [...order].reverse()) {
    if (left >= 0) break;
    if ((floors[i] as number) > 0) {
      floors[i] = (floors[i] as number) - 1;
      left++;
    }
  }
  return floors.map((f) => f / 10_000);
}

function sortRecords<T>(list: readonly T[], key: (x: T) => string): T[] {
  return [...list].sort((a, b) => key(a).localeCompare(key(b)));
}

/**
 * Scores every member of a sheet, then grades and ranks them: a veto gives the lowest grade;
 * otherwise the band of the score, with the cap on the top grade's share applied (see
 * `capTopGrade`); ranks are competition ranks by score, vetoed units after the others, units not
 * assessed unranked and listed last. Pure.
 *
 * @example
 * ```ts
 * import { scoreSheet } from '@kepu/core';
 * const result = scoreSheet(input);
 * result.units.map((u) => [u.rank, u.name, u.score, u.grade?.name]);
 * ```
 */
export function scoreSheet(input: SheetScoringInput, scored?: readonly UnitScore[]): SheetResult {
  const { sheet } = input;
  const units = scored ?? input.members.map((u) => scoreUnit(input, u));
  return gradeAndRank(sheet, units, undefined, explainerFor(input.explain));
}

/**
 * Grades and ranks units already scored on one sheet (see {@link scoreSheet}). Pure.
 *
 * @example
 * ```ts
 * import { gradeAndRank } from '@kepu/core';
 * gradeAndRank(sheet, units).units[0]?.rank; // 1
 * ```
 */
export function gradeAndRank(
  sheet: ScoreSheet,
  units: readonly UnitScore[],
  reuse?: (unit: UnitScore, decision: string, make: () => UnitScore) => UnitScore,
  ex: Explainer = EXPLAINING,
): SheetResult {
  const top = topBand(sheet.grades);
  const lowest = lowestBand(sheet.grades);
  const assessed = units.filter((u) => u.assessed && u.score !== null);
  const graded = assessed.length;
  let keepTop: Set<string> | null = null;
  let seats = 0;
  if (sheet.topGradeCap && top) {
    seats = topGradeSeats(sheet.topGradeCap.share, graded);
    const candidates = assessed
      .filter((u) => !u.vetoed && gradeOf(sheet.grades, u.score as number)?.id === top.id)
      .map((u) => ({ id: u.unit, score: u.score as number }));
    keepTop = capTopGrade(candidates, seats);
  }
  const ranks = competitionRanks(assessed.map((u) => ({ score: u.score as number, tier: u.vetoed ? 1 : 0 })));
  const rankOf = new Map(assessed.map((u, i) => [u.unit, ranks[i] as number]));
  const finished = units.map((u): UnitScore => {
    if (!u.assessed || u.score === null) return u;
    const score = u.score;
    const naturalBand = u.vetoed ? lowest : gradeOf(sheet.grades, score);
    const demoted =
      !u.vetoed && keepTop !== null && top !== undefined && naturalBand?.id === top.id && !keepTop.has(u.unit);
    const rankHere = rankOf.get(u.unit) ?? null;
    const ahead = rankHere === null ? 0 : rankHere - 1;
    const make = () => finish(u, demoted, rankHere, ahead);
    return reuse ? reuse(u, `${naturalBand?.id}|${demoted}|${rankHere}|${ahead}|${seats}|${graded}`, make) : make();
  });
  function finish(u: UnitScore, demoted: boolean, rank: number | null, ahead: number): UnitScore {
    const score = u.score as number;
    let band = u.vetoed ? lowest : gradeOf(sheet.grades, score);
    let capped = false;
    let gradeWhy: Explanation;
    if (u.vetoed) {
      gradeWhy = ex.explain(() => ({
        rule: 'grade.veto',
        formula: `veto: ${u.vetoes.map((v) => v.veto).join(', ')} → ${band?.name}`,
        inputs: { score },
        text: {
          zh: `触发一票否决（${u.vetoes.map((v) => v.name).join('、')}），定为最低等次；分数照常显示`,
          en: `a veto item was triggered (${u.vetoes.map((v) => v.name).join(', ')}): the lowest grade, whatever the score (still shown)`,
        },
      }));
    } else if (demoted && top) {
      band = bandBelow(sheet.grades, top) ?? band;
      capped = true;
      gradeWhy = ex.explain(() => ({
        rule: 'grade.top-cap',
        formula: `${f(score)} ∈ ${top.name}, but seats floor(${f(sheet.topGradeCap?.share)} × ${graded}) = ${seats} are held by higher (or tied-over) scores → ${band?.name}`,
        inputs: { score, seats, graded },
        text: {
          zh: `分数属于“${top.name}”，但“${top.name}”比例上限已满（${seats} 个名额；并列者同进同退），定为“${band?.name}”`,
          en: `the score is in "${top.nameEn ?? top.name}", but the cap on its share is reached (${seats} seat(s); tied units move together): "${band?.nameEn ?? band?.name}"`,
        },
      }));
    } else {
      gradeWhy = ex.explain(() => ({
        rule: 'grade.band',
        formula: `${f(band?.min)} ≤ ${f(score)} ${band && band.id === top?.id ? '≤' : '<'} ${f(band?.max)} → ${band?.name}`,
        inputs: { score },
        text: {
          zh: `分数所在等次区间：${band?.name}`,
          en: `the band the score falls in: ${band?.nameEn ?? band?.name}`,
        },
      }));
    }
    return {
      ...u,
      grade: band ? { id: band.id, name: band.name, nameEn: band.nameEn ?? null } : null,
      rank,
      cappedFromTopGrade: capped,
      explanations: {
        ...u.explanations,
        grade: gradeWhy,
        rank: ex.explain(() => ({
          rule: 'rank.competition',
          formula: `${ahead} unit(s) ahead → rank ${rank}`,

          inputs: { score, vetoed: u.vetoed, graded },
          text: {
            zh: '按得分排名，同分同名次，下一名次顺延（1、1、3）；一票否决的单位排在其余单位之后',
            en: 'ranked by score; equal scores share a rank and the next rank skips (1, 1, 3); vetoed units come after the others',
          },
        })),
      },
    };
  }
  const order = finished
    .map((u, i) => ({ u, i }))
    .sort((a, b) => (a.u.rank ?? Number.MAX_SAFE_INTEGER) - (b.u.rank ?? Number.MAX_SAFE_INTEGER) || a.i - b.i)
    .map((x) => x.u);
  return {
    sheet: sheet.id,
    name: sheet.name,
    nameEn: sheet.nameEn ?? null,
    maxScore: sheet.maxScore,
    topGradeCap: sheet.topGradeCap
      ? { share: sheet.topGradeCap.share, seats, held: finished.filter((u) => u.grade?.id === top?.id).length }
      : null,
    units: order,
  };
}
