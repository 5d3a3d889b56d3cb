import { createHash, randomBytes } from 'node:crypto';

/**
 * A new secret (session token, API key, setup token): 32 random bytes, base64url, with a short
 * prefix that says what it is (`kps_` session, `kpk_` API key, `kpt_` setup token), so a leaked
 * string can be recognised by secret scanners.
 *
 * @example
 * ```ts
 * import { newSecret } from '@kepu/server';
 * newSecret('kpk').startsWith('kpk_'); // true
 * ```
 */
export function newSecret(prefix: 'kps' | 'kpk' | 'kpt' | 'csrf'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * The SHA-256 of a secret, hex: what the account store keeps instead of the secret, so a copy
 * of the database does not hand out live sessions or keys. A token of 256 random bits needs no
 * slow hash.
 *
 * @example
 * ```ts
 * import { secretHash } from '@kepu/server';
 * secretHash('kps_x').length; // 64
 * ```
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
