import { EventEmitter } from 'eventemitter3';
import { freeze, type Patch } from 'immer';
import { canonicalJson } from '../assessment/hash.js';
import { type AssessmentInputs, validateAssessmentInputs } from '../assessment/inputs.js';
import type { AssessmentScheme, AssessmentSchemeInput } from '../assessment/scheme.js';
import { createIssue, isKepuError, KepuError, type KepuIssue } from '../errors.js';
import type { Plan } from '../plan.js';
import { callHook } from '../plugin/hooks.js';
import { loadPlugins } from '../plugin/load-plugins.js';
import type { KepuPlugin, KepuPluginHooks } from '../plugin/plugin.js';
import type { TargetKindDefinition } from '../plugin/target-kind.js';
import type { Result } from '../result.js';
import { createMemoryStore } from '../store/memory.js';
import type {
  AuditActor,
  AuditEntry,
  CommitBatch,
  KepuStore,
  RecordWrite,
  StoreHead,
  StoreRecord,
  StoreSnapshot,
} from '../store/types.js';
import { validatePlan } from '../validate.js';
import { type Actor, type ActorResolver, ActorSchema } from './actor.js';
import { type AssessmentInputsOptions, assessWithSchemes } from './assessment-inputs.js';
import { type AuditVerification, chainAuditEntry, verifyAuditChain } from './audit.js';
import type { Command, CommandInput } from './commands.js';
import type { EngineEventName, EngineEvents } from './events.js';
import { engineImmer } from './immer.js';
import { obligationsOf } from './obligations.js';
import {
  daysBetween,
  localDate,
  type ReportingOptions,
  type ResolvedReporting,
  reportDueDate,
  resolveReporting,
} from './period.js';
import {
  canSeeReport,
  findReports,
  type OverdueReport,
  overdueReports,
  type ReportFilter,
  reviewQueue,
} from './queries.js';
import {
  type AssessmentRun,
  assessmentKey,
  type EngineState,
  initialState,
  type ProgressReport,
  RECORD_KINDS,
} from './state.js';
import { OFF_TRACK_STATUSES, watchTargets } from './target-watch.js';
import {
  type Accepted,
  type AssessmentRunner,
  decide,
  parseCommand,
  type ReportValidationInput,
  type TransitionContext,
} from './transition.js';

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
  /** Turns an actor reference (a string) into an actor; without it, only actor objects are accepted. */
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
  readonly target: Accepted['target'];
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
  /** The current state: immutable, and the same object until something changes. */
  getSnapshot(): EngineState;
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
  /** Verifies the store's audit chain, and that its records equal a replay of the log. */
  verifyAudit(): Promise<AuditVerification>;
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

type EventArgs = { [E in EngineEventName]: [EngineEvents[E]] };

/** Builds state from stored records and snapshots. */
function stateFromStore(
  records: readonly StoreRecord[],
  snapshots: readonly StoreSnapshot[],
  version: number,
): EngineState {
  const state = initialState() as { -readonly [K in keyof EngineState]: EngineState[K] };
  const mutable = state as unknown as Record<string, Record<string, unknown>>;
  state.version = version;
  for (const record of records) {
    if ((RECORD_KINDS as readonly string[]).includes(record.kind)) {
      (mutable[record.kind] as Record<string, unknown>)[record.id] = record.data;
    }
  }
  for (const snapshot of snapshots) {
    if (snapshot.key.startsWith('assessment/')) {
      const run = snapshot.data as AssessmentRun;
      (state.assessments as Record<string, AssessmentRun>)[run.id] = run;
    }
  }
  return state;
}

