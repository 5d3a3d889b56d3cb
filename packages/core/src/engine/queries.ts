import type { Plan } from '../plan.js';
import { roleOf } from '../responsibility.js';
import { normalizeActorId } from '../rules/identity.js';
import type { Actor } from './actor.js';
import { obligationsOf } from './obligations.js';
import { daysBetween, localDate, type ResolvedReporting, reportDueDate } from './period.js';
import { REPORT_VISIBILITY, submittersOf } from './permissions.js';
import type { EngineState, ProgressReport, ReportStatus } from './state.js';

/**
 * Which reports to list. Every field narrows; `task: null` selects summary reports.
 *
 * @example
 * ```ts
 * import type { ReportFilter } from '@kepu/core';
 * const filter: ReportFilter = { unit: 'education', period: '2024', status: ['submitted', 'returned'] };
 * ```
 */
export interface ReportFilter {
  readonly plan?: string;
  readonly task?: string | null;
  readonly unit?: string;
  readonly period?: string;
  readonly status?: ReportStatus | readonly ReportStatus[];
}

const byOrder = (a: ProgressReport, b: ProgressReport) =>
  a.period.localeCompare(b.period) ||
  (a.task ?? '').localeCompare(b.task ?? '', undefined, { numeric: true }) ||
  a.unit.localeCompare(b.unit) ||
  a.createdAt.localeCompare(b.createdAt) ||
  a.id.localeCompare(b.id);

/**
 * Reports matching a filter, ordered by period, task (document order), unit, then creation.
 * Pure.
 *
 * @example
 * ```ts
 * import { findReports } from '@kepu/core';
 * findReports(engine.getSnapshot(), { task: '3.1.2', status: 'approved' });
 * ```
 */
export function findReports(state: EngineState, filter: ReportFilter = {}): ProgressReport[] {
  const statuses =
    filter.status === undefined
      ? undefined
      : new Set(typeof filter.status === 'string' ? [filter.status] : filter.status);
  return Object.values(state.reports)
    .filter(
      (r) =>
        (filter.plan === undefined || r.plan === filter.plan) &&
        (filter.task === undefined || r.task === filter.task) &&
        (filter.unit === undefined || r.unit === filter.unit) &&
        (filter.period === undefined || r.period === filter.period) &&
        (statuses === undefined || statuses.has(r.status)),
    )
    .sort(byOrder);
}

/**
 * True when `actor` may read `report` (see {@link REPORT_VISIBILITY}). Pure.
 *
 * @example
 * ```ts
 * import { canSeeReport } from '@kepu/core';
 * canSeeReport(plans, { id: 'o', role: 'observer' }, report); // true only once approved
 * ```
 */
export function canSeeReport(plans: ReadonlyMap<string, Plan>, actor: Actor, report: ProgressReport): boolean {
  if (actor.plan !== undefined && actor.plan !== report.plan) return false;
  switch (REPORT_VISIBILITY[actor.role]) {
    case 'all':
      return true;
    case 'approved':
      return report.status === 'approved';
    case 'own-unit':
      return report.unit === actor.unit;
    case 'own-and-led': {
      if (report.unit === actor.unit) return true;
      const plan = plans.get(report.plan);
      return plan !== undefined && report.task !== null && roleOf(plan, actor.unit ?? '', report.task) === 'lead';
    }
  }
}

/**
 * The state as an actor may read it: the reports the actor may not see ({@link canSeeReport})
 * left out, every other collection as it is (findings, awards, incidents and assessment runs are
 * visible to every role). The state itself when the actor sees every report. Pure.
 *
 * @example
 * ```ts
 * import { visibleState } from '@kepu/core';
 * const mine = visibleState(plans, state, { id: 'wang.li', role: 'reporter', unit: 'education' });
 * Object.values(mine.reports).every((r) => r.unit === 'education'); // true
 * ```
 */
export function visibleState(plans: ReadonlyMap<string, Plan>, state: EngineState, actor: Actor): EngineState {
  const reports = Object.values(state.reports);
  const seen = reports.filter((r) => canSeeReport(plans, actor, r));
  if (seen.length === reports.length) return state;
  return Object.freeze({ ...state, reports: Object.freeze(Object.fromEntries(seen.map((r) => [r.id, r]))) });
}

/**
 * The reports awaiting a decision that a unit's lead reviewers may take: submitted reports on
 * tasks the unit leads. Given an actor instead, the queue that actor can act on: a lead
 * reviewer's unit queue, or every submitted report for the plan office — minus reports the actor
 * submitted. Oldest first. Pure.
 *
 * @example
 * ```ts
 * import { reviewQueue } from '@kepu/core';
 * reviewQueue(plans, engine.getSnapshot(), { unit: 'education' }).length;
 * ```
 */
