import type { Draft } from 'immer';
import type { z } from 'zod';
import type { KepuIssue } from '../errors.js';
import type { Plan } from '../plan.js';
import type { PlanIndex } from '../plan-index.js';
import type { AuditActor } from '../store/types.js';
import { type Actor, ENGINE_ROLES, type EngineRole } from './actor.js';
import type { EngineEffect } from './effects.js';
import type { PermissionScope } from './permissions.js';
import type { EngineState, ProgressReport, RECORD_KINDS, ReportRevision, ReportStatus } from './state.js';
import type { TransitionContext } from './transition-context.js';

/**
 * A collection of {@link EngineState} that holds records (`reports`, `findings`, …).
 *
 * @example
 * ```ts
 * import type { RecordKind } from '@kepu/core';
 * const kind: RecordKind = 'findings';
 * ```
 */
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * The record an accepted command created or changed: its collection and id.
 *
 * @example
 * ```ts
 * import type { CommandTarget } from '@kepu/core';
 * const target: CommandTarget = { kind: 'reports', id: 'rpt-1' };
 * ```
 */
export interface CommandTarget {
  readonly kind: RecordKind | 'assessments';
  readonly id: string;
}

/**
 * A record a command finds before it changes anything, by what it is about rather than by id:
 * the unit's active report for the same task and period (which makes a second submission a
 * duplicate), or the same reviewer's earlier review of a target (which a new review replaces). A
 * prior record changed after the command's `baseVersion` makes the command stale.
 *
 * @example
 * ```ts
 * import type { PriorRecord } from '@kepu/core';
 * const replaces = (p: PriorRecord) => p.duplicate === undefined;
 * ```
 */
export interface PriorRecord {
  readonly kind: RecordKind;
  readonly record: { readonly id: string; readonly version: number };
  /** How a `version-conflict` names it, e.g. `report "rpt-3"`. */
  readonly label: string;
  /** Set when the prior record makes the command a duplicate: the issue to deny it with. */
  readonly duplicate?: KepuIssue;
}

/**
 * What a command's own rules see while it is decided. Everything is read-only; `records` is the
 * state as it stands before this command (inside a batch: after the commands before it) — read
 * from it, never keep it.
 *
 * @example
 * ```ts
 * import type { CommandContext, CommandOf } from '@kepu/core';
 * const unitOf = (ctx: CommandContext<CommandOf<'submit-report'>>) => ctx.actor.unit;
 * ```
 */
export interface CommandContext<C> {
  readonly context: TransitionContext;
  readonly command: C;
  readonly actor: Actor;
  readonly plan: Plan;
  readonly index: PlanIndex;
  /** The report a report command names (resolved and checked before any rule of the command runs). */
  readonly report: ProgressReport | undefined;
  /** The state before this command, for reading single records by id. */
  readonly records: EngineState;
  /** The state before this command, frozen, for handing to hooks (made on first use: it costs a copy). */
  readonly state: EngineState;
  /** The version the command will make. */
  readonly version: number;
  /** The command's time, ISO 8601. */
  readonly at: string;
}

/** What `apply` sees besides the draft: the context, and the prior record when there is one. */
export interface ApplyContext<C> extends CommandContext<C> {
  readonly prior: PriorRecord | undefined;
  /** A fresh id in a collection: `<prefix>-<version>` (then `-2`, `-3` … if taken). */
  nextId(kind: RecordKind, prefix: string): string;
}

/**
 * One accepted command, as its effects see it after the fact: the command, who ran it, the record
 * it created or changed (as it now is), the record it replaced, and the state after it.
 *
 * @example
 * ```ts
 * import type { CommandStep } from '@kepu/core';
 * const changed = (step: CommandStep<unknown>) => `${step.target.kind}/${step.target.id}`;
 * ```
 */
export interface CommandStep<C> {
  readonly context: TransitionContext;
  readonly command: C;
  readonly actor: AuditActor;
  readonly target: CommandTarget;
  readonly record: unknown;
  readonly replaced: unknown;
  /** The state after the command: read from it now, never keep it. */
  readonly after: EngineState;
}

/**
 * A command, in one place: its schema, who may run it, what it refers to, how it changes the
 * state, and what follows. The engine, the permission table, the audit wording and the events
 * are all derived from these definitions (see `engine/commands/index.ts`).
 *
 * Every function here is pure: it reads what it is given and returns data. `apply` is an immer
 * recipe over a draft that holds the state's `version` and the records the command names (its
 * report, its prior record, the record at its chosen id): it writes the records it creates or
 * changes by id.
 *
 * @example
 * ```ts
 * import { defineCommand } from '@kepu/core/engine';
 * import { z } from 'zod';
 * const ping = defineCommand({
 *   type: 'ping',
 *   schema: z.strictObject({ type: z.literal('ping'), baseVersion: z.number() }),
 *   permissions: { reporter: 'none', 'lead-reviewer': 'none', 'plan-office': 'any', assessor: 'none', observer: 'none' },
 *   subject: 'plan',
 *   apply: () => ({ kind: 'reports', id: 'none' }),
 * });
 * ```
 */