/** The record and snapshot writes an accepted change makes, found from its patches. */
function writesOf(
  next: EngineState,
  patches: readonly Patch[],
): { records: RecordWrite[]; snapshots: StoreSnapshot[] } {
  const touched = new Map<string, { kind: string; id: string }>();
  for (const patch of patches) {
    const [kind, id] = patch.path;
    if (typeof kind === 'string' && id !== undefined) touched.set(`${kind}\u0000${id}`, { kind, id: String(id) });
  }
  const records: RecordWrite[] = [];
  const snapshots: StoreSnapshot[] = [];
  for (const { kind, id } of touched.values()) {
    if (kind === 'assessments') {
      const run = next.assessments[id];
      if (run)
        snapshots.push({ key: assessmentKey(run.plan, run.period), version: run.run, createdAt: run.ranAt, data: run });
      continue;
    }
    if (!(RECORD_KINDS as readonly string[]).includes(kind)) continue;
    const value = (next as unknown as Record<string, Record<string, { version: number }>>)[kind]?.[id];
    records.push(
      value ? { op: 'put', record: { kind, id, version: value.version, data: value } } : { op: 'delete', kind, id },
    );
  }
  return { records, snapshots };
}

function replay(entries: readonly AuditEntry[]): EngineState {
  let state = initialState();
  const accepted = entries.filter((e) => e.outcome === 'accepted');
  // Applying every patch in one call is the same as entry by entry, and much cheaper.
  state = engineImmer().applyPatches(
    state,
    accepted.flatMap((e) => e.patches as Patch[]),
  );
  return state;
}

function firstDivergence(a: EngineState, b: EngineState): { kind: string; id: string } | undefined {
  for (const kind of [...RECORD_KINDS, 'assessments'] as const) {
    const left = a[kind] as Record<string, unknown>;
    const right = b[kind] as Record<string, unknown>;
    for (const id of new Set([...Object.keys(left), ...Object.keys(right)])) {
      if (canonicalJson(left[id] ?? null) !== canonicalJson(right[id] ?? null)) return { kind, id };
    }
  }
  if (a.version !== b.version) return { kind: 'version', id: String(a.version) };
  return undefined;
}

const isStoreConflict = (error: unknown) => isKepuError(error) && error.code === 'store-conflict';

