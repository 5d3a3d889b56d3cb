import type { AssessmentScheme, AssessmentSchemeInput } from '../assessment/scheme.js';
import type { Plan } from '../plan.js';
import type { KepuPlugin, KepuPluginHooks } from '../plugin/plugin.js';
import type { TargetKindDefinition } from '../plugin/target-kind.js';
import type { KepuStore } from '../store/types.js';
import type { ActorResolver } from './actor.js';
import type { AssessmentInputsOptions } from './assessment-inputs.js';
import type { AuditAnchor } from './audit-anchor.js';
import type { ReportingOptions } from './period.js';
import type { AssessmentRunner } from './transition-context.js';

/**
 * The engine's clock. Inject one in tests to control time.
 *
 * @example
 * ```ts
 * import type { Clock } from '@kepu/core';
 * let now = new Date('2025-01-10T02:00:00Z');
 * const clock: Clock = { now: () => now };
 * ```
 */
export interface Clock {
  now(): Date;
}

/**
 * Options of {@link createEngine}.
 *
 * @example
 * ```ts
 * import { createMemoryStore, type EngineOptions } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * const options: EngineOptions = { plans: [zhengningPlan], store: createMemoryStore(), reporting: { cadence: 'annual' } };
 * ```
 */
export interface EngineOptions {
  /** The plans the engine serves, by id. Each is validated; ids must be unique. */
  readonly plans?: readonly Plan[];
  /**
   * County plugins: their plans, unit directories and schemes join the engine's; their hooks and
   * listeners run contained (see {@link KepuPluginHooks}). Loaded with {@link loadPlugins}.
   */
  readonly plugins?: readonly KepuPlugin[];
  /**
   * What to do with a plugin that does not load: `throw` refuses to start; `skip` starts without
   * it and lists its problems in `engine.pluginIssues`.
   * @default 'throw'
   */
  readonly onInvalidPlugin?: 'throw' | 'skip';
  /** Indicator kinds of the host's own (plugins bring theirs). @default [] */
  readonly targetKinds?: readonly TargetKindDefinition[];
  /**
   * Time a plugin hook may take per call before its result is discarded and reported.
   * @default 250
   */
  readonly hookBudgetMs?: number;
  /**
   * Where records, the audit log and snapshots are kept. The engine does not dispose a store it
   * was given.
   * @default createMemoryStore()
   */
  readonly store?: KepuStore;
  /** @default the system clock */
  readonly clock?: Clock;
  /**
   * The actor directory: turns an actor reference (a string, e.g. the signed-in user's id) into an
   * actor. With it, an actor object is accepted only when resolving its id gives the same role,
   * unit and plan, so a caller cannot forge one. Without it, only actor objects are accepted and
   * the engine trusts them: the host that calls `execute` vouches for the identity (see
   * docs/security.md).
   */
  readonly resolveActor?: ActorResolver;
  /** Reporting periods, due dates, obligations and the deadline horizon. */
  readonly reporting?: ReportingOptions;
  /**
   * Assessment schemes by plan id — a scheme, or the id of a scheme a plugin contributed. A plan
   * with none here uses the scheme plugins contributed for it when there is exactly one. With a
   * scheme, `run-assessment` runs core's `assess` on the
   * approved reports, findings, awards and incidents, and every record that feeds the assessment
   * is checked against the scheme when it is recorded.
   */
  readonly schemes?: Readonly<Record<string, AssessmentScheme | AssessmentSchemeInput | string>>;
  /** How records become assessment inputs (e.g. a deduction rule for late reports). */
  readonly assessmentInputs?: AssessmentInputsOptions;
  /**
   * A runner of your own for `run-assessment`, instead of `assess` with `schemes`. Without either,
   * `run-assessment` is denied with `assessment-unavailable`.
   */
  readonly assessment?: AssessmentRunner;
  /**
   * Verify the audit chain and that the stored records equal a replay of the log when loading.
   * @default true
   */
  readonly verifyOnLoad?: boolean;
  /**
   * A checkpoint of the audit log kept where the database's writers cannot change it (an anchor
   * object, or its `seq:hash` text). Loading refuses a log that ends before it
   * (`audit-truncated`) or holds another entry at its seq (`audit-rechained`), even with
   * `verifyOnLoad: false`.
   */
  readonly auditAnchor?: AuditAnchor | string;
  /**
   * How many times a command is re-decided when another writer moved the store's head first
   * (with a short random pause from the third attempt on, so that writers do not keep colliding).
   * When they are used up the command fails with `store-conflict` and nothing is written.
   * @default 10
   */
  readonly maxRetries?: number;
  /**
   * Follow the store's `watch` capability, so commits by other engines on the same data arrive
   * without waiting for the next command.
   * @default true
   */
  readonly watch?: boolean;
}
