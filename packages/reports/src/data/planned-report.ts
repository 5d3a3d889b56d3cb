import type { ReportObservation } from '@kepu/core';
import type { Bilingual } from '../i18n.js';
import type { SourceRow } from './source-row.js';

/**
 * A cell that cannot be imported: where it is (sheet, row, column letter or JSON field, header),
 * what it holds, and why, in both languages.
 *
 * @example
 * ```ts
 * import type { CellProblem } from '@kepu/reports';
 * const line = (p: CellProblem) => `${p.sheet}!${p.column}${p.row}: ${p.reason.zh}`;
 * ```
 */
export interface CellProblem {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly header: string;
  readonly value: string;
  readonly reason: Bilingual;
}

/**
 * A report the import will file: one per unit × task (or summary) × period, with the rows it
 * came from and their observations.
 *
 * @example
 * ```ts
 * import type { PlannedReport } from '@kepu/reports';
 * const size = (r: PlannedReport) => r.observations.length;
 * ```
 */
export interface PlannedReport {
  readonly id: string;
  readonly period: string;
  readonly unit: string;
  readonly task: string | null;
  readonly narrative: string;
  readonly observations: ReadonlyArray<{ readonly observation: ReportObservation; readonly row: SourceRow }>;
  readonly rows: readonly SourceRow[];
}

/**
 * What checking a file's rows found: the problems (every bad cell), the reports it would file,
 * and how many rows were left empty (template rows nobody filled in).
 *
 * @example
 * ```ts
 * import { checkDataRows } from '@kepu/reports';
 * const checked = checkDataRows(rows, plan, scheme);
 * if (checked.problems.length > 0) console.error(checked.problems);
 * ```
 */
export interface CheckedRows {
  readonly problems: readonly CellProblem[];
  readonly reports: readonly PlannedReport[];
  readonly emptyRows: number;
  readonly dataRows: number;
}

/**
 * The id a report imported for (period, unit, task) gets: the same file gives the same ids, so a
 * second import finds the first one's reports instead of filing new ones.
 *
 * @example
 * ```ts
 * import { importReportId } from '@kepu/reports';
 * importReportId('2025', 'education', '3.1.2'); // 'imp-2025-education-t3-1-2'
 * ```
 */
export function importReportId(period: string, unit: string, task: string | null): string {
  return `imp-${period.toLowerCase()}-${unit}-${task === null ? 'summary' : `t${task.replaceAll('.', '-')}`}`;
}
