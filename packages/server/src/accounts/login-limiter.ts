/**
 * Options of {@link createLoginLimiter}.
 *
 * @example
 * ```ts
 * import type { LoginLimiterOptions } from '@kepu/server';
 * const options: LoginLimiterOptions = { attempts: 20, windowMs: 600_000 };
 * ```
 */
export interface LoginLimiterOptions {
  /** Sign-in attempts one client address may make per window. @default 20 */
  readonly attempts?: number;
  /** @default 600000 (10 minutes) */
  readonly windowMs?: number;
}

/**
 * Counts sign-in attempts per client address in a fixed window, in memory: a cheap first line
 * against password guessing across many accounts, which the per-account lockout cannot see. It
 * is per process; several server processes behind one address each count their own.
 *
 * @example
 * ```ts
 * import { createLoginLimiter } from '@kepu/server';
 * const limiter = createLoginLimiter({ attempts: 2 });
 * limiter.take('10.0.0.1', Date.now()); // undefined: allowed
 * ```
 */
export function createLoginLimiter(options: LoginLimiterOptions = {}) {
  const attempts = options.attempts ?? 20;
  const windowMs = options.windowMs ?? 600_000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one attempt; returns the seconds to wait when over the limit, else undefined. */
    take(client: string, now: number): number | undefined {
      if (windows.size > 10_000) {
        for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
      }
      let w = windows.get(client);
      if (!w || now - w.start >= windowMs) {
        w = { start: now, count: 0 };
        windows.set(client, w);
      }
      w.count++;
      return w.count > attempts ? Math.ceil((w.start + windowMs - now) / 1000) : undefined;
    },
  };
}