export interface CommandDefinition<T extends string = string, C extends { readonly type: T } = { readonly type: T }> {
  readonly type: T;
  /** The zod schema of the command, with `type: z.literal(T)` and `baseVersion`. */
  readonly schema: z.ZodType<C, unknown>;
  /** The command's row of the permission table: how far each role's right reaches. */
  readonly permissions: Readonly<Record<EngineRole, PermissionScope>>;
  /** `report`: the command names a report (`report: id`), and acts in its plan; `plan`: it names a plan (or the only one). */
  readonly subject: 'report' | 'plan';
  /** For a report command: the statuses it may act on, and the word an `invalid-transition` uses (`approved`). */
  readonly transition?: { readonly from: readonly ReportStatus[]; readonly action: string };
  /** The collection it creates records in: a chosen `id` already there is a `duplicate-id`. */
  readonly creates?: RecordKind;
  /** The actor's unit must be a unit of the plan (a group too), e.g. the reviewer of a target. */
  readonly needsActorUnit?: boolean;
  /** The command reviews a report: nobody who submitted a revision of it may run it (`self-approval`). */
  readonly reviewsReport?: boolean;
  /**
   * The unit the command judges (an award, a finding, an incident) and whether the record counts
   * in its favour. Nobody acting for that unit records anything in its favour (`conflict-of-interest`);
   * a record against one's own unit (a veto, a deduction) only where the plan's assessment scheme
   * allows it (`conflictOfInterest.ownUnitPenalties: 'allowed'`).
   */
  judges?(command: C): { readonly unit: string; readonly favourable: boolean };
  /** The ids, periods and units it names exist and make sense. */
  references?(ctx: CommandContext<C>): KepuIssue[];
  /** What it would feed the assessment passes the scheme's input checks (`check` is the scheme's). */
  scheme?(ctx: CommandContext<C>, check: NonNullable<TransitionContext['checkScheme']>): readonly KepuIssue[];
  /** The record it finds by what it is about (see {@link PriorRecord}). */
  prior?(ctx: CommandContext<C>): PriorRecord | undefined;
  /** For a command that files report content: what the report-validation hooks are shown. */
  validation?(ctx: CommandContext<C>): {
    readonly report: Pick<ProgressReport, 'id' | 'plan' | 'task' | 'unit' | 'period'>;
    readonly revision: Omit<ReportRevision, 'revision' | 'submittedAt' | 'submittedBy'>;
  };
  /** The change: writes the draft, returns the record created or changed, or issues that refuse it. */
  apply(draft: Draft<EngineState>, ctx: ApplyContext<C>): CommandTarget | readonly KepuIssue[];
  /** What follows once it is committed: events to emit, hooks to call. */
  effects?(step: CommandStep<C>): EngineEffect[];
}

/**
 * Declares a command (see {@link CommandDefinition}); returns the definition unchanged, typed.
 *
 * @example
 * ```ts
 * import { defineCommand } from '@kepu/core/engine';
 * import { z } from 'zod';
 * const ping = defineCommand({
 *   type: 'ping',
 *   schema: z.strictObject({ type: z.literal('ping'), baseVersion: z.number() }),
 *   permissions: { reporter: 'none', 'lead-reviewer': 'none', 'plan-office': 'any', assessor: 'none', observer: 'none' },
 *   subject: 'plan',
 *   apply: () => ({ kind: 'reports', id: 'none' }),
 * });
 * ping.type; // 'ping'
 * ```
 */
export function defineCommand<const T extends string, S extends z.ZodType<{ readonly type: T }>>(
  definition: Omit<CommandDefinition<T, z.output<S>>, 'schema'> & { readonly schema: S },
): CommandDefinition<T, z.output<S>> & { readonly schema: S } {
  return definition as CommandDefinition<T, z.output<S>> & { readonly schema: S };
}

/**
 * A command's row of the permission table: the roles named get their scope, every other role
 * `none` (so a new role never gains a right by default).
 *
 * @example
 * ```ts
 * import { permissionRow } from '@kepu/core/engine';
 * permissionRow({ 'plan-office': 'any' }).observer; // 'none'
 * ```
 */
export function permissionRow(
  granted: Partial<Record<EngineRole, PermissionScope>>,
): Readonly<Record<EngineRole, PermissionScope>> {
  return Object.fromEntries(ENGINE_ROLES.map((role) => [role, granted[role] ?? 'none'])) as Record<
    EngineRole,
    PermissionScope
  >;
}
