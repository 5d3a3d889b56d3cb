import type { Actor, Engine, Plan } from '@kepu/core';
import { ImportCommitError } from './import-commit-error.js';
import { type ImportStep, planImport } from './plan-import.js';
import type { CellProblem, PlannedReport } from './planned-report.js';

/**
 * What an import did: reports filed or resubmitted, reports approved, rows skipped because they
 * were already in the database, rows that conflict with a report already filed, and rows whose
 * report the engine's command schema refuses. `written` says whether anything was committed:
 * with a refused row, or a conflict without `partial`, nothing is.
 *
 * @example
 * ```ts
 * import type { ImportOutcome } from '@kepu/reports';
 * const nothingNew = (o: ImportOutcome) => o.submitted === 0 && o.resubmitted === 0;
 * ```
 */
export interface ImportOutcome {
  readonly submitted: number;
  readonly resubmitted: number;
  readonly approved: number;
  readonly observations: number;
  readonly duplicateRows: number;
  readonly conflicts: readonly CellProblem[];
  readonly refused: readonly CellProblem[];
  readonly written: boolean;
}

/**
 * How {@link applyImport} files: as whom, who approves, how progress is told, how many commands
 * go in one commit, and whether conflicts stop the import.
 *
 * @example
 * ```ts
 * import type { ApplyImportOptions } from '@kepu/reports';
 * const options: ApplyImportOptions = { actor: 'wang.li' };
 * ```
 */
export interface ApplyImportOptions {
  /** The person's id: each report is filed by this id as its unit's reporter. */
  readonly actor: string;
  /** With it, each report filed is approved by this actor (the plan office accepting what it collected). */
  readonly approver?: Actor;
  /** Called after each commit with the planned reports handled so far and their total. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * The most commands committed together by one `executeBatch` (each batch is atomic: all of it
   * is stored, or none). By default all of a unit's reports go in one commit.
   * @default Infinity
   */
  readonly chunkSize?: number;
  /**
   * Write the other reports when some rows conflict with reports already filed (they come back
   * as `conflicts`). Without it a conflict writes nothing.
   * @default false
   */
  readonly partial?: boolean;
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Files checked reports through the engine's commands, all or nothing as far as the engine
 * allows. {@link planImport} decides what to write and checks every command against core's
 * command schema before anything is committed; a refused command (or, without `partial`, a row
 * that conflicts with a report under review or approved) writes nothing. Then each unit's reports
 * are committed by its reporter with one `engine.executeBatch` (a batch holds one actor, so one
 * unit; `chunkSize` splits it further), and with `approver` approved in a batch of their own. A
 * commit that fails even so (the store fails, another writer got in first) throws an
 * {@link ImportCommitError} that lists the reports already committed; the import is idempotent,
 * so running it again files the rest and duplicates nothing.
 *
 * @example
 * ```ts
 * import { applyImport, checkDataRows } from '@kepu/reports';
 * const outcome = await applyImport(engine, plan, checked.reports, { actor: 'wang.li' });
 * outcome.submitted;
 * ```
 */
export async function applyImport(
  engine: Engine,
  plan: Plan,
  reports: readonly PlannedReport[],
  options: ApplyImportOptions,
): Promise<ImportOutcome> {
  const size = Math.max(1, Math.floor(options.chunkSize ?? Number.POSITIVE_INFINITY));
  const planned = planImport(engine, plan, reports);
  const count = (type: string) => planned.steps.filter((s) => s.command.type === type).length;
  const base = { duplicateRows: planned.duplicateRows, conflicts: planned.conflicts, refused: planned.refused };
  if (planned.refused.length > 0 || (planned.conflicts.length > 0 && options.partial !== true)) {
    return { ...base, submitted: 0, resubmitted: 0, approved: 0, observations: 0, written: false };
  }
  const byUnit = new Map<string, ImportStep[]>();
  for (const step of planned.steps) {
    const steps = byUnit.get(step.unit);
    if (steps) steps.push(step);
    else byUnit.set(step.unit, [step]);
  }
  let done = planned.unchanged;
  if (done > 0) options.onProgress?.(done, reports.length);
  const committed: string[] = [];
  const approved: string[] = [];
  for (const [unit, steps] of byUnit) {
    const reporter: Actor = { id: options.actor, role: 'reporter', unit };
    for (const chunk of size >= steps.length ? [steps] : chunksOf(steps, size)) {
      try {
        const baseVersion = engine.getSnapshot().version;
        await engine.executeBatch(
          reporter,
          chunk.map((s) => ({ ...s.command, baseVersion })),
        );
        committed.push(...chunk.map((s) => s.report));
        if (options.approver) {
          // Approvals need the filed reports' new versions: a batch of their own, after the filing.
          const after = engine.getSnapshot().version;
          await engine.executeBatch(
            options.approver,
            chunk.map((s) => ({
              type: 'approve-report',
              baseVersion: after,
              report: s.report,
              comment: '按导入数据审核通过。',
            })),
          );
          approved.push(...chunk.map((s) => s.report));
        }
      } catch (cause) {
        throw new ImportCommitError(unit, committed, approved, { cause });
      }
      done += chunk.length;
      options.onProgress?.(done, reports.length);
    }
  }
  return {
    ...base,
    submitted: count('submit-report'),
    resubmitted: count('resubmit-report'),
    approved: approved.length,
    observations: planned.steps.reduce((n, s) => n + s.observations, 0),
    written: planned.steps.length > 0,
  };
}
