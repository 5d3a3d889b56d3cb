import type { AuditActor } from '../store/types.js';
import type { Actor } from './actor.js';
import type { Command } from './commands/index.js';

/** Who the audit log names: the actor's id, role, unit and plan, or what could be read of a bad reference. */
export function auditActorOf(actor: Actor | undefined, ref?: unknown): AuditActor {
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

/** What is safe to keep of a command that was denied: the parsed command, or its type only. */
export function summarise(input: unknown, parsed: Command | undefined): unknown {
  if (parsed) return parsed;
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  return { type: typeof type === 'string' ? type.slice(0, 60) : null, invalid: true };
}
