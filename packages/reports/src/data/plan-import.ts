import { type CommandInput, type Engine, indexPlan, type Plan, type ReportObservation } from '@kepu/core';
import { headerOf, shown } from './cell-values.js';
import { categoryText } from './columns.js';
import { commandProblems } from './command-limits.js';
import type { CellProblem, PlannedReport } from './planned-report.js';
import type { SourceRow } from './source-row.js';

type Filing = Extract<CommandInput, { type: 'submit-report' | 'resubmit-report' }>;

/**
 * A command an import files, without its `baseVersion` (set when it is committed): a new report
 * (`submit-report`) or a returned one resubmitted with the new rows (`resubmit-report`).
 *
 * @example
 * ```ts
 * import type { ImportCommand } from '@kepu/reports';
 * const kind = (c: ImportCommand) => c.type; // 'submit-report' | 'resubmit-report'
 * ```
 */
export type ImportCommand = Filing extends infer C ? (C extends Filing ? Omit<C, 'baseVersion'> : never) : never;

/**
 * One report an import files: which unit's reporter files it, the report's id, the command, and
 * how many observations it adds or changes.
 *
 * @example
 * ```ts
 * import type { ImportStep } from '@kepu/reports';
 * const line = (s: ImportStep) => `${s.unit} ${s.command.type} ${s.report}`;
 * ```
 */
export interface ImportStep {
  readonly unit: string;
  readonly report: string;
  readonly command: ImportCommand;
  readonly observations: number;
}

/**
 * What an import would do, decided against the engine's current reports before anything is
 * written: the commands to run, the rows already in, the rows that conflict with a report under
 * review or approved, and the planned reports that need nothing.
 *
 * @example
 * ```ts
 * import { planImport } from '@kepu/reports';
 * const plan = planImport(engine, zhengningPlan, checked.reports);
 * plan.steps.length; // reports to file or resubmit
 * ```
 */
export interface ImportPlan {
  readonly steps: readonly ImportStep[];
  readonly duplicateRows: number;
  readonly conflicts: readonly CellProblem[];
  /**
   * Rows of commands the engine's command schema would refuse (e.g. a returned report whose kept
   * and new observations together exceed what a report holds): checked before anything is
   * written, so an import can refuse the whole file instead of failing half-way.
   */
  readonly refused: readonly CellProblem[];
  /** Planned reports with nothing to write: every row already in, or only conflicts. */
  readonly unchanged: number;
}

function conflictOf(row: SourceRow, report: { id: string; period: string; unit: string; status: string }): CellProblem {
  const state =
    report.status === 'approved' ? { zh: '已审核通过', en: 'approved' } : { zh: '正在审核', en: 'awaiting review' };
  const cell = row.cells.value ?? row.cells.numerator ?? row.cells.indicator;
  return {
    sheet: row.sheet,
    row: row.row,
    column: cell?.column ?? 'value',
    header: cell?.header ?? headerOf('value'),
    value: shown(cell?.value),
    reason: {
      zh: `报告 ${report.id}（${report.period}，${report.unit}）${state.zh}，不能改动；如需更正，请审核人先退回该报告再导入`,
      en: `report ${report.id} (${report.period}, ${report.unit}) is ${state.en} and cannot change; ask its reviewer to return it, then import again`,
    },
  };
}

/**
 * Decides, without writing, what filing checked reports through an engine takes (the rows-to-
 * commands step of `applyImport`). A planned report with no report yet on file becomes a
 * `submit-report` under its import id (or the next free `-2`, `-3` …); a row already in the
 * unit's report for that task and period (same indicator, category, date and figures) is a
 * duplicate and skipped, so importing a file twice plans nothing; a report returned for revision
 * is resubmitted with the new and changed rows; a row that would change a report awaiting review
 * or approved is a conflict. Every command is then checked against core's command schema, and what
 * it would refuse is listed in `refused` at its rows. Reads the engine's reports only.
 *
 * @example
 * ```ts
 * import { planImport } from '@kepu/reports';
 * const { steps, conflicts } = planImport(engine, plan, checked.reports);
 * ```
 */
