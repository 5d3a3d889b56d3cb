import { createIssue, KepuError, type KepuIssue } from '../errors.js';
import type { Result } from '../result.js';
import { isStoreConflict, toStoreFailure } from '../store/store-failure.js';
import type { AuditActor, AuditEntry, CommitBatch } from '../store/types.js';
import type { Actor, ActorResolver } from './actor.js';
import { chainAuditEntry, chainJsonEntry } from './audit.js';
import { auditActorOf, summarise } from './audit-actor.js';
import { backoff } from './backoff.js';
import { catchUp } from './catch-up.js';
import type { CommandTarget } from './command-definition.js';
import type { Command } from './commands/index.js';
import type { Clock } from './engine-options.js';
import { resolveActor } from './resolve-actor.js';
import { runEffects } from './run-effects.js';
import { type EngineRuntime, flushPluginErrors, setState } from './runtime.js';
import { decideBatch, parseCommand } from './transition.js';
import { writesOf } from './writes.js';

/** What an accepted command returns (see `Engine.execute`). */
export interface CommittedCommand {
  readonly version: number;
  readonly entry: AuditEntry;
  readonly target: CommandTarget;
}

/**
 * Appends a denial to the audit log and throws it. With `decided`, the denial was decided on
 * the engine's state at the head; if the store has moved since, the caller must decide again
 * (`retry` is returned), because the fresh state might accept the command.
 */
async function deny(
  runtime: EngineRuntime,
  actor: AuditActor,
  command: unknown,
  issues: readonly KepuIssue[],
  at: Date,
  decided: boolean,
): Promise<'retry'> {
  const first = issues[0] as KepuIssue;
  for (let attempt = 0; ; attempt++) {
    const head = runtime.head;
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
      runtime.head = await runtime.store.commit({ expectedSeq: head.seq, entries: [entry] });
    } catch (error) {
      if (isStoreConflict(error) && attempt < runtime.maxRetries) {
        await backoff(attempt);
        await catchUp(runtime);
        if (decided) return 'retry';
        continue;
      }
      // The denial stands even if it could not be logged; the store's failure is its cause.
      throw new KepuError(issues, { cause: error });
    }
    runtime.listeners.emit('command:denied', { entry, remote: false });
    throw new KepuError(issues);
  }
}

/**
 * Runs commands as one atomic unit: resolves the actor, parses every command, decides them all
 * on the engine's state, commits the audit entries and record writes in one `store.commit`, and
 * only then moves the state and runs the effects. A commit that lost the race to another writer
 * is decided again on the fresh state (up to `maxRetries` times); a denial is audited and thrown.
 */
export async function runCommands(
  runtime: EngineRuntime,
  clock: Clock,
  resolver: ActorResolver | undefined,
  ref: Actor | string | unknown,
  inputs: readonly unknown[],
): Promise<CommittedCommand[]> {
  if (runtime.disposed) throw new KepuError([createIssue('engine-disposed', [])]);
  const at = clock.now();
  if (Number.isNaN(at.getTime())) throw new RangeError('the engine clock returned an invalid date');
  const who = await resolveActor(ref, resolver);
  const parsed = inputs.map((input) => parseCommand(input));
  const prefix = (i: number, issues: readonly KepuIssue[]) =>
    inputs.length === 1 ? issues : issues.map((x) => ({ ...x, path: [i, ...x.path] }));
  if (!who.ok) {
    const first = parsed[0];
    const command = summarise(inputs[0], first?.ok ? first.value : undefined);
    await deny(runtime, auditActorOf(undefined, ref), command, who.issues, at, false);
  }
  const actor = (who as { value: Actor }).value;
  const auditActor = auditActorOf(actor, ref);
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i] as Result<Command>;
    if (!p.ok) await deny(runtime, auditActor, summarise(inputs[i], undefined), prefix(i, p.issues), at, false);
  }
  const commands = parsed.map((p) => (p as { value: Command }).value);

  for (let attempt = 0; ; attempt++) {
    const decided = decideBatch(runtime.wiring.context, runtime.state, actor, commands, at);
    flushPluginErrors(runtime);
    if (!decided.ok) {
      const command = commands[decided.index];
      await deny(runtime, auditActor, command, prefix(decided.index, decided.issues), at, attempt < runtime.maxRetries);
      continue;
    }
    const { state: next, steps } = decided.value;
    let cursor = runtime.head;
    const entries = steps.map((step, i) => {
      const entry = chainJsonEntry(cursor, {
        version: step.version,
        at: at.toISOString(),
        actor: auditActor,
        command: commands[i],
        outcome: 'accepted',
        patches: step.patches,
      });
      cursor = { seq: entry.seq, version: entry.version, hash: entry.hash };
      return entry;
    });
    const writes = writesOf(
      next,
      steps.map((s) => s.patches),
    );
    const batch: CommitBatch = {
      expectedSeq: runtime.head.seq,
      entries,
      records: writes.records,
      snapshots: writes.snapshots,
    };
    try {
      runtime.head = await runtime.store.commit(batch);
    } catch (error) {
      if (isStoreConflict(error) && attempt < runtime.maxRetries) {
        await backoff(attempt);
        await catchUp(runtime);
        continue;
      }
      throw toStoreFailure(runtime.store, error, String);
    }
    // Committed: now the state may move, and the world may hear of it.
    setState(runtime, next);
    steps.forEach((step, i) => {
      runEffects(runtime, entries[i] as AuditEntry, step.effects, false);
    });
    return steps.map((step, i) => ({ version: step.version, entry: entries[i] as AuditEntry, target: step.target }));
  }
}
