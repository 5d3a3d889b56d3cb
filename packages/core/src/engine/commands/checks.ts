import { createIssue, type ErrorCode, type KepuIssue } from '../../errors.js';
import type { Plan } from '../../plan.js';
import type { CommandContext } from '../command-definition.js';
import { reportingPeriods } from '../period.js';

type Path = ReadonlyArray<string | number>;

/** The year of a period (`2024-H1` → 2024), as the assessment counts it. */
export const yearOf = (period: string) => Number(period.slice(0, 4));

/**
 * Collects the reference issues of one command: the checks every command shares (a period of the
 * plan, a task, a unit that is not a group), each adding to `issues` in the order called.
 */
export function referenceChecks(ctx: CommandContext<unknown>) {
  const { plan, index } = ctx;
  const issues: KepuIssue[] = [];
  const add = (code: ErrorCode, path: Path, params: Record<string, string>) =>
    issues.push(createIssue(code, path, params));
  return {
    issues,
    add,
    /** A reporting period of the plan (with `extraYears`, a whole year of it too). */
    period(period: string, path: Path, extraYears: boolean) {
      const periods = reportingPeriods(plan, ctx.context.reporting.cadence);
      const years = extraYears ? reportingPeriods(plan, 'annual') : [];
      if (!periods.includes(period) && !years.includes(period)) {
        add('reporting-period-outside-plan', path, {
          period,
          plan: plan.id,
          periods: `${periods[0]} … ${periods.at(-1)}`,
        });
      }
    },
    /** A year inside the plan's period. */
    year(period: string, path: Path) {
      yearInPlan(plan, period, path, add);
    },
    task(path: string | undefined, at: Path) {
      if (path !== undefined && index.nodes.get(path)?.kind !== 'task') {
        add('unknown-reference', at, { kind: 'task', ref: path });
      }
    },
    unit(id: string, at: Path) {
      const u = index.units.get(id);
      if (!u) add('unknown-org-unit', at, { ref: id });
      else if (u.kind === 'group') {
        add('unknown-org-unit', at, { ref: `${id} (a group: name one of its member units)` });
      }
    },
  };
}

function yearInPlan(
  plan: Plan,
  period: string,
  path: Path,
  add: (code: ErrorCode, path: Path, params: Record<string, string>) => void,
) {
  const year = Number(period);
  if (year < plan.meta.period.start || year > plan.meta.period.end) {
    add('period-outside-plan', path, {
      period,
      start: String(plan.meta.period.start),
      end: String(plan.meta.period.end),
    });
  }
}

/** A scheme check's issues for one record of `field`, with paths made the command's. */
export function schemeIssues(issues: readonly KepuIssue[], field: string): KepuIssue[] {
  return issues.map((i) => ({ ...i, path: i.path[0] === field ? i.path.slice(2) : i.path }));
}

/** A date must lie in the year of the period it is recorded for. */
export function dateInPeriod(date: string | undefined, period: string, add: ReturnType<typeof referenceChecks>['add']) {
  if (date !== undefined && date.slice(0, 4) !== period.slice(0, 4)) {
    add('invalid-shape', ['date'], { detail: `the date ${date} is outside the period ${period}` });
  }
}

/** The references of a record about a unit for a period (a whole year too), with a date in it if given. */
export function unitPeriodReferences(
  ctx: CommandContext<{ readonly unit: string; readonly period: string; readonly date?: string }>,
): KepuIssue[] {
  const check = referenceChecks(ctx);
  check.unit(ctx.command.unit, ['unit']);
  check.period(ctx.command.period, ['period'], true);
  dateInPeriod(ctx.command.date, ctx.command.period, check.add);
  return check.issues;
}