export function planImport(
  engine: Pick<Engine, 'reports' | 'getSnapshot'>,
  plan: Plan,
  reports: readonly PlannedReport[],
): ImportPlan {
  const index = indexPlan(plan);
  const indicatorOf = (o: ReportObservation) => o.indicator ?? index.targets.get(o.target ?? '')?.indicator;
  const sameMeasure = (a: ReportObservation, b: ReportObservation) =>
    indicatorOf(a) === indicatorOf(b) &&
    categoryText(a.category) === categoryText(b.category) &&
    (a.date ?? '') === (b.date ?? '');
  const sameFigures = (a: ReportObservation, b: ReportObservation) =>
    a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator;
  const taken = new Set(Object.keys(engine.getSnapshot().reports));
  const steps: ImportStep[] = [];
  const conflicts: CellProblem[] = [];
  const refused: CellProblem[] = [];
  const narrativeRows = (planned: PlannedReport) => planned.rows.filter((r) => r.cells.narrative !== undefined);
  let duplicateRows = 0;
  let unchanged = 0;
  for (const planned of reports) {
    const existing = engine
      .reports({ plan: plan.id, unit: planned.unit, period: planned.period, task: planned.task })
      .find((r) => r.status !== 'withdrawn');
    if (!existing) {
      let id = planned.id;
      for (let k = 2; taken.has(id); k++) id = `${planned.id}-${k}`;
      taken.add(id);
      const command: ImportCommand = {
        type: 'submit-report',
        plan: plan.id,
        id,
        ...(planned.task === null ? {} : { task: planned.task }),
        period: planned.period,
        narrative: planned.narrative,
        observations: planned.observations.map((o) => o.observation),
      };
      refused.push(
        ...commandProblems(command, {
          rows: planned.rows,
          observationRows: planned.observations.map((o) => o.row),
          narrativeRows: narrativeRows(planned),
        }),
      );
      steps.push({
        unit: planned.unit,
        report: id,
        observations: planned.observations.length,
        command,
      });
      continue;
    }
    const current = existing.revisions.at(-1)?.observations ?? [];
    const added: Array<{ observation: ReportObservation; row: SourceRow }> = [];
    const changed: Array<{ observation: ReportObservation; row: SourceRow; was: ReportObservation }> = [];
    for (const { observation, row } of planned.observations) {
      const was = current.find((o) => sameMeasure(o, observation));
      if (!was) added.push({ observation, row });
      else if (sameFigures(was, observation)) duplicateRows++;
      else changed.push({ observation, row, was });
    }
    if (planned.observations.length === 0) duplicateRows += planned.rows.length;
    if (added.length === 0 && changed.length === 0) {
      unchanged++;
      continue;
    }
    if (existing.status !== 'returned') {
      for (const { row } of [...changed, ...added]) conflicts.push(conflictOf(row, existing));
      unchanged++;
      continue;
    }
    const wasChanged = new Set(changed.map((c) => c.was));
    const kept = current.filter((o) => !wasChanged.has(o));
    const command: ImportCommand = {
      type: 'resubmit-report',
      report: existing.id,
      narrative: planned.narrative,
      observations: [...kept, ...changed.map((c) => c.observation), ...added.map((a) => a.observation)],
    };
    refused.push(
      ...commandProblems(command, {
        rows: planned.rows,
        observationRows: [...kept.map(() => undefined), ...changed.map((c) => c.row), ...added.map((a) => a.row)],
        narrativeRows: narrativeRows(planned),
      }),
    );
    steps.push({ unit: planned.unit, report: existing.id, observations: added.length + changed.length, command });
  }
  return { steps, duplicateRows, conflicts, refused, unchanged };
}
