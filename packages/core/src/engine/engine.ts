import { KepuError, type KepuIssue } from '../errors.js';
import { parseUntrusted } from '../internal-parse.js';
import type { Plan } from '../plan.js';
import type { KepuPlugin } from '../plugin/plugin.js';
import { createMemoryStore } from '../store/memory.js';
import type { AuditEntry, KepuStore, StoreHead } from '../store/types.js';
import { type Actor, ActorSchema } from './actor.js';
import type { AuditVerification } from './audit.js';
import { type AuditAnchor, parseAuditAnchor } from './audit-anchor.js';
import { catchUp } from './catch-up.js';
import type { CommandTarget } from './command-definition.js';
import type { CommandInput } from './commands/index.js';
import { runCommands } from './commit.js';
import { createTick } from './deadlines.js';
import type { Clock, EngineOptions } from './engine-options.js';
import type { EngineEventName, EngineEvents } from './events.js';
import { createListeners } from './listeners.js';
import { loadState, replay, verifyStore } from './load.js';
import { type ResolvedReporting, resolveReporting } from './period.js';
import { wirePlugins } from './plugin-wiring.js';
import {
  canSeeReport,
  findReports,
  type OverdueReport,
  overdueReports,
  type ReportFilter,
  reviewQueue,
  visibleState,
} from './queries.js';
import type { EngineRuntime } from './runtime.js';
import type { AssessmentRun, EngineState, ProgressReport } from './state.js';

export type { Clock, EngineOptions } from './engine-options.js';

/**
 * What an accepted command returns: the new state version, its audit entry, and the record it
 * created or changed (`kind` and `id`, e.g. the new report's id).
 *
 * @example
 * ```ts
 * const { target } = await engine.execute(reporter, { type: 'submit-report', … });
 * target.id; // 'rpt-1'
 * ```
 */
export interface CommandResult {
  readonly version: number;
  readonly entry: AuditEntry;
  readonly target: CommandTarget;
}

/**
 * A running engine. See {@link createEngine}.
 *
 * @example
 * ```ts
 * import { createEngine, type Engine } from '@kepu/core';
 * const engine: Engine = await createEngine({ plans: [plan] });
 * ```
 */
export interface Engine {
  /** The plans served, by id. */
  readonly plans: ReadonlyMap<string, Plan>;
  /** The plugins loaded, in load order. */
  readonly plugins: readonly KepuPlugin[];
  /** Problems of plugins left out with `onInvalidPlugin: 'skip'` (empty otherwise). */
  readonly pluginIssues: readonly KepuIssue[];
  /** The store the engine writes to. */
  readonly store: KepuStore;
  /** The reporting rules, defaults filled. */
  readonly reporting: ResolvedReporting;
  /**
   * The current state: immutable, and the same object until something changes. This is the
   * administrator's view — every record, whatever the report-visibility rules say
   * ({@link REPORT_VISIBILITY}). Hand a person {@link Engine.snapshotFor} or the filtered queries
   * instead.
   */
  getSnapshot(): EngineState;
  /**
   * The current state as `actor` may read it: the reports the actor may not see left out (see
   * {@link visibleState}). The same object until something changes, for the same actor.
   */
  snapshotFor(actor: Actor): EngineState;
  /** Calls `listener` after every change of state; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The audit head this engine has reached. */
  getHead(): StoreHead;
  /** Runs one command as an actor (an object, or a reference for `resolveActor`). */
  execute(actor: Actor | string, command: CommandInput | unknown): Promise<CommandResult>;
  /** Runs commands as one atomic unit: all accepted and committed together, or none. */
  executeBatch(actor: Actor | string, commands: ReadonlyArray<CommandInput | unknown>): Promise<CommandResult[]>;
  /** Reports matching a filter; with `actor`, only those the actor may read. */
  reports(filter?: ReportFilter, options?: { readonly actor?: Actor }): ProgressReport[];
  /** A unit's review queue, or the queue an actor can act on. */
  reviewQueue(who: { readonly unit: string; readonly plan?: string } | { readonly actor: Actor }): ProgressReport[];
  /** Expected reports past due and not in, as of now (or `asOf`). */
  overdueReports(filter?: {
    readonly plan?: string;
    readonly unit?: string;
    readonly period?: string;
    readonly asOf?: Date;
  }): OverdueReport[];
  /** Assessment runs, oldest first; filter by plan and period. */
  assessments(filter?: { readonly plan?: string; readonly period?: string }): AssessmentRun[];
  /** Emits `deadline:approaching` for what falls due within the horizon (each once per engine). */
  tick(): void;
  /** Catches up with commits other engines made to the same store. */
  refresh(): Promise<void>;
  /**
   * Verifies the store's audit chain, and that its records equal a replay of the log; with an
   * `anchor` (a checkpoint kept where the database's writers cannot change it, or its `seq:hash`
   * text), also that the log reaches it and holds the entry it names — a log cut short
   * (`truncated`) or rewritten and re-hashed (`rechained`) passes every other check. A malformed
   * anchor is a `KepuError` (`invalid-shape`).
   */
  verifyAudit(options?: { readonly anchor?: AuditAnchor | string }): Promise<AuditVerification>;
  /** Replays the store's audit log from the start and returns the state it gives. */
  rebuild(): Promise<EngineState>;
  /** The audit log, or part of it. */
  readAudit(query?: { readonly after?: number; readonly limit?: number }): Promise<AuditEntry[]>;
  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void;
  once<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void;
  off<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): void;
  /** Stops the engine: no more commands, listeners dropped, store unwatched (not disposed). */
  dispose(): Promise<void>;
}

