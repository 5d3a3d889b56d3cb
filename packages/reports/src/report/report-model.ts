import type { Lang } from '../i18n.js';

/**
 * How a column's values are shown: `text`; `integer` (a rank, a count); `number` (a measured
 * value: thousands separated, decimals only when it has them); `score` (two decimals); `percent`
 * (a fraction in [0, 1] shown as a percentage). A `null` value is missing and is shown as
 * missing (— or 未评估), never as 0.
 *
 * @example
 * ```ts
 * import type { ReportCellKind } from '@kepu/reports';
 * const kind: ReportCellKind = 'percent';
 * ```
 */
export type ReportCellKind = 'text' | 'integer' | 'number' | 'score' | 'percent';

/**
 * One column of a report table: its key in the rows, its header in the report's language, how
 * its values are shown.
 *
 * @example
 * ```ts
 * import type { ReportColumn } from '@kepu/reports';
 * const score: ReportColumn = { key: 'score', header: '得分', kind: 'score' };
 * ```
 */
export interface ReportColumn {
  readonly key: string;
  readonly header: string;
  readonly kind: ReportCellKind;
  /** What a missing value says in this column. @default '—' */
  readonly missing?: string;
}

/**
 * A value of a report cell: text, a number, or `null` for missing.
 *
 * @example
 * ```ts
 * import type { ReportValue } from '@kepu/reports';
 * const missing: ReportValue = null;
 * ```
 */
export type ReportValue = string | number | null;

/**
 * One view of the report: targets, tasks, departments, townships or the item breakdown.
 *
 * @example
 * ```ts
 * const targets = report.tables.find((t) => t.id === 'targets');
 * targets?.rows[0]?.status; // '已达成'
 * ```
 */
export interface ReportTable {
  /** `targets`, `tasks`, `items`, and one per score sheet: `departments`, `townships` (or `sheet-<id>`). */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: ReadonlyArray<Readonly<Record<string, ReportValue>>>;
  /** A sentence shown with the table: for a score sheet, which of its rules are Kepu's defaults. */
  readonly note?: string;
}

/**
 * Where a report's scorecard came from: a stored assessment run (its number, when it ran, the
 * state version it read), or computed now from the records (not stored).
 *
 * @example
 * ```ts
 * import type { ReportSource } from '@kepu/reports';
 * const source: ReportSource = { kind: 'run', run: 1, ranAt: '2025-03-20T02:00:00.000Z', stateVersion: 1080 };
 * ```
 */
export type ReportSource =
  | { readonly kind: 'run'; readonly run: number; readonly ranAt: string; readonly stateVersion: number }
  | { readonly kind: 'computed'; readonly stateVersion?: number };

/**
 * Everything a report shows, in one language, independent of its format: the county's header,
 * where the numbers come from (the assessment run, the scheme and its hash, the rules version),
 * and the tables. The Excel, HTML, Markdown and JSON reports are all drawn from it, so they say
 * the same thing.
 *
 * @example
 * ```ts
 * import { buildReport } from '@kepu/reports';
 * const report = buildReport(scorecard, plan, { lang: 'zh', source: { kind: 'computed' } });
 * report.tables.map((t) => t.title); // ['目标进展', '任务', '县直成员单位', '乡镇', '考核明细']
 * ```
 */
export interface ReportModel {
  readonly format: 'kepu-report';
  readonly formatVersion: 1;
  readonly lang: Lang;
  /** The county (from the issuer), e.g. 正宁县. */
  readonly county: string;
  readonly title: string;
  readonly subtitle: string;
  readonly plan: { readonly id: string; readonly title: string; readonly issuer: string };
  readonly period: number;
  readonly asOf: string;
  readonly scheme: {
    readonly id: string;
    readonly name: string;
    readonly version: string;
    readonly hash: string;
  };
  readonly rulesVersion: string;
  readonly inputsHash: string;
  readonly source: ReportSource;
  /** Lines worth reading first: targets achieved, units vetoed, units not assessed, notes. */
  readonly highlights: readonly string[];
  readonly tables: readonly ReportTable[];
}
