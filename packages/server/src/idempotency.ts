import { createHash } from 'node:crypto';
import { CommandSchema, type Engine } from '@kepu/core';
import { canonicalJson } from '@kepu/core/assessment';
import type { AccountStore } from './accounts/account-store.js';
import { ServerError } from './server-error.js';

/**
 * The request header that names a command request, so a retry never commits twice.
 *
 * @example
 * ```ts
 * import { IDEMPOTENCY_HEADER } from '@kepu/server';
 * fetch('/api/commands/submit-report', { method: 'POST', headers: { [IDEMPOTENCY_HEADER]: crypto.randomUUID() } });
 * ```
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * What a command endpoint answers: status and JSON body, as kept for retries.
 *
 * @example
 * ```ts
 * import type { StoredResponse } from '@kepu/server';
 * const accepted = (r: StoredResponse) => r.status === 201;
 * ```
 */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Where an accepted command left the engine, as a command endpoint answers it.
 *
 * @example
 * ```ts
 * import type { CommandOutcome } from '@kepu/server';
 * const reportId = (o: CommandOutcome) => (o.target.kind === 'reports' ? o.target.id : undefined);
 * ```
 */
export interface CommandOutcome {
  readonly version: number;
  readonly seq: number;
  readonly hash: string;
  readonly target: { readonly kind: string; readonly id: string };
}

/** The record a command touched, read back from its audit entry's first patch. */
function targetOfPatches(patches: readonly { readonly path: ReadonlyArray<string | number> }[]) {
  const path = patches.find((p) => p.path.length >= 2)?.path ?? [];
  return { kind: String(path[0] ?? ''), id: String(path[1] ?? '') };
}

/**
 * The first response to a command request with this key, if the command already ran. A request
 * left pending by a server that stopped mid-command is looked up in the audit log after the head
 * it started from: an accepted entry by the same actor with the same command is that request's
 * outcome.
 */
async function recover(
  engine: Engine,
  headSeq: number,
  actorId: string,
  body: unknown,
): Promise<StoredResponse | undefined> {
  const parsed = CommandSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const wanted = canonicalJson(parsed.data);
  for (const entry of await engine.readAudit({ after: headSeq })) {
    if (entry.outcome !== 'accepted' || entry.actor.id !== actorId) continue;
    if (canonicalJson(entry.command) !== wanted) continue;
    const outcome: CommandOutcome = {
      version: entry.version,
      seq: entry.seq,
      hash: entry.hash,
      target: targetOfPatches(entry.patches as never),
    };
    return { status: 201, body: outcome };
  }
  return undefined;
}

/**
 * Runs a command request at most once per (user, key). The first request's response is kept
 * and every retry with the same key gets it back; a retry that differs from the first request is
 * refused with `idempotency-mismatch`, and one that arrives while the first is still running
 * waits for it. Responses that say nothing was written (5xx before the engine decided) are not
 * kept, so the retry runs the command; an outcome the store could not confirm stays pending and
 * is settled from the audit log on the next retry.
 *
 * @example
 * ```ts
 * import { createIdempotency } from '@kepu/server';
 * const once = createIdempotency(accountStore, engine);
 * await once.run({ owner: user.id, key, actorId: 'wang.li', method: 'POST', path, body }, () => execute());
 * ```
 */
export function createIdempotency(store: AccountStore, engine: Engine, clock: { now(): Date }) {
  const running = new Map<string, Promise<StoredResponse>>();
  return {
    async run(
      request: {
        readonly owner: string;
        readonly key: string | undefined;
        readonly actorId: string;
        readonly method: string;
        readonly path: string;
        readonly body: unknown;
      },
      execute: () => Promise<StoredResponse>,
    ): Promise<StoredResponse & { replayed: boolean }> {
      const { owner, key } = request;
      if (key === undefined) return { ...(await execute()), replayed: false };
      if (key.length === 0 || key.length > 200) {
        throw ServerError.of(
          422,
          'idempotency-mismatch',
          { key: key.slice(0, 40) },
          { path: ['headers', IDEMPOTENCY_HEADER] },
        );
      }
      const fingerprint = createHash('sha256')
        .update(`${request.method} ${request.path}\n${canonicalJson(request.body ?? null)}`)
        .digest('hex');
      const slot = `${owner}\u0000${key}`;
      const inFlight = running.get(slot);
      const existing = await store.getIdempotent(owner, key);
      if (existing && existing.fingerprint !== fingerprint) {
        throw ServerError.of(422, 'idempotency-mismatch', { key: key.slice(0, 40) });
      }
      if (existing?.response) return { ...existing.response, replayed: true };
      if (inFlight) return { ...(await inFlight), replayed: true };
      if (existing) {
        const found = await recover(engine, existing.headSeq, request.actorId, request.body);
        if (found) {
          await store.finishIdempotent(owner, key, found);
          return { ...found, replayed: true };
        }
        await store.dropIdempotent(owner, key);
      }
      const began = await store.beginIdempotent({
        owner,
        key,
        fingerprint,
        headSeq: engine.getHead().seq,
        createdAt: clock.now().toISOString(),
      });
      // Another server process on the same database took the key between our read and insert.
      if (!began) throw ServerError.of(409, 'idempotency-in-flight', { key: key.slice(0, 40) });
      const work = (async () => {
        try {
          const response = await execute();
          const code = (response.body as { code?: unknown } | null)?.code;
          // Unknown outcome: stay pending, so the next retry settles it from the audit log.
          if (code === 'store-outcome-unknown') return response;
          if (response.status >= 500) await store.dropIdempotent(owner, key);
          else await store.finishIdempotent(owner, key, response);
          return response;
        } finally {
          running.delete(slot);
        }
      })();
      running.set(slot, work);
      return { ...(await work), replayed: false };
    },
  };
}