/**
 * Creates an engine over plans and a store: loads (and by default verifies) what the store
 * holds, then accepts commands, answers queries and emits events.
 *
 * Every command is decided by the pure {@link decide}, committed to the store in one atomic
 * `commit` (record changes, audit entry, head), and only then applied to the engine's state, so
 * the state never runs ahead of the store. Commands run one at a time per engine; several
 * engines may share a store: a command that lost the race to another writer is decided again on
 * the fresh state (a stale `baseVersion` then surfaces as `version-conflict`). Denied commands
 * are audited too, with no patches, and thrown as a {@link KepuError}.
 *
 * @example
 * ```ts
 * import { createEngine, createMemoryStore } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 *
 * const engine = await createEngine({ plans: [zhengningPlan], store: createMemoryStore() });
 * const reporter = { id: 'wang.li', role: 'reporter', unit: 'cast' } as const;
 * const { target } = await engine.execute(reporter, {
 *   type: 'submit-report', baseVersion: engine.getSnapshot().version, task: '4.2.3', period: '2024',
 *   narrative: '全年推送科普信息 21.5 万条。', observations: [{ target: 'science-china-items', value: 215000 }],
 * });
 * engine.getSnapshot().reports[target.id]?.status; // 'submitted'
 * ```
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const store = options.store ?? createMemoryStore();
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const reporting = resolveReporting(options.reporting);
  const maxRetries = options.maxRetries ?? 10;
  const wiring = wirePlugins(options, reporting);
  const listeners = createListeners();
  for (const plugin of wiring.plugins) {
    for (const [event, listener] of Object.entries(plugin.on ?? {})) {
      if (typeof listener === 'function') {
        listeners.on(event as EngineEventName, listener as (payload: unknown) => void, false, plugin.id);
      }
    }
  }
  const anchor = options.auditAnchor === undefined ? undefined : parseAuditAnchor(options.auditAnchor);
  const loaded = await loadState(store, { verify: options.verifyOnLoad ?? true, maxRetries, anchor });
  const runtime: EngineRuntime = { store, wiring, listeners, maxRetries, ...loaded, disposed: false };

  // Commands, catch-ups and loads run one at a time, in arrival order.
  let tail: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
  const run = (actor: Actor | string | unknown, commands: readonly unknown[]) =>
    runCommands(runtime, clock, options.resolveActor, actor, commands);

  let unwatch: (() => unknown) | undefined;
  if (store.watch && (options.watch ?? true)) {
    unwatch = await store.watch((next) => {
      if (runtime.disposed || next.seq <= runtime.head.seq) return;
      void enqueue(() => catchUp(runtime)).catch((error) => listeners.emit('store:error', { error }));
    });
  }
  const { plans } = wiring;
  // The per-actor views of a state, made on first use; they go when the state does.
  const viewsByState = new WeakMap<EngineState, Map<string, EngineState>>();

  return {
    plans,
    plugins: wiring.plugins,
    pluginIssues: wiring.pluginIssues,
    store,
    reporting,
    getSnapshot: () => runtime.state,
    snapshotFor(given) {
      const parsed = parseUntrusted(ActorSchema, given, ['actor']);
      if (!parsed.ok) throw new KepuError(parsed.issues);
      const actor = parsed.value;
      const key = `${actor.role}\u0000${actor.unit ?? ''}\u0000${actor.plan ?? ''}`;
      const views = viewsByState.get(runtime.state) ?? new Map<string, EngineState>();
      viewsByState.set(runtime.state, views);
      const view = views.get(key) ?? visibleState(plans, runtime.state, actor);
      views.set(key, view);
      return view;
    },
    subscribe: (listener) => listeners.subscribe(listener),
    getHead: () => runtime.head,
    execute: (actor, command) => enqueue(async () => (await run(actor, [command]))[0] as CommandResult),
    executeBatch: (actor, commands) => enqueue(async () => (commands.length === 0 ? [] : run(actor, commands))),
    reports(filter = {}, opts = {}) {
      const all = findReports(runtime.state, filter);
      const actor = opts.actor;
      return actor ? all.filter((r) => canSeeReport(plans, actor, r)) : all;
    },
    reviewQueue: (who) => reviewQueue(plans, runtime.state, who),
    overdueReports: (filter = {}) =>
      overdueReports(plans, reporting, runtime.state, { ...filter, asOf: filter.asOf ?? clock.now() }),
    assessments(filter = {}) {
      return Object.values(runtime.state.assessments)
        .filter(
          (a) =>
            (filter.plan === undefined || a.plan === filter.plan) &&
            (filter.period === undefined || a.period === filter.period),
        )
        .sort((a, b) => a.plan.localeCompare(b.plan) || a.period.localeCompare(b.period) || a.run - b.run);
    },
    tick: createTick(runtime, reporting, clock),
    refresh: () => enqueue(() => catchUp(runtime)),
    verifyAudit: async (verifyOptions = {}) =>
      verifyStore(
        store,
        runtime.head,
        verifyOptions?.anchor === undefined ? undefined : parseAuditAnchor(verifyOptions.anchor),
      ),
    rebuild: async () => replay(await store.readAudit()),
    readAudit: async (query = {}) => store.readAudit(query),
    on: (event, listener) => listeners.on(event, listener),
    once: (event, listener) => listeners.on(event, listener, true),
    off: (event, listener) => listeners.off(event, listener),
    async dispose() {
      if (runtime.disposed) return;
      runtime.disposed = true;
      await tail;
      await unwatch?.();
      listeners.clear();
    },
  };
}
