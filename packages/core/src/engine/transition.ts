import type { Patch } from 'immer';
import { createIssue, type ErrorCode, fromZodIssues, type KepuIssue } from '../errors.js';
import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import type { Result } from '../result.js';
import type { AuditActor } from '../store/types.js';
import type { Actor } from './actor.js';
import { auditActorOf } from './audit-actor.js';
import type { ApplyContext, CommandContext, CommandTarget, PriorRecord } from './command-definition.js';
import { type Command, CommandSchema, commandDefinition } from './commands/index.js';
import type { EngineEffect } from './effects.js';
import { engineImmer } from './immer.js';
import { forbiddenIssue } from './permissions.js';
import { checkScope } from './scope.js';
import type { EngineState, ProgressReport } from './state.js';
import type { TransitionContext } from './transition-context.js';
import { WorkingState } from './working-state.js';

export type {
  AssessmentRunner,
  ReportValidationInput,
  TargetWatchOptions,
  TransitionContext,
} from './transition-context.js';

/**
 * An accepted command's outcome: the next state, its patches, the record it created or changed,
 * and what must follow once it is committed (events, hooks), as data.
 *
 * @example
 * ```ts
 * import type { Accepted } from '@kepu/core';
 * const changed = (a: Accepted) => `${a.target.kind}/${a.target.id}`;
 * ```
 */
export interface Accepted {
  readonly state: EngineState;
  readonly patches: Patch[];
  readonly target: CommandTarget;
  readonly effects: readonly EngineEffect[];
}

/** One accepted command of a batch: its version, patches, record and effects. */
export interface DecidedStep {
  readonly version: number;
  readonly patches: Patch[];
  readonly target: CommandTarget;
  readonly effects: readonly EngineEffect[];
}

type Path = ReadonlyArray<string | number>;
type Denied = { readonly ok: false; readonly issues: KepuIssue[] };
const deny = (code: ErrorCode, path: Path, params: Record<string, string> = {}): Denied => ({
  ok: false,
  issues: [createIssue(code, path, params)],
});

/**
 * Checks a raw command's shape with zod and returns it as plain JSON (defaults filled,
 * `undefined` properties dropped), or `invalid-shape` issues with zod's paths. Never throws.
 *
 * @example
 * ```ts
 * import { parseCommand } from '@kepu/core';
 * parseCommand({ type: 'approve-report', baseVersion: Number.NaN, report: 'rpt-1' }).ok; // false
 * ```
 */
export function parseCommand(input: unknown): Result<Command> {
  let parsed: ReturnType<typeof CommandSchema.safeParse>;
  try {
    parsed = CommandSchema.safeParse(input);
  } catch (cause) {
    return { ok: false, issues: [createIssue('invalid-shape', [], { detail: String(cause) })] };
  }
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues) };
  return { ok: true, value: JSON.parse(JSON.stringify(parsed.data)) as Command };
}

/**
 * Decides a command: the pure rule of the engine, a function of (context, state, actor, command,
 * time) that returns the next state with its immer patches and the effects that must follow the
 * commit, or the issues that deny it. It performs no effect and never throws for bad input.
 *
 * The command's own rules come from its definition (`engine/commands/<type>.ts`). Checks run in
 * this order, and the first failure decides the error:
 * 1. the role may run this command at all (`forbidden`);
 * 2. the plan, the report, and every id, period and observation the command names exist and make
 *    sense (`unknown-reference`, `unknown-org-unit`, `reporting-period-outside-plan`,
 *    `period-outside-plan`, `invalid-observation`), and the scheme would take what it records;
 * 3. the command is not stale (`version-conflict`);
 * 4. the actor's scope covers it: own unit, lead unit, not one's own report (`forbidden`,
 *    `self-approval`);
 * 5. the report's status allows it, and nothing would be duplicated (`invalid-transition`,
 *    `duplicate-report`, `duplicate-id`);
 * 6. report-validation hooks and the change itself (the assessment, for `run-assessment`).
 *
 * @example
 * ```ts
 * import { parseCommand } from '@kepu/core';
 * import { decide } from '@kepu/core/engine';
 * const command = parseCommand(input);
 * if (command.ok) {
 *   const result = decide(context, state, actor, command.value, new Date());
 *   if (result.ok) console.log(result.value.patches, result.value.effects);
 * }
 * ```
 */
