import { type Actor, type CommandType, PERMISSIONS } from '@kepu/core';
import type { ApiScope, RoleBinding, StoredApiKey, StoredSession, StoredUser } from './accounts/account-store.js';
import { ServerError } from './server-error.js';

/**
 * Who a request comes from: the signed-in user, how they proved it, and what that proof lets
 * them do (a browser session may do all the user's roles allow; an API key only its scopes).
 *
 * @example
 * ```ts
 * import type { Principal } from '@kepu/server';
 * const who = (p: Principal) => `${p.user.username} via ${p.via}`;
 * ```
 */
export interface Principal {
  readonly user: StoredUser;
  readonly via: 'session' | 'api-key';
  readonly scopes: readonly ApiScope[];
  readonly session?: StoredSession;
  readonly apiKey?: StoredApiKey;
}

/**
 * The request header that picks which of a user's bindings acts, as `role` or `role:unit`
 * (e.g. `reporter:education`). Without it a command runs as the first binding whose role may
 * run it at all, and reads see what any of the bindings may see.
 *
 * @example
 * ```ts
 * import { ACT_AS_HEADER } from '@kepu/server';
 * fetch('/api/commands/approve-report', { headers: { [ACT_AS_HEADER]: 'lead-reviewer:education' } });
 * ```
 */
export const ACT_AS_HEADER = 'kepu-act-as';

const label = (b: RoleBinding) => (b.unit ? `${b.role}:${b.unit}` : b.role);

/**
 * The engine actor of one binding: the username is the actor's id, so the audit log and the
 * reports name people as they sign in.
 *
 * @example
 * ```ts
 * import { actorOf } from '@kepu/server';
 * actorOf({ username: 'wang.li' } as never, { role: 'reporter', unit: 'education' }).id; // 'wang.li'
 * ```
 */
export function actorOf(user: StoredUser, binding: RoleBinding): Actor {
  return {
    id: user.username,
    role: binding.role,
    ...(binding.unit === undefined ? {} : { unit: binding.unit }),
    ...(binding.plan === undefined ? {} : { plan: binding.plan }),
    ...(user.name === undefined ? {} : { name: user.name }),
  };
}

/** Refuses a request whose credentials lack `scope`. */
export function requireScope(principal: Principal, scope: ApiScope): void {
  if (!principal.scopes.includes(scope)) throw ServerError.of(403, 'scope-denied', { scope });
}

/** The bindings a request acts in: the one the act-as header names, or all of the user's. */
export function bindingsFor(principal: Principal, actAs: string | undefined): readonly RoleBinding[] {
  const all = principal.user.bindings;
  if (actAs === undefined || actAs === '') return all;
  const chosen = all.filter((b) => label(b) === actAs || b.role === actAs);
  if (chosen.length === 0) {
    throw ServerError.of(403, 'no-such-binding', {
      user: principal.user.username,
      binding: actAs.slice(0, 80),
      roles: all.map(label).join(', ') || '—',
    });
  }
  return chosen;
}

/**
 * The actor a command endpoint runs as: the first of the request's bindings whose role has any
 * right to the command in {@link PERMISSIONS}. When none has, the request is refused here with
 * 403 and the engine is never asked, so a refusal by role changes nothing, not even the log.
 * Narrower scopes (own unit, lead unit, not one's own report) are the engine's to judge.
 *
 * @example
 * ```ts
 * import { commandActor } from '@kepu/server';
 * const actor = (p: Parameters<typeof commandActor>[0]) => commandActor(p, 'submit-report', undefined);
 * ```
 */
export function commandActor(principal: Principal, type: CommandType, actAs: string | undefined): Actor {
  requireScope(principal, 'write');
  const bindings = bindingsFor(principal, actAs);
  const binding = bindings.find((b) => PERMISSIONS[b.role][type] !== 'none');
  if (!binding) {
    throw ServerError.of(403, 'role-denied', {
      user: principal.user.username,
      roles: bindings.map(label).join(', ') || '—',
      action: type,
    });
  }
  return actorOf(principal.user, binding);
}

/** True when a request's bindings include the plan office, which administers accounts. */
export function isPlanOffice(principal: Principal): boolean {
  return principal.user.bindings.some((b) => b.role === 'plan-office');
}

/** Refuses account administration to all but the plan office (and keys without `admin`). */
export function requirePlanOffice(principal: Principal, action: string): void {
  requireScope(principal, 'admin');
  if (!isPlanOffice(principal)) {
    throw ServerError.of(403, 'role-denied', {
      user: principal.user.username,
      roles: principal.user.bindings.map(label).join(', ') || '—',
      action,
    });
  }
}

/** The actors of a request's bindings, for read queries filtered by what each may see. */
export function readActors(principal: Principal, actAs: string | undefined): Actor[] {
  requireScope(principal, 'read');
  return bindingsFor(principal, actAs).map((b) => actorOf(principal.user, b));
}