/** A short random pause before the next attempt after losing a race: 0 to 2^attempt ms, at most 64. */
function backoff(attempt: number): Promise<void> | undefined {
  if (attempt < 2) return undefined;
  const ms = Math.random() * Math.min(64, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function storeFailure(store: KepuStore, error: unknown): KepuError {
  if (isKepuError(error)) return error;
  return new KepuError([createIssue('store-failure', [], { store: store.name, detail: String(error) })], {
    cause: error,
  });
}

/** What is safe to keep of a command that was denied: the parsed command, or its type only. */
function summarise(input: unknown, parsed: Command | undefined): unknown {
  if (parsed) return parsed;
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  return { type: typeof type === 'string' ? type.slice(0, 60) : null, invalid: true };
}

function auditActorOf(actor: Actor | undefined, ref: unknown): AuditActor {
  if (actor) {
    return {
      id: actor.id,
      role: actor.role,
      ...(actor.unit === undefined ? {} : { unit: actor.unit }),
      ...(actor.plan === undefined ? {} : { plan: actor.plan }),
    };
  }
  const id =
    typeof ref === 'string'
      ? ref
      : typeof ref === 'object' && ref !== null && typeof (ref as { id?: unknown }).id === 'string'
        ? (ref as { id: string }).id
        : '(unknown)';
  return { id: id.slice(0, 120) || '(empty)', role: 'unknown' };
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
  const plugins = options.plugins ?? [];

  // --- plans -----------------------------------------------------------------------------------
  const plans = new Map<string, Plan>();
  const planIssues: KepuIssue[] = [];
  (options.plans ?? []).forEach((plan, i) => {
    const result = validatePlan(plan);
    if (!result.ok) {
      planIssues.push(...result.issues.map((issue) => ({ ...issue, path: ['plans', i, ...issue.path] })));
      return;
    }
    if (plans.has(plan.id))
      planIssues.push(createIssue('duplicate-id', ['plans', i, 'id'], { id: plan.id, kind: 'plan' }));
    else plans.set(plan.id, result.value);
  });
  if (planIssues.length > 0) throw new KepuError(planIssues);
  const pluginSet = loadPlugins(plugins, {
    plans: [...plans.values()],
    onInvalid: options.onInvalidPlugin ?? 'throw',
    ...(options.targetKinds ? { targetKinds: options.targetKinds } : {}),
  });
  for (const [id, plan] of pluginSet.plans) plans.set(id, plan);
  // The validated plans are kept (defaults filled, frozen), not the callers' objects.
  for (const [id, plan] of plans) plans.set(id, freeze(plan, true));
  const loadedPlugins = pluginSet.plugins;

  // --- schemes ---------------------------------------------------------------------------------
  const schemes: Record<string, AssessmentScheme | AssessmentSchemeInput> = {};
  for (const [planId, scheme] of Object.entries(options.schemes ?? {})) {
    if (typeof scheme !== 'string') {
      schemes[planId] = scheme;
      continue;
    }
    const found = pluginSet.schemes.get(scheme);
    if (!found)
      throw new KepuError([createIssue('unknown-reference', ['schemes', planId], { kind: 'scheme', ref: scheme })]);
    schemes[planId] = found;
  }
  for (const planId of plans.keys()) {
    if (Object.hasOwn(schemes, planId)) continue;
    const candidates = [...pluginSet.schemes.values()].filter((s) => s.plan === planId);
    if (candidates.length === 1) schemes[planId] = candidates[0] as AssessmentScheme;
  }

  // --- events ----------------------------------------------------------------------------------
  const emitter = new EventEmitter<EventArgs>();
  const wrapped = new Map<EngineEventName, Map<(payload: never) => void, (payload: never) => void>>();
  const emit = <E extends EngineEventName>(event: E, payload: EngineEvents[E]) => {
    (emitter.emit as (e: E, p: EngineEvents[E]) => boolean)(event, payload);
  };
  const contain = <E extends EngineEventName>(
    event: E,
    listener: (payload: EngineEvents[E]) => void,
    owner: string,
  ): ((payload: EngineEvents[E]) => void) => {
    return (payload) => {
      try {
        listener(payload);
      } catch (error) {
        if (event !== 'plugin:error') emit('plugin:error', { plugin: owner, hook: `on:${event}`, error });
      }
    };
  };
  const on = <E extends EngineEventName>(
    event: E,
    listener: (payload: EngineEvents[E]) => void,
    once = false,
    owner = 'host',
  ): (() => void) => {
    const safe = contain(event, listener, owner);
    let byListener = wrapped.get(event);
    if (!byListener) {
      byListener = new Map();
      wrapped.set(event, byListener);
    }
    byListener.set(listener as (payload: never) => void, safe as (payload: never) => void);
    const add = (once ? emitter.once : emitter.on).bind(emitter) as (e: E, l: (p: EngineEvents[E]) => void) => void;
    add(event, safe);
    return () => off(event, listener);
  };
  const off = <E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void) => {
    const safe = wrapped.get(event)?.get(listener as (payload: never) => void);
    if (!safe) return;
    wrapped.get(event)?.delete(listener as (payload: never) => void);
    (emitter.off as (e: E, l: unknown) => void)(event, safe);
  };
  for (const plugin of loadedPlugins) {
    for (const [event, listener] of Object.entries(plugin.on ?? {})) {
      if (typeof listener === 'function') {
        on(event as EngineEventName, listener as (payload: EngineEvents[EngineEventName]) => void, false, plugin.id);
      }
    }
  }

  // --- hooks -----------------------------------------------------------------------------------
  // Every hook runs through callHook: frozen argument, thrown errors and bad results contained,
  // over-budget calls discarded. Failures are queued and emitted after the command.
  const pluginErrors: Array<EngineEvents['plugin:error']> = [];
  const hookBudgetMs = options.hookBudgetMs ?? 250;
  const isIssueList = (value: unknown) =>
    Array.isArray(value) &&
    value.every((i) => typeof i === 'object' && i !== null && typeof i.code === 'string' && Array.isArray(i.path))
      ? undefined
      : 'validateReport must return an array of issues';
  const withHook = <K extends keyof KepuPluginHooks>(name: K) =>
    loadedPlugins.flatMap((p) => {
      const fn = p.hooks?.[name];
      return typeof fn === 'function' ? [{ id: p.id, fn: fn as NonNullable<KepuPluginHooks[K]> }] : [];
    });
  const validators = withHook('validateReport');
  const validateReport =
    validators.length === 0
      ? undefined
      : (input: ReportValidationInput): KepuIssue[] => {
          const out: KepuIssue[] = [];
          for (const { id, fn } of validators) {
            const outcome = callHook(id, 'validateReport', fn, input, { budgetMs: hookBudgetMs, check: isIssueList });
            if (outcome.ok) out.push(...outcome.value);
            else pluginErrors.push({ plugin: id, hook: 'validateReport', error: outcome.error });
          }
          return out;
        };
  const befores = withHook('beforeAssessment');
  const afters = withHook('afterAssessment');
  const assessmentOptions: AssessmentInputsOptions = {
    ...options.assessmentInputs,
    targetKinds: pluginSet.targetKinds,
    ...(befores.length > 0
      ? {
          beforeAssessment: (plan, period, inputs) => {
            let current: AssessmentInputs = inputs;
            for (const { id, fn } of befores) {
              const outcome = callHook(
                id,
                'beforeAssessment',
                fn,
                { plan, period, inputs: current },
                { budgetMs: hookBudgetMs },
              );
              if (!outcome.ok) {
                pluginErrors.push({ plugin: id, hook: 'beforeAssessment', error: outcome.error });
                continue;
              }
              if (outcome.value === undefined) continue;
              const parsed = validateAssessmentInputs(outcome.value);
              if (parsed.ok) current = parsed.value;
              else pluginErrors.push({ plugin: id, hook: 'beforeAssessment', error: new KepuError(parsed.issues) });
            }
            return current;
          },
        }
      : {}),
    ...(afters.length > 0
      ? {
          afterAssessment: (plan, period, scorecard) => {
            for (const { id, fn } of afters) {
              const outcome = callHook(
                id,
                'afterAssessment',
                fn,
                { plan, period, scorecard },
                { budgetMs: hookBudgetMs },
              );
              if (!outcome.ok) pluginErrors.push({ plugin: id, hook: 'afterAssessment', error: outcome.error });
            }
          },
        }
      : {}),
  };
  const withSchemes = Object.keys(schemes).length > 0 ? assessWithSchemes(schemes, assessmentOptions) : undefined;
  const runAssessment = options.assessment ?? withSchemes;
  const context: TransitionContext = {
    plans,
    reporting,
    ...(runAssessment ? { runAssessment } : {}),
    ...(withSchemes ? { checkScheme: withSchemes.check } : {}),
    ...(validateReport ? { validateReport } : {}),
  };
  const flushPluginErrors = () => {
    for (const e of pluginErrors.splice(0)) emit('plugin:error', e);
  };

  // --- load ------------------------------------------------------------------------------------
  // A store with `load()` returns head, records, snapshots and the log from one consistent read.
  // Otherwise records, snapshots and the log are read between two reads of the head; if another
  // writer committed in between, the reads may not agree, so they are taken again.
  const verifyOnLoad = options.verifyOnLoad ?? true;
  let loaded: EngineState | undefined;
  let head: StoreHead = { seq: 0, version: 0, hash: '' };
  for (let attempt = 0; loaded === undefined; attempt++) {
    let first: StoreHead;
    let records: StoreRecord[];
    let snapshots: StoreSnapshot[];
    let entries: AuditEntry[];
    if (store.load) {
      const snapshot = await store.load();
      first = snapshot.head;
      records = snapshot.records;
      snapshots = snapshot.snapshots;
      entries = verifyOnLoad ? snapshot.audit : [];
    } else {
      first = await store.head();
      [records, snapshots] = await Promise.all([store.listRecords(), store.listSnapshots()]);
      entries = verifyOnLoad ? await store.readAudit() : [];
      const last = await store.head();
      if (last.seq !== first.seq || last.hash !== first.hash) {
        if (attempt < maxRetries) continue;
        throw new KepuError([
          createIssue('store-conflict', ['store'], {
            store: store.name,
            expected: String(first.seq),
            actual: String(last.seq),
          }),
        ]);
      }
    }
    const stored = stateFromStore(records, snapshots, first.version);
    if (verifyOnLoad) {
      const chain = verifyAuditChain(entries, { expectedHead: first });
      if (!chain.ok) {
        throw new KepuError([
          createIssue('audit-broken', ['store'], { seq: String(chain.firstBad.seq), reason: chain.firstBad.detail }),
        ]);
      }
      const replayed = replay(entries);
      const diverges = firstDivergence(replayed, stored);
      if (diverges) {
        throw new KepuError([
          createIssue('audit-broken', ['store', diverges.kind, diverges.id], {
            seq: String(first.seq),
            reason: `stored ${diverges.kind} "${diverges.id}" differs from what the log gives`,
          }),
        ]);
      }
      loaded = freeze(replayed, true);
    } else loaded = freeze(stored, true);
    head = first;
  }
  let state: EngineState = loaded;
  let disposed = false;

  // --- state and subscribers -------------------------------------------------------------------
  const listeners = new Set<() => void>();
  const setState = (next: EngineState) => {
    if (next === state) return;
    state = next;
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        emit('plugin:error', { plugin: 'subscriber', hook: 'subscribe', error });
      }
    }
  };

  // Commands, catch-ups and loads run one at a time, in arrival order.
  let tail: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };

  const eventsOf = (before: EngineState, after: EngineState, entry: AuditEntry, remote: boolean) => {
    const command = entry.command as Command;
    const actor = entry.actor;
    emit('command:accepted', { entry, remote });
    const reportId = (id: string | undefined) => (id === undefined ? undefined : after.reports[id]);
    switch (command.type) {
      case 'submit-report':
      case 'resubmit-report': {
        const id =
          command.type === 'resubmit-report'
            ? command.report
            : Object.keys(after.reports).find((k) => !Object.hasOwn(before.reports, k));
        const report = reportId(id);
        if (report)
          emit('report:submitted', { report, actor, resubmission: command.type === 'resubmit-report', remote });
        break;
      }
      case 'return-report': {
        const report = reportId(command.report);
        if (report) emit('report:returned', { report, actor, reason: command.reason, remote });
        break;
      }
      case 'withdraw-report': {
        const report = reportId(command.report);
        if (report) emit('report:withdrawn', { report, actor, remote });
        break;
      }
      case 'approve-report': {
        const report = reportId(command.report);
        if (!report) break;
        emit('report:approved', { report, actor, remote });
        const plan = plans.get(report.plan);
        const observed = report.revisions.at(-1)?.observations ?? [];
        if (plan && observed.length > 0) {
          // Only the targets this report measures can change status.
          const only = new Set<string>();
          for (const o of observed) {
            if (o.target !== undefined) only.add(o.target);
            else for (const t of plan.targets) if (t.indicator === o.indicator) only.add(t.id);
          }
          const was = watchTargets(plan, before, only);
          for (const [target, watch] of watchTargets(plan, after, only)) {
            const previous = was.get(target)?.status ?? 'no-data';
            if (watch.status === previous) continue;
            if (watch.status === 'achieved')
              emit('target:achieved', { plan: plan.id, target, watch, previous, remote });
            else if (OFF_TRACK_STATUSES.includes(watch.status) && !OFF_TRACK_STATUSES.includes(previous)) {
              emit('target:off-track', { plan: plan.id, target, watch, previous, remote });
            }
          }
        }
        break;
      }
      case 'review-target': {
        const review = Object.values(after.targetReviews).find((r) => !Object.is(before.targetReviews[r.id], r));
        if (!review) break;
        const replaced = Object.values(before.targetReviews).find(
          (r) =>
            r.plan === review.plan &&
            r.target === review.target &&
            r.period === review.period &&
            r.reviewer === review.reviewer,
        );
        emit('target:reviewed', { review, ...(replaced ? { replaced } : {}), actor, remote });
        break;
      }
      case 'run-assessment': {
        const run = Object.values(after.assessments).find((a) => !Object.hasOwn(before.assessments, a.id));
        if (run) emit('assessment:completed', { run, actor, remote });
        break;
      }
      default:
        break;
    }
  };

  /** Applies entries committed by other writers; verifies they continue our chain. */
  const catchUp = async (): Promise<void> => {
    const entries = await store.readAudit({ after: head.seq });
    if (entries.length === 0) return;
    const chain = verifyAuditChain(entries, { from: head });
    if (!chain.ok) {
      throw new KepuError([
        createIssue('audit-broken', ['store'], { seq: String(chain.firstBad.seq), reason: chain.firstBad.detail }),
      ]);
    }
    for (const entry of entries) {
      const before = state;
      if (entry.outcome === 'accepted') {
        // immer freezes what applyPatches produces; the untouched parts were frozen on load.
        const next = engineImmer().applyPatches(state, entry.patches as Patch[]);
        head = { seq: entry.seq, version: entry.version, hash: entry.hash };
        setState(next);
        eventsOf(before, next, entry, true);
      } else {
        head = { seq: entry.seq, version: entry.version, hash: entry.hash };
        emit('command:denied', { entry, remote: true });
      }
    }
  };

  const resolve = async (ref: Actor | string | unknown): Promise<Result<Actor>> => {
    if (typeof ref === 'string') {
      if (!options.resolveActor) {
        return {
          ok: false,
          issues: [
            createIssue('unknown-actor', ['actor'], {
              actor: ref.slice(0, 120),
              detail: 'no resolveActor was configured',
            }),
          ],
        };
      }
      let found: Actor | undefined;
      try {
        found = await options.resolveActor(ref);
      } catch (error) {
        return {
          ok: false,
          issues: [createIssue('unknown-actor', ['actor'], { actor: ref.slice(0, 120), detail: String(error) })],
        };
      }
      if (found === undefined) {
        return {
          ok: false,
          issues: [createIssue('unknown-actor', ['actor'], { actor: ref.slice(0, 120), detail: 'not found' })],
        };
      }
      ref = found;
    }
    const parsed = ActorSchema.safeParse(ref);
    if (!parsed.success) {
      return {
        ok: false,
        issues: parsed.error.issues.map((issue) =>
          createIssue('unknown-actor', ['actor', ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))], {
            actor: auditActorOf(undefined, ref).id,
            detail: issue.message,
          }),
        ),
      };
    }
    return { ok: true, value: parsed.data };
  };

  /**
   * Appends a denial to the audit log and throws it. With `decided`, the denial was decided on
   * the engine's state at `expectedSeq`; if the store has moved since, the caller must decide
   * again (`retry` is returned), because the fresh state might accept the command.
   */
  const deny = async (
    actor: AuditActor,
    command: unknown,
    issues: readonly KepuIssue[],
    at: Date,
    decided: boolean,
  ): Promise<'retry'> => {
    const first = issues[0] as KepuIssue;
    for (let attempt = 0; ; attempt++) {
      const entry = chainAuditEntry(head, {
        version: head.version,
        at: at.toISOString(),
        actor,
        command,
        outcome: 'denied',
        error: { code: first.code, path: first.path, message: first.message.en },
        patches: [],
      });
      try {
        head = await store.commit({ expectedSeq: head.seq, entries: [entry] });
      } catch (error) {
        if (isStoreConflict(error) && attempt < maxRetries) {
          await backoff(attempt);
          await catchUp();
          if (decided) return 'retry';
          continue;
        }
        // The denial stands even if it could not be logged; the store's failure is its cause.
        throw new KepuError(issues, { cause: error });
      }
      emit('command:denied', { entry, remote: false });
      throw new KepuError(issues);
    }
  };

  const run = async (ref: Actor | string | unknown, inputs: readonly unknown[]): Promise<CommandResult[]> => {
    if (disposed) throw new KepuError([createIssue('engine-disposed', [])]);
    const at = clock.now();
    if (Number.isNaN(at.getTime())) throw new RangeError('the engine clock returned an invalid date');
    const who = await resolve(ref);
    const parsed = inputs.map((input) => parseCommand(input));
    const prefix = (i: number, issues: readonly KepuIssue[]) =>
      inputs.length === 1 ? issues : issues.map((x) => ({ ...x, path: [i, ...x.path] }));
    if (!who.ok) {
      const first = parsed[0];
      await deny(
        auditActorOf(undefined, ref),
        summarise(inputs[0], first?.ok ? first.value : undefined),
        who.issues,
        at,
        false,
      );
    }
    const actor = (who as { value: Actor }).value;
    const auditActor = auditActorOf(actor, ref);
    for (let i = 0; i < parsed.length; i++) {
      const p = parsed[i] as Result<Command>;
      if (!p.ok) await deny(auditActor, summarise(inputs[i], undefined), prefix(i, p.issues), at, false);
    }
    const commands = parsed.map((p) => (p as { value: Command }).value);

    attempts: for (let attempt = 0; ; attempt++) {
      const base = state;
      let current = state;
      let cursor = head;
      const entries: AuditEntry[] = [];
      const results: CommandResult[] = [];
      const steps: EngineState[] = [];
      const records = new Map<string, RecordWrite>();
      const snaps: StoreSnapshot[] = [];
      for (let i = 0; i < commands.length; i++) {
        const command = commands[i] as Command;
        const decision = decide(context, current, actor, command, at);
        flushPluginErrors();
        if (!decision.ok) {
          await deny(auditActor, command, prefix(i, decision.issues), at, attempt < maxRetries);
          continue attempts;
        }
        const entry = chainAuditEntry(cursor, {
          version: decision.value.state.version,
          at: at.toISOString(),
          actor: auditActor,
          command,
          outcome: 'accepted',
          patches: decision.value.patches,
        });
        const writes = writesOf(decision.value.state, decision.value.patches);
        for (const w of writes.records) {
          records.set(w.op === 'put' ? `${w.record.kind}\u0000${w.record.id}` : `${w.kind}\u0000${w.id}`, w);
        }
        snaps.push(...writes.snapshots);
        entries.push(entry);
        results.push({ version: entry.version, entry, target: decision.value.target });
        cursor = { seq: entry.seq, version: entry.version, hash: entry.hash };
        current = decision.value.state;
        steps.push(current);
      }
      const batch: CommitBatch = { expectedSeq: head.seq, entries, records: [...records.values()], snapshots: snaps };
      try {
        head = await store.commit(batch);
      } catch (error) {
        if (isStoreConflict(error) && attempt < maxRetries) {
          await backoff(attempt);
          await catchUp();
          continue;
        }
        throw storeFailure(store, error);
      }
      // Committed: now the state may move, and the world may hear of it. (immer has frozen every
      // state it produced, so nothing here is copied or walked again.)
      setState(current);
      let before = base;
      results.forEach((result, i) => {
        const after = steps[i] as EngineState;
        eventsOf(before, after, result.entry, false);
        before = after;
      });
      return results;
    }
  };

  let unwatch: (() => unknown) | undefined;
  if (store.watch && (options.watch ?? true)) {
    unwatch = await store.watch((next) => {
      if (disposed || next.seq <= head.seq) return;
      void enqueue(catchUp).catch((error) => emit('store:error', { error }));
    });
  }

  const announced = new Set<string>();

  const engine: Engine = {
    plans,
    plugins: loadedPlugins,
    pluginIssues: pluginSet.issues,
    store,
    reporting,
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getHead: () => head,
    execute: (actor, command) => enqueue(async () => (await run(actor, [command]))[0] as CommandResult),
    executeBatch: (actor, commands) =>
      enqueue(async () => {
        if (commands.length === 0) return [];
        return run(actor, commands);
      }),
    reports(filter = {}, opts = {}) {
      const all = findReports(state, filter);
      const actor = opts.actor;
      return actor ? all.filter((r) => canSeeReport(plans, actor, r)) : all;
    },
    reviewQueue: (who) => reviewQueue(plans, state, who),
    overdueReports: (filter = {}) =>
      overdueReports(plans, reporting, state, { ...filter, asOf: filter.asOf ?? clock.now() }),
    assessments(filter = {}) {
      return Object.values(state.assessments)
        .filter(
          (a) =>
            (filter.plan === undefined || a.plan === filter.plan) &&
            (filter.period === undefined || a.period === filter.period),
        )
        .sort((a, b) => a.plan.localeCompare(b.plan) || a.period.localeCompare(b.period) || a.run - b.run);
    },
    tick() {
      const today = localDate(clock.now(), reporting.timeZoneOffsetMinutes);
      const inside = (due: string) => {
        const left = daysBetween(today, due);
        return left >= 0 && left <= reporting.horizonDays ? left : undefined;
      };
      for (const plan of plans.values()) {
        const filed = new Set(
          Object.values(state.reports)
            .filter((r) => r.plan === plan.id && (r.status === 'submitted' || r.status === 'approved'))
            .map((r) => `${r.task ?? ''}\u0000${r.unit}\u0000${r.period}`),
        );
        for (const o of obligationsOf(plan, reporting)) {
          const dueDate = reportDueDate(o.period, reporting);
          const daysLeft = inside(dueDate);
          if (daysLeft === undefined || filed.has(`${o.task ?? ''}\u0000${o.unit}\u0000${o.period}`)) continue;
          const key = `report\u0000${plan.id}\u0000${o.task ?? ''}\u0000${o.unit}\u0000${o.period}`;
          if (announced.has(key)) continue;
          announced.add(key);
          emit('deadline:approaching', { kind: 'report', ...o, dueDate, daysLeft });
        }
        const watches = watchTargets(plan, state);
        for (const target of plan.targets) {
          const dueDate = target.deadline.date ?? `${target.deadline.year}-12-31`;
          const daysLeft = inside(dueDate);
          const status = watches.get(target.id)?.status ?? 'no-data';
          if (daysLeft === undefined || status === 'achieved') continue;
          const key = `target\u0000${plan.id}\u0000${target.id}`;
          if (announced.has(key)) continue;
          announced.add(key);
          emit('deadline:approaching', { kind: 'target', plan: plan.id, target: target.id, dueDate, daysLeft, status });
        }
      }
    },
    refresh: () => enqueue(catchUp),
    async verifyAudit() {
      const storeHead = await store.head();
      const entries = await store.readAudit();
      // The head this engine has seen is an anchor too: a log cut below it is caught.
      const anchor = head.seq > storeHead.seq ? head : storeHead;
      const chain = verifyAuditChain(entries, { expectedHead: anchor });
      if (!chain.ok) return chain;
      const replayed = replay(entries);
      const stored = stateFromStore(await store.listRecords(), await store.listSnapshots(), storeHead.version);
      const diverges = firstDivergence(replayed, stored);
      if (diverges) {
        return {
          ok: false,
          entries: entries.length,
          head: chain.head,
          firstBad: {
            seq: chain.head.seq,
            problem: 'records-diverge',
            detail: `stored ${diverges.kind} "${diverges.id}" differs from what the log gives`,
            record: diverges,
          },
        };
      }
      return chain;
    },
    async rebuild() {
      return replay(await store.readAudit());
    },
    async readAudit(query = {}) {
      return store.readAudit(query);
    },
    on: (event, listener) => on(event, listener),
    once: (event, listener) => on(event, listener, true),
    off,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await tail;
      await unwatch?.();
      listeners.clear();
      emitter.removeAllListeners();
    },
  };
  return engine;
}