export function decide(
  context: TransitionContext,
  state: EngineState,
  actor: Actor,
  command: Command,
  at: Date,
): Result<Accepted> {
  const work = new WorkingState(state);
  const step = decideStep(context, work, actor, auditActorOf(actor), command, at.toISOString());
  if (!step.ok) return step;
  return { ok: true, value: { state: work.snapshot(), ...step.value } };
}

/**
 * Decides commands one after the other as one unit, each on the state the ones before it left:
 * all accepted, with one step each, or the index of the first one denied and why. Pure. The
 * state is copied once per collection changed, not once per command.
 *
 * @example
 * ```ts
 * import { decideBatch } from '@kepu/core';
 * const result = decideBatch(context, state, actor, commands, new Date());
 * if (result.ok) console.log(result.value.steps.length);
 * ```
 */
export function decideBatch(
  context: TransitionContext,
  state: EngineState,
  actor: Actor,
  commands: readonly Command[],
  at: Date,
):
  | { readonly ok: true; readonly value: { readonly state: EngineState; readonly steps: DecidedStep[] } }
  | { readonly ok: false; readonly index: number; readonly issues: KepuIssue[] } {
  const work = new WorkingState(state);
  const who = auditActorOf(actor);
  const iso = at.toISOString();
  const steps: DecidedStep[] = [];
  for (let i = 0; i < commands.length; i++) {
    const step = decideStep(context, work, actor, who, commands[i] as Command, iso);
    if (!step.ok) return { ok: false, index: i, issues: step.issues };
    steps.push(step.value);
  }
  return { ok: true, value: { state: work.snapshot(), steps } };
}

/** Resolves what the command acts in: the named report and its plan, or the named (or only) plan. */
function resolveSubject(
  context: TransitionContext,
  records: EngineState,
  subject: 'report' | 'plan',
  command: Command,
): Denied | { ok: true; plan: Plan; report: ProgressReport | undefined } {
  if (subject === 'report') {
    const id = (command as { report: string }).report;
    const report = Object.hasOwn(records.reports, id) ? records.reports[id] : undefined;
    if (!report) return deny('unknown-reference', ['report'], { kind: 'report', ref: id });
    const plan = context.plans.get(report.plan);
    if (!plan) return deny('unknown-reference', ['report'], { kind: 'plan', ref: report.plan });
    return { ok: true, plan, report };
  }
  const ref = (command as { plan?: string }).plan;
  if (ref === undefined && context.plans.size !== 1) {
    return deny('unknown-reference', ['plan'], {
      kind: 'plan',
      ref: `(none given; the engine holds ${context.plans.size} plans)`,
    });
  }
  const plan = ref === undefined ? [...context.plans.values()][0] : context.plans.get(ref);
  if (!plan) return deny('unknown-reference', ['plan'], { kind: 'plan', ref: ref ?? '' });
  return { ok: true, plan, report: undefined };
}

function stale(record: string, baseVersion: number, actual: number): Denied {
  return deny('version-conflict', ['baseVersion'], {
    record,
    expected: String(baseVersion),
    actual: String(actual),
  });
}

