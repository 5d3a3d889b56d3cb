import {
  type AssessmentScheme,
  assessedUnits,
  indexPlan,
  type Plan,
  type PlanIndex,
  type ReportObservation,
  reportingPeriods,
} from '@kepu/core';
import { headerOf, shown } from './cell-values.js';
import { categoryText } from './columns.js';
import { commandProblems } from './command-limits.js';
import { type CellProblem, type CheckedRows, importReportId, type PlannedReport } from './planned-report.js';
import { type FlagCell, type RowContext, resolveRow } from './resolve-row.js';
import { rowObservation } from './row-observation.js';
import type { SourceRow } from './source-row.js';

/** The good rows of one unit × task × period, on their way to becoming one report. */
interface Group {
  readonly period: string;
  readonly unit: string;
  readonly task: string | null;
  readonly rows: SourceRow[];
  readonly observations: Array<{ observation: ReportObservation; row: SourceRow }>;
  /** Distinct narratives in the order met, and the rows that brought them. */
  readonly narratives: Set<string>;
  readonly narrativeRows: SourceRow[];
}

function flagger(row: SourceRow, problems: CellProblem[]): FlagCell {
  return (key, reason) => {
    const cell = row.cells[key];
    problems.push({
      sheet: row.sheet,
      row: row.row,
      column: cell?.column ?? key,
      header: cell?.header ?? headerOf(key),
      value: shown(cell?.value),
      reason,
    });
  };
}

function plannedReport(g: Group, index: PlanIndex): PlannedReport {
  const unitName = index.units.get(g.unit)?.name ?? g.unit;
  return {
    id: importReportId(g.period, g.unit, g.task),
    period: g.period,
    unit: g.unit,
    task: g.task,
    // Never cut: a narrative over the engine's limit is a problem at its row (see commandProblems).
    narrative:
      [...g.narratives].join('\n') ||
      `${g.period}年${unitName}${g.task === null ? '年度总结' : `任务 ${g.task}`}数据（由 kepu data import 导入）。`,
    observations: g.observations,
    rows: g.rows,
  };
}

/**
 * Checks every row of a data file against the plan and its scheme, cell by cell, and groups the
 * good rows into the reports to file. Nothing is written. Every bad cell is reported with its
 * sheet, row and column and a reason: an unknown unit, task or indicator; a unit that does not
 * report on the task (`reportsOnTask`: neither leads nor partners it, nor has a lead duty on it
 * for its own area); a value that is not a number; a figure that breaks one of core's
 * observation rules (`checkObservations`: negative, a percentage where a rate needs its numerator
 * and denominator, a numerator above its denominator, a date outside the period …); a row given
 * twice; a report the rows make that the engine's command schema refuses (more observations than
 * a report holds, a narrative or note over its length — never cut), at the row that breaks the
 * limit. Rows with no figure and no text (template rows left empty) are skipped. Pure.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { checkDataRows, readDataRows } from '@kepu/reports';
 * const rows = await readDataRows('filled.xlsx', await readFile('filled.xlsx'));
 * const checked = checkDataRows(rows, plan, scheme, { period: '2025' });
 * checked.problems.map((p) => `${p.sheet} ${p.row} ${p.column}: ${p.reason.zh}`);
 * ```
 */
export function checkDataRows(
  rows: readonly SourceRow[],
  plan: Plan,
  scheme: AssessmentScheme,
  options: {
    readonly period?: string;
    /** Accept comma thousands separators in number cells (`12,000`); see `parseNumberText`. @default false */
    readonly thousands?: boolean;
  } = {},
): CheckedRows {
  const context: RowContext = {
    plan,
    index: indexPlan(plan),
    periods: new Set(reportingPeriods(plan, 'annual')),
    assessed: assessedUnits(plan, scheme),
    ...(options.period === undefined ? {} : { period: options.period }),
  };
  const problems: CellProblem[] = [];
  const seen = new Map<string, SourceRow>();
  const groups = new Map<string, Group>();
  let emptyRows = 0;
  let dataRows = 0;

  for (const row of rows) {
    const bad = flagger(row, problems);
    const { cells } = row;
    const hasFigure = (['value', 'numerator', 'denominator', 'source', 'low', 'high', 'margin'] as const).some(
      (key) => cells[key] !== undefined,
    );
    if (!hasFigure && cells.narrative === undefined && cells.note === undefined) {
      emptyRows++;
      continue;
    }
    dataRows++;
    const before = problems.length;
    const { period, unit, task, indicator, category } = resolveRow(row, context, hasFigure, bad);
    const observation =
      hasFigure && indicator && category
        ? rowObservation(
            row,
            plan,
            period !== undefined && context.periods.has(period) ? period : undefined,
            indicator,
            category,
            bad,
            options.thousands ? { thousands: true } : {},
          )
        : undefined;
    if (problems.length > before || period === undefined || !unit || task === undefined) continue;

    const key = `${period}|${unit.id}|${task ?? ''}|${observation ? `${observation.indicator}|${categoryText(observation.category)}|${observation.date ?? ''}` : 'narrative'}`;
    const earlier = seen.get(key);
    if (earlier && observation) {
      bad('indicator', {
        zh: `与${earlier.sheet === row.sheet ? '' : `工作表“${earlier.sheet}”`}第 ${earlier.row} 行重复（同一单位、任务、指标、分类和日期）`,
        en: `repeats row ${earlier.row}${earlier.sheet === row.sheet ? '' : ` of ${earlier.sheet}`} (same unit, task, indicator, category and date)`,
      });
      continue;
    }
    seen.set(key, row);
    const groupKey = `${period}|${unit.id}|${task ?? ''}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = { period, unit: unit.id, task, rows: [], observations: [], narratives: new Set(), narrativeRows: [] };
      groups.set(groupKey, group);
    }
    group.rows.push(row);
    if (observation) group.observations.push({ observation, row });
    if (cells.narrative) {
      const text = shown(cells.narrative.value);
      if (!group.narratives.has(text)) {
        group.narratives.add(text);
        group.narrativeRows.push(row);
      }
    }
  }
  const reports: PlannedReport[] = [];
  for (const group of groups.values()) {
    const report = plannedReport(group, context.index);
    // The engine's own limits for the report these rows make, told at the row that breaks them.
    const refused = commandProblems(
      {
        type: 'submit-report',
        plan: plan.id,
        id: report.id,
        ...(report.task === null ? {} : { task: report.task }),
        period: report.period,
        narrative: report.narrative,
        observations: report.observations.map((o) => o.observation),
      },
      { rows: report.rows, observationRows: report.observations.map((o) => o.row), narrativeRows: group.narrativeRows },
    );
    if (refused.length > 0) problems.push(...refused);
    else reports.push(report);
  }
  return { problems, reports, emptyRows, dataRows };
}
