import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The cost of scrypt for new password hashes. The default is one of OWASP's equivalent scrypt
 * settings (N=2^15, r=8, p=3: 32 MiB per hash), chosen over N=2^17 so that a county server on a
 * small machine can take a burst of sign-ins without running out of memory. The cost is stored in
 * each hash, so raising it later leaves existing hashes verifiable.
 *
 * @example
 * ```ts
 * import type { PasswordCost } from '@kepu/server';
 * const cost: PasswordCost = { N: 2 ** 15, r: 8, p: 3 };
 * ```
 */
export interface PasswordCost {
  /** CPU and memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * The default {@link PasswordCost}.
 *
 * @example
 * ```ts
 * import { DEFAULT_PASSWORD_COST } from '@kepu/server';
 * DEFAULT_PASSWORD_COST.N; // 32768
 * ```
 */
export const DEFAULT_PASSWORD_COST: PasswordCost = { N: 2 ** 15, r: 8, p: 3 };

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: PasswordCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  // The asynchronous form runs on libuv's pool, so one sign-in never stalls other requests.
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a password with scrypt, a memory-hard function, and a random salt. The result is a
 * self-describing string `scrypt$N$r$p$salt$hash` (base64url), safe to store.
 *
 * @example
 * ```ts
 * import { hashPassword, verifyPassword } from '@kepu/server';
 * const stored = await hashPassword('correct horse battery staple');
 * await verifyPassword('correct horse battery staple', stored); // true
 * ```
 */
export async function hashPassword(password: string, cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * True when `password` matches a hash made by {@link hashPassword}. Compares in constant time;
 * a malformed stored hash is simply no match.
 *
 * @example
 * ```ts
 * import { hashPassword, verifyPassword } from '@kepu/server';
 * await verifyPassword('wrong', await hashPassword('right')); // false
 * ```
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const cost = { N: Number(N), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((n) => Number.isSafeInteger(n) && n > 0)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), cost);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
