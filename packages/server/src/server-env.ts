import type { Engine } from '@kepu/core';
import type { Accounts } from './accounts/accounts.js';
import type { Principal } from './principal.js';

/**
 * What each request's context carries, for Hono's typing: the engine, the accounts, and the
 * principal once the request is authenticated.
 *
 * @example
 * ```ts
 * import type { ServerEnv } from '@kepu/server';
 * import type { Context } from 'hono';
 * const user = (c: Context<ServerEnv>) => c.get('principal')?.user.username;
 * ```
 */
export interface ServerEnv {
  Variables: {
    engine: Engine;
    accounts: Accounts;
    principal?: Principal;
    ip: string;
  };
}
