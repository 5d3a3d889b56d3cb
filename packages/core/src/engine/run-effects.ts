import type { Patch } from 'immer';
import { indexPlan } from '../plan-index.js';
import type { AuditEntry } from '../store/types.js';
import type { Actor } from './actor.js';
import type { CommandContext, CommandTarget } from './command-definition.js';
import { COMMAND_TYPES, type Command, commandDefinition } from './commands/index.js';
import type { EngineEffect } from './effects.js';
import type { EngineEvents } from './events.js';
import { type EngineRuntime, flushPluginErrors } from './runtime.js';
import { type EngineState, RECORD_KINDS } from './state.js';

/**
 * Runs what follows one committed audit entry: `command:accepted`, then the command's effects in
 * order — events (with `remote`), and hooks for the engine's own commands only (another writer
 * ran its hooks when it committed). Called only after the store has the entry.
 */
export function runEffects(
  runtime: EngineRuntime,
  entry: AuditEntry,
  effects: readonly EngineEffect[],
  remote: boolean,
): void {
  const { emit } = runtime.listeners;
  emit('command:accepted', { entry, remote });
  for (const effect of effects) {
    if (effect.kind === 'event') {
      emit(effect.event, { ...effect.payload, remote } as EngineEvents[typeof effect.event]);
    } else if (!remote) {
      runtime.wiring.afterAssessment(effect.plan, effect.period, effect.scorecard);
    }
  }
  flushPluginErrors(runtime);
}

const KINDS: readonly string[] = [...RECORD_KINDS, 'assessments'];

/** The record an accepted entry created or changed, read from its patches. */
function targetOf(patches: readonly Patch[]): CommandTarget | undefined {
  for (const p of patches) {
    const [kind, id] = p.path;
    if (typeof kind !== 'string' || id === undefined || !KINDS.includes(kind)) continue;
    if (p.op === 'remove' && p.path.length === 2) continue;
    return { kind: kind as CommandTarget['kind'], id: String(id) };
  }
  return undefined;
}

/**
 * The effects of an entry another writer committed, from its command and the states before and
 * after it: the same definitions' `effects` the engine's own commands use, so both paths emit
 * the same events.
 */
export function effectsOfEntry(
  runtime: EngineRuntime,
  entry: AuditEntry,
  before: EngineState,
  after: EngineState,
): EngineEffect[] {
  const command = entry.command as Command;
  if (!(COMMAND_TYPES as readonly string[]).includes(command?.type)) return [];
  const definition = commandDefinition(command.type);
  const target = targetOf(entry.patches as Patch[]);
  if (!target || !definition.effects) return [];
  const record = (after[target.kind] as Record<string, unknown>)[target.id];
  const context = runtime.wiring.context;
  const planId = (record as { plan?: string } | undefined)?.plan;
  const plan = planId === undefined ? undefined : context.plans.get(planId);
  let replaced: unknown;
  if (plan && definition.prior) {
    // The record this one replaced, found as the writer found it: on the state before.
    const ctx = {
      context,
      command,
      actor: entry.actor as Actor,
      plan,
      index: indexPlan(plan),
      report: undefined,
      records: before,
      state: before,
      version: entry.version,
      at: entry.at,
    } satisfies CommandContext<Command>;
    const prior = definition.prior(ctx);
    if (prior && !prior.duplicate) replaced = prior.record;
  }
  return definition.effects({ context, command, actor: entry.actor, target, record, replaced, after });
}
