import { createIssue } from '../errors.js';
import { parseUntrusted } from '../internal-parse.js';
import type { Result } from '../result.js';
import { type Actor, type ActorResolver, ActorSchema } from './actor.js';
import { auditActorOf } from './audit-actor.js';

/**
 * Turns an actor or an actor reference into a checked actor, or `unknown-actor` issues. With a
 * resolver, an actor object is not taken on trust: resolving its id must give the same person in
 * the same role, unit and plan, so a caller cannot forge an actor the directory does not hold.
 */
export async function resolveActor(ref: Actor | string | unknown, resolver?: ActorResolver): Promise<Result<Actor>> {
  const unknown = (name: string, detail: string): Result<Actor> => ({
    ok: false,
    issues: [createIssue('unknown-actor', ['actor'], { actor: name.slice(0, 120), detail })],
  });
  if (typeof ref === 'string') {
    if (!resolver) return unknown(ref, 'no resolveActor was configured');
    const found = await lookUp(resolver, ref);
    if (typeof found === 'string') return unknown(ref, found);
    return parseActor(found);
  }
  const parsed = parseActor(ref);
  if (!parsed.ok || !resolver) return parsed;
  const claimed = parsed.value;
  const found = await lookUp(resolver, claimed.id);
  if (typeof found === 'string') return unknown(claimed.id, `${found} in the actor directory`);
  const listed = parseActor(found);
  if (!listed.ok) return listed;
  const same =
    listed.value.id === claimed.id &&
    listed.value.role === claimed.role &&
    listed.value.unit === claimed.unit &&
    listed.value.plan === claimed.plan;
  return same ? listed : unknown(claimed.id, 'the role, unit or plan given differs from the actor directory');
}

/** Asks the resolver; a failure or an unknown reference becomes the reason, as a string. */
async function lookUp(resolver: ActorResolver, ref: string): Promise<unknown> {
  try {
    const found = await resolver(ref);
    return found === undefined ? 'not found' : found;
  } catch (error) {
    return String(error);
  }
}

function parseActor(ref: unknown): Result<Actor> {
  const parsed = parseUntrusted(ActorSchema, ref, ['actor']);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    issues: parsed.issues.map((issue) =>
      createIssue('unknown-actor', issue.path, {
        actor: auditActorOf(undefined, ref).id,
        detail: issue.params.detail ?? issue.message.en,
      }),
    ),
  };
}
