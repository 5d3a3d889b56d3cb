import type { TargetStatus } from '../assessment/status.js';
import type { AuditActor, AuditEntry } from '../store/types.js';
import type { AssessmentRun, ProgressReport, TargetReview } from './state.js';
import type { TargetWatch } from './target-watch.js';

/**
 * Every event the engine emits, with its payload. Events follow the store: they are emitted
 * after a change is committed (by this engine, or by another engine on the same store, then with
 * `remote: true`), never for a change that did not happen.
 *
 * - `report:submitted` (also after a resubmission), `report:returned`, `report:approved`,
 *   `report:withdrawn` — the report as it now is;
 * - `target:achieved`, `target:off-track` — on an approval, a quantitative target reached its
 *   threshold, or fell behind (into `needs-acceleration`, `limited-progress` or `deteriorating`
 *   from a better or unknown status);
 * - `target:reviewed` — a reviewer recorded a review of a qualitative target (`replaced`: the
 *   same reviewer's earlier review of that target and year, which it replaces);
 * - `deadline:approaching` — from `engine.tick()`: a report due within the horizon and not in, or
 *   a target whose deadline year ends within the horizon and is not achieved;
 * - `assessment:completed` — a new assessment run (a snapshot);
 * - `command:accepted`, `command:denied` — every audited command, with its audit entry;
 * - `plugin:error` — a plugin hook or an event listener threw or returned bad data; it was
 *   contained and changed nothing;
 * - `store:error` — following the store in the background failed (the next command retries).
 *
 * @example
 * ```ts
 * import type { EngineEvents } from '@kepu/core';
 * const onApproved = (e: EngineEvents['report:approved']) => console.log(e.report.id, e.actor.id);
 * ```
 */
export interface EngineEvents {
  'report:submitted': {
    readonly report: ProgressReport;
    readonly actor: AuditActor;
    readonly resubmission: boolean;
    readonly remote: boolean;
  };
  'report:returned': {
    readonly report: ProgressReport;
    readonly actor: AuditActor;
    readonly reason: string;
    readonly remote: boolean;
  };
  'report:approved': { readonly report: ProgressReport; readonly actor: AuditActor; readonly remote: boolean };
  'report:withdrawn': { readonly report: ProgressReport; readonly actor: AuditActor; readonly remote: boolean };
  'target:achieved': {
    readonly plan: string;
    readonly target: string;
    readonly watch: TargetWatch;
    readonly previous: TargetStatus;
    readonly remote: boolean;
  };
  'target:off-track': {
    readonly plan: string;
    readonly target: string;
    readonly watch: TargetWatch;
    readonly previous: TargetStatus;
    readonly remote: boolean;
  };
  'target:reviewed': {
    readonly review: TargetReview;
    readonly replaced?: TargetReview;
    readonly actor: AuditActor;
    readonly remote: boolean;
  };
  'deadline:approaching':
    | {
        readonly kind: 'report';
        readonly plan: string;
        readonly task: string | null;
        readonly unit: string;
        readonly period: string;
        readonly dueDate: string;
        readonly daysLeft: number;
      }
    | {
        readonly kind: 'target';
        readonly plan: string;
        readonly target: string;
        readonly dueDate: string;
        readonly daysLeft: number;
        readonly status: TargetStatus;
      };
  'assessment:completed': { readonly run: AssessmentRun; readonly actor: AuditActor; readonly remote: boolean };
  'command:accepted': { readonly entry: AuditEntry; readonly remote: boolean };
  'command:denied': { readonly entry: AuditEntry; readonly remote: boolean };
  'plugin:error': { readonly plugin: string; readonly hook: string; readonly error: unknown };
  'store:error': { readonly error: unknown };
}

/**
 * The name of an engine event.
 *
 * @example
 * ```ts
 * import type { EngineEventName } from '@kepu/core';
 * const name: EngineEventName = 'report:approved';
 * ```
 */
export type EngineEventName = keyof EngineEvents;