export function reviewQueue(
  plans: ReadonlyMap<string, Plan>,
  state: EngineState,
  who: { readonly unit: string; readonly plan?: string } | { readonly actor: Actor },
): ProgressReport[] {
  const submitted = Object.values(state.reports).filter((r) => r.status === 'submitted');
  const leads = (unit: string, r: ProgressReport) => {
    const plan = plans.get(r.plan);
    return plan !== undefined && r.task !== null && roleOf(plan, unit, r.task) === 'lead';
  };
  let out: ProgressReport[];
  if ('actor' in who) {
    const actor = who.actor;
    const inPlan = (r: ProgressReport) => actor.plan === undefined || r.plan === actor.plan;
    const notOwn = (r: ProgressReport) => !submittersOf(r).has(normalizeActorId(actor.id));
    if (actor.role === 'plan-office') out = submitted.filter((r) => inPlan(r) && notOwn(r));
    else if (actor.role === 'lead-reviewer') {
      out = submitted.filter((r) => inPlan(r) && notOwn(r) && leads(actor.unit ?? '', r));
    } else out = [];
  } else {
    out = submitted.filter((r) => (who.plan === undefined || r.plan === who.plan) && leads(who.unit, r));
  }
  return out.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
}

/**
 * A report the plan expects that is past its due date and not in: never filed (`missing`),
 * withdrawn and not refiled (`withdrawn`), or returned and not yet resubmitted (`returned`).
 *
 * @example
 * ```ts
 * import type { OverdueReport } from '@kepu/core';
 * const line = (o: OverdueReport) => `${o.unit} ${o.task ?? '总结'} ${o.period}: ${o.daysOverdue} days`;
 * ```
 */
export interface OverdueReport {
  readonly plan: string;
  readonly task: string | null;
  readonly unit: string;
  readonly period: string;
  readonly dueDate: string;
  readonly daysOverdue: number;
  readonly status: 'missing' | 'withdrawn' | 'returned';
  /** The returned or withdrawn report, when there is one. */
  readonly report?: string;
}

/**
 * Every expected report past its due date and not in (submitted or approved), as of a day in
 * the county's calendar. Pure.
 *
 * @example
 * ```ts
 * import { overdueReports } from '@kepu/core';
 * overdueReports(plans, reporting, engine.getSnapshot(), { asOf: new Date('2025-02-01') });
 * ```
 */
export function overdueReports(
  plans: ReadonlyMap<string, Plan>,
  reporting: ResolvedReporting,
  state: EngineState,
  options: { readonly asOf: Date; readonly plan?: string; readonly unit?: string; readonly period?: string },
): OverdueReport[] {
  const today = localDate(options.asOf, reporting.timeZoneOffsetMinutes);
  const latest = new Map<string, ProgressReport>();
  const key = (plan: string, task: string | null, unit: string, period: string) =>
    `${plan}\u0000${task ?? ''}\u0000${unit}\u0000${period}`;
  for (const r of Object.values(state.reports)) {
    const k = key(r.plan, r.task, r.unit, r.period);
    const seen = latest.get(k);
    // An active report outranks a withdrawn one; among equals the later one counts.
    const rank = (x: ProgressReport) => (x.status === 'withdrawn' ? 0 : 1);
    if (!seen || rank(r) > rank(seen) || (rank(r) === rank(seen) && r.createdAt > seen.createdAt)) latest.set(k, r);
  }
  const out: OverdueReport[] = [];
  for (const plan of plans.values()) {
    if (options.plan !== undefined && plan.id !== options.plan) continue;
    for (const o of obligationsOf(plan, reporting)) {
      if (options.unit !== undefined && o.unit !== options.unit) continue;
      if (options.period !== undefined && o.period !== options.period) continue;
      const dueDate = reportDueDate(o.period, reporting);
      const daysOverdue = daysBetween(dueDate, today);
      if (daysOverdue <= 0) continue;
      const report = latest.get(key(o.plan, o.task, o.unit, o.period));
      if (report && (report.status === 'submitted' || report.status === 'approved')) continue;
      out.push({
        ...o,
        dueDate,
        daysOverdue,
        status: report ? (report.status as 'withdrawn' | 'returned') : 'missing',
        ...(report ? { report: report.id } : {}),
      });
    }
  }
  return out;
}