/** One command of {@link decide}, on a working state it moves on when the command is accepted. */
function decideStep(
  context: TransitionContext,
  work: WorkingState,
  actor: Actor,
  who: AuditActor,
  command: Command,
  at: string,
): Denied | { ok: true; value: DecidedStep } {
  const definition = commandDefinition(command.type);
  const records = work.view;
  const forbidden = (zh: string, en: string): Denied => ({
    ok: false,
    issues: [forbiddenIssue(actor, command.type, { zh, en })],
  });

  // 1. The role.
  if (definition.permissions[actor.role] === 'none') {
    return forbidden(`角色“${actor.role}”不能执行此操作`, `the ${actor.role} role never runs this command`);
  }

  // 2. References: the report or the plan first, then everything they name.
  const subject = resolveSubject(context, records, definition.subject, command);
  if (!subject.ok) return subject;
  const { plan, report } = subject;
  if (actor.plan !== undefined && actor.plan !== plan.id) {
    return forbidden(`该操作人只能处理计划“${actor.plan}”`, `the actor acts only in plan ${actor.plan}`);
  }
  const index = indexPlan(plan);
  if (actor.role === 'reporter' || actor.role === 'lead-reviewer') {
    const unit = actor.unit === undefined ? undefined : index.units.get(actor.unit);
    if (!unit || unit.kind === 'group') return deny('unknown-org-unit', ['actor', 'unit'], { ref: actor.unit ?? '' });
  }
  if (definition.needsActorUnit && (actor.unit === undefined || !index.units.has(actor.unit))) {
    return deny('unknown-org-unit', ['actor', 'unit'], { ref: actor.unit ?? '' });
  }
  const ctx: CommandContext<Command> = {
    context,
    command,
    actor,
    plan,
    index,
    report,
    records,
    get state() {
      return work.snapshot();
    },
    version: records.version + 1,
    at,
  };
  const refs = definition.references?.(ctx) ?? [];
  if (refs.length > 0) return { ok: false, issues: refs };
  if (context.checkScheme && definition.scheme) {
    const issues = definition.scheme(ctx, context.checkScheme);
    if (issues.length > 0) return { ok: false, issues: [...issues] };
  }

  // 3. Staleness: of the state, of the report, of the record found by what it is about.
  if (command.baseVersion > records.version) return stale('the engine state', command.baseVersion, records.version);
  if (report && report.version > command.baseVersion) {
    return stale(`report "${report.id}"`, command.baseVersion, report.version);
  }
  const prior: PriorRecord | undefined = definition.prior?.(ctx);
  if (prior && prior.record.version > command.baseVersion) {
    return stale(prior.label, command.baseVersion, prior.record.version);
  }

  // 4. Scope.
  const denied = checkScope(
    plan,
    actor,
    definition,
    command as { type: string; task?: string },
    report,
    context.ownUnitPenalties?.(plan.id),
  );
  if (denied) return { ok: false, issues: [denied] };

  // 5. Status and duplicates.
  if (report && !definition.transition?.from.includes(report.status)) {
    return deny('invalid-transition', ['report'], {
      report: report.id,
      status: report.status,
      action: definition.transition?.action ?? command.type,
    });
  }
  if (prior?.duplicate) return { ok: false, issues: [prior.duplicate] };
  const chosen = (command as { id?: string }).id;
  const kind = definition.creates;
  if (chosen !== undefined && kind && Object.hasOwn(records[kind], chosen) && chosen !== prior?.record.id) {
    return deny('duplicate-id', ['id'], { id: chosen, kind: kind.slice(0, -1) });
  }

  // 6. Hooks, then the change itself.
  if (context.validateReport && definition.validation) {
    const issues = context.validateReport({ plan, ...definition.validation(ctx), state: ctx.state });
    if (issues.length > 0) return { ok: false, issues: [...issues] };
  }
  return applyStep(work, definition, ctx, prior, who);
}

function applyStep(
  work: WorkingState,
  definition: ReturnType<typeof commandDefinition>,
  ctx: CommandContext<Command>,
  prior: PriorRecord | undefined,
  who: AuditActor,
): Denied | { ok: true; value: DecidedStep } {
  const { command, version } = ctx;
  const named: Array<readonly ['reports' | PriorRecord['kind'], string]> = [];
  if (ctx.report) named.push(['reports', ctx.report.id]);
  if (prior) named.push([prior.kind, prior.record.id]);
  const chosen = (command as { id?: string }).id;
  if (chosen !== undefined && definition.creates) named.push([definition.creates, chosen]);
  const slice = work.slice(named);
  // Built on ctx as its prototype, not spread from it: spreading would read `state`, a copy.
  const applyCtx: ApplyContext<Command> = Object.assign(Object.create(ctx) as CommandContext<Command>, {
    prior,
    nextId(kind: PriorRecord['kind'], prefix: string) {
      const existing = ctx.records[kind];
      let id = `${prefix}-${version}`;
      for (let k = 2; Object.hasOwn(existing, id); k++) id = `${prefix}-${version}-${k}`;
      return id;
    },
  });
  let outcome: CommandTarget | readonly KepuIssue[] | undefined;
  const [next, patches] = engineImmer().produceWithPatches(slice, (draft) => {
    draft.version = version;
    outcome = definition.apply(draft, applyCtx);
  });
  if (outcome === undefined) throw new Error(`unreachable: command ${command.type} produced no change`);
  if (Array.isArray(outcome)) return { ok: false, issues: [...(outcome as readonly KepuIssue[])] };
  const target = outcome as CommandTarget;
  work.absorb(slice, next);
  const after = work.view;
  const effects =
    definition.effects?.({
      context: ctx.context,
      command,
      actor: who,
      target,
      record: (after[target.kind] as Record<string, unknown>)[target.id],
      replaced: prior && !prior.duplicate ? prior.record : undefined,
      after,
    }) ?? [];
  return { ok: true, value: { version, patches, target, effects } };
}
