import type { Actor, Engine, Plan } from '@kepu/core';
import { type ImportStep, planImport } from './plan-import.js';
import type { CellProblem, PlannedReport } from './planned-report.js';

/**
 * What an import did: reports filed or resubmitted, reports approved, rows skipped because they
 * were already in the database, and rows that conflict with a report already filed.
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
}

/**
 * How {@link applyImport} files: as whom, who approves, how progress is told, how many commands
 * go in one commit.
 *
 * @example
 * ```ts
 * import type { ApplyImportOptions } from '@kepu/reports';
 * const options: ApplyImportOptions = { actor: 'wang.li', chunkSize: 100 };
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
   * is stored, or none).
   * @default 200
   */
  readonly chunkSize?: number;
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Files checked reports through the engine's commands: {@link planImport} decides what to write,
 * then each unit's reports are committed by its reporter with `engine.executeBatch`, `chunkSize`
 * commands per commit instead of one commit per row (a batch holds one actor, so one unit). With
 * `approver`, each committed chunk is then approved in a batch of its own. Idempotent: importing
 * a file twice changes nothing. A row that would change a report awaiting review or approved is
 * not written and comes back as a conflict.
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
  const size = Math.max(1, Math.floor(options.chunkSize ?? 200));
  const planned = planImport(engine, plan, reports);
  const byUnit = new Map<string, ImportStep[]>();
  for (const step of planned.steps) byUnit.set(step.unit, [...(byUnit.get(step.unit) ?? []), step]);
  let done = planned.unchanged;
  if (done > 0) options.onProgress?.(done, reports.length);
  let approved = 0;
  for (const [unit, steps] of byUnit) {
    const reporter: Actor = { id: options.actor, role: 'reporter', unit };
    for (const chunk of chunksOf(steps, size)) {
      const baseVersion = engine.getSnapshot().version;
      await engine.executeBatch(
        reporter,
        chunk.map((s) => ({ ...s.command, baseVersion })),
      );
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
        approved += chunk.length;
      }
      done += chunk.length;
      options.onProgress?.(done, reports.length);
    }
  }
  const count = (type: string) => planned.steps.filter((s) => s.command.type === type).length;
  return {
    submitted: count('submit-report'),
    resubmitted: count('resubmit-report'),
    approved,
    observations: planned.steps.reduce((n, s) => n + s.observations, 0),
    duplicateRows: planned.duplicateRows,
    conflicts: planned.conflicts,
  };
}
