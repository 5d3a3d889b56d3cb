import type { TargetEvaluation } from './evaluate-target.js';
import type { Explanation } from './explanation.js';
import type { SchemeRule, ScoringRule } from './scheme.js';
import type { StatusThresholds, TargetStatus } from './status.js';

/**
 * The version of Kepu's assessment rules. It changes whenever a rule would give a different
 * number for the same plan, scheme and inputs, so that two scorecards with the same scheme hash,
 * inputs hash and rules version are comparable number for number.
 *
 * @example
 * ```ts
 * import { ASSESSMENT_RULES_VERSION } from '@kepu/core';
 * scorecard.rulesVersion === ASSESSMENT_RULES_VERSION; // true for scorecards made by this copy
 * ```
 */
export const ASSESSMENT_RULES_VERSION = 'kepu-assessment/1.1.0';

/**
 * One task's result: the mean attainment of its linked targets and of its reviews (each counting
 * once), or `null` when none of them has data.
 *
 * @example
 * ```ts
 * scorecard.tasks.find((t) => t.task === '4.3.3')?.result; // 0.6
 * ```
 */
export interface TaskResult {
  readonly task: string;
  readonly code: string;
  readonly title: string;
  readonly leads: readonly string[];
  readonly partners: readonly string[];
  readonly result: number | null;
  readonly assessed: boolean;
  readonly contributions: ReadonlyArray<
    | {
        readonly kind: 'target';
        readonly target: string;
        readonly attainment: number | null;
        readonly status: TargetStatus;
      }
    | { readonly kind: 'review'; readonly reviewer: string; readonly fraction: number; readonly ref: string | null }
  >;
  readonly explanation: Explanation;
}

/**
 * One source of an item, as resolved for one unit.
 *
 * @example
 * ```ts
 * item.sources[0]; // { kind: 'task', ref: '3.1.2', role: 'lead', weight: 1, attainment: 0.8, achieved: false }
 * ```
 */
export interface ResolvedSource {
  readonly kind: 'target' | 'task';
  /** The target id or the task path. */
  readonly ref: string;
  readonly scope: 'county' | 'own';
  /** The unit's role, for a task drawn through a `tasks` source. */
  readonly role: 'lead' | 'partner' | null;
  readonly weight: number;
  readonly attainment: number | null;
  readonly achieved: boolean | null;
  readonly status: TargetStatus | 'assessed' | 'not-assessed';
}

/**
 * One item of a unit's breakdown.
 *
 * - `weight`: the item's points as written in the scheme; `fullPoints`: its share of the sheet's
 *   maximum among the items that apply to the unit; `maxPoints`: what it can earn after the
 *   missing-data policy (0 when left out and the others rescaled);
 * - `status`: `assessed`, or `not-assessed` (no data; `policy` says how it counted);
 * - `fraction` in [0, 1] and `points` = fraction × maxPoints (`null` when not assessed and left
 *   out; 0 — marked — when the policy counts it as zero);
 * - `self`: the unit's own score, kept beside the audited one (it does not count).
 *
 * @example
 * ```ts
 * unit.items.find((i) => i.item === 'dept-led-tasks')?.points; // 28
 * ```
 */
export interface ItemScore {
  readonly item: string;
  readonly group: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly rule: ScoringRule;
  readonly weight: number;
  readonly fullPoints: number;
  readonly maxPoints: number;
  readonly status: 'assessed' | 'not-assessed';
  readonly policy: 'rescale' | 'zero';
  readonly fraction: number | null;
  readonly points: number | null;
  readonly self: { readonly score: number; readonly outOf: number; readonly points: number } | null;
  readonly sources: readonly ResolvedSource[];
  readonly explanation: Explanation;
}

/**
 * One line of a unit's breakdown; the lines sum to the unit's score.
 *
 * @example
 * ```ts
 * unit.breakdown.reduce((s, line) => s + line.points, 0); // === unit.score (to 4 decimals)
 * ```
 */
export interface BreakdownLine {
  readonly kind: 'item' | 'bonus' | 'deduction' | 'bounds';
  readonly ref: string;
  readonly points: number;
}

/**
 * A unit's score on its sheet: score, grade and rank, and everything behind them. `score`,
 * `grade` and `rank` are `null` when the unit is not assessed (`reason` says why).
 *
 * @example
 * ```ts
 * const u = scorecard.sheets[0]?.units[0];
 * `${u?.name} ${u?.score} ${u?.grade?.name} #${u?.rank}`;
 * ```
 */
