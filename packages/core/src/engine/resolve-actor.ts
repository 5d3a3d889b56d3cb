import { createIssue } from '../errors.js';
import type { Result } from '../result.js';
import { type Actor, type ActorResolver, ActorSchema } from './actor.js';
import { auditActorOf } from './audit-actor.js';

/** Turns an actor or an actor reference into a checked actor, or `unknown-actor` issues. */
export async function resolveActor(ref: Actor | string | unknown, resolver?: ActorResolver): Promise<Result<Actor>> {
  if (typeof ref === 'string') {
    const name = ref;
    const unknown = (detail: string): Result<Actor> => ({
      ok: false,
      issues: [createIssue('unknown-actor', ['actor'], { actor: name.slice(0, 120), detail })],
    });
    if (!resolver) return unknown('no resolveActor was configured');
    let found: Actor | undefined;
    try {
      found = await resolver(name);
    } catch (error) {
      return unknown(String(error));
    }
    if (found === undefined) return unknown('not found');
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
}