export interface UnitScore {
  readonly unit: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly sheet: string;
  readonly assessed: boolean;
  readonly reason: 'no-applicable-items' | 'coverage-below-minimum' | null;
  readonly coverage: number;
  readonly score: number | null;
  readonly grade: { readonly id: string; readonly name: string; readonly nameEn: string | null } | null;
  readonly rank: number | null;
  readonly vetoed: boolean;
  readonly vetoes: ReadonlyArray<{ readonly veto: string; readonly name: string; readonly note: string | null }>;
  /** True when the unit scored in the top band but the cap on its share moved it down. */
  readonly cappedFromTopGrade: boolean;
  readonly groups: ReadonlyArray<{
    readonly group: string;
    readonly name: string;
    readonly nameEn: string | null;
    readonly maxPoints: number;
    readonly points: number;
  }>;
  readonly items: readonly ItemScore[];
  readonly bonus: {
    readonly raw: number;
    readonly cap: number;
    readonly points: number;
    readonly awards: ReadonlyArray<{ readonly award: string; readonly count: number; readonly points: number }>;
  };
  readonly deductions: {
    readonly points: number;
    readonly lines: ReadonlyArray<{
      readonly deduction: string;
      readonly count: number;
      readonly points: number;
      readonly formula: string;
    }>;
  };
  /** Sum of the self-scores converted to points, for items with one. */
  readonly selfScore: number | null;
  /** The audited points of the same items, to set beside `selfScore`. */
  readonly selfScoreAudited: number | null;
  readonly breakdown: readonly BreakdownLine[];
  readonly explanations: {
    readonly score: Explanation;
    readonly grade: Explanation | null;
    readonly rank: Explanation | null;
  };
}

/**
 * The units of one sheet, ranked, with the cap on the top grade as applied.
 *
 * @example
 * ```ts
 * scorecard.sheets.map((s) => `${s.name}: ${s.units.length}`);
 * ```
 */
export interface SheetResult {
  readonly sheet: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly maxScore: number;
  readonly topGradeCap: { readonly share: number; readonly seats: number; readonly held: number } | null;
  /**
   * The sheet's rules that are Kepu's defaults rather than the plan's or the county's (see
   * `defaultRules`): a display marks each of them “（默认）” where it shows it. Absent when none.
   */
  readonly defaults?: readonly SchemeRule[];
  /** Assessed units by rank, then the units not assessed. */
  readonly units: readonly UnitScore[];
}

/**
 * Something the assessment left out, said out loud: observations dated after `asOf`, reviews
 * without filed evidence, records of other periods.
 *
 * @example
 * ```ts
 * scorecard.notes.map((n) => n.text.zh);
 * ```
 */
export interface ScorecardNote {
  readonly code:
    | 'observations-after-as-of'
    | 'observations-after-period'
    | 'reviews-without-filed-evidence'
    | 'records-of-other-periods';
  readonly count: number;
  readonly refs: readonly string[];
  readonly text: { readonly zh: string; readonly en: string };
}

/**
 * The result of {@link assess}: every target, task and unit of a plan for one period, with every
 * number explained, and what it was computed from (scheme hash, inputs hash, rules version).
 *
 * @example
 * ```ts
 * import { assess } from '@kepu/core';
 * const card = assess(plan, scheme, inputs, { period: 2024 });
 * card.scheme.hash; // 'sha256:…'
 * ```
 */
export interface Scorecard {
  readonly format: 'kepu-scorecard';
  readonly formatVersion: 1;
  readonly rulesVersion: string;
  readonly plan: { readonly id: string; readonly title: string };
  readonly scheme: {
    readonly id: string;
    readonly name: string;
    readonly nameEn: string | null;
    readonly version: string;
    readonly hash: string;
  };
  /**
   * An order-independent hash of the inputs (`mset-sha256:<records>:<hex>`: the sum of the SHA-256
   * of each record's canonical JSON), or `''` when hashing was turned off.
   */
  readonly inputsHash: string;
  readonly period: number;
  readonly asOf: string;
  readonly thresholds: StatusThresholds;
  readonly targets: readonly TargetEvaluation[];
  readonly tasks: readonly TaskResult[];
  readonly sheets: readonly SheetResult[];
  readonly notes: readonly ScorecardNote[];
}
